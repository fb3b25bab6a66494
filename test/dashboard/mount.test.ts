/**
 * The dashboard served by the app's own server (same port as the webhook), signing in against the
 * GitHub stand-in on loopback as GHES; and the start-up checks that keep it from running unsafely.
 */
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { configurationProblem, serve, type RunningServer } from '../../src/github/server.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { FAST_RUNNER } from '../github/fake/app.js';
import { captureLogger, privateKey, WEBHOOK_SECRET } from '../github/fake/probot.js';
import { APP_ID, NOT_REACHED, scene } from './harness.js';

let server: RunningServer | undefined;
let store: KyselyStore | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await server?.close();
  await store?.close();
  await Promise.all(closers.splice(0).map((c) => c()));
  server = store = undefined;
});

describe('the dashboard in the app server', () => {
  it('serves /dashboard and /api/v1 beside the webhook and health endpoints; a browser signs in; secrets stay out of the log', async () => {
    const s = await scene();
    closers.push(s.github.close);
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    const logs: string[] = [];
    server = await serve({
      env: { ...s.env, BASE_URL: '', PRIVATE_KEY: privateKey(), WEBHOOK_SECRET },
      store,
      host: '127.0.0.1',
      port: 0,
      Octokit: ProbotOctokit,
      runner: FAST_RUNNER,
      log: captureLogger(logs, 'debug'),
      dashboard: NOT_REACHED,
    });
    const url = server.url;
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok');
    expect((await fetch(`${url}/api/github/webhooks`, { method: 'POST', body: '{}' })).status).toBeGreaterThanOrEqual(400);
    const page = await fetch(`${url}/dashboard`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/dashboard/sign-in?to=%2Fdashboard');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${url}/api/v1/changes`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/openapi.json`)).status).toBe(200);

    // Sign in over real HTTP: the callback is on the address the browser used (no BASE_URL here).
    s.gh.users.signedIn = 'alice';
    const login = await fetch(`${url}/dashboard/login`, { redirect: 'manual' });
    const jar = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${url}/dashboard/callback`);
    const back = await fetch(authorize, { redirect: 'manual' });
    const done = await fetch(back.headers.get('location')!, { redirect: 'manual', headers: { cookie: jar } });
    expect(done.status).toBe(302);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('spof-session='))!.split(';')[0]!;
    const hidden = await fetch(`${url}/api/v1/changes/acme/secret-ledger/1`, { headers: { cookie: session } });
    expect(hidden.status).toBe(404);
    expect(s.gh.invalid).toEqual([]);

    const all = logs.join('');
    expect(all).toContain('dashboard at');
    expect(all).not.toContain(s.gh.users.client.secret);
    for (const token of s.gh.users.tokens.keys()) expect(all).not.toContain(token);
    expect(all).not.toContain(session.split('=')[1]!);
  });

  it('without the read side or the OAuth client there is no dashboard: /dashboard is a 404', async () => {
    const s = await scene();
    closers.push(s.github.close);
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    const logs: string[] = [];
    server = await serve({ env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET }, store, host: '127.0.0.1', port: 0, runner: FAST_RUNNER, log: captureLogger(logs), dashboard: NOT_REACHED });
    expect((await fetch(`${server.url}/dashboard`)).status).toBe(404);
    expect(logs.join('')).toContain('dashboard off: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET');
  });

  it('refuses to start a production dashboard without an https BASE_URL, or with a weak SESSION_SECRET', () => {
    const base = { NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: privateKey(), WEBHOOK_SECRET: 's', GITHUB_CLIENT_ID: 'Iv1.x', GITHUB_CLIENT_SECRET: 'c'.repeat(40) };
    expect(configurationProblem(base)).toMatch(/BASE_URL is required for the dashboard/);
    expect(configurationProblem({ ...base, BASE_URL: 'http://spof.example.com' })).toMatch(/BASE_URL must be https/);
    expect(configurationProblem({ ...base, BASE_URL: 'https://spof.example.com' })).toBeUndefined();
    expect(configurationProblem({ ...base, BASE_URL: 'https://spof.example.com', SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET must be at least 32 characters/);
    expect(configurationProblem({ ...base, BASE_URL: 'https://spof.example.com', GITHUB_CLIENT_SECRET: 'short' })).toMatch(/SESSION_SECRET is required/);
    expect(configurationProblem({ ...base, DASHBOARD: 'off' })).toBeUndefined();
    expect(configurationProblem({ ...base, BASE_URL: 'https://spof.example.com', SESSION_HOURS: '0' })).toMatch(/SESSION_HOURS/);
  });
});
