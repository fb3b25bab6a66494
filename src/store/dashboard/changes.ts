import { sql, type Kysely, type Selectable } from 'kysely';
import { SEVERITIES, type Severity } from '../../model/index.js';
import type { DashboardChangesTable, Database } from '../schema.js';
import { fromGitHubId, fromGitHubIdOrNull, fromTimestamp, toTimestamp } from '../values.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { facetFilters, scopedRepoIds, statusSql } from './scope.js';
import type { ChangeFilter, ChangeRow, ChangeStatus, Page, PageRequest, RepoScope } from './types.js';

/** Flagged changes, newest review first, a page at a time (keyset: the cursor is the last row's review time and id). */

const MAX_LIMIT = 500;

export async function listChanges(db: Kysely<Database>, scope: RepoScope, filter: ChangeFilter, page: PageRequest, now: Date): Promise<Page<ChangeRow>> {
  const repoIds = scopedRepoIds(scope, filter.repoIds);
  if (repoIds.length === 0) return { rows: [], total: 0 };
  const at = toTimestamp(now);
  const status = statusSql(at);
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit) || 1));

  const filtered = db.selectFrom('dashboard_changes as c').where((eb) => {
    const conditions = [eb('c.repo_id', 'in', repoIds), ...facetFilters(eb, filter)];
    if (filter.statuses && filter.statuses.length > 0) conditions.push(eb(status, 'in', filter.statuses as ChangeStatus[]));
    if (filter.since) conditions.push(eb('c.last_reviewed_at', '>=', toTimestamp(new Date(filter.since))));
    if (filter.until) conditions.push(eb('c.last_reviewed_at', '<=', toTimestamp(new Date(filter.until))));
    return eb.and(conditions);
  });

  const cursor = page.cursor ? changesCursor(page.cursor) : undefined;
  let q = filtered
    .leftJoin('review_jobs as j', 'j.id', 'c.job_id')
    .selectAll('c').select(['j.check_run_id']).select(status.as('status'))
    .orderBy('c.last_reviewed_at', 'desc').orderBy('c.id', 'desc').limit(limit + 1);
  if (cursor) {
    q = q.where((eb) => eb.or([
      eb('c.last_reviewed_at', '<', cursor.at),
      eb.and([eb('c.last_reviewed_at', '=', cursor.at), eb('c.id', '<', cursor.id)]),
    ]));
  }
  const [rows, count] = await Promise.all([
    q.execute(),
    filtered.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const pageRows = rows.slice(0, limit);
  const mapped = await toChangeRows(db, pageRows);
  const last = pageRows.at(-1);
  return {
    rows: mapped,
    total: Number(count.n),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor([toTimestamp(fromTimestamp(last.last_reviewed_at)), last.id]) } : {}),
  };
}

export type ChangeRecord = Selectable<DashboardChangesTable> & { check_run_id: number | string | null; status: string };

/** Rows of `dashboard_changes` (with the check run and the status) as ChangeRows, their facets read in one query. */
export async function toChangeRows(db: Kysely<Database>, rows: readonly ChangeRecord[]): Promise<ChangeRow[]> {
  if (rows.length === 0) return [];
  const facets = await db.selectFrom('change_facets').select(['repo_id', 'pr_number', 'facet', 'value'])
    .where('repo_id', 'in', [...new Set(rows.map((r) => fromGitHubId(r.repo_id)))])
    .where('pr_number', 'in', [...new Set(rows.map((r) => r.pr_number))])
    .orderBy('value').execute();
  const byChange = new Map<string, Record<string, string[]>>();
  for (const f of facets) {
    const key = `${fromGitHubId(f.repo_id)}#${f.pr_number}`;
    const entry = byChange.get(key) ?? {};
    (entry[f.facet] ??= []).push(f.value);
    byChange.set(key, entry);
  }
  return rows.map((r) => {
    const f = byChange.get(`${fromGitHubId(r.repo_id)}#${r.pr_number}`) ?? {};
    const counts = JSON.parse(r.counts_json) as Partial<Record<Severity, number>>;
    return {
      installationId: fromGitHubId(r.installation_id),
      repoId: fromGitHubId(r.repo_id),
      owner: r.owner,
      repo: r.repo,
      prNumber: r.pr_number,
      headSha: r.head_sha,
      status: r.status as ChangeStatus,
      counts,
      topSeverity: SEVERITIES.find((s) => (counts[s] ?? 0) > 0) ?? 'low',
      kinds: f['kind'] ?? [],
      rules: f['rule'] ?? [],
      teams: f['team'] ?? [],
      checkRunId: fromGitHubIdOrNull(r.check_run_id),
      firstFlaggedAt: iso(r.first_flagged_at),
      lastReviewedAt: iso(r.last_reviewed_at),
      closedAt: r.closed_at === null ? null : iso(r.closed_at),
      acceptance: r.accepted === 1 ? { by: r.accepted_by ?? '', reason: r.accept_reason, expiresAt: r.accepted_until === null ? null : iso(r.accepted_until) } : null,
    };
  });
}

const iso = (v: Date | string) => toTimestamp(fromTimestamp(v));

/** A cursor that does not parse, or whose time does not, starts from the first page. */
function changesCursor(cursor: string): { at: string; id: number } | undefined {
  const key = decodeCursor(cursor, ['string', 'integer']);
  if (!key || Number.isNaN(Date.parse(key[0] as string))) return undefined;
  return { at: toTimestamp(new Date(key[0] as string)), id: key[1] as number };
}
