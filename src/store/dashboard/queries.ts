import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { riskRegister } from './acceptances.js';
import { changeDetail } from './change-detail.js';
import { listChanges } from './changes.js';
import { latestInventories } from './inventory.js';
import { overview, teamSummaries } from './summaries.js';
import { trends } from './trends.js';
import type { DashboardQueries } from './types.js';

export interface DashboardQueryOptions {
  /** The clock acceptances' expiry and the default trend range are judged by; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * The dashboard's read side over the store's database (SQLite or PostgreSQL). Every query reads only
 * the repositories of its scope, filtered in SQL; an empty scope reads nothing.
 */
export function createDashboardQueries(db: Kysely<Database>, options: DashboardQueryOptions = {}): DashboardQueries {
  const clock = options.now ?? (() => new Date());
  return {
    changes: (scope, filter, page) => listChanges(db, scope, filter, page, clock()),
    change: (scope, repoId, prNumber) => changeDetail(db, scope, repoId, prNumber, clock()),
    overview: (scope, now) => overview(db, scope, now),
    inventory: (scope, filter, page) => latestInventories(db, scope, filter, page),
    trends: (scope, filter) => trends(db, scope, filter, clock()),
    acceptances: (scope, filter, now) => riskRegister(db, scope, filter, now),
    teams: (scope) => teamSummaries(db, scope, clock()),
  };
}
