import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../src/store/dashboard/queries.js';
import type { Trends } from '../../src/store/dashboard/types.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { MIGRATION_TABLE, migrate } from '../../src/store/migrations.js';
import type { RepoRef } from '../../src/store/types.js';
import { dashboardDatabases } from './dashboard-databases.js';
import { spof } from './dashboard-seed.js';
import { OTHER_REPO, REPO, fakeClock } from './fixtures.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const THIRD: RepoRef = { ...REPO, repoId: 5_000_000_009, repo: 'edge' };
const TEAMS = ['acme/dba', 'acme/net', 'acme/web'];

/**
 * Trends read SPOFs from the weekly rollup (spof_weeks); here they are counted again from the
 * lifetimes themselves (spof_history and its teams), as trends did before the rollup, on a history
 * with baselines, SPOFs coming and going, shared and changing owners, inventories saved out of
 * order and a deferred replay, for ranges that start before, during and after it.
 */
async function seedHistory(store: KyselyStore): Promise<void> {
  const start = Date.parse('2025-01-06T09:00:00Z');
  const at = (week: number, hour: number) => new Date(start + week * WEEK + hour * 3_600_000 + (week % 3) * DAY);
  // The third repository's last inventory has none left: after it, no SPOF of it is alive.
  const spofsOf = (r: number, week: number) => (r === 2 && week === 8 ? [] : Array.from({ length: 9 }, (_, k) => k))
    .filter((k) => (k * 5 + week * (r + 2) + r) % 4 !== 0)
    .map((k) => spof(`r${r}s${k}`, { owners: [TEAMS[(k + r) % 3]!, ...(k % 3 === 0 ? [TEAMS[(k + week) % 3]!] : []), '@alice'] }));
  for (const [r, repo] of [REPO, OTHER_REPO, THIRD].entries()) {
    const save = (week: number, hour: number, deferHistory = false) =>
      store.saveInventory({ ...repo, ref: 'refs/heads/main', sha: `${r}${week}${hour}`.padEnd(40, '0'), spofs: spofsOf(r, week), source: 'history', at: at(week, hour) }, { deferHistory });
    if (r === 2) {
      // A replay: saved with its history deferred, then rebuilt once.
      for (let week = 0; week < 9; week += 2) await save(week, 1, true);
      await store.rebuildSpofHistory(repo.repoId, 'refs/heads/main');
      continue;
    }
    for (let week = r; week < 6; week++) await save(week, 10);
    // Older than the newest: the ref's history is rebuilt; newer ones after it go on from there.
    await save(4, 2);
    for (let week = 6; week < 10; week++) await save(week, 10);
  }
}

type Lifetime = { repoId: number; teams: string[]; baseline: number; appeared: number; resolved: number | null };

async function lifetimes(store: KyselyStore): Promise<Lifetime[]> {
  const rows = await store.db.selectFrom('spof_history as h').leftJoin('spof_history_teams as t', 't.spof_id', 'h.id')
    .select(['h.id', 'h.repo_id', 'h.baseline', 'h.appeared_at', 'h.resolved_at', 't.team']).execute();
  const byId = new Map<number, Lifetime>();
  for (const r of rows) {
    const life = byId.get(Number(r.id)) ?? { repoId: Number(r.repo_id), teams: [], baseline: Number(r.baseline), appeared: new Date(r.appeared_at).getTime(), resolved: r.resolved_at === null ? null : new Date(r.resolved_at).getTime() };
    if (r.team !== null) life.teams.push(r.team);
    byId.set(Number(r.id), life);
  }
  return [...byId.values()];
}

type Counts = [newSpofs: number, resolved: number, inventorySize: number][];

/** New, resolved and inventory size per week of the range, from the lifetimes alive in it. */
function countFromScratch(lives: readonly Lifetime[], from: string, weeks: number): Counts {
  const start = Date.parse(from);
  const end = start + weeks * WEEK;
  const index = (t: number | null) => (t === null || t >= end ? weeks : t < start ? -1 : Math.floor((t - start) / WEEK));
  const out: Counts = Array.from({ length: weeks }, () => [0, 0, 0]);
  for (const l of lives) {
    if (l.appeared >= end || (l.resolved !== null && l.resolved < start)) continue;
    const [a, r] = [index(l.appeared), index(l.resolved)];
    if (a >= 0 && l.baseline === 0) out[a]![0]++;
    if (r < weeks) out[r]![1]++;
    for (let i = Math.max(0, a); i < r; i++) out[i]![2]++;
  }
  return out;
}

function alive(lives: readonly Lifetime[], from: string, weeks: number): Lifetime[] {
  const start = Date.parse(from);
  return lives.filter((l) => l.appeared < start + weeks * WEEK && (l.resolved === null || l.resolved >= start));
}

function spofCounts(t: Trends) {
  const of = (weeks: Trends['weeks']): Counts => weeks.map((w) => [w.newSpofs, w.resolved, w.inventorySize]);
  return { all: of(t.weeks), byRepo: t.byRepo.map((r) => [r.repoId, of(r.weeks)]), byTeam: t.byTeam.map((r) => [r.team, of(r.weeks)]) };
}

function expected(lives: readonly Lifetime[], repoIds: readonly number[], from: string, weeks: number, teams?: string[]) {
  const inScope = lives.filter((l) => repoIds.includes(l.repoId) && (!teams || l.teams.some((t) => teams.includes(t))));
  const repos = [...new Set(alive(inScope, from, weeks).map((l) => l.repoId))].sort((a, b) => a - b);
  const teamNames = [...new Set(alive(inScope, from, weeks).flatMap((l) => l.teams))].filter((t) => !teams || teams.includes(t)).sort();
  return {
    all: countFromScratch(inScope, from, weeks),
    byRepo: repos.map((id) => [id, countFromScratch(inScope.filter((l) => l.repoId === id), from, weeks)]),
    byTeam: teamNames.map((team) => [team, countFromScratch(inScope.filter((l) => l.teams.includes(team)), from, weeks)]),
  };
}

const RANGES: [from: string, weeks: number][] = [
  ['2024-12-30T00:00:00.000Z', 16], ['2025-01-06T00:00:00.000Z', 1], ['2025-01-27T00:00:00.000Z', 5],
  ['2025-02-24T00:00:00.000Z', 3], ['2025-03-24T00:00:00.000Z', 2],
];

for (const database of dashboardDatabases()) {
  describe.skipIf(database.skip)(`trends from the weekly SPOF rollup on ${database.name}`, () => {
    async function seeded() {
      const clock = fakeClock('2025-04-02T12:00:00.000Z');
      const store = await database.open({ now: clock.now });
      await seedHistory(store);
      return { store, q: createDashboardQueries(store.db, { now: clock.now }) };
    }

    async function compare(store: KyselyStore, q: ReturnType<typeof createDashboardQueries>) {
      const lives = await lifetimes(store);
      expect(lives.length).toBeGreaterThan(20);
      const scopes = [[REPO.repoId, OTHER_REPO.repoId, THIRD.repoId], [OTHER_REPO.repoId]];
      for (const repoIds of scopes) {
        for (const [from, weeks] of RANGES) {
          const to = new Date(Date.parse(from) + (weeks - 1) * WEEK).toISOString();
          for (const teams of [undefined, ['acme/net'], ['acme/dba', 'acme/web']]) {
            const got = spofCounts(await q.trends({ repoIds }, { from, to, ...(teams ? { teams } : {}) }));
            const want = expected(lives, repoIds, from, weeks, teams);
            expect({ ...got, byRepo: [...got.byRepo].sort((a, b) => Number(a[0]) - Number(b[0])) }, `${repoIds.length} repositories from ${from}, ${weeks} weeks, teams ${teams}`).toEqual(want);
          }
        }
      }
    }

    it('new, resolved and inventory size per week, per repository and per team, are the counts of the SPOF lifetimes', async () => {
      const { store, q } = await seeded();
      await compare(store, q);
    });

    it('the migration that adds the rollup fills it from the SPOF history already stored', async () => {
      const { store, q } = await seeded();
      const before = await store.db.selectFrom('spof_weeks').select(['repo_id', 'team', 'week_day', 'appeared', 'appeared_new', 'resolved'])
        .orderBy('repo_id').orderBy('team').orderBy('week_day').execute();
      await store.db.schema.dropTable('spof_weeks').execute();
      await sql`delete from ${sql.table(MIGRATION_TABLE)} where name = '0007_spof_weeks'`.execute(store.db);
      await migrate(store.db);
      const after = await store.db.selectFrom('spof_weeks').select(['repo_id', 'team', 'week_day', 'appeared', 'appeared_new', 'resolved'])
        .orderBy('repo_id').orderBy('team').orderBy('week_day').execute();
      expect(after).toEqual(before);
      await compare(store, q);
    });

    it('names the caller already knows (GitHub\'s, from the access check) replace the store\'s, only for the repositories asked about', async () => {
      const { q } = await seeded();
      const repoIds = [REPO.repoId, OTHER_REPO.repoId];
      const fromStore = await q.trends({ repoIds }, {});
      expect(fromStore.byRepo.length).toBe(2);
      const names = new Map([
        [REPO.repoId, { owner: 'acme', repo: 'renamed-on-github' }],
        [OTHER_REPO.repoId, { owner: OTHER_REPO.owner, repo: OTHER_REPO.repo }],
        [THIRD.repoId, { owner: 'acme', repo: 'not-asked-about' }],
      ]);
      const fromCaller = await q.trends({ repoIds, names }, {});
      const strip = (t: typeof fromStore) => t.byRepo.map(({ owner: _o, repo: _r, ...rest }) => rest);
      expect(strip(fromCaller)).toEqual(strip(fromStore));
      const named = fromCaller.byRepo.map((r) => `${r.owner}/${r.repo}`).sort();
      expect(named).toEqual([`${OTHER_REPO.owner}/${OTHER_REPO.repo}`, 'acme/renamed-on-github'].sort());
      expect(JSON.stringify(fromCaller)).not.toContain('not-asked-about');
    });

    it('a purged repository leaves no weekly counts', async () => {
      const { store } = await seeded();
      await store.purgeRepository(OTHER_REPO.repoId);
      const repos = await store.db.selectFrom('spof_weeks').select('repo_id').distinct().execute();
      expect(repos.map((r) => Number(r.repo_id)).sort()).toEqual([REPO.repoId, THIRD.repoId]);
    });
  });
}
