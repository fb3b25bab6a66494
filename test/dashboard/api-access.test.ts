/**
 * The API's gate: who may ask and what may be asked, decided before the store is read (the read
 * side is NOT_REACHED here: any request that reached it would fail).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, dashboard, NOT_REACHED, scene } from './harness.js';
import { checkAnswer, takeProblems } from './openapi-check.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  // Every API answer these tests got is one the OpenAPI document describes.
  expect(takeProblems().problems).toEqual([]);
});

async function setup() {
  const s = await scene();
  closers.push(s.github.close);
  const d = dashboard(s.env, NOT_REACHED);
  const api = async (path: string, token?: string) => checkAnswer(path, await d.app.request(`http://dash.test${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }));
  return { ...s, ...d, api };
}

const ENDPOINTS = ['/api/v1/changes', '/api/v1/changes/acme/payments/1', '/api/v1/overview', '/api/v1/inventory', '/api/v1/trends', '/api/v1/acceptances', '/api/v1/teams'];

describe('/api/v1 access', () => {
  it('answers 401 JSON without a token, with a malformed header, an unknown token or a revoked one', async () => {
    const { api, gh, app } = await setup();
    const revoked = gh.users.tokenFor('alice');
    gh.users.revoke(revoked);
    for (const path of ENDPOINTS) {
      for (const res of [await api(path), await api(path, 'ghu_not_a_token'), await api(path, revoked), await checkAnswer(path, await app.request(`http://dash.test${path}`, { headers: { authorization: 'Basic YTpi' } }))]) {
        expect(res.status, path).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="spof-review"');
        expect(Object.keys(await res.json())).toEqual(['error']);
      }
    }
  });

  it('a change in a repository the user cannot see is a 404 exactly like one that does not exist', async () => {
    const { api, gh } = await setup();
    const alice = gh.users.tokenFor('alice');
    const bob = gh.users.tokenFor('bob');
    // secret-ledger is bob's; alice cannot tell it from a repository that does not exist.
    const hidden = await api('/api/v1/changes/acme/secret-ledger/1', alice);
    const missing = await api('/api/v1/changes/acme/no-such-repo/1', alice);
    const otherApp = await api('/api/v1/changes/acme/other-app-only/1', alice);
    for (const res of [hidden, missing, otherApp]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'no such change' });
    }
    expect((await api('/api/v1/changes/initech/tps-reports/1', bob)).status).toBe(404);
    expect((await api('/api/v1/changes/acme/payments/0', alice)).status).toBe(404);
    expect((await api('/api/v1/changes/acme/payments/1e3', alice)).status).toBe(404);
  });

  it('a filter naming a repository the user cannot see is a 404 like an unknown one, on every list', async () => {
    const { api, gh } = await setup();
    const alice = gh.users.tokenFor('alice');
    for (const path of ['/api/v1/changes', '/api/v1/inventory', '/api/v1/trends', '/api/v1/acceptances']) {
      for (const repo of ['acme/secret-ledger', 'globex/hr-data', 'acme/other-app-only', 'acme/nope']) {
        const res = await api(`${path}?repo=${repo}`, alice);
        expect(res.status, `${path} ${repo}`).toBe(404);
        expect(await res.json()).toEqual({ error: `no repository ${repo}` });
      }
      // Hidden among visible ones: still refused as a whole.
      expect((await api(`${path}?repo=acme/payments,acme/secret-ledger`, alice)).status).toBe(404);
    }
  });

  it('validates query parameters with a 400 that names them', async () => {
    const { api, gh } = await setup();
    const t = gh.users.tokenFor('alice');
    const cases: [string, RegExp][] = [
      ['/api/v1/changes?severity=urgent', /severity: 'urgent' is not one of critical, high, medium, low/],
      ['/api/v1/changes?status=closed', /status: 'closed' is not one of/],
      ['/api/v1/changes?kind=spof', /kind: 'spof' is not one of new-spof/],
      ['/api/v1/changes?since=yesterday', /since must be an ISO-8601 date/],
      ['/api/v1/changes?since=2026-02-30', /since must be an ISO-8601 date/],
      ['/api/v1/changes?since=2026-03-01&until=2026-02-01', /since must not be after until/],
      ['/api/v1/changes?limit=0', /limit must be a whole number from 1 to 1000/],
      ['/api/v1/changes?limit=1001', /limit must be/],
      ['/api/v1/changes?limit=5&limit=6', /limit may be given once/],
      ['/api/v1/changes?cursor=%20', /cursor must be/],
      ['/api/v1/changes?team=not%20a%20team', /team: 'not a team' is not org\/team or @login/],
      ['/api/v1/changes?repo=justaname', /repo: 'justaname' is not owner\/name/],
      ['/api/v1/changes?severities=high', /unknown query parameter 'severities'/],
      ['/api/v1/changes?format=xml', /format must be json or csv/],
      ['/api/v1/overview?format=csv', /format=csv is for lists/],
      ['/api/v1/overview?repo=acme/payments', /unknown query parameter 'repo' \(this endpoint takes format only\)/],
      ['/api/v1/acceptances?state=old', /state must be one of active, expired, revoked/],
      ['/api/v1/trends?from=2026-13-01', /from must be an ISO-8601 date/],
      ['/api/v1/teams?limit=3', /unknown query parameter 'limit'/],
    ];
    for (const [path, message] of cases) {
      const res = await api(path, t);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error, path).toMatch(message);
    }
  });

  it('serves its OpenAPI document without sign-in', async () => {
    const { api } = await setup();
    const res = await api('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/acceptances', '/changes', '/changes/{owner}/{repo}/{number}', '/inventory', '/overview', '/teams', '/trends']);
  });

  it('the session cookie is no credential across origins: the API answers nothing to a request carrying none', async () => {
    const { app, gh } = await setup();
    const browser = new Browser(app);
    gh.users.signedIn = 'bob';
    await browser.signIn();
    const anonymous = new Browser(app);
    expect((await anonymous.request('/api/v1/changes/acme/secret-ledger/1')).status).toBe(401);
    expect((await browser.request('/api/v1/changes/acme/secret-ledger/1?x=1')).status).toBe(400);
  });
});

describe('pages gate', () => {
  it('a change page of a repository the user cannot see is the same 404 as a missing one, and the store is not asked', async () => {
    const { app, gh } = await setup();
    const browser = new Browser(app);
    gh.users.signedIn = 'alice';
    await browser.signIn();
    const hidden = await browser.request('/dashboard/changes/acme/secret-ledger/1');
    const missing = await browser.request('/dashboard/changes/acme/no-such-repo/1');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await hidden.text()).toBe(await missing.text());
    // A filter naming only hidden repositories shows no rows without reading anything.
    for (const path of ['/dashboard/changes?repo=acme/secret-ledger', '/dashboard/inventory?repo=globex/hr-data', '/dashboard/risks?repo=acme/secret-ledger', '/dashboard/trends?repo=acme/secret-ledger']) {
      expect((await browser.request(path)).status, path).toBe(200);
    }
  });

  it('serves the stylesheet without sign-in', async () => {
    const { app } = await setup();
    const res = await app.request('http://dash.test/dashboard/static/dashboard.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
