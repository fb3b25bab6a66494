import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { InventorySpofRecord } from '../types.js';
import { fromGitHubId, fromTimestamp, toTimestamp } from '../values.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { scopedRepoIds } from './scope.js';
import type { InventoryPage, InventoryRow, PageRequest, RepoScope } from './types.js';

const MAX_LIMIT = 1000;

/**
 * The newest inventory of each repository in scope (whatever brought it: a push, the installation,
 * replayed history), a page of repositories at a time by owner/name (keyset: the cursor is the last
 * row's owner, name and id). Only the page's inventories are read and parsed; the totals are counted
 * in SQL: without a team filter from the inventories' SPOF counts, with one from the open SPOFs the
 * teams own (spof_history, as the teams page counts them), which also names the repositories to page.
 */
export async function latestInventories(db: Kysely<Database>, scope: RepoScope, filter: { repoIds?: readonly number[]; teams?: readonly string[] }, page: PageRequest): Promise<InventoryPage> {
  let repoIds = scopedRepoIds(scope, filter.repoIds);
  const empty: InventoryPage = { rows: [], total: 0, spofs: 0 };
  if (repoIds.length === 0) return empty;
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit) || 1));
  const teams = filter.teams && filter.teams.length > 0 ? new Set(filter.teams) : undefined;

  let totals: { repos: number; spofs: number };
  if (teams) {
    const owned = await db.selectFrom('spof_history_teams as t').innerJoin('spof_history as h', 'h.id', 't.spof_id')
      .where('t.repo_id', 'in', repoIds).where('t.team', 'in', [...teams]).where('h.resolved_at', 'is', null)
      .select(['t.repo_id', sql<number | string>`count(distinct t.spof_id)`.as('n')]).groupBy('t.repo_id').execute();
    repoIds = owned.map((r) => fromGitHubId(r.repo_id));
    if (repoIds.length === 0) return empty;
    totals = { repos: owned.length, spofs: owned.reduce((n, r) => n + Number(r.n), 0) };
  } else {
    const r = await newestInventories(db, repoIds).select([sql<number | string>`count(*)`.as('repos'), sql<number | string | null>`sum(i.spof_count)`.as('spofs')]).executeTakeFirstOrThrow();
    totals = { repos: Number(r.repos), spofs: Number(r.spofs ?? 0) };
  }

  const cursor = page.cursor ? decodeCursor(page.cursor, ['string', 'string', 'integer']) : undefined;
  let q = newestInventories(db, repoIds)
    .select(['i.installation_id', 'i.repo_id', 'i.owner', 'i.repo', 'i.ref', 'i.sha', 'i.spofs_json', 'i.diagram', 'i.created_at'])
    .orderBy('i.owner').orderBy('i.repo').orderBy('i.repo_id').limit(limit + 1);
  if (cursor) q = q.where((eb) => eb(eb.refTuple('i.owner', 'i.repo', 'i.repo_id'), '>', eb.tuple(cursor[0] as string, cursor[1] as string, cursor[2] as number)));
  const rows = await q.execute();
  const pageRows = rows.slice(0, limit);
  const out: InventoryRow[] = [];
  for (const r of pageRows) {
    const spofs = (JSON.parse(r.spofs_json) as InventorySpofRecord[]).map(toSpof).filter((s) => !teams || s.teams.some((t) => teams.has(t)));
    if (teams && spofs.length === 0) continue;
    out.push({
      installationId: fromGitHubId(r.installation_id), repoId: fromGitHubId(r.repo_id), owner: r.owner, repo: r.repo,
      ref: r.ref, sha: r.sha, recordedAt: toTimestamp(fromTimestamp(r.created_at)), spofs,
      // Filtered to a team, the picture would show SPOFs the list leaves out.
      graph: teams ? null : r.diagram,
    });
  }
  const last = pageRows.at(-1);
  return {
    rows: out, total: totals.repos, spofs: totals.spofs,
    ...(rows.length > limit && last ? { nextCursor: encodeCursor([last.owner, last.repo, fromGitHubId(last.repo_id)]) } : {}),
  };
}

/**
 * The newest inventory of each of the repositories, as `inventories as i`: of its latest date (a
 * grouped read of the (repo_id, created_at) index), the highest id. One probe per repository, not
 * one sorted lookup per inventory.
 */
export function newestInventories(db: Kysely<Database>, repoIds: readonly number[]) {
  const latest = db.selectFrom('inventories').select(['repo_id', sql<Date | string>`max(created_at)`.as('at')]).where('repo_id', 'in', repoIds).groupBy('repo_id');
  return db.selectFrom('inventories as i')
    .innerJoin(latest.as('l'), (j) => j.onRef('l.repo_id', '=', 'i.repo_id').onRef('l.at', '=', 'i.created_at'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('inventories as t').select(sql`1`.as('one'))
      .whereRef('t.repo_id', '=', 'i.repo_id').whereRef('t.created_at', '=', 'i.created_at').whereRef('t.id', '>', 'i.id'))));
}

function toSpof(s: InventorySpofRecord): InventoryRow['spofs'][number] {
  return {
    fingerprint: s.fingerprint, severity: s.severity, rule: s.rule, componentId: s.componentId, stack: s.stack, file: s.file, line: s.line, title: s.title,
    ...(s.blastRadius !== undefined ? { blastRadius: s.blastRadius } : {}),
    ...(s.rto !== undefined && s.rpo !== undefined ? { recovery: `RTO ${s.rto}; RPO ${s.rpo}`, rto: s.rto, rpo: s.rpo } : {}),
    teams: s.owners ?? [],
  };
}
