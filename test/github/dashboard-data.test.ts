import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeRepo } from './fake/repo.js';
import { installationCreated, pullRequest, push, repositoriesAdded } from './fake/payloads.js';

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
    // The graph the inventory page draws: each SPOF, marked, and what needs it.
    expect(inv.diagram).toMatch(/^flowchart LR\n/);
    expect(inv.diagram).toContain('aws_db_instance.payments');
    expect(inv.diagram).toMatch(/\n {2}class [\w,]+ spof\n/);
    expect(inv.diagram).toContain(' --> ');
    const history = await h.store.db.selectFrom('spof_history').select(['fingerprint', 'baseline']).execute();
    expect(history).toHaveLength(inv.spofs.length);
    expect(history.every((r) => r.baseline === 1)).toBe(true);
  });

  it("installing the app records each repository's default-branch inventory, so the dashboard is not empty on day one", async () => {
    h = await harness();
    const other = h.gh.add(new FakeRepo('acme', 'apps', 101));
    other.defaultBranch = 'trunk';
    h.repo.branches.set('main', h.repo.commit(monorepo({ side: 'head' })));
    other.branches.set('trunk', other.commit(payments('head', 'deploy/db')));
    const delivery = await h.deliver('installation', installationCreated(1, [h.repo, other]));
    await h.deliver('installation', installationCreated(1, [h.repo, other]), delivery); // redelivered: no second job
    await h.settle();
    expect(h.gh.ops((c) => c.op === 'repos/get')).toHaveLength(2);
    const infra = (await h.store.latestInventory(100, 'refs/heads/main'))!;
    expect(infra).toMatchObject({ sha: h.repo.branches.get('main'), source: 'installation' });
    expect(infra.spofs.map((s) => s.componentId).sort()).toEqual(['aws_db_instance.payments', 'aws_nat_gateway.main']);
    const apps = (await h.store.latestInventory(101, 'refs/heads/trunk'))!;
    expect(apps).toMatchObject({ owner: 'acme', repo: 'apps', sha: other.branches.get('trunk'), source: 'installation' });
    expect(apps.spofs.length).toBeGreaterThan(0);
    expect(h.gh.checkRuns.size).toBe(0);
  });

  it('a repository added to the installation gets its inventory; a later push records the next one', async () => {
    h = await harness();
    const first = h.repo.commit(monorepo({ side: 'head' }));
    h.repo.branches.set('main', first);
    await h.deliver('installation_repositories', repositoriesAdded(1, [h.repo]));
    await h.settle();
    expect(await h.store.latestInventory(100, 'refs/heads/main')).toMatchObject({ sha: first, source: 'installation' });
    const next = h.repo.commit(monorepo());
    await h.deliver('push', push(h.repo, next));
    await h.settle();
    expect(await h.store.latestInventory(100, 'refs/heads/main')).toMatchObject({ sha: next, source: 'push' });
  });
});
