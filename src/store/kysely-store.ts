import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.js';
import { JobQueue } from './job-queue.js';
import { migrate } from './migrations.js';
import { rebuildSpofHistory, recordSpofHistory } from './dashboard/derive.js';
import * as governance from './governance-records.js';
import * as retention from './retention.js';
import * as reviews from './review-records.js';
import type { Database } from './schema.js';
import type {
  Acceptance, AcceptanceEvent, AcceptanceEventInput, AcceptanceInput, EnqueueResult, FindingOutcome, InventoryInput, InventoryRecord, JobState, PostedComment,
  PurgeCounts, QueueStats, RepoRef, ReviewInput, ReviewJob, ReviewJobInput, Store, StoredFinding, StoredReview,
} from './types.js';
import { fromGitHubId, fromTimestamp, repoRefOf, safeText, toTimestamp } from './values.js';

export interface StoreOptions {
  /** The clock for timestamps and leases; tests pass a fake one. */
  now?: () => Date;
}

/** The Store over any kysely instance on SQLite or PostgreSQL; `openStore` builds one from the environment. */
export class KyselyStore implements Store {
  private readonly now: () => Date;
  private readonly queue: JobQueue;

  constructor(readonly db: Kysely<Database>, options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.queue = new JobQueue(db, dialectOf(db), this.now);
  }

  migrate(): Promise<void> {
    return migrate(this.db);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  // --- the durable job queue (job-queue.ts)
  enqueue(input: ReviewJobInput): Promise<EnqueueResult> { return this.queue.enqueue(input); }
  claim(workerId: string, leaseMs: number): Promise<ReviewJob | undefined> { return this.queue.claim(workerId, leaseMs); }
  heartbeat(jobId: number, workerId: string, leaseMs: number): Promise<boolean> { return this.queue.heartbeat(jobId, workerId, leaseMs); }
  release(jobId: number, workerId: string): Promise<boolean> { return this.queue.release(jobId, workerId); }
  expireEarlierRuns(replica: string, currentOwner: string): Promise<number> { return this.queue.expireEarlierRuns(replica, currentOwner); }
  finish(jobId: number, state: Exclude<JobState, 'queued' | 'running'>, error?: string): Promise<boolean> { return this.queue.finish(jobId, state, error); }
  setCheckRun(jobId: number, checkRunId: number): Promise<void> { return this.queue.setCheckRun(jobId, checkRunId); }
  supersede(repoId: number, prNumber: number, currentHeadSha: string): Promise<{ jobId: number; checkRunId: number | null }[]> {
    return this.queue.supersede(repoId, prNumber, currentHeadSha);
  }
  unfinished(): Promise<ReviewJob[]> { return this.queue.unfinished(); }
  job(jobId: number): Promise<ReviewJob | undefined> { return this.queue.job(jobId); }
  queueStats(): Promise<QueueStats> { return this.queue.queueStats(); }

  // --- head SHA -> PR
  async mapHeadSha(repoId: number, headSha: string, prNumber: number): Promise<void> {
    await this.db.insertInto('head_sha_prs')
      .values({ repo_id: repoId, head_sha: headSha, pr_number: prNumber, created_at: toTimestamp(this.now()) })
      .onConflict((oc) => oc.doNothing()).execute();
  }

  async prForHeadSha(repoId: number, headSha: string): Promise<number | undefined> {
    return (await this.prsForHeadSha(repoId, headSha))[0];
  }

  async prsForHeadSha(repoId: number, headSha: string): Promise<number[]> {
    const rows = await this.db.selectFrom('head_sha_prs').select('pr_number')
      .where('repo_id', '=', repoId).where('head_sha', '=', headSha).orderBy('id', 'desc').execute();
    return rows.map((r) => r.pr_number);
  }

  // --- reviews and findings (review-records.ts)
  saveReview(review: ReviewInput): Promise<StoredReview> { return reviews.saveReview(this.db, review, this.now()); }
  latestReview(repoId: number, prNumber: number): Promise<StoredReview | undefined> { return reviews.latestReview(this.db, repoId, prNumber); }
  findings(reviewId: number): Promise<StoredFinding[]> { return reviews.findings(this.db, reviewId); }

  // --- what was posted
  async posted(repoId: number, prNumber: number): Promise<PostedComment[]> {
    const rows = await this.db.selectFrom('posted_comments').selectAll()
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).orderBy('id').execute();
    return rows.map((r) => ({
      ...repoRefOf(r),
      prNumber: r.pr_number,
      fingerprint: r.fingerprint,
      commentId: fromGitHubId(r.comment_id),
      threadNodeId: r.thread_node_id,
      resolved: r.resolved !== 0,
    }));
  }

  /** One row per (repo, PR, fingerprint): recording it again (a finding that came back) updates the row. */
  async recordPosted(c: PostedComment): Promise<void> {
    const at = toTimestamp(this.now());
    const row = {
      installation_id: c.installationId, repo_id: c.repoId, owner: c.owner, repo: c.repo, pr_number: c.prNumber,
      fingerprint: safeText(c.fingerprint), comment_id: c.commentId, thread_node_id: c.threadNodeId, resolved: c.resolved ? 1 : 0,
    };
    await this.db.insertInto('posted_comments').values({ ...row, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['repo_id', 'pr_number', 'fingerprint']).doUpdateSet({
        installation_id: c.installationId, owner: c.owner, repo: c.repo, comment_id: c.commentId,
        thread_node_id: c.threadNodeId, resolved: row.resolved, updated_at: at,
      }))
      .execute();
  }

  async markResolved(repoId: number, prNumber: number, fingerprint: string): Promise<void> {
    await this.db.updateTable('posted_comments').set({ resolved: 1, updated_at: toTimestamp(this.now()) })
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).where('fingerprint', '=', fingerprint).execute();
  }

  async summaryComment(repoId: number, prNumber: number): Promise<{ commentId: number; bodyHash: string } | undefined> {
    const row = await this.db.selectFrom('summary_comments').select(['comment_id', 'body_hash'])
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).executeTakeFirst();
    return row && { commentId: fromGitHubId(row.comment_id), bodyHash: row.body_hash };
  }

  async saveSummaryComment(repoId: number, prNumber: number, commentId: number, bodyHash: string): Promise<void> {
    const at = toTimestamp(this.now());
    await this.db.insertInto('summary_comments')
      .values({ repo_id: repoId, pr_number: prNumber, comment_id: commentId, body_hash: bodyHash, updated_at: at })
      .onConflict((oc) => oc.columns(['repo_id', 'pr_number']).doUpdateSet({ comment_id: commentId, body_hash: bodyHash, updated_at: at }))
      .execute();
  }

  // --- accepted risk and its trail (governance-records.ts)
  recordAcceptance(a: AcceptanceInput): Promise<void> { return governance.recordAcceptance(this.db, a, this.now()); }
  acceptances(repoId: number, prNumber: number): Promise<Acceptance[]> { return governance.acceptances(this.db, repoId, prNumber); }
  revokeAcceptances(repoId: number, prNumber: number, revokedBy: string): Promise<Acceptance[]> {
    return governance.revokeAcceptances(this.db, repoId, prNumber, revokedBy, this.now());
  }
  recordAcceptanceEvent(e: AcceptanceEventInput): Promise<void> { return governance.recordAcceptanceEvent(this.db, e, this.now()); }
  acceptanceEvents(repoId: number, prNumber?: number): Promise<AcceptanceEvent[]> { return governance.acceptanceEvents(this.db, repoId, prNumber); }

  // --- PR outcomes
  pullFindings(repoId: number, prNumber: number): Promise<StoredFinding[]> { return reviews.pullFindings(this.db, repoId, prNumber); }
  recordOutcomes(ref: RepoRef, prNumber: number, outcomes: readonly Omit<FindingOutcome, keyof RepoRef | 'prNumber'>[]): Promise<void> {
    return governance.recordOutcomes(this.db, ref, prNumber, outcomes);
  }
  outcomes(repoId: number, prNumber?: number): Promise<FindingOutcome[]> { return governance.outcomes(this.db, repoId, prNumber); }

  // --- blob cache
  async blob(sha: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('blobs').select('content').where('sha', '=', sha).executeTakeFirst();
    return row && Buffer.from(row.content).toString('utf8');
  }

  async putBlob(sha: string, text: string, from?: { installationId: number; repoId: number }): Promise<void> {
    await this.db.insertInto('blobs').values({ sha, content: Buffer.from(text, 'utf8'), created_at: toTimestamp(this.now()) })
      .onConflict((oc) => oc.column('sha').doNothing()).execute();
    if (from) {
      await this.db.insertInto('blob_repos').values({ sha, installation_id: from.installationId, repo_id: from.repoId })
        .onConflict((oc) => oc.columns(['sha', 'repo_id']).doNothing()).execute();
    }
  }

  expireBlobs(before: Date): Promise<number> { return retention.expireBlobs(this.db, before); }

  // --- retention (retention.ts)
  purgeInstallation(installationId: number): Promise<PurgeCounts> { return retention.purgeInstallation(this.db, installationId); }
  purgeRepository(repoId: number): Promise<PurgeCounts> { return retention.purgeRepository(this.db, repoId); }

  // --- default-branch inventory
  /** One record per (repo, ref, SHA): recording a SHA again refreshes it and makes it the latest. */
  async saveInventory(record: InventoryInput, options: { deferHistory?: boolean } = {}): Promise<void> {
    const date = record.at ?? this.now();
    const at = toTimestamp(date);
    const spofs_json = JSON.stringify(record.spofs);
    const source = record.source ?? 'push';
    const diagram = record.diagram ?? null;
    const ref = repoRefOf({ installation_id: record.installationId, repo_id: record.repoId, owner: record.owner, repo: record.repo });
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('inventories').values({
        installation_id: record.installationId, repo_id: record.repoId, owner: record.owner, repo: record.repo,
        ref: record.ref, sha: record.sha, spofs_json, source, spof_count: record.spofs.length, diagram, created_at: at,
      }).onConflict((oc) => oc.columns(['repo_id', 'ref', 'sha']).doUpdateSet({
        installation_id: record.installationId, owner: record.owner, repo: record.repo, spofs_json, source, spof_count: record.spofs.length, diagram, created_at: at,
      })).execute();
      if (!options.deferHistory) await recordSpofHistory(trx, ref, record.ref, record.spofs, date);
    });
  }

  async rebuildSpofHistory(repoId: number, ref: string): Promise<void> {
    await this.db.transaction().execute((trx) => rebuildSpofHistory(trx, repoId, ref));
  }

  async latestInventory(repoId: number, ref: string): Promise<InventoryRecord | undefined> {
    const r = await this.db.selectFrom('inventories').selectAll().where('repo_id', '=', repoId).where('ref', '=', ref)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r && {
      ...repoRefOf(r),
      ref: r.ref,
      sha: r.sha,
      spofs: JSON.parse(r.spofs_json) as InventoryRecord['spofs'],
      ...(r.diagram !== null ? { diagram: r.diagram } : {}),
      source: r.source as InventoryRecord['source'],
      createdAt: fromTimestamp(r.created_at),
    };
  }
}
