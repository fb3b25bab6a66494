import { afterAll, describe } from 'vitest';
import { createDashboardQueries, openStore, type KyselyStore } from '../../src/store/index.js';
import { redactUrl } from '../../src/store/redact.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from '../store/postgres-server.js';
import { accessControlContract } from './access-control.js';

/** The same contract on PostgreSQL (`DATABASE_URL`, else the local server), one schema per test, dropped at the end. */
const URL = TEST_PG_URL;
const RUN = runSchema('dash');

const up = (await pgUnreachable(URL)) === undefined;
if (!up) console.warn(`dashboard access control on PostgreSQL SKIPPED: ${redactUrl(URL)} is not reachable`);

describe.skipIf(!up)(`dashboard access control on PostgreSQL (${redactUrl(URL)})`, () => {
  let n = 0;
  afterAll(() => dropSchemas(RUN), 120_000);

  accessControlContract(
    () => openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: `${RUN}_${++n}` }),
    (store) => createDashboardQueries((store as KyselyStore).db),
  );
});
