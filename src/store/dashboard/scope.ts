import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import type { ChangeFilter, RepoScope } from './types.js';

/**
 * The security boundary of every dashboard query: the repositories it may read are the scope's,
 * narrowed by a filter's `repoIds`, and never widened by it. An empty answer means "read nothing":
 * callers return empty results without asking the database.
 */
export function scopedRepoIds(scope: RepoScope, narrow?: readonly number[]): number[] {
  const allowed = [...new Set(scope.repoIds.filter((id) => Number.isSafeInteger(id)))];
  if (!narrow) return allowed;
  const wanted = new Set(narrow);
  return allowed.filter((id) => wanted.has(id));
}

/** The status of a change as SQL on `dashboard_changes as c` (or `change_teams as c`), judged at `now` (an acceptance past its expiry no longer counts). */
export function statusSql(now: string) {
  return sql<string>`case
    when c.closed_outcome is not null then c.closed_outcome
    when c.open_findings = 0 then 'fixed-before-merge'
    when c.accepted = 1 and (c.accepted_until is null or c.accepted_until > ${now}) then 'accepted'
    else 'open' end`;
}

/**
 * `statusSql(now) = 'open'` as plain conditions on the columns, which the planners can estimate and
 * index (a CASE hides them): not closed, something open, and no acceptance in force.
 */
export function isOpenSql(now: string) {
  return sql<SqlBool>`(c.closed_outcome is null and c.open_findings > 0
    and (c.accepted = 0 or (c.accepted_until is not null and c.accepted_until <= ${now})))`;
}

type ChangesEb = ExpressionBuilder<Database & { c: Database['dashboard_changes'] }, 'c'>;

/** The facet filters of a change (team, severity, kind, rule): each asks that one of its values is among the change's. */
export function facetFilters(eb: ChangesEb, filter: ChangeFilter): Expression<SqlBool>[] {
  const wanted: [string, readonly string[] | undefined][] = [
    ['team', filter.teams], ['severity', filter.severities], ['kind', filter.kinds], ['rule', filter.rules],
  ];
  return wanted.filter(([, values]) => values !== undefined && values.length > 0).map(([facet, values]) =>
    eb.exists(eb.selectFrom('change_facets as f').select(sql`1`.as('one'))
      .whereRef('f.repo_id', '=', 'c.repo_id').whereRef('f.pr_number', '=', 'c.pr_number')
      .where('f.facet', '=', facet).where('f.value', 'in', values as string[])),
  );
}
