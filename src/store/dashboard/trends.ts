import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, epochSeconds, type SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { fromGitHubId, fromTimestamp, toTimestamp } from '../values.js';
import { scopedRepoIds } from './scope.js';
import type { RepoScope, TrendFilter, Trends, TrendWeek } from './types.js';
import { WEEK, median, weekStart, weeksBetween } from './weeks.js';

/**
 * Trends per ISO week (Monday 00:00 UTC), over the scope, per repository and per team:
 * - new / resolved SPOFs and the inventory size: default-branch SPOFs from `spof_history` (a SPOF
 *   in a ref's first inventory is not new, it was found then; size is as of the week's end);
 * - new acceptances (given that week) and expiries (an acceptance not revoked before its expiry, expiring that week);
 * - median hours to fix: flagged changes whose findings were all gone that week, from first flagged to fixed.
 * The database does the counting: each input is filtered by the scope and grouped by repository
 * (or team) and by the weeks its dates fall in, so what comes back is a few rows per repository,
 * not one per SPOF. Only the fixes come back one per change (few: those fixed in the range), for
 * their medians.
 */

const DEFAULT_WEEKS = 12;
const WEEK_SECONDS = WEEK / 1000;

/** The weeks asked for, as SQL sees them. */
interface Range {
  dialect: SqlDialect;
  n: number;
  start: string;
  end: string;
  firstSeconds: number;
}

type Count = { key: number | string; n: number | string };
type SpofGroup = Count & { baseline: number; a: number | string; r: number | string };
/** SPOFs that appeared (of them new) and were resolved in week `i` (-1: before the range), from `spof_weeks`. */
type SpofWeekGroup = { key: number | string; i: number | string; a: number | string; an: number | string; r: number | string };
type AcceptanceGroup = Count & { g: number | string; e: number | string };
type Fix = { key: number | string; w: number | string; first_flagged_at: Date | string; fixed_at: Date | string | null };

export async function trends(db: Kysely<Database>, scope: RepoScope, filter: TrendFilter, now: Date): Promise<Trends> {
  const repoIds = scopedRepoIds(scope, filter.repoIds);
  const to = filter.to ? new Date(filter.to) : now;
  const from = filter.from ? new Date(filter.from) : new Date(weekStart(to).getTime() - (DEFAULT_WEEKS - 1) * WEEK);
  const weeks = weeksBetween(from, to);
  if (repoIds.length === 0 || weeks.length === 0) return { weeks: weeks.map(emptyWeek), byRepo: [], byTeam: [] };
  const first = weeks[0]!;
  const range: Range = {
    dialect: dialectOf(db), n: weeks.length, start: toTimestamp(first),
    end: toTimestamp(new Date(weeks.at(-1)!.getTime() + WEEK)), firstSeconds: first.getTime() / 1000,
  };
  const teams = filter.teams && filter.teams.length > 0 ? [...filter.teams] : undefined;
  const queries = { spofs: spofWeekQueries(db, repoIds, range, teams), acceptances: acceptanceQueries(db, repoIds, range, now, teams), fixes: fixQueries(db, repoIds, range, teams) };
  const [spofsByRepo, spofsByTeam, acceptedByRepo, acceptedByTeam, fixesByRepo, fixesByTeam, names] = await Promise.all([
    // Narrowed to teams, a repository's SPOFs are those any of the teams own: a SPOF two of them own counts once, which the per-team weeks cannot tell.
    teams === undefined ? queries.spofs.byRepo.execute() as Promise<SpofWeekGroup[]> : countGroups<SpofGroup>(db, spofLifetimesByRepo(db, repoIds, range, teams), ['key', 'baseline', 'a', 'r']),
    queries.spofs.byTeam.execute() as Promise<SpofWeekGroup[]>,
    countGroups<AcceptanceGroup>(db, queries.acceptances.byRepo, ['key', 'g', 'e']),
    countGroups<AcceptanceGroup>(db, queries.acceptances.byTeam, ['key', 'g', 'e']),
    queries.fixes.byRepo.execute() as Promise<Fix[]>,
    queries.fixes.byTeam.execute() as Promise<Fix[]>,
    scope.names ? namesFrom(scope.names, repoIds) : repoNames(db, repoIds),
  ]);

  const all = new Series(weeks.length);
  const byRepo = new Map<number, Series>();
  const byTeam = new Map<string, Series>();
  const repoSeries = (key: number | string) => getOr(byRepo, fromGitHubId(key), () => new Series(weeks.length));
  const teamSeries = (key: number | string) => getOr(byTeam, String(key), () => new Series(weeks.length));
  // Every SPOF, acceptance and fix is in one repository: the whole is the sum of the repositories.
  for (const g of spofsByRepo) {
    if ('baseline' in g) { all.addSpofs(g); repoSeries(g.key).addSpofs(g); } else if (countsInRange(g)) { all.addSpofWeek(g); repoSeries(g.key).addSpofWeek(g); }
  }
  for (const g of spofsByTeam) if (countsInRange(g)) teamSeries(g.key).addSpofWeek(g);
  for (const g of acceptedByRepo) { all.addAcceptances(g); repoSeries(g.key).addAcceptances(g); }
  for (const g of acceptedByTeam) teamSeries(g.key).addAcceptances(g);
  for (const f of fixesByRepo) { all.addFix(f); repoSeries(f.key).addFix(f); }
  for (const f of fixesByTeam) teamSeries(f.key).addFix(f);

  const render = (s: Series) => s.render(weeks);
  return {
    weeks: render(all),
    byRepo: [...byRepo].map(([repoId, s]) => ({ repoId, owner: names.get(repoId)?.owner ?? '', repo: names.get(repoId)?.repo ?? '', weeks: render(s) }))
      .sort((a, b) => `${a.owner}/${a.repo}`.localeCompare(`${b.owner}/${b.repo}`)),
    byTeam: [...byTeam].map(([team, s]) => ({ team, weeks: render(s) })).sort((a, b) => a.team.localeCompare(b.team)),
  };
}

/**
 * The index of the week a timestamp falls in, in SQL: -1 before the first week, `n` from the end of
 * the last one on, and `n` when null (not happened yet).
 */
function weekIndexSql(range: Range, column: Expression<unknown>): RawBuilder<number | string> {
  return sql<number | string>`case when ${column} is null or ${column} >= ${range.end} then ${sql.lit(range.n)}
    when ${column} < ${range.start} then -1
    else (${epochSeconds(range.dialect, column)} - ${sql.lit(range.firstSeconds)}) / ${sql.lit(WEEK_SECONDS)} end`;
}

/** `count(*)` of the rows of `inner` per distinct value of `columns`. */
async function countGroups<R extends Count>(db: Kysely<Database>, inner: Expression<unknown>, columns: readonly (keyof R & string)[]): Promise<R[]> {
  const cols = sql.join(columns.map((c) => sql.ref(`s.${c}`)));
  const { rows } = await sql<R>`select ${cols}, count(*) as n from (${inner}) as s group by ${cols}`.execute(db);
  return rows;
}

/**
 * Default-branch SPOFs per week from `spof_weeks`, per repository (its `team` null rows) and per team:
 * one row per repository (or team) and week of the range with something in it, and one for all the
 * weeks before (what the inventory held when the range starts is what appeared minus what was resolved).
 */
function spofWeekQueries(db: Kysely<Database>, repoIds: readonly number[], range: Range, teams: string[] | undefined) {
  const startDay = Math.round(range.firstSeconds / 86_400);
  const index = sql<number | string>`case when w.week_day < ${sql.lit(startDay)} then -1 else (w.week_day - ${sql.lit(startDay)}) / 7 end`;
  const sums = [index.as('i'), sql<string>`sum(w.appeared)`.as('a'), sql<string>`sum(w.appeared_new)`.as('an'), sql<string>`sum(w.resolved)`.as('r')];
  const weeks = db.selectFrom('spof_weeks as w').where('w.repo_id', 'in', repoIds).where('w.week_day', '<', startDay + 7 * range.n);
  return {
    byRepo: weeks.where('w.team', 'is', null).select(['w.repo_id as key', ...sums]).groupBy(['w.repo_id', index]),
    byTeam: weeks.where('w.team', 'is not', null).$if(teams !== undefined, (q) => q.where('w.team', 'in', teams!))
      .select(['w.team as key', ...sums]).groupBy(['w.team', index]),
  };
}

/** Default-branch SPOFs alive at some point of the range (appeared before its end, not resolved before its start) that one of the teams owns. */
function spofLifetimesByRepo(db: Kysely<Database>, repoIds: readonly number[], range: Range, teams: string[]) {
  return db.selectFrom('spof_history as h').where('h.repo_id', 'in', repoIds).where('h.appeared_at', '<', range.end)
    .where((eb) => eb.or([eb('h.resolved_at', 'is', null), eb('h.resolved_at', '>=', range.start)]))
    .where((eb) => eb.exists(eb.selectFrom('spof_history_teams as t').select(sql`1`.as('one')).whereRef('t.spof_id', '=', 'h.id').where('t.team', 'in', teams)))
    .select(['h.repo_id as key', 'h.baseline as baseline', weekIndexSql(range, sql.ref('h.appeared_at')).as('a'), weekIndexSql(range, sql.ref('h.resolved_at')).as('r')]);
}

/** Whether a week's counts say anything of the range: not so for the weeks before it when all that appeared then was resolved then (no SPOF of them was alive in the range). */
function countsInRange(g: SpofWeekGroup): boolean {
  return Number(g.i) >= 0 || Number(g.a) !== Number(g.r);
}

/** Acceptances given in the range or expiring in it: the week given, and the week expired (-1 when revoked before, or not yet). */
function acceptanceQueries(db: Kysely<Database>, repoIds: readonly number[], range: Range, now: Date, teams: string[] | undefined) {
  const expired = sql<number | string>`case when a.expires_at is not null and a.expires_at <= ${toTimestamp(now)}
    and (a.revoked_at is null or a.revoked_at > a.expires_at) then ${weekIndexSql(range, sql.ref('a.expires_at'))} else -1 end`;
  const columns = [weekIndexSql(range, sql.ref('a.created_at')).as('g'), expired.as('e')];
  const inRange = db.selectFrom('acceptances as a').where('a.repo_id', 'in', repoIds).where((eb) => eb.or([
    eb.and([eb('a.created_at', '>=', range.start), eb('a.created_at', '<', range.end)]),
    eb.and([eb('a.expires_at', '>=', range.start), eb('a.expires_at', '<', range.end)]),
  ]));
  return {
    byRepo: inRange.select(['a.repo_id as key', ...columns]).$if(teams !== undefined, (q) => q.where(changeHasTeam('a', teams!))),
    byTeam: inRange.innerJoin('change_teams as t', (j) => j.onRef('t.repo_id', '=', 'a.repo_id').onRef('t.pr_number', '=', 'a.pr_number'))
      .$if(teams !== undefined, (q) => q.where('t.team', 'in', teams!)).select(['t.team as key', ...columns]),
  };
}

/** Flagged changes fixed in the range, one row each with the week fixed. */
function fixQueries(db: Kysely<Database>, repoIds: readonly number[], range: Range, teams: string[] | undefined) {
  const columns = [weekIndexSql(range, sql.ref('c.fixed_at')).as('w'), 'c.first_flagged_at', 'c.fixed_at'] as const;
  const fixed = db.selectFrom('dashboard_changes as c').where('c.repo_id', 'in', repoIds).where('c.fixed_at', '>=', range.start).where('c.fixed_at', '<', range.end);
  return {
    byRepo: fixed.select(['c.repo_id as key', ...columns]).$if(teams !== undefined, (q) => q.where(changeHasTeam('c', teams!))),
    byTeam: fixed.innerJoin('change_teams as t', (j) => j.onRef('t.repo_id', '=', 'c.repo_id').onRef('t.pr_number', '=', 'c.pr_number'))
      .$if(teams !== undefined, (q) => q.where('t.team', 'in', teams!)).select(['t.team as key', ...columns]),
  };
}

/** Whether the change of the row `alias` (an acceptance or a flagged change) is one of the teams'. */
function changeHasTeam(alias: 'a' | 'c', teams: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from change_teams as tf where tf.repo_id = ${sql.ref(`${alias}.repo_id`)}
    and tf.pr_number = ${sql.ref(`${alias}.pr_number`)} and tf.team in (${sql.join(teams)}))`;
}

class Series {
  readonly w: Omit<TrendWeek, 'week' | 'medianHoursToFix'>[];
  readonly fix: number[][];
  constructor(readonly n: number) {
    this.w = Array.from({ length: n }, () => ({ newSpofs: 0, resolved: 0, acceptedNew: 0, acceptancesExpired: 0, inventorySize: 0 }));
    this.fix = Array.from({ length: n }, () => []);
  }
  private inRange(i: number): boolean {
    return i >= 0 && i < this.n;
  }
  /** `n` SPOFs that appeared in week `a` (-1: before the range) and were resolved in week `r` (`n`: not in the range). */
  addSpofs(g: SpofGroup): void {
    const [a, r, n] = [Number(g.a), Number(g.r), Number(g.n)];
    if (this.inRange(a) && g.baseline === 0) this.w[a]!.newSpofs += n;
    if (this.inRange(r)) this.w[r]!.resolved += n;
    // In the inventory at the end of each week from the one it appeared in to the one before it was resolved.
    for (let i = Math.max(0, a); i < Math.min(this.n, r); i++) this.w[i]!.inventorySize += n;
  }
  /** Week `i` (-1: before the range): SPOFs appeared, new, resolved; the inventory at each week's end from `i` on grows by appeared minus resolved. */
  addSpofWeek(g: SpofWeekGroup): void {
    const [i, appeared, resolved] = [Number(g.i), Number(g.a), Number(g.r)];
    if (this.inRange(i)) {
      this.w[i]!.newSpofs += Number(g.an);
      this.w[i]!.resolved += resolved;
    }
    for (let k = Math.max(0, i); k < this.n; k++) this.w[k]!.inventorySize += appeared - resolved;
  }
  addAcceptances(g: AcceptanceGroup): void {
    const [given, expired, n] = [Number(g.g), Number(g.e), Number(g.n)];
    if (this.inRange(given)) this.w[given]!.acceptedNew += n;
    if (this.inRange(expired)) this.w[expired]!.acceptancesExpired += n;
  }
  addFix(f: Fix): void {
    const i = Number(f.w);
    if (this.inRange(i)) this.fix[i]!.push((fromTimestamp(f.fixed_at!).getTime() - fromTimestamp(f.first_flagged_at).getTime()) / 3_600_000);
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

/** The names the caller knows, for the repositories asked about (never one outside them). */
function namesFrom(known: NonNullable<RepoScope['names']>, repoIds: readonly number[]): Map<number, { owner: string; repo: string }> {
  const out = new Map<number, { owner: string; repo: string }>();
  for (const id of repoIds) {
    const n = known.get(id);
    if (n) out.set(id, { owner: n.owner, repo: n.repo });
  }
  return out;
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
