/**
 * The access-control contract, the most important tests of the dashboard: two users, three
 * installations of this app and one of another, overlapping repositories, the store filled
 * through its write API, the real read side. For each user, every API endpoint (JSON and CSV) and
 * every page shows exactly their repositories, counts only theirs, and carries no trace of the
 * others; a change of a repository they cannot see is a 404 like one that does not exist.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardQueries } from '../../src/store/dashboard/types.js';
import type { Store } from '../../src/store/types.js';
import { Browser, dashboard, REPOS, scene } from './harness.js';
import { takeProblems } from './openapi-check.js';
import { PR, seed, traces, type SceneRepo } from './seed.js';

const VISIBLE: Record<'alice' | 'bob', SceneRepo[]> = {
  alice: [REPOS.acmeShared, REPOS.acmeAliceOnly, REPOS.globexBoth, REPOS.initechAliceOnly],
  bob: [REPOS.acmeShared, REPOS.acmeBobOnly, REPOS.globexBoth, REPOS.globexBobOnly],
};
/** Default-branch SPOFs each user may count: bob's own repositories have two each. */
const SPOFS = { alice: 4, bob: 6 };

const hiddenFrom = (user: 'alice' | 'bob') => Object.values(REPOS).filter((r) => !VISIBLE[user].some((v) => v.id === r.id));

const API_LISTS = ['/api/v1/changes', '/api/v1/inventory', '/api/v1/trends', '/api/v1/acceptances', '/api/v1/teams'];
const PAGES = ['/dashboard', '/dashboard/changes', '/dashboard/teams', '/dashboard/inventory', '/dashboard/trends', '/dashboard/risks'];

export function accessControlContract(open: () => Promise<Store>, queriesFor: (store: Store) => DashboardQueries): void {
  let store: Store;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    store = await open();
    await seed(store);
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
    await store.close();
  });

  async function signedIn(user: 'alice' | 'bob') {
    const s = await scene();
    closers.push(s.github.close);
    const { app } = dashboard(s.env, queriesFor(store));
    s.gh.users.signedIn = user;
    const browser = new Browser(app);
    await browser.signIn();
    return { browser, token: s.gh.users.tokenFor(user), app, gh: s.gh };
  }

  for (const user of ['alice', 'bob'] as const) {
    describe(`${user}`, () => {
      it('the API shows exactly their repositories and counts, in JSON and CSV, with no trace of any other', async () => {
        const { browser, token } = await signedIn(user);
        const bearer = { headers: { authorization: `Bearer ${token}` } };
        const visible = VISIBLE[user].map((r) => r.id).sort();
        const ids = (rows: { repoId: number }[]) => [...new Set(rows.map((r) => r.repoId))].sort();

        const changes = await (await browser.request('/api/v1/changes', bearer)).json();
        expect(ids(changes.changes)).toEqual(visible);
        expect(changes.total).toBe(visible.length);
        const inventory = await (await browser.request('/api/v1/inventory', bearer)).json();
        expect(ids(inventory.inventory)).toEqual(visible);
        expect(inventory.inventory.reduce((n: number, r: { spofs: unknown[] }) => n + r.spofs.length, 0)).toBe(SPOFS[user]);
        expect([inventory.repositories, inventory.spofs]).toEqual([visible.length, SPOFS[user]]);
        const onePerPage = await (await browser.request('/api/v1/inventory?limit=1', bearer)).json();
        expect([onePerPage.inventory.length, onePerPage.repositories, onePerPage.spofs]).toEqual([1, visible.length, SPOFS[user]]);
        const acceptances = await (await browser.request('/api/v1/acceptances', bearer)).json();
        expect(ids(acceptances.acceptances)).toEqual(visible);
        const overview = await (await browser.request('/api/v1/overview', bearer)).json();
        expect(overview.defaultBranchSpofs).toBe(SPOFS[user]);
        for (const row of overview.open.byRepo) expect(visible).toContain(row.repoId);

        for (const path of [...API_LISTS, '/api/v1/overview']) {
          for (const suffix of path === '/api/v1/overview' ? [''] : ['', '?format=csv']) {
            for (const init of [bearer, {}]) {
              const res = await browser.request(`${path}${suffix}`, init);
              expect(res.status, `${path}${suffix}`).toBe(200);
              const text = await res.text();
              for (const r of hiddenFrom(user)) for (const t of traces(r)) expect(text, `${path}${suffix} shows ${t}`).not.toContain(t);
            }
          }
        }
        for (const r of VISIBLE[user]) expect((await browser.request(`/api/v1/changes/${r.owner}/${r.name}/${PR}`, bearer)).status).toBe(200);
        for (const r of hiddenFrom(user)) {
          const res = await browser.request(`/api/v1/changes/${r.owner}/${r.name}/${PR}`, bearer);
          expect(res.status).toBe(404);
          expect(await res.json()).toEqual({ error: 'no such change' });
        }
        const { problems, checked } = takeProblems();
        expect(problems).toEqual([]);
        expect(checked).toBeGreaterThan(30);
      });

      it('every page shows their repositories and no trace of any other', async () => {
        const { browser } = await signedIn(user);
        for (const path of [...PAGES, ...VISIBLE[user].map((r) => `/dashboard/changes/${r.owner}/${r.name}/${PR}`)]) {
          const res = await browser.request(path);
          expect(res.status, path).toBe(200);
          const text = await res.text();
          for (const r of hiddenFrom(user)) for (const t of traces(r)) expect(text, `${path} shows ${t}`).not.toContain(t);
        }
        const changes = await (await browser.request('/dashboard/changes')).text();
        for (const r of VISIBLE[user]) expect(changes).toContain(r.name);
        for (const r of hiddenFrom(user)) {
          const res = await browser.request(`/dashboard/changes/${r.owner}/${r.name}/${PR}`);
          expect(res.status).toBe(404);
        }
      });
    });
  }
}
