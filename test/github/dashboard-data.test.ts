import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { pullRequest, push } from './fake/payloads.js';

/** What the review and inventory jobs record for the dashboard: owners by the commit's CODEOWNERS, blast radius, recovery. */

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

const CODEOWNERS = '*  @octocat\n/infra/payments/  @acme/payments @alice ops@example.com\n';

describe('dashboard data recorded by the jobs', () => {
  it("a review records each finding's owners by the head's CODEOWNERS (teams as org/team, users as @login, e-mail left out)", async () => {
    h = await harness();
    h.gh.teams.set('acme/payments', ['alice', 'bob', 'carol']);
    const base = h.repo.commit({ ...monorepo(), '.github/CODEOWNERS': CODEOWNERS });
    const head = h.repo.commit({ ...monorepo(), ...payments('head'), '.github/CODEOWNERS': CODEOWNERS });
    h.gh.openPull(h.repo, { number: 3, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 3, base, head }));
    await h.settle();
    const rows = await h.store.db.selectFrom('findings').select(['file', 'owners_json']).where('pr_number', '=', 3).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.file.startsWith('infra/payments/')).toBe(true);
      expect(JSON.parse(r.owners_json!)).toEqual(['acme/payments', '@alice']);
    }
    const change = await h.store.db.selectFrom('change_facets').select('value').where('facet', '=', 'team').orderBy('value').execute();
    expect(change.map((c) => c.value)).toEqual(['@alice', 'acme/payments']);
  });

  it('without CODEOWNERS the findings have no owners', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    h.gh.openPull(h.repo, { number: 4, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 4, base, head }));
    await h.settle();
    const rows = await h.store.db.selectFrom('findings').select('owners_json').where('pr_number', '=', 4).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.owners_json === '[]')).toBe(true);
  });

  it('a push records the inventory with owners, blast radius and recovery estimates', async () => {
    h = await harness();
    const sha = h.repo.commit({ ...monorepo({ side: 'head' }), CODEOWNERS: '/infra/  @acme/platform\n' });
    await h.deliver('push', push(h.repo, sha));
    await h.settle();
    const inv = (await h.store.latestInventory(100, 'refs/heads/main'))!;
    expect(inv.source).toBe('push');
    const db = inv.spofs.find((s) => s.componentId === 'aws_db_instance.payments')!;
    expect(db).toMatchObject({ owners: ['acme/platform'], file: expect.stringMatching(/^infra\/payments\//) });
    expect(db.blastRadius).toBeGreaterThan(0);
    expect(db.rto).toEqual(expect.any(String));
    expect(db.rpo).toEqual(expect.any(String));
    const history = await h.store.db.selectFrom('spof_history').select(['fingerprint', 'baseline']).execute();
    expect(history).toHaveLength(inv.spofs.length);
    expect(history.every((r) => r.baseline === 1)).toBe(true);
  });
});
