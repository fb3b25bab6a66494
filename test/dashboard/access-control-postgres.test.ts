import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { createDashboardQueries, openStore, type KyselyStore } from '../../src/store/index.js';
import { redactUrl } from '../../src/store/redact.js';
import { accessControlContract } from './access-control.js';

/** The same contract on PostgreSQL (`DATABASE_URL`, else the local server), one schema per test, dropped at the end. */
const URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `spof_dash_${process.pid}_${randomBytes(3).toString('hex')}`;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const up = await reachable();
if (!up) console.warn(`dashboard access control on PostgreSQL SKIPPED: ${redactUrl(URL)} is not reachable`);

describe.skipIf(!up)(`dashboard access control on PostgreSQL (${redactUrl(URL)})`, () => {
  let n = 0;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`select schema_name as name from information_schema.schemata where schema_name like $1`, [`${RUN}\\_%`]);
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
    } finally {
      await client.end();
    }
  }, 120_000);

  accessControlContract(
    () => openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: `${RUN}_${++n}` }),
    (store) => createDashboardQueries((store as KyselyStore).db),
  );
});
