import { describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../src/store/dashboard/queries.js';
import { rebuildDashboard } from '../../src/store/dashboard/derive.js';
import { dashboardDatabases } from './dashboard-databases.js';
import { Seeder, flagged } from './dashboard-seed.js';
import { OTHER_REPO, REPO, fakeClock } from './fixtures.js';

const HOUR = 3_600_000;
const everything = { repoIds: [REPO.repoId, OTHER_REPO.repoId] };

for (const database of dashboardDatabases()) {
  describe.skipIf(database.skip)(`flagged changes on ${database.name}`, () => {
    async function setup() {
      const clock = fakeClock('2025-03-03T09:00:00.000Z');
      const store = await database.open({ now: clock.now });
      return { clock, store, seed: new Seeder(store), q: createDashboardQueries(store.db, { now: clock.now }) };
    }

    it('a PR with a finding in any review is a flagged change; one with none, only resolved or only suppressed findings is not', async () => {
      const { store, seed, q } = await setup();
      await seed.review(REPO, 1, [flagged('f1')], { owners: { f1: ['acme/dba', '@alice'] }, checkRunId: 9_000_000_001 });
      await seed.review(REPO, 2, []);
      await seed.review(REPO, 3, [flagged('r1', { kind: 'resolved-spof' })]);
      await seed.review(REPO, 4, [flagged('s1', { suppressed: 'ignored in config' })]);
      const page = await q.changes({ repoIds: [REPO.repoId] }, {}, { limit: 50 });
      expect(page.total).toBe(1);
      expect(page.rows).toEqual([{
        ...REPO, prNumber: 1, headSha: expect.stringMatching(/^0+1$/), status: 'open', counts: { critical: 1 }, topSeverity: 'critical',
        kinds: ['new-spof'], rules: ['aws.rds.single-az'], teams: ['@alice', 'acme/dba'], checkRunId: 9_000_000_001,
        firstFlaggedAt: '2025-03-03T09:00:00.000Z', lastReviewedAt: '2025-03-03T09:00:00.000Z', closedAt: null, acceptance: null,
      }]);
      expect(await store.latestReview(REPO.repoId, 2)).toBeDefined();
    });

    it('status follows the store: fixed by a push, accepted until expiry or revocation, merged with risk, abandoned', async () => {
      const { clock, store, seed, q } = await setup();
      const status = async (pr: number) => (await q.changes({ repoIds: [REPO.repoId] }, {}, { limit: 50 })).rows.find((r) => r.prNumber === pr)?.status;

      // Fixed: the next push has nothing open.
      await seed.review(REPO, 10, [flagged('a'), flagged('b', { severity: 'low' })]);
      clock.advance(5 * HOUR);
      await seed.review(REPO, 10, [flagged('b', { severity: 'low' })]);
      expect(await status(10)).toBe('open');
      clock.advance(5 * HOUR);
      await seed.review(REPO, 10, []);
      expect(await status(10)).toBe('fixed-before-merge');
      const fixed = (await q.changes({ repoIds: [REPO.repoId] }, { statuses: ['fixed-before-merge'] }, { limit: 5 })).rows[0]!;
      // What it carried stays visible: both findings, by severity.
      expect(fixed.counts).toEqual({ critical: 1, low: 1 });

      // Accepted: every open finding covered, until the expiry.
      const reviewed = await seed.review(REPO, 11, [flagged('c'), flagged('d')]);
      const accept = { ...REPO, prNumber: 11, headSha: reviewed.headSha, acceptedBy: 'carol', via: 'comment' as const, note: 'replica next sprint' };
      await store.recordAcceptance({ ...accept, fingerprints: ['c'], expiresAt: new Date(clock.now().getTime() + 48 * HOUR) });
      expect(await status(11)).toBe('open');
      await store.recordAcceptance({ ...accept, acceptedBy: 'dave', fingerprints: ['c', 'd'], expiresAt: new Date(clock.now().getTime() + 24 * HOUR) });
      expect(await status(11)).toBe('accepted');
      const row = (await q.changes({ repoIds: [REPO.repoId] }, { statuses: ['accepted'] }, { limit: 5 })).rows[0]!;
      // d is covered until dave's expiry only: the change is accepted until the earliest finding's cover ends.
      expect(row.acceptance).toEqual({ by: 'carol, dave', reason: 'replica next sprint', expiresAt: '2025-03-04T19:00:00.000Z' });
      clock.advance(25 * HOUR);
      expect(await status(11)).toBe('open');
      await store.recordAcceptance({ ...accept, fingerprints: ['c', 'd'], expiresAt: null });
      expect(await status(11)).toBe('accepted');
      await store.revokeAcceptances(REPO.repoId, 11, 'erin');
      expect(await status(11)).toBe('open');

      // Closed: the outcomes pull_request.closed records.
      const closed = { headSha: reviewed.headSha, closedAt: clock.now(), severity: 'critical' as const, rule: 'r', componentId: 'x', title: 't' };
      await store.recordOutcomes(REPO, 11, [{ ...closed, fingerprint: 'c', outcome: 'merged-with-risk', accepted: false, mergeSha: 'm'.repeat(40) }, { ...closed, fingerprint: 'd', outcome: 'merged-with-risk', accepted: false, mergeSha: 'm'.repeat(40) }]);
      expect(await status(11)).toBe('merged-with-risk');
      await seed.review(REPO, 12, [flagged('e')]);
      await store.recordOutcomes(REPO, 12, [{ ...closed, fingerprint: 'e', outcome: 'abandoned', accepted: false, mergeSha: null }]);
      expect(await status(12)).toBe('abandoned');
      expect((await q.changes({ repoIds: [REPO.repoId] }, { statuses: ['merged-with-risk', 'abandoned'] }, { limit: 5 })).rows.map((r) => [r.prNumber, r.closedAt]))
        .toEqual([[12, '2025-03-04T20:00:00.000Z'], [11, '2025-03-04T20:00:00.000Z']]);
    });

    it('filters by team, severity, kind, rule, status and date; repoIds narrow the scope and never widen it', async () => {
      const { clock, seed, q } = await setup();
      await seed.review(REPO, 1, [flagged('a', { severity: 'high', rule: 'aws.elasticache.single-node' })], { owners: { a: ['acme/cache'] } });
      clock.advance(HOUR);
      await seed.review(REPO, 2, [flagged('b', { kind: 'redundancy-reduced', severity: 'medium' })], { owners: { b: ['acme/dba'] } });
      clock.advance(HOUR);
      await seed.review(OTHER_REPO, 3, [flagged('c')], { owners: { c: ['acme/dba'] } });
      const prs = async (filter: Parameters<typeof q.changes>[1], scope = everything) => (await q.changes(scope, filter, { limit: 50 })).rows.map((r) => r.prNumber);
      expect(await prs({})).toEqual([3, 2, 1]);
      expect(await prs({ teams: ['acme/dba'] })).toEqual([3, 2]);
      expect(await prs({ teams: ['acme/nobody'] })).toEqual([]);
      expect(await prs({ severities: ['high', 'medium'] })).toEqual([2, 1]);
      expect(await prs({ kinds: ['redundancy-reduced'] })).toEqual([2]);
      expect(await prs({ rules: ['aws.elasticache.single-node'] })).toEqual([1]);
      expect(await prs({ statuses: ['open'] })).toEqual([3, 2, 1]);
      expect(await prs({ statuses: ['accepted'] })).toEqual([]);
      expect(await prs({ since: '2025-03-03T10:00:00Z' })).toEqual([3, 2]);
      expect(await prs({ until: '2025-03-03T10:00:00Z' })).toEqual([2, 1]);
      expect(await prs({ repoIds: [OTHER_REPO.repoId] })).toEqual([3]);
      // Asking for a repository outside the scope gives nothing, not that repository.
      expect(await prs({ repoIds: [OTHER_REPO.repoId] }, { repoIds: [REPO.repoId] })).toEqual([]);
      expect(await prs({ teams: ['acme/dba'] }, { repoIds: [REPO.repoId] })).toEqual([2]);
    });

    it('pages with a cursor; the total counts the filter within the scope', async () => {
      const { clock, seed, q } = await setup();
      for (let pr = 1; pr <= 7; pr++) {
        await seed.review(REPO, pr, [flagged(`f${pr}`)]);
        // Two changes reviewed in the same millisecond still page apart (the id breaks the tie).
        if (pr % 2 === 0) clock.advance(1000);
      }
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await q.changes({ repoIds: [REPO.repoId] }, {}, { limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(7);
        seen.push(...page.rows.map((r) => r.prNumber));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
      // A cursor that is not one of ours starts over; it is a position, not a scope.
      expect((await q.changes({ repoIds: [REPO.repoId] }, {}, { limit: 2, cursor: 'not-a-cursor' })).rows.map((r) => r.prNumber)).toEqual([7, 6]);
    });

    it("a change's page: findings with their text and state, the timeline, the graph", async () => {
      const { clock, store, seed, q } = await setup();
      await seed.review(REPO, 5, [flagged('a'), flagged('b', { severity: 'medium' })], { owners: { a: ['acme/dba'], b: [] } });
      clock.advance(HOUR);
      const second = await seed.review(REPO, 5, [flagged('a')], { owners: { a: ['acme/dba'] }, diagram: 'flowchart LR\n  a --> b', checkRunId: 77 });
      clock.advance(HOUR);
      await store.recordAcceptanceEvent({ ...REPO, prNumber: 5, headSha: second.headSha, action: 'refused', actor: 'mallory', via: 'comment', reason: null, detail: 'no reason given', fingerprints: ['a'], expiresAt: null, deliveryId: 'e1' });
      clock.advance(HOUR);
      await store.recordAcceptance({ ...REPO, prNumber: 5, headSha: second.headSha, fingerprints: ['a'], acceptedBy: 'carol', via: 'label', note: 'tracked in INC-1' });
      await store.recordAcceptanceEvent({ ...REPO, prNumber: 5, headSha: second.headSha, action: 'accepted', actor: 'carol', via: 'label', reason: 'tracked in INC-1', detail: null, fingerprints: ['a'], expiresAt: null, deliveryId: 'e2' });
      clock.advance(HOUR);
      await store.recordOutcomes(REPO, 5, [
        { fingerprint: 'a', outcome: 'merged-with-risk', accepted: true, severity: 'critical', rule: 'r', componentId: 'c', title: 't', headSha: second.headSha, mergeSha: 'f'.repeat(40), closedAt: clock.now() },
        { fingerprint: 'b', outcome: 'fixed-before-merge', accepted: false, severity: 'medium', rule: 'r', componentId: 'c', title: 't', headSha: second.headSha, mergeSha: 'f'.repeat(40), closedAt: clock.now() },
      ]);

      const detail = (await q.change({ repoIds: [REPO.repoId] }, REPO.repoId, 5))!;
      expect(detail.change).toMatchObject({ prNumber: 5, status: 'merged-with-risk', checkRunId: 77, teams: ['acme/dba'], closedAt: '2025-03-03T13:00:00.000Z' });
      expect(detail.findings.map((f) => [f.fingerprint, f.state, f.teams, f.file, f.line])).toEqual([
        ['a', 'merged-with-risk', ['acme/dba'], 'envs/prod/db.tf', 3],
        ['b', 'fixed-before-merge', [], 'envs/prod/db.tf', 3],
      ]);
      expect(detail.findings[0]!.body).toContain('Set multi_az = true');
      expect(detail.graph).toBe('flowchart LR\n  a --> b');
      expect(detail.timeline.map((e) => e.type === 'reviewed' ? [e.type, e.appeared, e.resolved] : e.type === 'closed' ? [e.type, e.outcome, e.mergeSha] : [e.type, e.actor, e.reason])).toEqual([
        ['reviewed', ['a', 'b'], []],
        ['reviewed', [], ['b']],
        ['refused', 'mallory', null],
        ['accepted', 'carol', 'tracked in INC-1'],
        ['closed', 'merged-with-risk', 'f'.repeat(40)],
      ]);
    });

    it('an open finding an acceptance covers reads as accepted on the change page', async () => {
      const { store, seed, q } = await setup();
      const r = await seed.review(REPO, 6, [flagged('a'), flagged('b')]);
      await store.recordAcceptance({ ...REPO, prNumber: 6, headSha: r.headSha, fingerprints: ['a'], acceptedBy: 'carol', via: 'label', note: null });
      const detail = (await q.change({ repoIds: [REPO.repoId] }, REPO.repoId, 6))!;
      expect(detail.change.status).toBe('open');
      expect(detail.findings.map((f) => [f.fingerprint, f.state])).toEqual([['a', 'accepted'], ['b', 'open']]);
    });

    it('nothing of a repository outside the scope: no row, no total, no change page, and an empty scope reads nothing', async () => {
      const { store, seed, q } = await setup();
      await seed.review(OTHER_REPO, 1, [flagged('secret')], { owners: { secret: ['acme/hidden-team'] } });
      await store.recordAcceptance({ ...OTHER_REPO, prNumber: 1, headSha: '1'.padStart(40, '0'), fingerprints: ['secret'], acceptedBy: 'x', via: 'label', note: null });
      await seed.review(REPO, 2, [flagged('mine')]);
      const mine = { repoIds: [REPO.repoId] };
      const page = await q.changes(mine, {}, { limit: 50 });
      expect([page.total, page.rows.map((r) => r.prNumber)]).toEqual([1, [2]]);
      expect((await q.changes(mine, { teams: ['acme/hidden-team'] }, { limit: 50 })).total).toBe(0);
      expect((await q.changes(mine, { statuses: ['accepted'] }, { limit: 50 })).total).toBe(0);
      expect(await q.change(mine, OTHER_REPO.repoId, 1)).toBeUndefined();
      expect(await q.changes({ repoIds: [] }, {}, { limit: 50 })).toEqual({ rows: [], total: 0 });
      expect(await q.change({ repoIds: [] }, REPO.repoId, 2)).toBeUndefined();
    });

    it('the derived rows rebuilt from the facts are the ones kept up to date as facts arrive', async () => {
      const { clock, store, seed, q } = await setup();
      await seed.review(REPO, 1, [flagged('a')], { owners: { a: ['acme/dba'] } });
      const r = await seed.review(REPO, 2, [flagged('b', { severity: 'low' })]);
      await store.recordAcceptance({ ...REPO, prNumber: 2, headSha: r.headSha, fingerprints: ['b'], acceptedBy: 'carol', via: 'label', note: null });
      clock.advance(HOUR);
      await seed.review(REPO, 1, []);
      await seed.review(REPO, 3, []); // never flagged: no change
      await seed.review(OTHER_REPO, 1, [flagged('o', { severity: 'medium' })], { owners: { o: ['acme/apps'] } });
      const before = await q.changes(everything, {}, { limit: 50 });
      const facets = () => store.db.selectFrom('change_facets').select(['repo_id', 'pr_number', 'facet', 'value']).orderBy('repo_id').orderBy('pr_number').orderBy('facet').orderBy('value').execute();
      const teams = () => store.db.selectFrom('change_teams').select(['repo_id', 'pr_number', 'team', 'owner', 'repo', 'closed_outcome', 'open_findings', 'accepted', 'accepted_until'])
        .orderBy('repo_id').orderBy('pr_number').orderBy('team').execute();
      const facetsBefore = await facets();
      const teamsBefore = await teams();
      expect(teamsBefore.map((t) => [t.pr_number, t.team, t.repo, t.open_findings, t.accepted])).toEqual([[1, 'acme/dba', 'infra', 0, 0], [1, 'acme/apps', 'apps', 1, 0]]);
      await store.db.deleteFrom('change_facets').execute();
      await store.db.deleteFrom('change_teams').execute();
      await store.db.deleteFrom('dashboard_changes').execute();
      await rebuildDashboard(store.db);
      const after = await q.changes(everything, {}, { limit: 50 });
      expect(after.rows.map(({ checkRunId: _c, ...r }) => r)).toEqual(before.rows.map(({ checkRunId: _c, ...r }) => r));
      expect(after.rows.map((r) => [r.repo, r.status])).toEqual([['apps', 'open'], ['infra', 'fixed-before-merge'], ['infra', 'accepted']]);
      expect(await facets()).toEqual(facetsBefore);
      expect(await teams()).toEqual(teamsBefore);
    });

    it('purging a repository removes its flagged changes', async () => {
      const { store, seed, q } = await setup();
      await seed.review(REPO, 1, [flagged('a')], { owners: { a: ['acme/dba'] } });
      await store.purgeRepository(REPO.repoId);
      expect((await q.changes(everything, {}, { limit: 5 })).total).toBe(0);
      expect(await store.db.selectFrom('change_facets').selectAll().execute()).toEqual([]);
    });
  });
}
