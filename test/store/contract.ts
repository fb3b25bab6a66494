import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { KyselyStore, StoreOptions } from '../../src/store/kysely-store.js';
import { MIGRATIONS, MIGRATION_TABLE } from '../../src/store/migrations.js';
import type { ReviewJob } from '../../src/store/types.js';
import { OTHER_REPO, REPO, fakeClock, finding, prJob, sampleReview } from './fixtures.js';

/** One empty database per test; `open` opens (and migrates) a store on it: call it again for a second replica or a restart. */
export interface TestDatabase {
  open(options?: StoreOptions): Promise<KyselyStore>;
}

/** The Store contract, run against SQLite and PostgreSQL alike. */
export function storeContract(freshDatabase: () => Promise<TestDatabase>): void {
  const opened: KyselyStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  async function database() {
    const db = await freshDatabase();
    return {
      async open(options?: StoreOptions) {
        const store = await db.open(options);
        opened.push(store);
        return store;
      },
      /** Close a store as a crash or shutdown would, so it is not closed again after the test. */
      async close(store: KyselyStore) {
        opened.splice(opened.indexOf(store), 1);
        await store.close();
      },
    };
  }

  async function oneStore(options?: StoreOptions) {
    return (await database()).open(options);
  }

  describe('migrations', () => {
    it('are idempotent: migrating again, twice, and from two replicas at once changes nothing', async () => {
      const db = await database();
      const a = await db.open();
      await a.enqueue(prJob());
      await a.migrate();
      await a.migrate();
      const b = await db.open();
      await Promise.all([a.migrate(), b.migrate()]);
      const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(a.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      expect(await b.unfinished()).toHaveLength(1);
    });
  });

  describe('enqueue', () => {
    it('the same delivery twice makes one job', async () => {
      const store = await oneStore();
      const first = await store.enqueue(prJob());
      const again = await store.enqueue(prJob());
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.job.id).toBe(first.job.id);
      expect(first.job).toMatchObject({ ...prJob(), state: 'queued', attempts: 0, checkRunId: null, error: null });
      expect(await store.unfinished()).toHaveLength(1);
    });

    it('another non-re-run delivery for the same PR and SHA joins the job, even once it is done', async () => {
      const store = await oneStore();
      const first = await store.enqueue(prJob());
      const ready = await store.enqueue(prJob({ deliveryId: 'delivery-ready-for-review' }));
      expect(ready).toMatchObject({ created: false, job: { id: first.job.id } });
      await store.claim('w', 60_000);
      await store.finish(first.job.id, 'done');
      const reopened = await store.enqueue(prJob({ deliveryId: 'delivery-reopened' }));
      expect(reopened).toMatchObject({ created: false, job: { id: first.job.id, state: 'done' } });
    });

    it('concurrent enqueues of the same job from two replicas make one job', async () => {
      const db = await database();
      const [a, b] = [await db.open(), await db.open()];
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).enqueue(prJob({ deliveryId: `d${i % 3}` }))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
      expect(await a.unfinished()).toHaveLength(1);
    });

    it('keys jobs by repo, PR, head SHA and family', async () => {
      const store = await oneStore();
      const base = await store.enqueue(prJob());
      const others = [
        await store.enqueue(prJob({ headSha: 'c'.repeat(40) })),
        await store.enqueue(prJob({ prNumber: 8 })),
        await store.enqueue(prJob({ ...OTHER_REPO })),
        await store.enqueue(prJob({ prNumber: null, trigger: 'merge_group', ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc' })),
        await store.enqueue(prJob({ prNumber: null, trigger: 'push', ref: 'refs/heads/main', baseSha: null })),
      ];
      expect(others.every((r) => r.created)).toBe(true);
      expect(new Set([base, ...others].map((r) => r.job.id)).size).toBe(6);
      const push = await store.enqueue(prJob({ prNumber: null, trigger: 'push', ref: 'refs/heads/main', baseSha: null, deliveryId: 'again' }));
      expect(push).toMatchObject({ created: false, job: { id: others[4]!.job.id, prNumber: null, ref: 'refs/heads/main', baseSha: null } });
    });

    it('a re-run joins the queued or running job, else creates a new one, once per delivery', async () => {
      const store = await oneStore();
      const first = await store.enqueue(prJob());
      const whileQueued = await store.enqueue(prJob({ trigger: 'rerequested', deliveryId: 'rerun-1' }));
      expect(whileQueued).toMatchObject({ created: false, job: { id: first.job.id } });
      await store.claim('w', 60_000);
      const whileRunning = await store.enqueue(prJob({ trigger: 'label', deliveryId: 'label-1' }));
      expect(whileRunning).toMatchObject({ created: false, job: { id: first.job.id, state: 'running' } });
      await store.finish(first.job.id, 'done');

      const rerun = await store.enqueue(prJob({ trigger: 'requested_action', deliveryId: 'rerun-2' }));
      expect(rerun.created).toBe(true);
      expect(rerun.job).toMatchObject({ trigger: 'requested_action', state: 'queued', deliveryId: 'rerun-2' });
      await store.claim('w', 60_000);
      await store.finish(rerun.job.id, 'failed', 'boom');
      const redelivered = await store.enqueue(prJob({ trigger: 'requested_action', deliveryId: 'rerun-2' }));
      expect(redelivered).toMatchObject({ created: false, job: { id: rerun.job.id, state: 'failed' } });
      // A plain redelivery of the pull_request event still joins the first job.
      expect(await store.enqueue(prJob())).toMatchObject({ created: false, job: { id: first.job.id } });
    });

    it('concurrent re-runs with different deliveries make one new job', async () => {
      const db = await database();
      const [a, b] = [await db.open(), await db.open()];
      const first = await a.enqueue(prJob());
      await a.claim('w', 60_000);
      await a.finish(first.job.id, 'done');
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).enqueue(prJob({ trigger: 'rerequested', deliveryId: `rerun-${i}` }))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
      expect(await a.unfinished()).toHaveLength(1);
    });

    it('a re-run without a delivery id for a SHA never reviewed creates the job', async () => {
      const store = await oneStore();
      const resumed = await store.enqueue(prJob({ trigger: 'resume', deliveryId: undefined }));
      expect(resumed.created).toBe(true);
      expect(resumed.job.deliveryId).toBeUndefined();
      expect(await store.enqueue(prJob({ trigger: 'resume', deliveryId: undefined }))).toMatchObject({ created: false, job: { id: resumed.job.id } });
    });

    it('a first pull_request delivery after a re-run of that SHA joins the re-run\'s job, even once it is done', async () => {
      const store = await oneStore();
      const rerun = await store.enqueue(prJob({ trigger: 'rerequested', deliveryId: 'rerun-first' }));
      await store.claim('w', 60_000);
      await store.finish(rerun.job.id, 'done');
      expect(await store.enqueue(prJob())).toMatchObject({ created: false, job: { id: rerun.job.id, state: 'done' } });
      expect(await store.unfinished()).toHaveLength(0);
    });
  });

  describe('claim, heartbeat, finish', () => {
    it('takes the oldest queued job with a lease and counts the attempt', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      expect(await store.claim('w1', 1000)).toBeUndefined();
      const a = await store.enqueue(prJob({ headSha: '1'.repeat(40) }));
      clock.advance(1);
      const b = await store.enqueue(prJob({ headSha: '2'.repeat(40) }));
      const claimed = await store.claim('w1', 1000);
      expect(claimed).toMatchObject({ id: a.job.id, state: 'running', attempts: 1 });
      expect(claimed!.updatedAt).toEqual(clock.now());
      expect((await store.claim('w2', 1000))?.id).toBe(b.job.id);
      expect(await store.claim('w3', 1000)).toBeUndefined();
    });

    it('gives each job to exactly one of many parallel claimers across replicas', async () => {
      const db = await database();
      const replicas = [await db.open(), await db.open(), await db.open()];
      const jobs = 12;
      for (let i = 0; i < jobs; i++) await replicas[0]!.enqueue(prJob({ prNumber: 100 + i, headSha: `${i}`.padStart(40, 'f') }));
      const first = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 3]!.claim(`worker-${i}`, 60_000)));
      const claimed = first.filter((j): j is ReviewJob => j !== undefined);
      expect(new Set(claimed.map((j) => j.id)).size).toBe(claimed.length);
      // Whatever a claim skipped (rows locked by another claimer) is still there for the next one.
      for (let j = await replicas[1]!.claim('drain', 60_000); j; j = await replicas[1]!.claim('drain', 60_000)) claimed.push(j);
      expect(claimed.map((j) => j.id).sort((x, y) => x - y)).toHaveLength(jobs);
      expect(new Set(claimed.map((j) => j.id)).size).toBe(jobs);
      expect(claimed.every((j) => j.attempts === 1 && j.state === 'running')).toBe(true);
    });

    it('heartbeat extends the lease for its owner only; an expired lease is reclaimed', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const { job } = await store.enqueue(prJob());
      await store.claim('w1', 1000);
      clock.advance(900);
      expect(await store.heartbeat(job.id, 'w2', 1000)).toBe(false);
      expect(await store.heartbeat(job.id, 'w1', 1000)).toBe(true); // now expires at +1900
      clock.advance(900);
      expect(await store.claim('w2', 1000)).toBeUndefined();
      clock.advance(101);
      const reclaimed = await store.claim('w2', 1000);
      expect(reclaimed).toMatchObject({ id: job.id, state: 'running', attempts: 2 });
      expect(await store.heartbeat(job.id, 'w1', 1000)).toBe(false);
      expect(await store.heartbeat(job.id, 'w2', 1000)).toBe(true);
    });

    it('a restart resumes the job a crashed worker held', async () => {
      const clock = fakeClock();
      const db = await database();
      const before = await db.open({ now: clock.now });
      const { job } = await before.enqueue(prJob());
      await before.setCheckRun(job.id, 30_000_000_001);
      await before.claim('crashed-worker', 30_000);
      await db.close(before);

      clock.advance(30_001);
      const after = await db.open({ now: clock.now });
      expect((await after.unfinished()).map((j) => [j.id, j.state])).toEqual([[job.id, 'running']]);
      expect(await after.claim('new-worker', 30_000)).toMatchObject({ id: job.id, attempts: 2, checkRunId: 30_000_000_001 });
    });

    it('finished states are final and leave the unfinished list', async () => {
      const store = await oneStore();
      const a = await store.enqueue(prJob({ prNumber: 1 }));
      const b = await store.enqueue(prJob({ prNumber: 2 }));
      const c = await store.enqueue(prJob({ prNumber: 3 }));
      await store.claim('w', 60_000);
      expect(await store.finish(a.job.id, 'done')).toBe(true);
      expect(await store.finish(b.job.id, 'failed', 'GitHub said 502\u0000 three times')).toBe(true);
      expect(await store.finish(a.job.id, 'failed', 'late')).toBe(false);
      expect(await store.job(a.job.id)).toMatchObject({ state: 'done', error: null });
      expect(await store.job(b.job.id)).toMatchObject({ state: 'failed', error: 'GitHub said 502\uFFFD three times' });
      expect((await store.unfinished()).map((j) => j.id)).toEqual([c.job.id]);
      expect(await store.job(9999)).toBeUndefined();
      expect((await store.claim('w', 60_000))?.id).toBe(c.job.id);
      expect(await store.claim('w', 60_000)).toBeUndefined();
    });
  });

  describe('queue stats', () => {
    it('counts unfinished jobs per state with the oldest of each; finished jobs leave them', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      expect(await store.queueStats()).toEqual({ queued: { jobs: 0, oldest: null }, running: { jobs: 0, oldest: null } });
      const first = clock.now();
      const a = await store.enqueue(prJob({ prNumber: 1 }));
      clock.advance(5_000);
      const second = clock.now();
      await store.enqueue(prJob({ prNumber: 2 }));
      clock.advance(5_000);
      await store.enqueue(prJob({ prNumber: 3 }));
      await store.claim('w', 60_000);
      expect(await store.queueStats()).toEqual({ queued: { jobs: 2, oldest: second }, running: { jobs: 1, oldest: first } });
      await store.finish(a.job.id, 'done');
      expect(await store.queueStats()).toEqual({ queued: { jobs: 2, oldest: second }, running: { jobs: 0, oldest: null } });
    });
  });

  describe('supersede', () => {
    it('marks queued and running jobs of older SHAs of the PR superseded and returns their check runs', async () => {
      const store = await oneStore();
      const older = await store.enqueue(prJob({ headSha: '1'.repeat(40) }));
      await store.setCheckRun(older.job.id, 30_000_000_111);
      await store.claim('w1', 60_000);
      const old = await store.enqueue(prJob({ headSha: '2'.repeat(40) }));
      const done = await store.enqueue(prJob({ headSha: '3'.repeat(40) }));
      await store.finish(done.job.id, 'done');
      const otherPr = await store.enqueue(prJob({ prNumber: 8, headSha: '4'.repeat(40) }));
      const current = await store.enqueue(prJob({ headSha: '5'.repeat(40) }));

      const superseded = await store.supersede(REPO.repoId, 7, '5'.repeat(40));
      expect(superseded).toEqual([{ jobId: older.job.id, checkRunId: 30_000_000_111 }, { jobId: old.job.id, checkRunId: null }]);
      expect((await store.job(older.job.id))?.state).toBe('superseded');
      expect((await store.job(done.job.id))?.state).toBe('done');
      expect((await store.unfinished()).map((j) => j.id)).toEqual([otherPr.job.id, current.job.id]);
      // The worker of the superseded job learns it at its next heartbeat, and cannot finish it.
      expect(await store.heartbeat(older.job.id, 'w1', 60_000)).toBe(false);
      expect(await store.finish(older.job.id, 'done')).toBe(false);
      expect(await store.supersede(REPO.repoId, 7, '5'.repeat(40))).toEqual([]);
    });
  });

  describe('head SHA -> PR', () => {
    it('maps idempotently and answers the latest PR first', async () => {
      const store = await oneStore();
      await store.mapHeadSha(REPO.repoId, 'f'.repeat(40), 7);
      await store.mapHeadSha(REPO.repoId, 'f'.repeat(40), 7);
      expect(await store.prForHeadSha(REPO.repoId, 'f'.repeat(40))).toBe(7);
      await store.mapHeadSha(REPO.repoId, 'f'.repeat(40), 9);
      expect(await store.prForHeadSha(REPO.repoId, 'f'.repeat(40))).toBe(9);
      expect(await store.prsForHeadSha(REPO.repoId, 'f'.repeat(40))).toEqual([9, 7]);
      expect(await store.prForHeadSha(OTHER_REPO.repoId, 'f'.repeat(40))).toBeUndefined();
    });
  });

  describe('reviews and findings', () => {
    it('round-trips a Review through JSON and indexes its findings', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const { job } = await store.enqueue(prJob());
      const review = sampleReview([
        finding(),
        finding({ fingerprint: 'ffffeeeeddddccccbbbb', kind: 'redundancy-reduced', severity: 'low', component: { id: 'Deployment/prod/api\u0000x', type: 'Deployment', format: 'kubernetes', stack: 'k8s/prod' }, recovery: undefined, suggestion: undefined, title: 'api: 3 → 2 replicas «still tolerant»' }),
      ]);
      delete review.findings[1]!.recovery;
      delete review.findings[1]!.suggestion;
      const input = { ...REPO, jobId: job.id, prNumber: 7, headSha: job.headSha, baseSha: job.baseSha, conclusion: review.conclusion, review };
      const saved = await store.saveReview(input);
      expect(saved).toEqual({ ...input, id: saved.id, createdAt: clock.now() });
      expect(await store.latestReview(REPO.repoId, 7)).toEqual(saved);
      expect((await store.latestReview(REPO.repoId, 7))!.review).toStrictEqual(review);
      expect(await store.findings(saved.id)).toEqual([
        { reviewId: saved.id, fingerprint: '0123456789abcdef0123', kind: 'new-spof', severity: 'critical', rule: 'aws.rds.single-az', componentId: 'aws_db_instance.main', stack: 'envs/prod', file: 'envs/prod/db.tf', line: 12, title: 'aws_db_instance.main is a single point of failure' },
        { reviewId: saved.id, fingerprint: 'ffffeeeeddddccccbbbb', kind: 'redundancy-reduced', severity: 'low', rule: 'aws.rds.single-az', componentId: 'Deployment/prod/api\uFFFDx', stack: 'k8s/prod', file: 'envs/prod/db.tf', line: 12, title: 'api: 3 → 2 replicas «still tolerant»' },
      ]);
      expect(await store.latestReview(REPO.repoId, 8)).toBeUndefined();
    });

    it('saving again for the same job replaces the review and its findings', async () => {
      const store = await oneStore();
      const { job } = await store.enqueue(prJob());
      const base = { ...REPO, jobId: job.id, prNumber: 7, headSha: job.headSha, baseSha: job.baseSha };
      const first = await store.saveReview({ ...base, conclusion: 'failure', review: sampleReview([finding(), finding({ fingerprint: 'x'.repeat(20) })]) });
      const second = await store.saveReview({ ...base, conclusion: 'success', review: sampleReview([]) });
      expect(second.id).toBe(first.id);
      expect(await store.findings(first.id)).toEqual([]);
      expect((await store.latestReview(REPO.repoId, 7))?.conclusion).toBe('success');
    });

    it('the latest review is the newest job’s, even when an older job saves last', async () => {
      const store = await oneStore();
      const older = await store.enqueue(prJob({ headSha: '1'.repeat(40) }));
      const newer = await store.enqueue(prJob({ headSha: '2'.repeat(40) }));
      const save = (job: ReviewJob, conclusion: 'success' | 'failure') =>
        store.saveReview({ ...REPO, jobId: job.id, prNumber: 7, headSha: job.headSha, baseSha: null, conclusion, review: { ...sampleReview([]), conclusion } });
      await save(newer.job, 'success');
      await save(older.job, 'failure');
      expect(await store.latestReview(REPO.repoId, 7)).toMatchObject({ jobId: newer.job.id, conclusion: 'success' });
    });

    it('many findings are stored in batches', async () => {
      const store = await oneStore();
      const { job } = await store.enqueue(prJob());
      const many = Array.from({ length: 1203 }, (_, i) => finding({ fingerprint: `fp${i}`.padEnd(20, '0') }));
      const saved = await store.saveReview({ ...REPO, jobId: job.id, prNumber: 7, headSha: job.headSha, baseSha: null, conclusion: 'failure', review: sampleReview(many) });
      const rows = await store.findings(saved.id);
      expect(rows).toHaveLength(1203);
      expect(rows[1202]?.fingerprint).toBe('fp1202'.padEnd(20, '0'));
    });

    it('refuses a review for a job that does not exist', async () => {
      const store = await oneStore();
      await expect(store.saveReview({ ...REPO, jobId: 424242, prNumber: 7, headSha: 'a', baseSha: null, conclusion: 'success', review: sampleReview([]) })).rejects.toThrow();
    });
  });

  describe('posted comments', () => {
    it('one record per finding of a PR, updated when recorded again; resolution is remembered', async () => {
      const db = await database();
      const [a, b] = [await db.open(), await db.open()];
      const comment = { ...REPO, prNumber: 7, fingerprint: '0123456789abcdef0123', commentId: 3_000_000_001, threadNodeId: 'PRRT_kwDOA', resolved: false };
      await Promise.all([a.recordPosted(comment), b.recordPosted(comment), a.recordPosted(comment)]);
      expect(await a.posted(REPO.repoId, 7)).toEqual([comment]);

      await a.markResolved(REPO.repoId, 7, comment.fingerprint);
      expect(await b.posted(REPO.repoId, 7)).toEqual([{ ...comment, resolved: true }]);
      // The finding came back and was posted anew.
      const again = { ...comment, commentId: 3_000_000_002, threadNodeId: null };
      await b.recordPosted(again);
      const other = { ...comment, fingerprint: 'ffffeeeeddddccccbbbb', commentId: 3_000_000_003 };
      await b.recordPosted(other);
      expect(await a.posted(REPO.repoId, 7)).toEqual([again, other]);
      expect(await a.posted(REPO.repoId, 8)).toEqual([]);
    });

    it('keeps the sticky summary comment and its body hash per PR', async () => {
      const store = await oneStore();
      expect(await store.summaryComment(REPO.repoId, 7)).toBeUndefined();
      await store.saveSummaryComment(REPO.repoId, 7, 3_000_000_010, 'hash-1');
      await store.saveSummaryComment(REPO.repoId, 7, 3_000_000_010, 'hash-2');
      await store.saveSummaryComment(REPO.repoId, 8, 3_000_000_011, 'hash-3');
      expect(await store.summaryComment(REPO.repoId, 7)).toEqual({ commentId: 3_000_000_010, bodyHash: 'hash-2' });
      expect(await store.summaryComment(REPO.repoId, 8)).toEqual({ commentId: 3_000_000_011, bodyHash: 'hash-3' });
    });
  });

  describe('acceptances', () => {
    it('records who accepted which fingerprints, once per redelivery', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const acceptance = { ...REPO, prNumber: 7, headSha: 'a'.repeat(40), fingerprints: ['bbb', 'aaa'], acceptedBy: 'octocat', via: 'check_run_action' as const, note: 'accepted until Q3' };
      await store.recordAcceptance(acceptance);
      await store.recordAcceptance({ ...acceptance, fingerprints: ['aaa', 'bbb', 'aaa'] });
      clock.advance(1000);
      await store.recordAcceptance({ ...acceptance, via: 'label', note: null, fingerprints: ['aaa'] });
      const unrevoked = { expiresAt: null, revokedAt: null, revokedBy: null };
      expect(await store.acceptances(REPO.repoId, 7)).toEqual([
        { ...acceptance, ...unrevoked, fingerprints: ['aaa', 'bbb'], createdAt: new Date(clock.now().getTime() - 1000) },
        { ...acceptance, ...unrevoked, via: 'label', note: null, fingerprints: ['aaa'], createdAt: clock.now() },
      ]);
      expect(await store.acceptances(REPO.repoId, 8)).toEqual([]);
    });

    it('revokes what is in force, once; the same acceptance given again is in force again with its new reason', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const expiresAt = new Date(clock.now().getTime() + 30 * 86_400_000);
      const base = { ...REPO, prNumber: 7, headSha: 'a'.repeat(40), fingerprints: ['aaa'], acceptedBy: 'lead', via: 'comment' as const, note: 'cost cut agreed', expiresAt };
      await store.recordAcceptance(base);
      await store.recordAcceptance({ ...base, acceptedBy: 'old', expiresAt: new Date(clock.now().getTime() - 1) }); // already expired
      await store.recordAcceptance({ ...base, prNumber: 8 });
      clock.advance(1000);
      const revoked = await store.revokeAcceptances(REPO.repoId, 7, 'admin');
      expect(revoked.map((a) => [a.acceptedBy, a.revokedBy, a.revokedAt])).toEqual([['lead', 'admin', clock.now()]]);
      expect(await store.revokeAcceptances(REPO.repoId, 7, 'admin')).toEqual([]);
      expect((await store.acceptances(REPO.repoId, 8))[0]).toMatchObject({ revokedAt: null, expiresAt });
      // A redelivery of the revoked acceptance does not bring it back; giving it again (a new reason) does.
      clock.advance(1000);
      await store.recordAcceptance({ ...base, note: 'agreed again' });
      const [lead] = (await store.acceptances(REPO.repoId, 7)).filter((a) => a.acceptedBy === 'lead');
      expect(lead).toMatchObject({ note: 'agreed again', revokedAt: null, revokedBy: null, createdAt: clock.now(), expiresAt });
      clock.advance(1000);
      await store.recordAcceptance({ ...base, note: 'redelivered' });
      expect((await store.acceptances(REPO.repoId, 7)).find((a) => a.acceptedBy === 'lead')).toMatchObject({ note: 'agreed again' });
    });

    it('keeps the trail of acceptances, refusals and revocations, once per delivery', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const event = {
        ...REPO, prNumber: 7, headSha: 'a'.repeat(40), action: 'refused' as const, actor: 'author', via: 'comment' as const,
        reason: 'trust me', detail: 'the author of the pull request may not accept its risk', fingerprints: ['f2', 'f1'], expiresAt: null, deliveryId: 'd1',
      };
      await store.recordAcceptanceEvent(event);
      await store.recordAcceptanceEvent(event);
      clock.advance(1000);
      const expiresAt = new Date('2025-04-01T00:00:00.000Z');
      await store.recordAcceptanceEvent({ ...event, action: 'accepted', actor: 'lead', detail: null, expiresAt, deliveryId: 'd2' });
      await store.recordAcceptanceEvent({ ...event, action: 'revoked', actor: 'lead', headSha: null, reason: null, detail: null, deliveryId: null });
      await store.recordAcceptanceEvent({ ...event, action: 'revoked', actor: 'lead', headSha: null, reason: null, detail: null, deliveryId: null });
      await store.recordAcceptanceEvent({ ...event, prNumber: 9, deliveryId: 'd3' });
      const trail = await store.acceptanceEvents(REPO.repoId, 7);
      expect(trail.map((e) => [e.action, e.actor, e.deliveryId])).toEqual([['refused', 'author', 'd1'], ['accepted', 'lead', 'd2'], ['revoked', 'lead', null], ['revoked', 'lead', null]]);
      expect(trail[0]).toMatchObject({ ...event, fingerprints: ['f1', 'f2'], createdAt: new Date(clock.now().getTime() - 1000) });
      expect(trail[1]).toMatchObject({ expiresAt, detail: null });
      expect(await store.acceptanceEvents(REPO.repoId)).toHaveLength(5);
      expect(await store.acceptanceEvents(OTHER_REPO.repoId)).toEqual([]);
    });
  });

  describe('PR outcomes', () => {
    it('lists the findings of every review of a PR and keeps one outcome per finding, replaced when the PR closes again', async () => {
      const store = await oneStore();
      const first = await store.enqueue(prJob());
      const second = await store.enqueue(prJob({ headSha: 'c'.repeat(40), deliveryId: 'd2' }));
      await store.saveReview({ ...REPO, jobId: first.job.id, prNumber: 7, headSha: 'a'.repeat(40), baseSha: null, conclusion: 'failure', review: sampleReview([finding(), finding({ fingerprint: 'gone' })]) });
      await store.saveReview({ ...REPO, jobId: second.job.id, prNumber: 7, headSha: 'c'.repeat(40), baseSha: null, conclusion: 'failure', review: sampleReview([finding()]) });
      expect((await store.pullFindings(REPO.repoId, 7)).map((f) => f.fingerprint)).toEqual([finding().fingerprint, 'gone', finding().fingerprint]);
      expect(await store.pullFindings(REPO.repoId, 8)).toEqual([]);

      const closedAt = new Date('2025-03-02T00:00:00.000Z');
      const row = { fingerprint: 'f1', outcome: 'merged-with-risk' as const, accepted: true, severity: 'high' as const, rule: 'r', componentId: 'c', title: 't', headSha: 'c'.repeat(40), mergeSha: 'd'.repeat(40), closedAt };
      await store.recordOutcomes(REPO, 7, [row, { ...row, fingerprint: 'f2', outcome: 'fixed-before-merge', accepted: false }]);
      await store.recordOutcomes(OTHER_REPO, 7, [row]);
      expect(await store.outcomes(REPO.repoId, 7)).toEqual([{ ...REPO, prNumber: 7, ...row }, { ...REPO, prNumber: 7, ...row, fingerprint: 'f2', outcome: 'fixed-before-merge', accepted: false }]);
      await store.recordOutcomes(REPO, 7, [{ ...row, outcome: 'abandoned', accepted: false, mergeSha: null }]);
      expect((await store.outcomes(REPO.repoId)).map((o) => [o.fingerprint, o.outcome, o.mergeSha])).toEqual([['f1', 'abandoned', null]]);
      expect(await store.outcomes(OTHER_REPO.repoId, 7)).toHaveLength(1);
    });
  });

  describe('retention', () => {
    it('expires blobs cached before a date', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      await store.putBlob('old', 'old text', REPO);
      clock.advance(10 * 86_400_000);
      await store.putBlob('new', 'new text', REPO);
      expect(await store.expireBlobs(new Date(clock.now().getTime() - 86_400_000))).toBe(1);
      expect(await store.blob('old')).toBeUndefined();
      expect(await store.blob('new')).toBe('new text');
      expect(await store.expireBlobs(new Date(clock.now().getTime() - 86_400_000))).toBe(0);
    });

    async function populated(store: KyselyStore, ref: typeof REPO, pr: number) {
      const { job } = await store.enqueue(prJob({ ...ref, prNumber: pr }));
      await store.mapHeadSha(ref.repoId, job.headSha, pr);
      await store.saveReview({ ...ref, jobId: job.id, prNumber: pr, headSha: job.headSha, baseSha: null, conclusion: 'failure', review: sampleReview() });
      await store.recordPosted({ ...ref, prNumber: pr, fingerprint: 'f', commentId: 1, threadNodeId: null, resolved: false });
      await store.saveSummaryComment(ref.repoId, pr, 2, 'h');
      await store.recordAcceptance({ ...ref, prNumber: pr, headSha: job.headSha, fingerprints: ['f'], acceptedBy: 'x', via: 'label', note: null });
      await store.recordAcceptanceEvent({ ...ref, prNumber: pr, headSha: null, action: 'accepted', actor: 'x', via: 'label', reason: null, detail: null, fingerprints: ['f'], expiresAt: null, deliveryId: null });
      await store.recordOutcomes(ref, pr, [{ fingerprint: 'f', outcome: 'abandoned', accepted: false, severity: 'low', rule: 'r', componentId: 'c', title: 't', headSha: job.headSha, mergeSha: null, closedAt: new Date() }]);
      await store.saveInventory({ ...ref, ref: 'refs/heads/main', sha: '1'.repeat(40), spofs: [] });
      await store.putBlob(`own-${ref.repoId}`, 'only this repository', ref);
      await store.putBlob('shared', 'both read it', ref);
    }

    async function holds(store: KyselyStore, repoId: number, pr: number) {
      return {
        jobs: (await store.unfinished()).filter((j) => j.repoId === repoId).length,
        review: (await store.latestReview(repoId, pr)) !== undefined,
        findings: (await store.pullFindings(repoId, pr)).length,
        posted: (await store.posted(repoId, pr)).length,
        summary: (await store.summaryComment(repoId, pr)) !== undefined,
        acceptances: (await store.acceptances(repoId, pr)).length,
        events: (await store.acceptanceEvents(repoId)).length,
        outcomes: (await store.outcomes(repoId)).length,
        inventory: (await store.latestInventory(repoId, 'refs/heads/main')) !== undefined,
        pr: await store.prForHeadSha(repoId, 'a'.repeat(40)),
        ownBlob: await store.blob(`own-${repoId}`),
      };
    }
    const full = (repoId: number, pr: number) => ({
      jobs: 1, review: true, findings: 1, posted: 1, summary: true, acceptances: 1, events: 1, outcomes: 1, inventory: true, pr, ownBlob: 'only this repository',
    });
    const empty = { jobs: 0, review: false, findings: 0, posted: 0, summary: false, acceptances: 0, events: 0, outcomes: 0, inventory: false, pr: undefined, ownBlob: undefined };

    it('purging a repository removes everything stored for it and nothing of another', async () => {
      const store = await oneStore();
      await populated(store, REPO, 7);
      await populated(store, OTHER_REPO, 8);
      const counts = await store.purgeRepository(REPO.repoId);
      expect(counts).toMatchObject({ review_jobs: 1, reviews: 1, findings: 1, blobs: 1, blob_repos: 2, acceptance_events: 1, finding_outcomes: 1 });
      expect(await holds(store, REPO.repoId, 7)).toEqual(empty);
      expect(await holds(store, OTHER_REPO.repoId, 8)).toEqual(full(OTHER_REPO.repoId, 8));
      // The other repository read the shared blob too: it stays until that one goes.
      expect(await store.blob('shared')).toBe('both read it');
      await store.purgeRepository(OTHER_REPO.repoId);
      expect(await store.blob('shared')).toBeUndefined();
    });

    it('purging an installation removes every repository of it and leaves other installations alone', async () => {
      const store = await oneStore();
      const elsewhere = { installationId: 99, repoId: 123, owner: 'other', repo: 'infra' };
      await populated(store, REPO, 7);
      await populated(store, OTHER_REPO, 8);
      await populated(store, elsewhere, 9);
      await store.purgeInstallation(REPO.installationId);
      expect(await holds(store, REPO.repoId, 7)).toEqual(empty);
      expect(await holds(store, OTHER_REPO.repoId, 8)).toEqual(empty);
      expect(await holds(store, elsewhere.repoId, 9)).toEqual(full(elsewhere.repoId, 9));
      expect(await store.blob('shared')).toBe('both read it');
      expect(await store.purgeInstallation(REPO.installationId)).toEqual({});
    });
  });

  describe('blob cache', () => {
    it('stores text by blob SHA, byte for byte, first write wins', async () => {
      const store = await oneStore();
      expect(await store.blob('deadbeef')).toBeUndefined();
      const text = 'resource "aws_db_instance" "main" {\n  name = "ünïcødé ✓ 🚀"\n}\n\u0000binary\u0001tail';
      await store.putBlob('deadbeef', text);
      await store.putBlob('deadbeef', 'something else');
      expect(await store.blob('deadbeef')).toBe(text);
      const big = 'x'.repeat(2_000_000);
      await Promise.all([store.putBlob('big', big), store.putBlob('big', big)]);
      expect(await store.blob('big')).toBe(big);
      await store.putBlob('empty', '');
      expect(await store.blob('empty')).toBe('');
    });
  });

  describe('inventory', () => {
    it('keeps the SPOFs of each ref, latest first', async () => {
      const clock = fakeClock();
      const store = await oneStore({ now: clock.now });
      const spof = { fingerprint: 'f1', severity: 'high' as const, rule: 'aws.nat.single', componentId: 'aws_nat_gateway.main', stack: '.', file: 'vpc.tf', line: 4, title: 'one NAT gateway' };
      const record = { ...REPO, ref: 'refs/heads/main', sha: '1'.repeat(40), spofs: [spof] };
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/main')).toBeUndefined();
      await store.saveInventory(record);
      clock.advance(1000);
      await store.saveInventory({ ...record, sha: '2'.repeat(40), spofs: [] });
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/main')).toEqual({ ...record, sha: '2'.repeat(40), spofs: [], source: 'push', createdAt: clock.now() });
      clock.advance(1000);
      await store.saveInventory(record); // the branch went back to the first SHA
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/main')).toEqual({ ...record, source: 'push', createdAt: clock.now() });
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/dev')).toBeUndefined();
      // A backfilled inventory keeps its commit date and says where it came from; an older one is not the latest.
      await store.saveInventory({ ...record, sha: '3'.repeat(40), source: 'history', at: new Date('2024-01-01T00:00:00Z') });
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/main')).toMatchObject({ sha: '1'.repeat(40), source: 'push' });
      await store.saveInventory({ ...record, ref: 'refs/heads/dev', sha: '4'.repeat(40), source: 'history', at: new Date('2024-01-01T00:00:00Z') });
      expect(await store.latestInventory(REPO.repoId, 'refs/heads/dev')).toMatchObject({ source: 'history', createdAt: new Date('2024-01-01T00:00:00Z') });
    });
  });
}
