import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../../src/store/migrations.js';
import { describeStore, openStore } from '../../src/store/open.js';
import { cachingStatements } from '../../src/store/statement-cache.js';
import { storeContract } from './contract.js';
import { REPO, fakeClock, finding, prJob, sampleReview } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'spof-review-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let databases = 0;
const freshFile = () => join(dir, `db-${++databases}`, 'store.db');

describe('store on SQLite', () => {
  storeContract(async () => {
    const file = freshFile();
    return { open: (options) => openStore({ SPOF_REVIEW_DB: file }, options) };
  });
});

describe('prepared statements', () => {
  it('are prepared once per SQL text, at most the number kept, and closing closes the database', () => {
    const raw = new Database(':memory:');
    const db = cachingStatements(raw, 2);
    const a = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(a);
    expect(a.all([])).toEqual([{ one: 1 }]);
    const b = db.prepare('select 2 as two');
    db.prepare('select 3 as three'); // the oldest, `select 1`, goes
    expect(db.prepare('select 2 as two')).toBe(b);
    expect(db.prepare('select 1 as one')).not.toBe(a);
    db.close();
    expect(raw.open).toBe(false);
  });
});

describe('the SQLite file', () => {
  it('is created with its directory, in WAL mode synced at checkpoints (no fsync per commit on the event loop), with a busy timeout and foreign keys', async () => {
    const file = join(dir, 'nested', 'deeper', 'spof.db');
    const store = await openStore({ SPOF_REVIEW_DB: file });
    try {
      expect(existsSync(file)).toBe(true);
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)).rows[0]?.journal_mode).toBe('wal');
      // 1: NORMAL (2 would be FULL, SQLite's default).
      expect((await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db)).rows[0]?.synchronous).toBe(1);
      expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db)).rows[0]?.timeout).toBeGreaterThanOrEqual(1000);
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db)).rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps everything across closing and reopening', async () => {
    const file = freshFile();
    const clock = fakeClock();
    const first = await openStore({ SPOF_REVIEW_DB: file }, { now: clock.now });
    const { job } = await first.enqueue(prJob());
    await first.setCheckRun(job.id, 30_000_000_001);
    await first.claim('w1', 60_000);
    const review = await first.saveReview({ ...REPO, jobId: job.id, prNumber: 7, headSha: job.headSha, baseSha: job.baseSha, conclusion: 'failure', review: sampleReview() });
    const comment = { ...REPO, prNumber: 7, fingerprint: finding().fingerprint, commentId: 3_000_000_001, threadNodeId: 'PRRT_x', resolved: false };
    await first.recordPosted(comment);
    await first.saveSummaryComment(REPO.repoId, 7, 3_000_000_002, 'h');
    const acceptance = { ...REPO, prNumber: 7, headSha: job.headSha, fingerprints: ['a'], acceptedBy: 'octocat', via: 'label' as const, note: null };
    await first.recordAcceptance(acceptance);
    await first.putBlob('sha1', 'text ✓');
    const inventory = { ...REPO, ref: 'refs/heads/main', sha: 'c'.repeat(40), spofs: [] };
    await first.saveInventory(inventory);
    await first.mapHeadSha(REPO.repoId, job.headSha, 7);
    const findings = await first.findings(review.id);
    await first.close();

    const again = await openStore({ SPOF_REVIEW_DB: file }, { now: clock.now });
    try {
      expect(await again.job(job.id)).toMatchObject({ state: 'running', attempts: 1, checkRunId: 30_000_000_001 });
      expect(await again.unfinished()).toHaveLength(1);
      expect(await again.latestReview(REPO.repoId, 7)).toEqual(review);
      expect(await again.findings(review.id)).toEqual(findings);
      expect(await again.posted(REPO.repoId, 7)).toEqual([comment]);
      expect(await again.summaryComment(REPO.repoId, 7)).toEqual({ commentId: 3_000_000_002, bodyHash: 'h' });
      expect(await again.acceptances(REPO.repoId, 7)).toEqual([{ ...acceptance, expiresAt: null, revokedAt: null, revokedBy: null, createdAt: clock.now() }]);
      expect(await again.blob('sha1')).toBe('text ✓');
      expect(await again.latestInventory(REPO.repoId, 'refs/heads/main')).toEqual({ ...inventory, source: 'push', createdAt: clock.now() });
      expect(await again.prForHeadSha(REPO.repoId, job.headSha)).toBe(7);
    } finally {
      await again.close();
    }
  });

  it('upgrades a database written before migration 0002: its acceptances stay in force, its blobs can expire', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const first = { '0001_initial': MIGRATIONS['0001_initial']! };
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => first }, migrationTableName: MIGRATION_TABLE, migrationLockTableName: MIGRATION_LOCK_TABLE }).migrateToLatest();
    expect(error).toBeUndefined();
    const at = '2025-03-01T12:00:00.000Z';
    await old.insertInto('acceptances').values({
      installation_id: REPO.installationId, repo_id: REPO.repoId, owner: REPO.owner, repo: REPO.repo, pr_number: 7, head_sha: 'a'.repeat(40),
      fingerprints_json: '["f1"]', fingerprints_hash: 'h', accepted_by: 'octocat', via: 'label', note: null, created_at: at,
    }).execute();
    await old.insertInto('blobs').values({ sha: 'old', content: Buffer.from('text'), created_at: at }).execute();
    await old.destroy();

    const store = await openStore({ SPOF_REVIEW_DB: file });
    try {
      const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(store.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      expect(await store.acceptances(REPO.repoId, 7)).toEqual([{
        ...REPO, prNumber: 7, headSha: 'a'.repeat(40), fingerprints: ['f1'], acceptedBy: 'octocat', via: 'label', note: null,
        expiresAt: null, revokedAt: null, revokedBy: null, createdAt: new Date(at),
      }]);
      expect(await store.revokeAcceptances(REPO.repoId, 7, 'admin')).toHaveLength(1);
      expect(await store.expireBlobs(new Date('2025-04-01T00:00:00.000Z'))).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('defaults to ./spof-review.db and accepts :memory:', async () => {
    expect(describeStore({})).toBe(`sqlite:${resolve('spof-review.db')}`);
    expect(describeStore({ SPOF_REVIEW_DB: join(dir, 'x.db') })).toBe(`sqlite:${join(dir, 'x.db')}`);
    const store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    try {
      expect((await store.enqueue(prJob())).created).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('several processes starting at once on a new file migrate it once and share the queue', async () => {
    const file = freshFile();
    const script = join(dir, 'replica.mts');
    const openModule = pathToFileURL(resolve(import.meta.dirname, '../../src/store/open.ts')).href;
    writeFileSync(script, `
      import { openStore } from ${JSON.stringify(openModule)};
      const store = await openStore({ SPOF_REVIEW_DB: ${JSON.stringify(file)} });
      const created = [];
      for (let pr = 1; pr <= 5; pr++) {
        const r = await store.enqueue({ installationId: 1, repoId: 2, owner: 'o', repo: 'r', prNumber: pr, headSha: 'h', baseSha: null, trigger: 'pull_request', deliveryId: String(process.pid) });
        if (r.created) created.push(r.job.id);
      }
      const claimed = [];
      for (let job = await store.claim(String(process.pid), 60000); job; job = await store.claim(String(process.pid), 60000)) claimed.push(job.id);
      await store.close();
      console.log(JSON.stringify({ created, claimed }));
    `);
    const run = promisify(execFile);
    const outputs = await Promise.all(Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', script], { cwd: resolve(import.meta.dirname, '../..') })));
    const results = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { created: number[]; claimed: number[] });
    // One job per PR however the enqueues interleave (ids may skip: a lost insert race can burn one),
    // and every job claimed exactly once across the processes.
    const created = results.flatMap((r) => r.created).sort((a, b) => a - b);
    expect(created).toHaveLength(5);
    expect(new Set(created).size).toBe(5);
    expect(results.flatMap((r) => r.claimed).sort((a, b) => a - b)).toEqual(created);

    const store = await openStore({ SPOF_REVIEW_DB: file });
    try {
      const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(store.db);
      expect(applied.rows).toHaveLength(Object.keys(MIGRATIONS).length);
    } finally {
      await store.close();
    }
  });
});
