/** The API's parameters reach the read side as meant: filters, pages, CSV, teams (SQLite, the access scene). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardQueries, openStore, type KyselyStore } from '../../src/store/index.js';
import { Browser, dashboard, REPOS, scene } from './harness.js';
import { takeProblems } from './openapi-check.js';
import { seed } from './seed.js';

let store: KyselyStore;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
  store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
  await seed(store);
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await store.close();
  expect(takeProblems().problems).toEqual([]);
});

async function as(user: 'alice' | 'bob') {
  const s = await scene();
  closers.push(s.github.close);
  const { app } = dashboard(s.env, createDashboardQueries(store.db));
  const browser = new Browser(app);
  const headers = { authorization: `Bearer ${s.gh.users.tokenFor(user)}` };
  return { get: (path: string) => browser.request(path, { headers }) };
}

describe('/api/v1 with data', () => {
  it('a repository filter narrows to it; a severity nobody has gives none', async () => {
    const alice = await as('alice');
    const one = await (await alice.get('/api/v1/changes?repo=acme/payments')).json();
    expect(one.changes.map((c: { repo: string }) => c.repo)).toEqual(['payments']);
    expect(one.total).toBe(1);
    const two = await (await alice.get('/api/v1/changes?repo=ACME/Payments,initech/tps-reports')).json();
    expect(two.total).toBe(2);
    expect((await (await alice.get('/api/v1/changes?severity=low')).json()).total).toBe(0);
    const inv = await (await alice.get(`/api/v1/inventory?repo=${REPOS.globexBoth.owner}/${REPOS.globexBoth.name}`)).json();
    expect(inv.inventory.map((r: { repoId: number }) => r.repoId)).toEqual([REPOS.globexBoth.id]);
  });

  it('pages with limit and cursor through every row once, and says where the next page is', async () => {
    const bob = await as('bob');
    const seen: string[] = [];
    let path: string | undefined = '/api/v1/changes?limit=1';
    for (let i = 0; path && i < 10; i++) {
      const res: Response = await bob.get(path);
      const body = await res.json();
      expect(res.headers.get('x-total-count')).toBe('4');
      seen.push(...body.changes.map((c: { repo: string }) => c.repo));
      const link = res.headers.get('link');
      if (body.nextCursor) expect(link).toBe(`</api/v1/changes?limit=1&cursor=${encodeURIComponent(body.nextCursor)}>; rel="next"`);
      path = body.nextCursor ? `/api/v1/changes?limit=1&cursor=${encodeURIComponent(body.nextCursor)}` : undefined;
    }
    expect(seen.sort()).toEqual(['hr-data', 'platform', 'secret-ledger', 'shared-infra']);
  });

  it('pages the inventory by repository, owner/name order, each once, the totals on every page; CSV takes no paging', async () => {
    const bob = await as('bob');
    const seen: string[] = [];
    let path: string | undefined = '/api/v1/inventory?limit=1';
    for (let i = 0; path && i < 10; i++) {
      const res: Response = await bob.get(path);
      const body = await res.json();
      expect([body.repositories, body.spofs, res.headers.get('x-total-count')]).toEqual([4, 6, '4']);
      seen.push(...body.inventory.map((r: { owner: string; repo: string }) => `${r.owner}/${r.repo}`));
      if (body.nextCursor) expect(res.headers.get('link')).toBe(`</api/v1/inventory?limit=1&cursor=${encodeURIComponent(body.nextCursor)}>; rel="next"`);
      path = body.nextCursor ? `/api/v1/inventory?limit=1&cursor=${encodeURIComponent(body.nextCursor)}` : undefined;
    }
    expect(seen).toEqual(['acme/secret-ledger', 'acme/shared-infra', 'globex/hr-data', 'globex/platform']);
    const refused = await bob.get('/api/v1/inventory?format=csv&limit=1');
    expect([refused.status, (await refused.json()).error]).toEqual([400, 'format=csv exports every repository in scope: limit and cursor are for JSON pages']);
  });

  it('CSV: a header and one row per change, per SPOF, per acceptance; as a download', async () => {
    const bob = await as('bob');
    const res = await bob.get('/api/v1/changes?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="changes.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^repository,pr,status,/);
    expect(lines.slice(1, -1).map((l) => l.split(',')[0]).sort()).toEqual(['acme/secret-ledger', 'acme/shared-infra', 'globex/hr-data', 'globex/platform']);
    const spofs = (await (await bob.get('/api/v1/inventory?format=csv')).text()).trim().split('\r\n');
    expect(spofs).toHaveLength(1 + 6);
    const risks = (await (await bob.get('/api/v1/acceptances?format=csv')).text()).trim().split('\r\n');
    expect(risks).toHaveLength(1 + 4);
    expect(risks.slice(1).every((r) => /,reason-[\w-]+,/.test(r))).toBe(true);
  });

  it('teams: alice\'s own teams; bob\'s unknown (GitHub refused), said as null', async () => {
    const alice = await as('alice');
    expect((await (await alice.get('/api/v1/teams')).json()).myTeams).toEqual(['acme/payments', 'acme/platform']);
    const bob = await as('bob');
    expect((await (await bob.get('/api/v1/teams')).json()).myTeams).toBeNull();
  });

  it('one change: its findings, as JSON and as CSV', async () => {
    const bob = await as('bob');
    const detail = await (await bob.get('/api/v1/changes/globex/hr-data/10')).json();
    expect(detail.change).toMatchObject({ owner: 'globex', repo: 'hr-data', prNumber: 10 });
    expect(detail.findings).toHaveLength(2);
    const csv = (await (await bob.get('/api/v1/changes/globex/hr-data/10?format=csv')).text()).trim().split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^globex\/hr-data,10,/);
  });
});
