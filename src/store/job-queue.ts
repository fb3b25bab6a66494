import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { SqlDialect } from './dialect.js';
import type { Database, ReviewJobsTable } from './schema.js';
import type { EnqueueResult, JobState, JobTrigger, QueueStats, ReviewJob, ReviewJobInput } from './types.js';
import { fromGitHubId, fromGitHubIdOrNull, fromTimestamp, repoRefOf, safeTextOrNull, toTimestamp } from './values.js';

/**
 * The durable job queue in the `review_jobs` table. A job's key is (repo, family, PR, head SHA).
 * The first trigger of a key creates its one `initial` job and every later non-re-run trigger
 * returns it; a re-run trigger creates a new job unless one is queued or running for the key. Both
 * rules are unique indexes, so they hold when replicas enqueue at the same instant.
 */
export type JobFamily = 'review' | 'merge_group' | 'push';

export function jobFamily(trigger: JobTrigger): JobFamily {
  if (trigger === 'installation') return 'push';
  return trigger === 'merge_group' || trigger === 'push' ? trigger : 'review';
}

/** Jobs that record a branch inventory instead of reviewing: a push, or a repository the app was just installed on. */
export function isInventoryJob(trigger: JobTrigger): boolean {
  return jobFamily(trigger) === 'push';
}

/** Triggers that ask for the review to run again on a SHA already reviewed. */
export const RERUN_TRIGGERS: ReadonlySet<JobTrigger> = new Set(['rerequested', 'requested_action', 'label', 'acceptance', 'resume', 'installation']);

const ACTIVE: JobState[] = ['queued', 'running'];
const MAX_ERROR_CHARS = 4000;

type JobRow = Selectable<ReviewJobsTable>;

export class JobQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly now: () => Date,
  ) {}

  async enqueue(input: ReviewJobInput): Promise<EnqueueResult> {
    const key = { repo_id: input.repoId, family: jobFamily(input.trigger), pr_key: input.prNumber ?? 0, head_sha: input.headSha };
    const rerun = RERUN_TRIGGERS.has(input.trigger);
    const dedupe = !rerun ? 'initial' : input.deliveryId ? `delivery:${input.deliveryId}` : `rerun:${randomUUID()}`;
    const at = toTimestamp(this.now());
    const row = {
      ...key,
      installation_id: input.installationId,
      owner: input.owner,
      repo: input.repo,
      pr_number: input.prNumber,
      base_sha: input.baseSha,
      ref: input.ref ?? null,
      trigger: input.trigger,
      dedupe,
      delivery_id: input.deliveryId ?? null,
      state: 'queued',
      attempts: 0,
      created_at: at,
      updated_at: at,
    };
    const insert = this.db.insertInto('review_jobs');
    const columns = Object.keys(row) as (keyof typeof row)[];
    const inserted = await (rerun
      ? insert.values(row)
      : // A first trigger inserts only when the key has no job at all (one it joins otherwise), in the
        // same statement: the webhook's acknowledgement waits for one statement, not a lookup and an insert.
        insert.columns(columns).expression(
          this.db
            .selectNoFrom((eb) => columns.map((c) => eb.val(row[c]).as(c)))
            .where(({ not, exists, selectFrom, lit }) =>
              not(exists(selectFrom('review_jobs').select(lit(1).as('one'))
                .where('repo_id', '=', key.repo_id).where('family', '=', key.family).where('pr_key', '=', key.pr_key).where('head_sha', '=', key.head_sha))),
            ),
        ))
      // No conflict target: any of the unique indexes (the key, the one active job) applies.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: toJob(inserted), created: true };
    // Rows are never deleted, so the row we conflicted with (or found) is still there.
    const existing = await this.existing(key, dedupe);
    if (!existing) throw new Error(`store: job for ${input.owner}/${input.repo}@${input.headSha} conflicted but cannot be found`);
    return { job: toJob(existing), created: false };
  }

  /** The job an enqueue joins: the same delivery, else the active one, else the latest. */
  private existing(key: { repo_id: number; family: string; pr_key: number; head_sha: string }, dedupe: string): Promise<JobRow | undefined> {
    return this.db
      .selectFrom('review_jobs')
      .selectAll()
      .where('repo_id', '=', key.repo_id)
      .where('family', '=', key.family)
      .where('pr_key', '=', key.pr_key)
      .where('head_sha', '=', key.head_sha)
      .orderBy(sql`case when dedupe = ${dedupe} then 0 when state in ('queued', 'running') then 1 else 2 end`)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async claim(workerId: string, leaseMs: number): Promise<ReviewJob | undefined> {
    const now = this.now();
    const at = toTimestamp(now);
    const lease = {
      state: 'running',
      lease_owner: workerId,
      lease_expires_at: toTimestamp(new Date(now.getTime() + leaseMs)),
      updated_at: at,
    };
    const claimable = (eb: ExpressionBuilder<Database, 'review_jobs'>) =>
      eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', at)])]);

    if (this.dialect === 'postgres') {
      // Replicas skip the rows another one has locked instead of waiting for them.
      const row = await this.db.transaction().execute(async (trx) => {
        const next = await trx.selectFrom('review_jobs').select('id').where(claimable)
          .orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
        if (!next) return undefined;
        return trx.updateTable('review_jobs').set(lease).set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('id', '=', next.id).returningAll().executeTakeFirst();
      });
      return row && toJob(row);
    }
    // SQLite: one statement is atomic (writers are serialized by the database lock).
    const row = await this.db.updateTable('review_jobs').set(lease).set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) => eb.selectFrom('review_jobs').select('id').where(claimable).orderBy('id').limit(1))
      .returningAll().executeTakeFirst();
    return row && toJob(row);
  }

  async heartbeat(jobId: number, workerId: string, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const result = await this.db.updateTable('review_jobs')
      .set({ lease_expires_at: toTimestamp(new Date(now.getTime() + leaseMs)), updated_at: toTimestamp(now) })
      .where('id', '=', jobId).where('state', '=', 'running').where('lease_owner', '=', workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Gives a running job of ours back to the queue (a shutdown that could not wait for it): another
   * worker takes it at once. The interruption is not counted as a crash.
   */
  async release(jobId: number, workerId: string): Promise<boolean> {
    const result = await this.db.updateTable('review_jobs')
      .set((eb) => ({ state: 'queued', lease_owner: null, lease_expires_at: null, attempts: eb('attempts', '-', 1), updated_at: toTimestamp(this.now()) }))
      .where('id', '=', jobId).where('state', '=', 'running').where('lease_owner', '=', workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Jobs still leased to an earlier run of this replica (`<replica>#<run>` owners other than the
   * current one): that run is gone, so their leases end now instead of when they expire.
   */
  async expireEarlierRuns(replica: string, currentOwner: string): Promise<number> {
    const prefix = `${replica}#`;
    const now = this.now();
    const at = toTimestamp(now);
    // Lapsed a millisecond ago, so the claim that follows takes it even within the same millisecond.
    const lapsed = toTimestamp(new Date(now.getTime() - 1));
    const result = await this.db.updateTable('review_jobs')
      .set({ lease_expires_at: lapsed, updated_at: at })
      .where('state', '=', 'running')
      .where(sql<string>`substr(lease_owner, 1, ${prefix.length})`, '=', prefix)
      .where('lease_owner', '<>', currentOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Finished states are final: finishing a superseded or already finished job changes nothing (false). */
  async finish(jobId: number, state: Exclude<JobState, 'queued' | 'running'>, error?: string): Promise<boolean> {
    const result = await this.db.updateTable('review_jobs')
      .set({ state, error: safeTextOrNull(error?.slice(0, MAX_ERROR_CHARS)), lease_expires_at: null, updated_at: toTimestamp(this.now()) })
      .where('id', '=', jobId).where('state', 'in', ACTIVE)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setCheckRun(jobId: number, checkRunId: number): Promise<void> {
    await this.db.updateTable('review_jobs').set({ check_run_id: checkRunId, updated_at: toTimestamp(this.now()) })
      .where('id', '=', jobId).execute();
  }

  async supersede(repoId: number, prNumber: number, currentHeadSha: string): Promise<{ jobId: number; checkRunId: number | null }[]> {
    const rows = await this.db.updateTable('review_jobs')
      .set({ state: 'superseded', lease_expires_at: null, updated_at: toTimestamp(this.now()) })
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber)
      .where('head_sha', '<>', currentHeadSha).where('state', 'in', ACTIVE)
      .returning(['id', 'check_run_id'])
      .execute();
    return rows.map((r) => ({ jobId: r.id, checkRunId: fromGitHubIdOrNull(r.check_run_id) })).sort((a, b) => a.jobId - b.jobId);
  }

  async unfinished(): Promise<ReviewJob[]> {
    const rows = await this.db.selectFrom('review_jobs').selectAll().where('state', 'in', ACTIVE).orderBy('id').execute();
    return rows.map(toJob);
  }

  async queueStats(): Promise<QueueStats> {
    const rows = await this.db
      .selectFrom('review_jobs')
      .select((eb) => ['state', eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('state', 'in', ACTIVE)
      .groupBy('state')
      .execute();
    const out: QueueStats = { queued: { jobs: 0, oldest: null }, running: { jobs: 0, oldest: null } };
    for (const r of rows) {
      if (r.state !== 'queued' && r.state !== 'running') continue;
      out[r.state] = { jobs: Number(r.n), oldest: r.oldest === null ? null : fromTimestamp(r.oldest) };
    }
    return out;
  }

  async job(jobId: number): Promise<ReviewJob | undefined> {
    const row = await this.db.selectFrom('review_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return row && toJob(row);
  }
}

function toJob(row: JobRow): ReviewJob {
  return {
    id: row.id,
    ...repoRefOf(row),
    prNumber: row.pr_number,
    headSha: row.head_sha,
    baseSha: row.base_sha,
    ...(row.ref !== null ? { ref: row.ref } : {}),
    trigger: row.trigger as JobTrigger,
    ...(row.delivery_id !== null ? { deliveryId: row.delivery_id } : {}),
    state: row.state as JobState,
    attempts: row.attempts,
    checkRunId: fromGitHubIdOrNull(row.check_run_id),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
    error: row.error,
  };
}
