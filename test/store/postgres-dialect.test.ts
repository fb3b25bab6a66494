import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { redactUrl } from '../../src/store/redact.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from './postgres-server.js';

const RUN = runSchema('dialect');
const reason = await pgUnreachable(TEST_PG_URL);
if (reason) console.warn(`PostgreSQL dialect tests SKIPPED: ${redactUrl(TEST_PG_URL)} is not reachable (${reason}).`);

describe.skipIf(reason !== undefined)('the store on a PostgreSQL database other sessions change', () => {
  afterAll(() => dropSchemas(RUN), 120_000);

  it('sees only the tables of its own schema', async () => {
    const a = await openStore({ DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: `${RUN}_a` });
    const b = await openStore({ DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: `${RUN}_b` });
    try {
      const tables = await a.db.introspection.getTables();
      expect(tables.length).toBeGreaterThan(5);
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([`${RUN}_a`]));
      expect(tables.map((t) => t.name)).toContain('review_jobs');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('opens and migrates while another session creates and drops schemas', async () => {
    // Kysely's own introspector called has_schema_privilege(name) on every schema of the database and
    // failed with "schema ... does not exist" when one was dropped meanwhile.
    const churn = new pg.Client({ connectionString: TEST_PG_URL });
    await churn.connect();
    let stop = false;
    let dropped = 0;
    const churning = (async () => {
      while (!stop) {
        const name = `${RUN}_churn_${dropped % 4}`;
        await churn.query(`create schema if not exists "${name}"`);
        await churn.query(`create table if not exists "${name}".t (id int)`);
        await churn.query(`drop schema "${name}" cascade`);
        dropped++;
      }
    })();
    try {
      for (let i = 0; i < 12; i++) {
        const store = await openStore({ DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: `${RUN}_open_${i}` });
        await store.close();
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(dropped).toBeGreaterThan(0);
  });
});
