import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely';
import { columnTypes, dialectOf, type ColumnTypes } from './dialect.js';
import { rebuildDashboard } from './dashboard/derive.js';
import { rollUpSpofWeeks } from './dashboard/spof-weeks.js';
import type { Database } from './schema.js';

const ACTIVE_STATES = sql<boolean>`state in ('queued', 'running')`;

/** Migrations are code, in order by name: nothing is read from the file system at runtime. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      const repoColumns = (table: CreateTableBuilder<string, string>) => withRepoColumns(table, t);

      await repoColumns(db.schema.createTable('review_jobs').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer')
        .addColumn('pr_key', 'integer', (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('base_sha', 'text')
        .addColumn('ref', 'text')
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('family', 'text', (c) => c.notNull())
        .addColumn('dedupe', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', t.timestamp)
        .addColumn('check_run_id', t.bigint)
        .addColumn('error', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        // A redelivery, or the same re-run delivered twice, hits this and returns the existing job.
        .addUniqueConstraint('review_jobs_key', ['repo_id', 'family', 'pr_key', 'head_sha', 'dedupe'])
        .execute();
      // At most one queued or running job per key: a re-run while one is active joins it.
      await db.schema.createIndex('review_jobs_one_active').on('review_jobs').unique()
        .columns(['repo_id', 'family', 'pr_key', 'head_sha']).where(ACTIVE_STATES).execute();
      await db.schema.createIndex('review_jobs_claimable').on('review_jobs').columns(['state', 'id']).execute();
      await db.schema.createIndex('review_jobs_by_pr').on('review_jobs').columns(['repo_id', 'pr_number', 'id']).execute();

      await db.schema.createTable('head_sha_prs')
        .addColumn('id', 'integer', t.id)
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('head_sha_prs_key', ['repo_id', 'head_sha', 'pr_number'])
        .execute();

      await repoColumns(db.schema.createTable('reviews').addColumn('id', 'integer', t.id))
        .addColumn('job_id', 'integer', (c) => c.notNull().references('review_jobs.id'))
        .addColumn('pr_number', 'integer')
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('base_sha', 'text')
        .addColumn('conclusion', 'text', (c) => c.notNull())
        .addColumn('review_json', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        // A job retried after a crash replaces its review instead of adding a second one.
        .addUniqueConstraint('reviews_one_per_job', ['job_id'])
        .execute();
      await db.schema.createIndex('reviews_by_pr').on('reviews').columns(['repo_id', 'pr_number', 'job_id']).execute();
      await db.schema.createIndex('reviews_by_repo_time').on('reviews').columns(['repo_id', 'created_at']).execute();

      await db.schema.createTable('findings')
        .addColumn('id', 'integer', t.id)
        .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('pr_number', 'integer')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('component_id', 'text', (c) => c.notNull())
        .addColumn('stack', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('findings_by_review').on('findings').columns(['review_id']).execute();
      await db.schema.createIndex('findings_by_repo_severity_time').on('findings').columns(['repo_id', 'severity', 'created_at']).execute();
      await db.schema.createIndex('findings_by_severity_time').on('findings').columns(['severity', 'created_at']).execute();
      await db.schema.createIndex('findings_by_fingerprint').on('findings').columns(['repo_id', 'fingerprint']).execute();

      await repoColumns(db.schema.createTable('posted_comments').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('comment_id', t.bigint, (c) => c.notNull())
        .addColumn('thread_node_id', 'text')
        .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('posted_comments_key', ['repo_id', 'pr_number', 'fingerprint'])
        .execute();

      await db.schema.createTable('summary_comments')
        .addColumn('id', 'integer', t.id)
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('comment_id', t.bigint, (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('summary_comments_key', ['repo_id', 'pr_number'])
        .execute();

      await repoColumns(db.schema.createTable('acceptances').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('fingerprints_json', 'text', (c) => c.notNull())
        .addColumn('fingerprints_hash', 'text', (c) => c.notNull())
        .addColumn('accepted_by', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('acceptances_key', ['repo_id', 'pr_number', 'head_sha', 'accepted_by', 'via', 'fingerprints_hash'])
        .execute();
      await db.schema.createIndex('acceptances_by_repo_time').on('acceptances').columns(['repo_id', 'created_at']).execute();

      await db.schema.createTable('blobs')
        .addColumn('sha', 'text', (c) => c.primaryKey())
        .addColumn('content', t.binary, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await repoColumns(db.schema.createTable('inventories').addColumn('id', 'integer', t.id))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('spofs_json', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('inventories_key', ['repo_id', 'ref', 'sha'])
        .execute();
      await db.schema.createIndex('inventories_latest').on('inventories').columns(['repo_id', 'ref', 'created_at']).execute();
    },
  },
  '0002_governance_retention': {
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      const repoColumns = (table: CreateTableBuilder<string, string>) => withRepoColumns(table, t);

      // SQLite adds one column per statement.
      await db.schema.alterTable('acceptances').addColumn('expires_at', t.timestamp).execute();
      await db.schema.alterTable('acceptances').addColumn('revoked_at', t.timestamp).execute();
      await db.schema.alterTable('acceptances').addColumn('revoked_by', 'text').execute();

      await repoColumns(db.schema.createTable('acceptance_events').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('head_sha', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .addColumn('fingerprints_json', 'text', (c) => c.notNull())
        .addColumn('expires_at', t.timestamp)
        .addColumn('delivery_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        // A redelivered webhook records nothing twice (NULLs are distinct: events without a delivery all stay).
        .addUniqueConstraint('acceptance_events_delivery', ['delivery_id'])
        .execute();
      await db.schema.createIndex('acceptance_events_by_pr').on('acceptance_events').columns(['repo_id', 'pr_number', 'id']).execute();
      await db.schema.createIndex('acceptance_events_by_time').on('acceptance_events').columns(['repo_id', 'created_at']).execute();

      await repoColumns(db.schema.createTable('finding_outcomes').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('component_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('merge_sha', 'text')
        .addColumn('closed_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('finding_outcomes_key', ['repo_id', 'pr_number', 'fingerprint'])
        .execute();
      await db.schema.createIndex('finding_outcomes_by_time').on('finding_outcomes').columns(['repo_id', 'closed_at']).execute();

      // Which repositories a cached blob was read from: purging a repository removes its blobs.
      await db.schema.createTable('blob_repos')
        .addColumn('id', 'integer', t.id)
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('installation_id', t.bigint, (c) => c.notNull())
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addUniqueConstraint('blob_repos_key', ['sha', 'repo_id'])
        .execute();
      await db.schema.createIndex('blob_repos_by_repo').on('blob_repos').columns(['repo_id']).execute();
      await db.schema.createIndex('blob_repos_by_installation').on('blob_repos').columns(['installation_id']).execute();
      await db.schema.createIndex('blobs_by_age').on('blobs').columns(['created_at']).execute();
      await db.schema.createIndex('findings_by_pr').on('findings').columns(['repo_id', 'pr_number']).execute();
    },
  },
  '0003_dashboard': {
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      const repoColumns = (table: CreateTableBuilder<string, string>) => withRepoColumns(table, t);

      // Who owns the file a finding points at (CODEOWNERS of the reviewed head), recorded by the review job.
      await db.schema.alterTable('findings').addColumn('owners_json', 'text').execute();
      // The mermaid diagram of the affected part of the graph, as the PR got it.
      await db.schema.alterTable('reviews').addColumn('diagram', 'text').execute();
      // `push`, `installation` or `history` (spof-review log --record: dated by commit time, never a PR change).
      await db.schema.alterTable('inventories').addColumn('source', 'text', (c) => c.notNull().defaultTo('push')).execute();
      await db.schema.alterTable('inventories').addColumn('spof_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      // One row per flagged change (a PR with at least one finding in any review), derived from the
      // reviews, acceptances and outcomes of that PR whenever one of them is written (dashboard/changes.ts).
      await repoColumns(db.schema.createTable('dashboard_changes').addColumn('id', 'integer', t.id))
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('job_id', 'integer', (c) => c.notNull())
        .addColumn('counts_json', 'text', (c) => c.notNull())
        .addColumn('top_rank', 'integer', (c) => c.notNull())
        .addColumn('open_findings', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('accepted_until', t.timestamp)
        .addColumn('accepted_by', 'text')
        .addColumn('accept_reason', 'text')
        .addColumn('first_flagged_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_reviewed_at', t.timestamp, (c) => c.notNull())
        .addColumn('fixed_at', t.timestamp)
        .addColumn('closed_outcome', 'text')
        .addColumn('closed_at', t.timestamp)
        .addColumn('merge_sha', 'text')
        .addUniqueConstraint('dashboard_changes_key', ['repo_id', 'pr_number'])
        .execute();
      await db.schema.createIndex('dashboard_changes_by_repo_time').on('dashboard_changes').columns(['repo_id', 'last_reviewed_at', 'id']).execute();
      await db.schema.createIndex('dashboard_changes_by_time').on('dashboard_changes').columns(['last_reviewed_at', 'id']).execute();
      await db.schema.createIndex('dashboard_changes_by_fixed').on('dashboard_changes').columns(['repo_id', 'fixed_at']).execute();

      // What a change can be filtered by: `team`, `kind`, `rule`, `severity` values of its findings.
      await db.schema.createTable('change_facets')
        .addColumn('id', 'integer', t.id)
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('facet', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addUniqueConstraint('change_facets_key', ['repo_id', 'pr_number', 'facet', 'value'])
        .execute();
      await db.schema.createIndex('change_facets_by_value').on('change_facets').columns(['facet', 'value', 'repo_id', 'pr_number']).execute();

      // Each SPOF of a default branch from the inventory it appeared in to the one it was gone from (trends).
      await repoColumns(db.schema.createTable('spof_history').addColumn('id', 'integer', t.id))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('owners_json', 'text', (c) => c.notNull())
        // 1 when it was there in the ref's first inventory: known from then on, not new then.
        .addColumn('baseline', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('appeared_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .execute();
      await db.schema.createIndex('spof_history_open').on('spof_history').columns(['repo_id', 'ref', 'resolved_at']).execute();
      await db.schema.createIndex('spof_history_by_appeared').on('spof_history').columns(['repo_id', 'appeared_at']).execute();
      await db.schema.createIndex('spof_history_by_resolved').on('spof_history').columns(['repo_id', 'resolved_at']).execute();
      await db.schema.createTable('spof_history_teams')
        .addColumn('id', 'integer', t.id)
        .addColumn('spof_id', 'integer', (c) => c.notNull().references('spof_history.id').onDelete('cascade'))
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spof_history_teams_by_team').on('spof_history_teams').columns(['team', 'repo_id', 'spof_id']).execute();
      await db.schema.createIndex('spof_history_teams_by_spof').on('spof_history_teams').columns(['spof_id']).execute();

      await db.schema.createIndex('acceptances_by_expiry').on('acceptances').columns(['repo_id', 'expires_at']).execute();
      await db.schema.createIndex('inventories_by_repo_time').on('inventories').columns(['repo_id', 'created_at']).execute();
      // What was stored before this migration gets its derived rows now.
      await rebuildDashboard(db as Kysely<Database>);
    },
  },
  '0004_inventory_diagram': {
    async up(db: Kysely<any>) {
      // The default branch's SPOFs and what fails with them, as mermaid, for the inventory page's graph.
      await db.schema.alterTable('inventories').addColumn('diagram', 'text').execute();
    },
  },
  '0005_dashboard_team_indexes': {
    async up(db: Kysely<any>) {
      // A SPOF counts once per team: duplicate (SPOF, team) rows written before go, and none comes back.
      await db.deleteFrom('spof_history_teams').where('id', 'not in', db.selectFrom('spof_history_teams').select(sql`min(id)`.as('id')).groupBy(['spof_id', 'team'])).execute();
      await db.schema.dropIndex('spof_history_teams_by_spof').execute();
      await db.schema.createIndex('spof_history_teams_key').on('spof_history_teams').unique().columns(['spof_id', 'team']).execute();
      // The team facets alone (a quarter of the facets), for the views that count changes per team.
      await db.schema.createIndex('change_facets_teams').on('change_facets').columns(['repo_id', 'pr_number', 'value']).where(sql<boolean>`facet = 'team'`).execute();
    },
  },
  '0006_change_teams': {
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      // The overview and the teams page count changes per team from this table alone (dashboard/derive.ts writes it with the facets).
      await db.schema.createTable('change_teams')
        .addColumn('id', 'integer', t.id)
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('pr_number', 'integer', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('closed_outcome', 'text')
        .addColumn('open_findings', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('accepted_until', t.timestamp)
        .addUniqueConstraint('change_teams_key', ['repo_id', 'pr_number', 'team'])
        .execute();
      await db.insertInto('change_teams')
        .columns(['repo_id', 'pr_number', 'team', 'owner', 'repo', 'closed_outcome', 'open_findings', 'accepted', 'accepted_until'])
        .expression(db.selectFrom('change_facets as f')
          .innerJoin('dashboard_changes as c', (j) => j.onRef('c.repo_id', '=', 'f.repo_id').onRef('c.pr_number', '=', 'f.pr_number'))
          .where('f.facet', '=', 'team')
          .select(['f.repo_id', 'f.pr_number', 'f.value', 'c.owner', 'c.repo', 'c.closed_outcome', 'c.open_findings', 'c.accepted', 'c.accepted_until']))
        .execute();
    },
  },
  '0007_spof_weeks': {
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      // SPOF lifetimes counted per repository (and team) and week, for trends (dashboard/spof-weeks.ts writes it with spof_history).
      await db.schema.createTable('spof_weeks')
        .addColumn('id', 'integer', t.id)
        .addColumn('repo_id', t.bigint, (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('week_day', 'integer', (c) => c.notNull())
        .addColumn('appeared', 'integer', (c) => c.notNull())
        .addColumn('appeared_new', 'integer', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spof_weeks_by_repo').on('spof_weeks').columns(['repo_id', 'week_day']).execute();
      await db.schema.createIndex('spof_weeks_by_team').on('spof_weeks').columns(['team', 'repo_id', 'week_day']).execute();
      const repos = await db.selectFrom('spof_history').select('repo_id').distinct().execute();
      for (const r of repos) await rollUpSpofWeeks(db as Kysely<Database>, Number(r.repo_id));
    },
  },
};

/** The repository a row belongs to: GitHub's ids plus the names at the time (for display). */
function withRepoColumns(table: CreateTableBuilder<string, string>, t: ColumnTypes): CreateTableBuilder<string, string> {
  return table
    .addColumn('installation_id', t.bigint, (c) => c.notNull())
    .addColumn('repo_id', t.bigint, (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('repo', 'text', (c) => c.notNull());
}

export const MIGRATION_TABLE = 'spof_review_migration';
export const MIGRATION_LOCK_TABLE = 'spof_review_migration_lock';

/**
 * Bring the schema to the latest migration. Safe under concurrent starts: on PostgreSQL the
 * migrator takes an advisory lock inside one transaction; on SQLite (whose kysely adapter runs
 * DDL without a transaction or lock) the whole run is one `BEGIN IMMEDIATE` transaction, which
 * other processes wait for (busy timeout) and which a crash rolls back; a database already up to
 * date is only read.
 */
export async function migrate(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === 'postgres') {
    const schema = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    await runMigrator(db, schema.rows[0]?.schema ?? 'public');
    return;
  }
  if (await upToDate(db)) return;
  await db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      await runMigrator(conn, undefined);
      await sql`commit`.execute(conn);
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** SQLite: skip the exclusive transaction when every migration is already recorded (the usual start). */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db);
  if (table.rows.length === 0) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(MIGRATIONS).every((name) => names.has(name));
}

async function runMigrator(db: Kysely<any>, migrationTableSchema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const which = failed ? `migration ${failed}` : 'migration';
    throw new Error(`store: ${which} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
