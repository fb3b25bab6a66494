import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyStore, type StoreOptions } from './kysely-store.js';
import { redactText, redactUrl, urlSecrets } from './redact.js';
import { StorePostgresDialect } from './postgres-dialect.js';
import { cachingStatements } from './statement-cache.js';
import { startWalCheckpointer } from './wal-checkpointer.js';
import type { Database as Tables } from './schema.js';

/**
 * `DATABASE_URL=postgres://...`: PostgreSQL (any number of app replicas share it), optionally in
 * the schema `DATABASE_SCHEMA` (created when missing). Otherwise SQLite in the file
 * `SPOF_REVIEW_DB` (default `./spof-review.db`; `:memory:` for a throwaway store).
 */
export interface StoreEnv {
  DATABASE_URL?: string | undefined;
  DATABASE_SCHEMA?: string | undefined;
  SPOF_REVIEW_DB?: string | undefined;
}

export interface OpenStoreOptions extends StoreOptions {
  /** Where to report what fails in the background (idle PostgreSQL connections, WAL checkpoints; already redacted). Default: stderr. */
  log?: (message: string) => void;
  /**
   * SQLite file: checkpoint the write-ahead log on a thread of its own (wal-checkpointer.ts), never
   * in the middle of a commit on the event loop. The app server turns it on; one-shot commands keep
   * SQLite's own checkpoints.
   */
  backgroundCheckpoints?: boolean;
}

export const DEFAULT_SQLITE_FILE = './spof-review.db';
/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const PG_POOL_SIZE = 10;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Open the store the environment asks for and bring its schema up to date. */
// (`as StoreEnv`: Probot's augmentation of NodeJS.ProcessEnv makes it a weak-type mismatch otherwise.)
export async function openStore(env: StoreEnv = process.env as StoreEnv, options: OpenStoreOptions = {}): Promise<KyselyStore> {
  const url = env.DATABASE_URL?.trim();
  return url ? openPostgres(url, env.DATABASE_SCHEMA?.trim() || undefined, options) : openSqlite(env.SPOF_REVIEW_DB?.trim() || DEFAULT_SQLITE_FILE, options);
}

/** Where the store lives, safe to log: `postgres://user:***@host/db` or `sqlite:/abs/path.db`. */
export function describeStore(env: StoreEnv = process.env as StoreEnv): string {
  const url = env.DATABASE_URL?.trim();
  if (url) return redactUrl(url) + (env.DATABASE_SCHEMA ? ` (schema ${env.DATABASE_SCHEMA})` : '');
  const file = env.SPOF_REVIEW_DB?.trim() || DEFAULT_SQLITE_FILE;
  return `sqlite:${file === ':memory:' ? file : resolve(file)}`;
}

async function openPostgres(url: string, schema: string | undefined, options: OpenStoreOptions): Promise<KyselyStore> {
  const secrets = urlSecrets(url);
  const fail = (what: string, err: unknown) =>
    new Error(`store: ${what} PostgreSQL at ${redactUrl(url)}: ${redactText(err instanceof Error ? err.message : String(err), secrets)}`);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`store: DATABASE_URL must be a postgres:// URL, got ${redactUrl(url)}`);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`store: DATABASE_SCHEMA must be a plain identifier, got ${JSON.stringify(schema)}`);

  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  } catch (err) {
    throw fail('cannot configure', err);
  }
  const log = logOf(options);
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (err) => log(`store: idle PostgreSQL connection failed: ${redactText(err.message, secrets)}`));
  const store = new KyselyStore(new Kysely<Tables>({ dialect: new StorePostgresDialect({ pool }) }), options);
  try {
    if (schema) await createSchema(store.db, schema);
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw fail('cannot open', err);
  }
  return store;
}

/** Where the store reports what goes wrong in the background: the caller's log, else stderr. */
function logOf(options: OpenStoreOptions): (message: string) => void {
  return options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
}

/** `create schema if not exists` can still fail when replicas race: fine when the schema is there. */
async function createSchema(db: Kysely<Tables>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (err) {
    const exists = await sql<{ n: number }>`select 1 as n from information_schema.schemata where schema_name = ${schema}`.execute(db);
    if (exists.rows.length === 0) throw err;
  }
}

async function openSqlite(file: string, options: OpenStoreOptions): Promise<KyselyStore> {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 is synchronous: with the default FULL every commit waits for an fsync on the
    // event loop (6 ms median, 32 ms p99 measured on the bench machine), and 50 deliveries at once
    // queue behind one another's fsyncs. NORMAL in WAL mode syncs at checkpoints only: a commit
    // survives the app's crash (kill -9); only an OS crash or power loss can undo the last ones.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite.close();
    throw new Error(`store: cannot open SQLite database ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const database = cachingStatements(sqlite);
  if (options.backgroundCheckpoints && path !== ':memory:') {
    const log = logOf(options);
    const checkpointer = startWalCheckpointer(sqlite, path, {
      busyMs: SQLITE_BUSY_TIMEOUT_MS,
      onFailure: (why) => log(`store: background WAL checkpoints stopped (${why}); the app's connection checkpoints again`),
    });
    const close = database.close;
    database.close = () => {
      checkpointer.stop();
      close();
    };
  }
  const store = new KyselyStore(new Kysely<Tables>({ dialect: new SqliteDialect({ database }) }), options);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
