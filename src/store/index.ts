export type * from './types.js';
export { KyselyStore, type StoreOptions } from './kysely-store.js';
export { openStore, describeStore, DEFAULT_SQLITE_FILE, type OpenStoreOptions, type StoreEnv } from './open.js';
export { isInventoryJob, jobFamily, RERUN_TRIGGERS, type JobFamily } from './job-queue.js';
export type * from './dashboard/types.js';
export { createDashboardQueries, type DashboardQueryOptions } from './dashboard/queries.js';
