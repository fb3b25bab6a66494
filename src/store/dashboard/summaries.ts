import { sql, type Kysely } from 'kysely';
import { SEVERITIES, severityRank, type Severity } from '../../model/index.js';
import type { Database } from '../schema.js';
import { fromGitHubId, toTimestamp } from '../values.js';
import { listChanges } from './changes.js';
import { newestInventories } from './inventory.js';
import { isOpenSql, scopedRepoIds, statusSql } from './scope.js';
import type { Overview, RepoScope, TeamSummary } from './types.js';
import { weekStart } from './weeks.js';

/** The overview page and the teams page: counts over the scope, each one a query with the scope in its WHERE. */

const RECENT = 10;

export async function overview(db: Kysely<Database>, scope: RepoScope, now: Date): Promise<Overview> {
  const repoIds = scopedRepoIds(scope);
  const empty: Overview = { open: { bySeverity: {}, byRepo: [], byTeam: [] }, defaultBranchSpofs: 0, thisWeek: { newSpofs: 0, resolved: 0, accepted: 0 }, recent: [] };
  if (repoIds.length === 0) return empty;
  const at = toTimestamp(now);
  const week = toTimestamp(weekStart(now));
  const open = db.selectFrom('dashboard_changes as c').where('c.repo_id', 'in', repoIds).where(isOpenSql(at));
  const [byRepoAndRank, byTeam, spofs, appeared, resolved, accepted, recent] = await Promise.all([
    open.select(['c.repo_id', 'c.owner', 'c.repo', 'c.top_rank', sql<number | string>`count(*)`.as('n')]).groupBy(['c.repo_id', 'c.owner', 'c.repo', 'c.top_rank']).execute(),
    db.selectFrom('change_teams as c').where('c.repo_id', 'in', repoIds).where(isOpenSql(at))
      .select(['c.team as value', sql<number | string>`count(*)`.as('n')]).groupBy('c.team').execute(),
    defaultBranchSpofs(db, repoIds),
    db.selectFrom('spof_history').select(sql<number | string>`count(*)`.as('n')).where('repo_id', 'in', repoIds).where('baseline', '=', 0).where('appeared_at', '>=', week).executeTakeFirstOrThrow(),
    db.selectFrom('spof_history').select(sql<number | string>`count(*)`.as('n')).where('repo_id', 'in', repoIds).where('resolved_at', '>=', week).executeTakeFirstOrThrow(),
    db.selectFrom('acceptances').select(sql<number | string>`count(*)`.as('n')).where('repo_id', 'in', repoIds).where('created_at', '>=', week).executeTakeFirstOrThrow(),
    listChanges(db, scope, {}, { limit: RECENT }, now),
  ]);
  const severity = (rank: number) => SEVERITIES.find((s) => severityRank(s) === rank)!;
  const bySeverity: Partial<Record<Severity, number>> = {};
  const byRepo = new Map<string, { repoId: number; owner: string; repo: string; count: number }>();
  // One row per (repository, top severity): the severities add up over repositories, the repositories over severities.
  for (const r of byRepoAndRank) {
    const s = severity(r.top_rank);
    bySeverity[s] = (bySeverity[s] ?? 0) + Number(r.n);
    const key = `${r.repo_id}\n${r.owner}\n${r.repo}`;
    const entry = byRepo.get(key) ?? { repoId: fromGitHubId(r.repo_id), owner: r.owner, repo: r.repo, count: 0 };
    entry.count += Number(r.n);
    byRepo.set(key, entry);
  }
  return {
    open: {
      bySeverity: Object.fromEntries(SEVERITIES.filter((s) => bySeverity[s] !== undefined).map((s) => [s, bySeverity[s]!])),
      byRepo: [...byRepo.values()].sort((a, b) => b.count - a.count || `${a.owner}/${a.repo}`.localeCompare(`${b.owner}/${b.repo}`)),
      byTeam: byTeam.map((r) => ({ team: r.value, count: Number(r.n) })).sort((a, b) => b.count - a.count || a.team.localeCompare(b.team)),
    },
    defaultBranchSpofs: spofs,
    thisWeek: { newSpofs: Number(appeared.n), resolved: Number(resolved.n), accepted: Number(accepted.n) },
    recent: recent.rows,
  };
}

/** SPOFs on the default branches now: the newest inventory of each repository. */
async function defaultBranchSpofs(db: Kysely<Database>, repoIds: readonly number[]): Promise<number> {
  const r = await newestInventories(db, repoIds).select(sql<number | string | null>`sum(i.spof_count)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

/**
 * Every team (or user) CODEOWNERS names for a flagged change or a default-branch SPOF in scope:
 * its open and accepted changes, the SPOFs it owns on default branches now, and its repositories.
 */
export async function teamSummaries(db: Kysely<Database>, scope: RepoScope, now: Date): Promise<TeamSummary[]> {
  const repoIds = scopedRepoIds(scope);
  if (repoIds.length === 0) return [];
  const status = statusSql(toTimestamp(now));
  const [changes, spofs] = await Promise.all([
    // Per team and repository: the repositories of a team and, summed, its counts.
    db.selectFrom('change_teams as c').where('c.repo_id', 'in', repoIds)
      .select(['c.team as value', 'c.owner', 'c.repo', sql<number | string>`sum(case when ${status} = 'open' then 1 else 0 end)`.as('open'),
        sql<number | string>`sum(case when ${status} = 'accepted' then 1 else 0 end)`.as('accepted')])
      .groupBy(['c.team', 'c.owner', 'c.repo']).execute(),
    db.selectFrom('spof_history_teams as t').innerJoin('spof_history as h', 'h.id', 't.spof_id')
      .where('t.repo_id', 'in', repoIds).where('h.resolved_at', 'is', null)
      .select(['t.team', 'h.owner', 'h.repo', sql<number | string>`count(*)`.as('n')]).groupBy(['t.team', 'h.owner', 'h.repo']).execute(),
  ]);
  const teams = new Map<string, TeamSummary>();
  const of = (team: string) => {
    let t = teams.get(team);
    if (!t) teams.set(team, (t = { team, open: 0, accepted: 0, defaultBranchSpofs: 0, repos: [] }));
    return t;
  };
  for (const c of changes) {
    const t = of(c.value);
    t.open += Number(c.open);
    t.accepted += Number(c.accepted);
    t.repos.push(`${c.owner}/${c.repo}`);
  }
  for (const s of spofs) {
    const t = of(s.team);
    t.defaultBranchSpofs += Number(s.n);
    t.repos.push(`${s.owner}/${s.repo}`);
  }
  for (const t of teams.values()) t.repos = [...new Set(t.repos)].sort();
  return [...teams.values()].sort((a, b) => b.open - a.open || a.team.localeCompare(b.team));
}
