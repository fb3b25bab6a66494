import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import type { KyselyStore, StoreOptions } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open.js';
import { redactText, redactUrl, urlSecrets } from '../../src/store/redact.js';

/**
 * The databases the dashboard's queries are tested on: a SQLite file and a PostgreSQL schema per
 * test (`DATABASE_URL`, else the local server; skipped, saying so, when none answers), as the store's own suites do.
 */
const PG_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `spof_dash_${process.pid}_${randomBytes(3).toString('hex')}`;

async function unreachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return redactText(err instanceof Error ? err.message : String(err), urlSecrets(url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgReason = await unreachable(PG_URL);
if (pgReason) console.warn(`dashboard queries on PostgreSQL SKIPPED: ${redactUrl(PG_URL)} is not reachable (${pgReason}).`);

export interface TestDb {
  name: string;
  skip: boolean;
  open(options?: StoreOptions): Promise<KyselyStore>;
}

/** One database per `open` call; every store opened is closed after each test, every schema and file removed at the end. */
export function dashboardDatabases(): TestDb[] {
  const dir = mkdtempSync(join(tmpdir(), 'spof-review-dashboard-'));
  const opened: KyselyStore[] = [];
  let n = 0;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgReason) return;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`select schema_name as name from information_schema.schemata where schema_name like $1`, [`${RUN}\\_%`]);
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
    } finally {
      await client.end();
    }
  }, 120_000);
  const track = async (store: Promise<KyselyStore>) => {
    const s = await store;
    opened.push(s);
    return s;
  };
  return [
    { name: 'SQLite', skip: false, open: (options) => track(openStore({ SPOF_REVIEW_DB: join(dir, `db-${++n}.db`) }, options)) },
    { name: 'PostgreSQL', skip: pgReason !== undefined, open: (options) => track(openStore({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: `${RUN}_${++n}` }, options)) },
  ];
}
