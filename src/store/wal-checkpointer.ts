/**
 * SQLite in WAL mode copies the log back into the database at checkpoints, and a checkpoint
 * fsyncs the database file. By default the connection that commits the 1000th page runs it, in the
 * middle of that commit: better-sqlite3 is synchronous, so the app's event loop stopped for the
 * checkpoint (a 62 ms enqueue and 190 ms busy stretches measured under a webhook flood while
 * reviews cached file contents). Here the app's connection never checkpoints; a thread with its
 * own connection runs PASSIVE checkpoints (they wait for no reader or writer) every interval. If
 * that thread stops, the app's connection checkpoints again as before.
 */
import type { Database } from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's default: the committing connection checkpoints once the log holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
export const CHECKPOINT_INTERVAL_MS = 1000;

/** One checkpoint's result as SQLite reports it (`PRAGMA wal_checkpoint`). */
export interface CheckpointResult {
  busy: number;
  /** Pages in the log. */
  log: number;
  /** Pages of the log copied into the database. */
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Checkpoints run so far, and the last one's result. */
  readonly runs: number;
  readonly last: CheckpointResult | undefined;
  /** Why the thread stopped on its own (the app's connection checkpoints again), if it did. */
  readonly failed: string | undefined;
  stop(): void;
}

interface WorkerData {
  driver: string;
  file: string;
  intervalMs: number;
  busyMs: number;
}

/**
 * The thread's code. It runs as a classic script in the thread (no loader, from source or built),
 * so it may use only its arguments.
 */
function checkpointLoop(data: WorkerData, load: (id: string) => any): void {
  const { parentPort } = load('node:worker_threads');
  const SqliteDatabase = load(data.driver);
  const db = new SqliteDatabase(data.file, { timeout: data.busyMs });
  const timer = setInterval(() => {
    try {
      parentPort.postMessage({ result: db.pragma('wal_checkpoint(PASSIVE)')[0] });
    } catch (err) {
      clearInterval(timer);
      db.close();
      parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
      parentPort.close();
    }
  }, data.intervalMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}

export function startWalCheckpointer(sqlite: Database, file: string, options: { intervalMs?: number; busyMs: number; onFailure?: (why: string) => void }): WalCheckpointer {
  const data: WorkerData = {
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    file,
    intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
    busyMs: options.busyMs,
  };
  const worker = new Worker(`(${checkpointLoop.toString()})(require('node:worker_threads').workerData, require)`, { eval: true, workerData: data });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const state = {
    runs: 0,
    last: undefined as CheckpointResult | undefined,
    failed: undefined as string | undefined,
    stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
    },
  };
  const fail = (why: string) => {
    if (stopped || state.failed) return;
    state.failed = why;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    options.onFailure?.(why);
  };
  worker.on('message', (m: { result?: CheckpointResult; error?: string }) => {
    if (m.error !== undefined) return fail(m.error);
    state.runs++;
    state.last = m.result;
  });
  worker.on('error', (err) => fail(err.message));
  worker.on('exit', (code) => fail(`the checkpoint thread exited (code ${code})`));
  return state;
}
