import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { PurgeCounts } from './types.js';
import { toTimestamp } from './values.js';

/** Keeping no more than needed: cached file contents expire, and an uninstalled installation or removed repository leaves nothing behind. */

/** Tables whose rows carry the repository, in an order foreign keys allow (findings go with their reviews, reviews before their jobs). */
const REPO_TABLES = [
  'findings', 'reviews', 'review_jobs', 'head_sha_prs', 'posted_comments', 'summary_comments',
  'acceptances', 'acceptance_events', 'finding_outcomes', 'inventories',
  'change_facets', 'change_teams', 'dashboard_changes', 'spof_history_teams', 'spof_history', 'spof_weeks',
] as const;
const INSTALLATION_TABLES = ['review_jobs', 'reviews', 'posted_comments', 'acceptances', 'acceptance_events', 'finding_outcomes', 'inventories', 'blob_repos'] as const;

/** Blobs cached before `before`, with the record of which repositories read them. */
export async function expireBlobs(db: Kysely<Database>, before: Date): Promise<number> {
  const at = toTimestamp(before);
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('blob_repos').where('sha', 'in', trx.selectFrom('blobs').select('sha').where('created_at', '<', at)).execute();
    const r = await trx.deleteFrom('blobs').where('created_at', '<', at).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

export async function purgeRepository(db: Kysely<Database>, repoId: number): Promise<PurgeCounts> {
  return db.transaction().execute((trx) => purgeRepos(trx, [repoId]));
}

export async function purgeInstallation(db: Kysely<Database>, installationId: number): Promise<PurgeCounts> {
  return db.transaction().execute(async (trx) => {
    const repos = new Set<number>();
    for (const table of INSTALLATION_TABLES) {
      const rows = await trx.selectFrom(table).select('repo_id').distinct().where('installation_id', '=', installationId).execute();
      for (const r of rows) repos.add(Number(r.repo_id));
    }
    return purgeRepos(trx, [...repos]);
  });
}

async function purgeRepos(trx: Transaction<Database>, repoIds: readonly number[]): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  const add = (table: string, n: bigint | number) => {
    counts[table] = (counts[table] ?? 0) + Number(n);
  };
  for (const repoId of repoIds) {
    // Blobs only these repositories read go; one another repository read too stays (its SHA is that repository's content as well).
    const blobs = await trx.deleteFrom('blobs')
      .where('sha', 'in', trx.selectFrom('blob_repos').select('sha').where('repo_id', '=', repoId))
      .where(({ not, exists, selectFrom }) => not(exists(
        selectFrom('blob_repos as other').select('other.id').whereRef('other.sha', '=', 'blobs.sha').where('other.repo_id', '<>', repoId),
      )))
      .executeTakeFirst();
    add('blobs', blobs.numDeletedRows);
    add('blob_repos', (await trx.deleteFrom('blob_repos').where('repo_id', '=', repoId).executeTakeFirst()).numDeletedRows);
    for (const table of REPO_TABLES) add(table, (await trx.deleteFrom(table).where('repo_id', '=', repoId).executeTakeFirst()).numDeletedRows);
  }
  return counts;
}
