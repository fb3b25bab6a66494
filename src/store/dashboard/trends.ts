import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { fromGitHubId, fromTimestamp, toTimestamp } from '../values.js';
import { teamsOf } from './acceptances.js';
import { scopedRepoIds } from './scope.js';
import type { RepoScope, TrendFilter, Trends, TrendWeek } from './types.js';
import { WEEK, median, weekIndex, weekStart, weeksBetween } from './weeks.js';

/**
 * Trends per ISO week (Monday 00:00 UTC), over the scope, per repository and per team:
 * - new / resolved SPOFs and the inventory size: default-branch SPOFs from `spof_history` (a SPOF
 *   in a ref's first inventory is not new, it was found then; size is as of the week's end);
 * - new acceptances (given that week) and expiries (an acceptance not revoked before its expiry, expiring that week);
 * - median hours to fix: flagged changes whose findings were all gone that week, from first flagged to fixed.
 * Each input is read once, filtered by the scope in SQL, and counted into weeks here.
 */

const DEFAULT_WEEKS = 12;

interface Bucketed {
  repoId: number;
  teams: readonly string[];
}

export async function trends(db: Kysely<Database>, scope: RepoScope, filter: TrendFilter, now: Date): Promise<Trends> {
  const repoIds = scopedRepoIds(scope, filter.repoIds);
  const to = filter.to ? new Date(filter.to) : now;
  const from = filter.from ? new Date(filter.from) : new Date(weekStart(to).getTime() - (DEFAULT_WEEKS - 1) * WEEK);
  const weeks = weeksBetween(from, to);
  if (repoIds.length === 0 || weeks.length === 0) return { weeks: weeks.map(emptyWeek), byRepo: [], byTeam: [] };
  const first = weeks[0]!;
  const start = toTimestamp(first);
  const end = toTimestamp(new Date(weeks.at(-1)!.getTime() + WEEK));
  const teamFilter = filter.teams && filter.teams.length > 0 ? new Set(filter.teams) : undefined;

  // Alive at some point of the range: appeared before its end, not resolved before its start.
  const alive = db.selectFrom('spof_history').where('repo_id', 'in', repoIds).where('appeared_at', '<', end)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', start)]));
  const [spofs, spofTeamRows, accepted, changes, names] = await Promise.all([
    alive.select(['id', 'repo_id', 'baseline', 'appeared_at', 'resolved_at']).execute(),
    db.selectFrom('spof_history_teams as t').select(['t.spof_id', 't.team']).where('t.repo_id', 'in', repoIds)
      .where('t.spof_id', 'in', alive.select('id')).execute(),
    db.selectFrom('acceptances').select(['repo_id', 'pr_number', 'created_at', 'expires_at', 'revoked_at'])
      .where('repo_id', 'in', repoIds)
      .where((eb) => eb.or([
        eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]),
        eb.and([eb('expires_at', '>=', start), eb('expires_at', '<', end)]),
      ])).execute(),
    db.selectFrom('dashboard_changes').select(['repo_id', 'pr_number', 'first_flagged_at', 'fixed_at'])
      .where('repo_id', 'in', repoIds).where('fixed_at', '>=', start).where('fixed_at', '<', end).execute(),
    repoNames(db, repoIds),
  ]);
  const teamsByChange = new Map<string, string[]>();
  const involved = [...accepted, ...changes].map((c) => ({ repoId: fromGitHubId(c.repo_id), prNumber: c.pr_number }));
  for (const [key, teams] of await teamsOf(db, involved)) teamsByChange.set(key, teams);

  const teamsBySpof = new Map<number, string[]>();
  for (const t of spofTeamRows) teamsBySpof.set(t.spof_id, [...(teamsBySpof.get(t.spof_id) ?? []), t.team]);

  const all = new Series(weeks.length);
  const byRepo = new Map<number, Series>();
  const byTeam = new Map<string, Series>();
  const add = (item: Bucketed, fn: (s: Series) => void) => {
    const teams = teamFilter ? item.teams.filter((t) => teamFilter.has(t)) : item.teams;
    if (teamFilter && teams.length === 0) return;
    fn(all);
    fn(getOr(byRepo, item.repoId, () => new Series(weeks.length)));
    for (const t of new Set(teams)) fn(getOr(byTeam, t, () => new Series(weeks.length)));
  };
  const index = (at: Date | string) => weekIndex(first, fromTimestamp(at));
  const inRange = (i: number) => i >= 0 && i < weeks.length;

  for (const s of spofs) {
    const item = { repoId: fromGitHubId(s.repo_id), teams: teamsBySpof.get(s.id) ?? [] };
    const appeared = index(s.appeared_at);
    const resolved = s.resolved_at === null ? weeks.length : index(s.resolved_at);
    add(item, (series) => {
      if (inRange(appeared) && s.baseline === 0) series.w[appeared]!.newSpofs++;
      if (inRange(resolved)) series.w[resolved]!.resolved++;
      // In the inventory at the end of each week from the one it appeared in to the one before it was resolved.
      for (let i = Math.max(0, appeared); i < Math.min(weeks.length, resolved); i++) series.w[i]!.inventorySize++;
    });
  }
  for (const a of accepted) {
    const item = { repoId: fromGitHubId(a.repo_id), teams: teamsByChange.get(`${fromGitHubId(a.repo_id)}#${a.pr_number}`) ?? [] };
    const given = index(a.created_at);
    const expires = a.expires_at === null ? -1 : fromTimestamp(a.expires_at);
    const expired = expires !== -1 && expires <= now && (a.revoked_at === null || fromTimestamp(a.revoked_at) > expires) ? index(expires) : -1;
    add(item, (series) => {
      if (inRange(given)) series.w[given]!.acceptedNew++;
      if (inRange(expired)) series.w[expired]!.acceptancesExpired++;
    });
  }
  for (const c of changes) {
    const item = { repoId: fromGitHubId(c.repo_id), teams: teamsByChange.get(`${fromGitHubId(c.repo_id)}#${c.pr_number}`) ?? [] };
    const i = index(c.fixed_at!);
    const hours = (fromTimestamp(c.fixed_at!).getTime() - fromTimestamp(c.first_flagged_at).getTime()) / 3_600_000;
    add(item, (series) => inRange(i) && series.fix[i]!.push(hours));
  }

  const render = (s: Series) => s.render(weeks);
  return {
    weeks: render(all),
    byRepo: [...byRepo].map(([repoId, s]) => ({ repoId, owner: names.get(repoId)?.owner ?? '', repo: names.get(repoId)?.repo ?? '', weeks: render(s) }))
      .sort((a, b) => `${a.owner}/${a.repo}`.localeCompare(`${b.owner}/${b.repo}`)),
    byTeam: [...byTeam].map(([team, s]) => ({ team, weeks: render(s) })).sort((a, b) => a.team.localeCompare(b.team)),
  };
}

class Series {
  readonly w: Omit<TrendWeek, 'week' | 'medianHoursToFix'>[];
  readonly fix: number[][];
  constructor(n: number) {
    this.w = Array.from({ length: n }, () => ({ newSpofs: 0, resolved: 0, acceptedNew: 0, acceptancesExpired: 0, inventorySize: 0 }));
    this.fix = Array.from({ length: n }, () => []);
  }
  render(weeks: readonly Date[]): TrendWeek[] {
    return weeks.map((week, i) => {
      const m = median(this.fix[i]!);
      return { week: toTimestamp(week), ...this.w[i]!, medianHoursToFix: m === null ? null : Math.round(m * 10) / 10 };
    });
  }
}

function emptyWeek(week: Date): TrendWeek {
  return { week: toTimestamp(week), newSpofs: 0, resolved: 0, acceptedNew: 0, acceptancesExpired: 0, inventorySize: 0, medianHoursToFix: null };
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/** The newest names of the repositories (renames keep the id), from what the store has. */
async function repoNames(db: Kysely<Database>, repoIds: readonly number[]): Promise<Map<number, { owner: string; repo: string }>> {
  const rows = await db.selectFrom('inventories').select(['repo_id', 'owner', 'repo', sql<string>`max(created_at)`.as('at')])
    .where('repo_id', 'in', repoIds).groupBy(['repo_id', 'owner', 'repo'])
    .union(db.selectFrom('dashboard_changes').select(['repo_id', 'owner', 'repo', sql<string>`max(last_reviewed_at)`.as('at')])
      .where('repo_id', 'in', repoIds).groupBy(['repo_id', 'owner', 'repo']))
    .union(db.selectFrom('acceptances').select(['repo_id', 'owner', 'repo', sql<string>`max(created_at)`.as('at')])
      .where('repo_id', 'in', repoIds).groupBy(['repo_id', 'owner', 'repo']))
    .execute();
  const out = new Map<number, { owner: string; repo: string; at: number }>();
  for (const r of rows) {
    const id = fromGitHubId(r.repo_id);
    const at = fromTimestamp(r.at).getTime();
    if (!out.has(id) || out.get(id)!.at < at) out.set(id, { owner: r.owner, repo: r.repo, at });
  }
  return out;
}
