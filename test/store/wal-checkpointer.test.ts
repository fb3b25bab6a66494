import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer.js';

const dirs: string[] = [];
function tempDb(): { path: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'spof-wal-'));
  dirs.push(dir);
  const path = join(dir, 'store.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('create table t (id integer primary key, body blob)');
  return { path, db };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Pages the write-ahead log holds that are not yet in the database file. */
function pendingPages(db: Database.Database): number {
  // A zero-frame PASSIVE checkpoint is not available; this one copies nothing new when the log is already checkpointed.
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return r!.log - r!.checkpointed;
}

describe('background WAL checkpoints', () => {
  it('takes checkpoints off the committing connection and copies the log on its own thread', async () => {
    const { path, db } = tempDb();
    const checkpointer = startWalCheckpointer(db, path, { intervalMs: 20, busyMs: 1000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('insert into t (body) values (?)');
    // ~2,400 pages: past SQLite's 1,000-page automatic checkpoint, which the connection no longer runs.
    for (let i = 0; i < 2400; i++) insert.run(Buffer.alloc(4000, i % 256));
    await vi.waitFor(() => {
      expect(checkpointer.last?.log).toBeGreaterThan(1000);
      expect(checkpointer.last?.checkpointed).toBe(checkpointer.last?.log);
    }, { timeout: 10_000, interval: 20 });
    expect(checkpointer.failed).toBeUndefined();
    checkpointer.stop();
    expect(pendingPages(db)).toBe(0);
    db.close();
  });

  it('gives checkpoints back to the connection when its thread cannot run them', async () => {
    const { db } = tempDb();
    const failures: string[] = [];
    const checkpointer = startWalCheckpointer(db, join(tmpdir(), 'no-such-dir-spof', 'x', 'store.db'), {
      intervalMs: 20,
      busyMs: 100,
      onFailure: (why) => failures.push(why),
    });
    await vi.waitFor(() => expect(checkpointer.failed).toBeDefined(), { timeout: 10_000, interval: 20 });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/directory does not exist|unable to open/i);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('stops quietly with the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spof-wal-'));
    dirs.push(dir);
    const logged: string[] = [];
    const store = await openStore({ SPOF_REVIEW_DB: join(dir, 'store.db') }, { backgroundCheckpoints: true, log: (m) => logged.push(m) });
    await store.enqueue({ installationId: 1, repoId: 1, owner: 'o', repo: 'r', prNumber: 1, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), trigger: 'pull_request' });
    await store.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(logged).toEqual([]);
  });
});
