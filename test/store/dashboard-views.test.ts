import { describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../src/store/dashboard/queries.js';
import { dashboardDatabases } from './dashboard-databases.js';
import { Seeder, flagged, spof } from './dashboard-seed.js';
import { OTHER_REPO, REPO, fakeClock } from './fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const mine = { repoIds: [REPO.repoId] };
const both = { repoIds: [REPO.repoId, OTHER_REPO.repoId] };
const PAGE = { limit: 50 };

for (const database of dashboardDatabases()) {
  describe.skipIf(database.skip)(`inventory, trends, risk register, overview and teams on ${database.name}`, () => {
    // Monday 2025-03-03 09:00 UTC.
    async function setup(start = '2025-03-03T09:00:00.000Z') {
      const clock = fakeClock(start);
      const store = await database.open({ now: clock.now });
      return { clock, store, seed: new Seeder(store), q: createDashboardQueries(store.db, { now: clock.now }) };
    }

    it('inventory: the newest inventory of each repository, with blast radius, recovery and owners; filtered by team', async () => {
      const { clock, store, q } = await setup();
      const main = { ...REPO, ref: 'refs/heads/main' };
      await store.saveInventory({ ...main, sha: '1'.repeat(40), spofs: [spof('old')] });
      clock.advance(HOUR);
      await store.saveInventory({ ...main, sha: '2'.repeat(40), spofs: [
        spof('db', { blastRadius: 4, rto: 'hours', rpo: 'up to 24h', owners: ['acme/dba'] }),
        spof('nat', { owners: ['acme/net', '@alice'] }),
      ], diagram: 'flowchart LR\n  a --> b\n' });
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/main', sha: '3'.repeat(40), spofs: [spof('x', { owners: ['acme/dba'] })] });
      const rows = (await q.inventory(mine, {}, PAGE)).rows;
      expect(rows).toEqual([{
        ...REPO, ref: 'refs/heads/main', sha: '2'.repeat(40), recordedAt: '2025-03-03T10:00:00.000Z',
        spofs: [
          { ...spof('db'), blastRadius: 4, recovery: 'RTO hours; RPO up to 24h', rto: 'hours', rpo: 'up to 24h', teams: ['acme/dba'] },
          { ...spof('nat'), teams: ['acme/net', '@alice'] },
        ],
        graph: 'flowchart LR\n  a --> b\n',
      }]);
      // Filtered to a team, the graph (which shows every SPOF) is left out.
      expect((await q.inventory(mine, { teams: ['acme/dba'] }, PAGE)).rows[0]!.graph).toBeNull();
      expect((await q.inventory(both, { teams: ['acme/dba'] }, PAGE)).rows.map((r) => [r.repo, r.spofs.map((s) => s.fingerprint)])).toEqual([['apps', ['x']], ['infra', ['db']]]);
      expect(await q.inventory(both, { teams: ['acme/nobody'] }, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
      expect(await q.inventory(mine, { repoIds: [OTHER_REPO.repoId] }, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
      expect(await q.inventory({ repoIds: [] }, {}, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
      // The totals are counted in SQL: repositories and SPOFs of the newest inventories, or the SPOFs a team owns.
      expect(await q.inventory(both, {}, { limit: 1 })).toMatchObject({ total: 2, spofs: 3 });
      expect(await q.inventory(both, { teams: ['acme/dba'] }, { limit: 1 })).toMatchObject({ total: 2, spofs: 2 });

      // Two inventories of the same date: the one saved last is the newest.
      const same = new Date('2025-03-03T11:00:00.000Z');
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/main', sha: '4'.repeat(40), spofs: [spof('p'), spof('q')], at: same });
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/other', sha: '5'.repeat(40), spofs: [spof('r')], at: same });
      expect((await q.inventory(both, {}, PAGE)).rows.map((r) => [r.repo, r.sha.slice(0, 1), r.spofs.length])).toEqual([['apps', '5', 1], ['infra', '2', 2]]);
      expect((await q.overview(both, clock.now())).defaultBranchSpofs).toBe(3);
    });

    it('inventory pages: by owner/name, each repository in scope once, none outside it, with the totals of the whole scope', async () => {
      const { store, q } = await setup();
      // Names that sort differently by owner than by name, two with one name, and two outside the scope among them.
      const names: [string, string][] = [['zeta', 'api'], ['acme', 'web'], ['acme', 'api'], ['beta', 'api'], ['acme', 'db'], ['mid', 'secret'], ['beta', 'core'], ['acme', 'aaa-secret']];
      const repos = names.map(([owner, repo], i) => ({ installationId: 41_000_000_001, repoId: 6_000_000_000 + i, owner, repo }));
      for (const [i, r] of repos.entries()) {
        await store.saveInventory({ ...r, ref: 'refs/heads/main', sha: String(i).repeat(40), spofs: [spof(`a${i}`, { owners: [i % 2 === 0 ? 'acme/even' : 'acme/odd'] }), spof(`b${i}`)] });
      }
      const scope = { repoIds: repos.filter((r) => !r.repo.includes('secret')).map((r) => r.repoId) };
      const all = async (filter: { teams?: string[] }, limit: number) => {
        const seen: string[] = [];
        const totals = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await q.inventory(scope, filter, { limit, ...(cursor ? { cursor } : {}) });
          expect(page.rows.length).toBeLessThanOrEqual(limit);
          seen.push(...page.rows.map((r) => `${r.owner}/${r.repo}`));
          totals.add(`${page.total}/${page.spofs}`);
          cursor = page.nextCursor;
        } while (cursor);
        return { seen, totals: [...totals] };
      };
      const expected = ['acme/api', 'acme/db', 'acme/web', 'beta/api', 'beta/core', 'zeta/api'];
      for (const limit of [1, 2, 4, 6, 50]) expect(await all({}, limit)).toEqual({ seen: expected, totals: ['6/12'] });
      // Team acme/even owns a SPOF in repositories 0, 2, 4 and 6 (zeta/api, acme/api, acme/db, beta/core): one each.
      for (const limit of [1, 3]) expect(await all({ teams: ['acme/even'] }, limit)).toEqual({ seen: ['acme/api', 'acme/db', 'beta/core', 'zeta/api'], totals: ['4/4'] });
      // A team owning only what is outside the scope is counted nowhere.
      expect(await q.inventory({ repoIds: [repos[0]!.repoId] }, { teams: ['acme/odd'] }, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
      // A cursor is a position, never a scope: one made from a repository outside the scope, or garbage, reads only the scope.
      const outside = Buffer.from(JSON.stringify(['acme', 'aaa-secret', repos[7]!.repoId])).toString('base64url');
      expect((await q.inventory(scope, {}, { limit: 50, cursor: outside })).rows.map((r) => r.repo)).toEqual(['api', 'db', 'web', 'api', 'core', 'api']);
      expect((await q.inventory(scope, {}, { limit: 50, cursor: 'not-a-cursor' })).rows).toHaveLength(6);
    });

    it('trends: new and resolved SPOFs per ISO week, inventory size at each week end, per repository and per team', async () => {
      const { store, q } = await setup('2025-03-20T12:00:00.000Z');
      const at = (iso: string) => new Date(iso);
      const inv = (sha: string, when: string, spofs: ReturnType<typeof spof>[]) =>
        store.saveInventory({ ...REPO, ref: 'refs/heads/main', sha: sha.repeat(40), spofs, source: 'history', at: at(when) });
      // Week of 2025-02-24: first inventory (a baseline, nothing new); week of 03-03: b appears, a is fixed; week of 03-10: c appears.
      await inv('1', '2025-02-25T10:00:00Z', [spof('a', { owners: ['acme/dba'] })]);
      await inv('2', '2025-03-04T10:00:00Z', [spof('b', { owners: ['acme/dba'] })]);
      await inv('3', '2025-03-12T10:00:00Z', [spof('b', { owners: ['acme/dba'] }), spof('c', { owners: ['acme/net'] })]);
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/main', sha: '9'.repeat(40), spofs: [spof('z', { owners: ['acme/hidden'] })], at: at('2025-03-05T00:00:00Z') });

      const t = await q.trends(mine, { from: '2025-02-24T00:00:00Z', to: '2025-03-17T00:00:00Z' });
      expect(t.weeks.map((w) => [w.week.slice(0, 10), w.newSpofs, w.resolved, w.inventorySize])).toEqual([
        ['2025-02-24', 0, 0, 1],
        ['2025-03-03', 1, 1, 1],
        ['2025-03-10', 1, 0, 2],
        ['2025-03-17', 0, 0, 2],
      ]);
      expect(t.byRepo.map((r) => [r.repo, r.weeks.map((w) => w.inventorySize)])).toEqual([['infra', [1, 1, 2, 2]]]);
      expect(t.byTeam.map((r) => [r.team, r.weeks.map((w) => w.newSpofs)])).toEqual([['acme/dba', [0, 1, 0, 0]], ['acme/net', [0, 0, 1, 0]]]);
      const dba = await q.trends(mine, { from: '2025-02-24T00:00:00Z', to: '2025-03-17T00:00:00Z', teams: ['acme/dba'] });
      expect(dba.weeks.map((w) => w.inventorySize)).toEqual([1, 1, 1, 1]);
      // Default range: the 12 weeks ending with the current one.
      const defaults = await q.trends(mine, {});
      expect([defaults.weeks.length, defaults.weeks.at(-1)!.week]).toEqual([12, '2025-03-17T00:00:00.000Z']);

      // History replayed after the fact (older than what is there) rebuilds the ref's history in date order.
      await inv('0', '2025-02-18T10:00:00Z', []);
      const replayed = await q.trends(mine, { from: '2025-02-17T00:00:00Z', to: '2025-03-03T00:00:00Z' });
      expect(replayed.weeks.map((w) => [w.newSpofs, w.inventorySize])).toEqual([[0, 0], [1, 1], [1, 1]]);
    });

    it('trends: a week runs from Monday 00:00:00.000 UTC; a SPOF whose owners name a team twice counts once for it', async () => {
      const { store, q } = await setup('2025-03-20T12:00:00.000Z');
      const inv = (sha: string, when: string, spofs: ReturnType<typeof spof>[]) =>
        store.saveInventory({ ...REPO, ref: 'refs/heads/main', sha: sha.repeat(40), spofs, source: 'history', at: new Date(when) });
      await inv('1', '2025-02-20T00:00:00.000Z', []);
      await inv('2', '2025-03-02T23:59:59.999Z', [spof('sunday', { owners: ['acme/dba', 'acme/dba'] })]);
      await inv('3', '2025-03-03T00:00:00.000Z', [spof('sunday', { owners: ['acme/dba', 'acme/dba'] }), spof('monday', { owners: ['acme/net'] })]);
      expect((await q.teams(mine)).map((s) => [s.team, s.defaultBranchSpofs])).toEqual([['acme/dba', 1], ['acme/net', 1]]);
      await inv('4', '2025-03-09T23:59:59.999Z', [spof('monday', { owners: ['acme/net'] })]);
      await inv('5', '2025-03-10T00:00:00.000Z', []);

      const t = await q.trends(mine, { from: '2025-02-24T00:00:00Z', to: '2025-03-10T00:00:00Z' });
      expect(t.weeks.map((w) => [w.week.slice(0, 10), w.newSpofs, w.resolved, w.inventorySize])).toEqual([
        ['2025-02-24', 1, 0, 1],
        ['2025-03-03', 1, 1, 1],
        ['2025-03-10', 0, 1, 0],
      ]);
      expect(t.byTeam.map((r) => [r.team, r.weeks.map((w) => [w.newSpofs, w.resolved, w.inventorySize])])).toEqual([
        ['acme/dba', [[1, 0, 1], [0, 1, 0], [0, 0, 0]]],
        ['acme/net', [[0, 0, 0], [1, 0, 1], [0, 1, 0]]],
      ]);
      // A range starting after some SPOFs appeared counts them in the inventory, not as new.
      const later = await q.trends(mine, { from: '2025-03-03T00:00:00Z', to: '2025-03-03T00:00:00Z', teams: ['acme/dba'] });
      expect(later.weeks.map((w) => [w.newSpofs, w.resolved, w.inventorySize])).toEqual([[0, 1, 0]]);
    });

    it('a replay saved with its history deferred and then rebuilt once is the history saved in date order', async () => {
      const history = async (store: Awaited<ReturnType<typeof setup>>['store']) =>
        (await store.db.selectFrom('spof_history as h').leftJoin('spof_history_teams as t', 't.spof_id', 'h.id')
          .select(['h.fingerprint', 'h.baseline', 'h.appeared_at', 'h.resolved_at', 't.team']).orderBy('h.appeared_at').orderBy('h.fingerprint').orderBy('t.team').execute())
          .map((r) => [r.fingerprint, r.baseline, new Date(r.appeared_at).toISOString(), r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(), r.team]);
      const inventories = [
        ['1', '2025-02-18T10:00:00.000Z', [spof('a', { owners: ['acme/dba'] })]],
        ['2', '2025-02-25T10:00:00.000Z', [spof('a', { owners: ['acme/dba'] }), spof('b', { owners: ['acme/net', '@alice'] })]],
        ['3', '2025-03-04T10:00:00.000Z', [spof('b', { owners: ['acme/net', '@alice'] })]],
        ['4', '2025-03-11T10:00:00.000Z', [spof('a', { owners: ['acme/dba'] })]],
      ] as const;
      const save = (store: Awaited<ReturnType<typeof setup>>['store'], [sha, at, spofs]: (typeof inventories)[number], deferHistory = false) =>
        store.saveInventory({ ...REPO, ref: 'refs/heads/main', sha: sha.repeat(40), spofs: [...spofs], source: 'history', at: new Date(at) }, { deferHistory });

      const inOrder = await setup();
      for (const inv of inventories) await save(inOrder.store, inv);
      const expected = await history(inOrder.store);
      expect(expected).toEqual([
        ['a', 1, '2025-02-18T10:00:00.000Z', '2025-03-04T10:00:00.000Z', 'acme/dba'],
        ['b', 0, '2025-02-25T10:00:00.000Z', '2025-03-11T10:00:00.000Z', '@alice'],
        ['b', 0, '2025-02-25T10:00:00.000Z', '2025-03-11T10:00:00.000Z', 'acme/net'],
        ['a', 0, '2025-03-11T10:00:00.000Z', null, 'acme/dba'],
      ]);

      // The app recorded the newest first; the replay brings the older ones, deferred, then one rebuild.
      const replayed = await setup();
      await save(replayed.store, inventories[3]);
      for (const inv of inventories.slice(0, 3)) await save(replayed.store, inv, true);
      expect(await history(replayed.store)).not.toEqual(expected);
      await replayed.store.rebuildSpofHistory(REPO.repoId, 'refs/heads/main');
      expect(await history(replayed.store)).toEqual(expected);
    });

    it('trends: acceptances given and expiring, and the median time to fix', async () => {
      const { clock, store, seed, q } = await setup();
      const r1 = await seed.review(REPO, 1, [flagged('a')], { owners: { a: ['acme/dba'] } });
      await store.recordAcceptance({ ...REPO, prNumber: 1, headSha: r1.headSha, fingerprints: ['a'], acceptedBy: 'carol', via: 'label', note: null, expiresAt: new Date('2025-03-11T00:00:00Z') });
      await seed.review(REPO, 2, [flagged('b')]);
      clock.advance(10 * HOUR);
      await seed.review(REPO, 2, []); // fixed 10 hours after first flagged
      await seed.review(REPO, 3, [flagged('c')]);
      clock.advance(20 * HOUR);
      await seed.review(REPO, 3, []); // 20 hours
      await seed.review(REPO, 4, [flagged('d')]);
      clock.advance(9 * DAY); // now 2025-03-13
      const t = await q.trends(mine, { from: '2025-03-03T00:00:00Z', to: '2025-03-10T00:00:00Z' });
      expect(t.weeks.map((w) => [w.acceptedNew, w.acceptancesExpired, w.medianHoursToFix])).toEqual([[1, 0, 15], [0, 1, null]]);
      expect(t.byTeam.map((b) => [b.team, b.weeks.map((w) => w.acceptedNew)])).toEqual([['acme/dba', [1, 0]]]);
    });

    it('risk register: every acceptance with what happened since, by state and team', async () => {
      const { clock, store, seed, q } = await setup();
      const r1 = await seed.review(REPO, 1, [flagged('a')], { owners: { a: ['acme/dba'] } });
      const r2 = await seed.review(REPO, 2, [flagged('b')]);
      const r3 = await seed.review(REPO, 3, [flagged('c')]);
      await store.recordAcceptance({ ...REPO, prNumber: 1, headSha: r1.headSha, fingerprints: ['a'], acceptedBy: 'carol', via: 'comment', note: 'INC-7', expiresAt: new Date('2025-03-04T00:00:00Z') });
      clock.advance(HOUR);
      await store.recordAcceptance({ ...REPO, prNumber: 2, headSha: r2.headSha, fingerprints: ['b'], acceptedBy: 'dave', via: 'label', note: null });
      clock.advance(HOUR);
      await store.recordAcceptance({ ...REPO, prNumber: 3, headSha: r3.headSha, fingerprints: ['c'], acceptedBy: 'erin', via: 'label', note: null });
      await store.revokeAcceptances(REPO.repoId, 3, 'frank');
      await store.recordOutcomes(REPO, 2, [{ fingerprint: 'b', outcome: 'merged-with-risk', accepted: true, severity: 'critical', rule: 'r', componentId: 'c', title: 't', headSha: r2.headSha, mergeSha: 'm'.repeat(40), closedAt: clock.now() }]);
      const now = clock.now();
      const all = await q.acceptances(mine, {}, now);
      expect(all.map((a) => [a.prNumber, a.acceptedBy, a.since, a.revokedBy])).toEqual([[3, 'erin', 'open', 'frank'], [2, 'dave', 'merged-with-risk', null], [1, 'carol', 'accepted', null]]);
      expect(all[2]).toMatchObject({ reason: 'INC-7', via: 'comment', fingerprints: ['a'], teams: ['acme/dba'], acceptedAt: '2025-03-03T09:00:00.000Z', expiresAt: '2025-03-04T00:00:00.000Z' });
      expect((await q.acceptances(mine, { state: 'active' }, now)).map((a) => a.prNumber)).toEqual([2, 1]);
      expect((await q.acceptances(mine, { state: 'revoked' }, now)).map((a) => a.prNumber)).toEqual([3]);
      const later = new Date('2025-03-05T00:00:00Z');
      expect((await q.acceptances(mine, { state: 'expired' }, later)).map((a) => a.prNumber)).toEqual([1]);
      expect((await q.acceptances(mine, { teams: ['acme/dba'] }, now)).map((a) => a.prNumber)).toEqual([1]);
    });

    it('overview and teams: open changes by severity, repository and team, default-branch SPOFs, this week', async () => {
      const { clock, store, seed, q } = await setup();
      await store.saveInventory({ ...REPO, ref: 'refs/heads/main', sha: '1'.repeat(40), spofs: [spof('a', { owners: ['acme/dba'] })], at: new Date('2025-02-20T00:00:00Z') });
      await store.saveInventory({ ...REPO, ref: 'refs/heads/main', sha: '2'.repeat(40), spofs: [spof('b', { owners: ['acme/dba'] }), spof('c', { owners: ['acme/net'] })] });
      await seed.review(REPO, 1, [flagged('x'), flagged('y', { severity: 'low' })], { owners: { x: ['acme/dba'], y: ['acme/net'] } });
      await seed.review(REPO, 2, [flagged('z', { severity: 'medium' })], { owners: { z: ['acme/dba'] } });
      const r3 = await seed.review(REPO, 3, [flagged('w', { severity: 'high' })], { owners: { w: ['acme/net'] } });
      await store.recordAcceptance({ ...REPO, prNumber: 3, headSha: r3.headSha, fingerprints: ['w'], acceptedBy: 'carol', via: 'label', note: null });
      clock.advance(HOUR);
      const o = await q.overview(mine, clock.now());
      expect(o.open).toEqual({
        bySeverity: { critical: 1, medium: 1 },
        byRepo: [{ repoId: REPO.repoId, owner: 'acme', repo: 'infra', count: 2 }],
        byTeam: [{ team: 'acme/dba', count: 2 }, { team: 'acme/net', count: 1 }],
      });
      expect(o.defaultBranchSpofs).toBe(2);
      expect(o.thisWeek).toEqual({ newSpofs: 2, resolved: 1, accepted: 1 });
      expect(o.recent.map((r) => r.prNumber)).toEqual([3, 2, 1]);

      expect(await q.teams(mine)).toEqual([
        { team: 'acme/dba', open: 2, accepted: 0, defaultBranchSpofs: 1, repos: ['acme/infra'] },
        { team: 'acme/net', open: 1, accepted: 1, defaultBranchSpofs: 1, repos: ['acme/infra'] },
      ]);
    });

    it('no trace of a repository outside the scope in any query', async () => {
      const { clock, store, seed, q } = await setup();
      // Everything the other repository could have, under a team name of its own.
      const secret = { owners: { s: ['acme/secret-team'] } };
      const r = await seed.review(OTHER_REPO, 1, [flagged('s')], secret);
      await store.recordAcceptance({ ...OTHER_REPO, prNumber: 1, headSha: r.headSha, fingerprints: ['s'], acceptedBy: 'x', via: 'label', note: null, expiresAt: new Date('2025-03-04T00:00:00Z') });
      await seed.review(OTHER_REPO, 2, [flagged('t')], { owners: { t: ['acme/secret-team'] } });
      clock.advance(HOUR);
      await seed.review(OTHER_REPO, 2, []);
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/main', sha: '1'.repeat(40), spofs: [spof('s1', { owners: ['acme/secret-team'] })], at: new Date('2025-02-20T00:00:00Z') });
      await store.saveInventory({ ...OTHER_REPO, ref: 'refs/heads/main', sha: '2'.repeat(40), spofs: [spof('s2', { owners: ['acme/secret-team'] })] });
      // And a little of the viewer's own.
      await seed.review(REPO, 5, [flagged('m')], { owners: { m: ['acme/dba'] } });
      const now = new Date('2025-03-05T00:00:00Z');

      for (const scope of [mine, { repoIds: [] as number[] }]) {
        const own = scope.repoIds.length > 0;
        const changes = await q.changes(scope, {}, { limit: 100 });
        expect(changes.total).toBe(own ? 1 : 0);
        expect(JSON.stringify(changes)).not.toMatch(/apps|secret/);
        expect(await q.change(scope, OTHER_REPO.repoId, 1)).toBeUndefined();
        const overview = await q.overview(scope, now);
        expect(JSON.stringify(overview)).not.toMatch(/apps|secret/);
        expect([overview.defaultBranchSpofs, overview.thisWeek]).toEqual([0, { newSpofs: 0, resolved: 0, accepted: 0 }]);
        expect(overview.open.byRepo.reduce((n, r) => n + r.count, 0)).toBe(own ? 1 : 0);
        expect(await q.inventory(scope, {}, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
        expect(await q.inventory(scope, { teams: ['acme/secret-team'] }, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
        expect(await q.inventory(scope, { repoIds: [OTHER_REPO.repoId] }, PAGE)).toEqual({ rows: [], total: 0, spofs: 0 });
        const trends = await q.trends(scope, { from: '2025-02-17T00:00:00Z', to: '2025-03-03T00:00:00Z' });
        expect(JSON.stringify(trends)).not.toMatch(/apps|secret/);
        expect(trends.weeks.every((w) => w.newSpofs + w.resolved + w.inventorySize + w.acceptedNew + w.acceptancesExpired === 0 && w.medianHoursToFix === null)).toBe(true);
        expect(trends.byRepo.every((b) => b.repoId === REPO.repoId)).toBe(true);
        expect(await q.acceptances(scope, {}, now)).toEqual([]);
        expect(await q.acceptances(scope, { repoIds: [OTHER_REPO.repoId], state: 'expired' }, now)).toEqual([]);
        const teams = await q.teams(scope);
        expect(teams.map((t) => t.team)).toEqual(own ? ['acme/dba'] : []);
      }
      // The same queries over both repositories do see it: the data is there, the scope kept it out.
      expect((await q.changes(both, {}, { limit: 100 })).total).toBe(3);
      expect((await q.teams(both)).map((t) => t.team)).toEqual(['acme/dba', 'acme/secret-team']);
      expect((await q.overview(both, now)).defaultBranchSpofs).toBe(1);
      expect(await q.acceptances(both, {}, now)).toHaveLength(1);
    });
  });
}
