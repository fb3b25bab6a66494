import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { KyselyStore, StoreOptions } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open.js';
import { redactUrl } from '../../src/store/redact.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from './postgres-server.js';

/**
 * The databases the dashboard's queries are tested on: a SQLite file and a PostgreSQL schema per
 * test (`DATABASE_URL`, else the local server; skipped, saying so, when none answers), as the store's own suites do.
 */
const PG_URL = TEST_PG_URL;
const RUN = runSchema('dash');

const pgReason = await pgUnreachable(PG_URL);
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
    if (!pgReason) await dropSchemas(RUN);
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
