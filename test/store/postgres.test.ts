import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { redactUrl } from '../../src/store/redact.js';
import { storeContract } from './contract.js';
import { prJob } from './fixtures.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from './postgres-server.js';

/**
 * The same contract as on SQLite, on PostgreSQL: `DATABASE_URL` when set, else the local server
 * CI starts. Each test gets its own schema, all dropped at the end. Skipped, saying so, when no
 * server answers.
 */
const URL = TEST_PG_URL;
const RUN = runSchema('test');

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const reason = await pgUnreachable(URL);
if (reason) console.warn(`PostgreSQL store suite SKIPPED: ${redactUrl(URL)} is not reachable (${reason}). Start PostgreSQL or set DATABASE_URL.`);

describe.skipIf(reason !== undefined)(`store on PostgreSQL (${redactUrl(URL)})`, () => {
  let schemas = 0;
  const freshSchema = () => `${RUN}_${++schemas}`;

  afterAll(async () => {
    await dropSchemas(RUN);
    // Dozens of schemas of a dozen tables each: slow on a busy machine.
  }, 120_000);

  storeContract(async () => {
    const schema = freshSchema();
    return { open: (options) => openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: schema }, options) };
  });

  it('replicas starting at once on a new schema create and migrate it once, in that schema only', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: schema })));
    try {
      const results = await Promise.all(stores.map((s) => s.enqueue(prJob())));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const tables = await withClient((c) => c.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 order by 1`, [schema]));
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'acceptance_events', 'acceptances', 'blob_repos', 'blobs', 'change_facets', 'change_teams', 'dashboard_changes', 'finding_outcomes', 'findings', 'head_sha_prs', 'inventories',
        'posted_comments', 'review_jobs', 'reviews', 'spof_history', 'spof_history_teams', 'spof_review_migration', 'spof_review_migration_lock', 'spof_weeks', 'summary_comments',
      ]);
      const applied = await withClient((c) => c.query(`select name from "${schema}".spof_review_migration`));
      expect(applied.rowCount).toBe(Object.keys(MIGRATIONS).length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a claim skips a job another transaction has locked instead of waiting for it', async () => {
    const schema = freshSchema();
    const store = await openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: schema });
    try {
      const first = await store.enqueue(prJob({ prNumber: 1 }));
      const second = await store.enqueue(prJob({ prNumber: 2 }));
      await withClient(async (other) => {
        // Should the claim wait after all (a regression), the server ends this transaction and the test fails instead of hanging.
        await other.query(`set idle_in_transaction_session_timeout = '20s'`);
        await other.query('begin');
        await other.query(`select id from "${schema}".review_jobs where id = $1 for update`, [first.job.id]);
        expect((await store.claim('w', 60_000))?.id).toBe(second.job.id);
        expect(await store.claim('w', 60_000)).toBeUndefined();
        await other.query('commit');
      });
      expect((await store.claim('w', 60_000))?.id).toBe(first.job.id);
    } finally {
      await store.close();
    }
  });
});
