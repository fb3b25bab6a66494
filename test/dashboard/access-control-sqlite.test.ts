import { describe } from 'vitest';
import { createDashboardQueries, openStore, type KyselyStore } from '../../src/store/index.js';
import { accessControlContract } from './access-control.js';

describe('dashboard access control on SQLite', () => {
  accessControlContract(
    () => openStore({ SPOF_REVIEW_DB: ':memory:' }),
    (store) => createDashboardQueries((store as KyselyStore).db),
  );
});
