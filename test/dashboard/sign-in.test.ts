import { afterEach, describe, expect, it } from 'vitest';
import { unseal } from '../../src/dashboard/seal.js';
import { Browser, dashboard, NOT_REACHED, scene } from './harness.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function setup(envExtra: NodeJS.ProcessEnv = {}) {
  const s = await scene();
  closers.push(s.github.close);
  const d = dashboard({ ...s.env, ...envExtra }, NOT_REACHED);
  return { ...s, ...d, browser: new Browser(d.app, envExtra.BASE_URL ?? s.env.BASE_URL) };
}

describe('sign in with GitHub', () => {
  it('login sends the browser to GitHub with the client id, the registered callback and a state bound to a sign-in cookie', async () => {
    const { browser, gh, github } = await setup();
    const res = await browser.request('/dashboard/login?to=/dashboard/changes%3Fseverity%3Dhigh');
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(`${github.origin}/login/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(gh.users.client.id);
    expect(url.searchParams.get('redirect_uri')).toBe('http://dash.test/dashboard/callback');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    const cookie = browser.setCookies.find((c) => c.startsWith('spof-signin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    // The state is sealed in the cookie, not readable from it.
    expect(cookie).not.toContain(url.searchParams.get('state')!);
  });

  it('the callback exchanges the code, starts a sealed session cookie and returns to the page asked for', async () => {
    const { browser, gh } = await setup();
    gh.users.signedIn = 'alice';
    const done = await browser.signIn('/dashboard/changes?severity=high');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/dashboard/changes?severity=high');
    const session = browser.setCookies.find((c) => c.startsWith('spof-session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(/Max-Age=43200/);
    expect(session).not.toMatch(/Secure/);
    // The token is in the session but not readable from the cookie.
    const [token] = [...gh.users.tokens.keys()];
    expect(browser.cookies.get('spof-session')).not.toContain(token);
    expect(Buffer.from(browser.cookies.get('spof-session')!, 'base64url').toString('latin1')).not.toContain('alice');
    // The sign-in cookie is used up.
    expect(browser.cookies.has('spof-signin')).toBe(false);
    expect(gh.users.redirectUris).toEqual(['http://dash.test/dashboard/callback', 'http://dash.test/dashboard/callback']);
    expect(gh.calls.filter((c) => c.op.startsWith('oauth:')).map((c) => c.path)).toEqual(['/login/oauth/access_token']);
    expect(gh.invalid).toEqual([]);
    // Signed in: a page is no longer a redirect to sign in, and the API answers with the session.
    expect((await browser.request('/dashboard/nope')).status).toBe(404);
    expect((await browser.request('/api/v1/changes/acme/payments/1?limit=x')).status).toBe(400);
  });

  it('a page without a session redirects to sign in, keeping where it was going', async () => {
    const { browser } = await setup();
    const res = await browser.request('/dashboard/changes?team=acme%2Fpayments');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dashboard/sign-in?to=%2Fdashboard%2Fchanges%3Fteam%3Dacme%252Fpayments');
    // The sign-in page's button starts the OAuth flow with the same destination.
    const page = await (await browser.request(res.headers.get('location')!)).text();
    expect(page).toContain('href="/dashboard/login?to=%2Fdashboard%2Fchanges%3Fteam%3Dacme%252Fpayments"');
  });

  it('refuses a callback whose state is not this browser\'s, a replayed one, or one without the sign-in cookie', async () => {
    const { browser, gh, app } = await setup();
    gh.users.signedIn = 'alice';
    const login = await browser.request('/dashboard/login');
    const authorize = new URL(login.headers.get('location')!);
    authorize.searchParams.set('state', 'forged-state-forged-state-forged-st');
    const back = await fetch(authorize, { redirect: 'manual' });
    const forged = await browser.request(back.headers.get('location')!);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('not started here or has expired');
    expect(await (await browser.request('/dashboard/nope')).status).toBe(302);
    expect(browser.cookies.has('spof-session')).toBe(false);

    // A callback URL (with a valid code and state) opened in another browser: no sign-in cookie there.
    const victim = new Browser(app);
    const login2 = await browser.request('/dashboard/login');
    const back2 = await fetch(login2.headers.get('location')!, { redirect: 'manual' });
    const elsewhere = await victim.request(back2.headers.get('location')!);
    expect(elsewhere.status).toBe(400);
    expect(victim.cookies.has('spof-session')).toBe(false);
    // No code was exchanged for either.
    expect(gh.calls.filter((c) => c.op.startsWith('oauth:'))).toEqual([]);
  });

  it('a sign-in cookie expires after 10 minutes', async () => {
    const s = await scene();
    closers.push(s.github.close);
    let now = Date.parse('2026-12-06T00:00:00Z');
    const { app } = dashboard(s.env, NOT_REACHED, { now: () => now });
    const browser = new Browser(app);
    s.gh.users.signedIn = 'alice';
    const login = await browser.request('/dashboard/login');
    const back = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    now += 601_000;
    expect((await browser.request(back.headers.get('location')!)).status).toBe(400);
  });

  it('a code GitHub does not accept, or a cancelled authorization, starts no session', async () => {
    const { browser, gh } = await setup();
    gh.users.signedIn = 'alice';
    const login = await browser.request('/dashboard/login');
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const bad = await browser.request(`/dashboard/callback?code=nonsense&state=${state}`);
    expect(bad.status).toBe(400);
    expect(browser.cookies.has('spof-session')).toBe(false);
    const login2 = await browser.request('/dashboard/login');
    const state2 = new URL(login2.headers.get('location')!).searchParams.get('state')!;
    const denied = await browser.request(`/dashboard/callback?error=access_denied&state=${state2}`);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('cancelled');
    expect(browser.cookies.has('spof-session')).toBe(false);
  });

  it('returns only to dashboard paths after sign-in (no open redirect)', async () => {
    const { browser, gh } = await setup();
    gh.users.signedIn = 'alice';
    for (const to of ['https://evil.example/', '//evil.example/dashboard', '/dashboard/../api/v1/changes', '/dashboard\\@evil.example', '/api/v1/changes', '/dashboardx']) {
      const done = await browser.signIn(to);
      expect(done.headers.get('location'), to).toBe('/dashboard');
    }
  });

  it('sets Secure, __Host- cookies when BASE_URL is https', async () => {
    const { browser, gh } = await setup({ BASE_URL: 'https://dash.test' });
    gh.users.signedIn = 'bob';
    await browser.signIn();
    const session = browser.setCookies.find((c) => c.startsWith('__Host-spof-session='))!;
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Domain/i);
    expect(browser.setCookies.find((c) => c.startsWith('__Host-spof-signin='))).toMatch(/; Secure/);
  });

  it('a session cookie altered, forged with another key, or expired is no session', async () => {
    const { browser, gh, env, app } = await setup();
    gh.users.signedIn = 'alice';
    await browser.signIn();
    const good = browser.cookies.get('spof-session')!;
    const flipped = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
    browser.cookies.set('spof-session', flipped);
    expect((await browser.request('/dashboard/nope')).status).toBe(302);

    // The same session sealed under another secret.
    const other = dashboard({ ...env, SESSION_SECRET: 'x'.repeat(40) }, NOT_REACHED);
    const elsewhere = new Browser(other.app);
    await elsewhere.signIn();
    browser.cookies.set('spof-session', elsewhere.cookies.get('spof-session')!);
    expect((await browser.request('/dashboard/nope')).status).toBe(302);

    let now = Date.now();
    const clocked = dashboard(env, NOT_REACHED, { now: () => now });
    const late = new Browser(clocked.app);
    await late.signIn();
    now += 12 * 3600_000 + 1000;
    expect((await late.request('/dashboard/nope')).status).toBe(302);
    void app;
  });

  it('refreshes an expiring user token and keeps the session', async () => {
    const s = await scene();
    closers.push(s.github.close);
    s.gh.users.tokenLifetimeSeconds = 28_800;
    let now = Date.now();
    const { app } = dashboard(s.env, NOT_REACHED, { now: () => now, access: { ttlMs: 1 } });
    const browser = new Browser(app);
    s.gh.users.signedIn = 'alice';
    await browser.signIn();
    const first = [...s.gh.users.tokens.keys()];
    expect(first).toHaveLength(1);
    // The token lapses at GitHub; the session refreshes it before using it.
    s.gh.users.tokens.get(first[0]!)!.expiresAt = Date.now() - 1;
    now += 28_800_000;
    const before = browser.cookies.get('spof-session');
    expect((await browser.request('/dashboard/nope')).status).toBe(404);
    expect(browser.cookies.get('spof-session')).not.toBe(before);
    expect(s.gh.calls.filter((c) => c.op.startsWith('oauth:')).map((c) => (c.body as Record<string, string>).grant_type ?? 'code')).toEqual(['code', 'refresh_token']);
    // A refresh token GitHub no longer takes: sign in again.
    s.gh.users.refreshTokens.clear();
    now += 28_800_000;
    expect((await browser.request('/dashboard/nope')).status).toBe(302);
  });

  it('sign-out is a POST from the dashboard\'s own origin with the session\'s CSRF token; it revokes the token', async () => {
    const { browser, gh, config } = await setup();
    gh.users.signedIn = 'alice';
    await browser.signIn();
    const [token] = [...gh.users.tokens.keys()];
    // Without the token, or from another origin, or from no origin at all: refused.
    const noToken = await browser.request('/dashboard/sign-out', { method: 'POST', headers: { origin: 'http://dash.test', 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=wrong' });
    expect(noToken.status).toBe(403);
    const csrf = csrfOf(config, browser);
    const crossSite = await browser.request('/dashboard/sign-out', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}` });
    expect(crossSite.status).toBe(403);
    const noOrigin = await browser.request('/dashboard/sign-out', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}` });
    expect(noOrigin.status).toBe(403);
    expect(gh.users.tokens.has(token!)).toBe(true);

    const out = await browser.request('/dashboard/sign-out', { method: 'POST', headers: { origin: 'http://dash.test', 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}` });
    expect(out.status).toBe(200);
    expect(browser.cookies.has('spof-session')).toBe(false);
    expect(gh.users.tokens.has(token!)).toBe(false);
    expect(gh.ops((c) => c.op === 'apps/delete-token')).toEqual(['DELETE apps/delete-token']);
    expect(gh.invalid).toEqual([]);
  });

  it('a state-changing request with a body over 16 KiB is refused with a 413 before it is read, with or without a Content-Length', async () => {
    const { browser, gh, config, app } = await setup();
    gh.users.signedIn = 'alice';
    await browser.signIn();
    const [token] = [...gh.users.tokens.keys()];
    const form = (size: number) => {
      const head = `_csrf=${csrfOf(config, browser)}&pad=`;
      return head + 'x'.repeat(size - head.length);
    };
    const post = (path: string, body: BodyInit) =>
      browser.request(path, { method: 'POST', headers: { origin: 'http://dash.test', 'content-type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit);
    const streamed = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          // In pieces, as a chunked upload arrives: no Content-Length tells its size up front.
          for (let i = 0; i < text.length; i += 4096) c.enqueue(new TextEncoder().encode(text.slice(i, i + 4096)));
          c.close();
        },
      });
    for (const res of [await post('/dashboard/sign-out', form(16 * 1024 + 1)), await post('/dashboard/sign-out', streamed(form(64 * 1024))), await post('/dashboard/changes', form(1024 * 1024))]) {
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('too large');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    expect(gh.users.tokens.has(token!)).toBe(true);
    const api = await app.request('http://dash.test/api/v1/changes', { method: 'POST', body: 'x'.repeat(20_000) });
    expect(api.status).toBe(413);
    expect(await api.json()).toEqual({ error: 'request body over 16384 bytes' });
    // At the limit exactly the form is read as usual.
    const out = await post('/dashboard/sign-out', form(16 * 1024));
    expect(out.status).toBe(200);
    expect(gh.users.tokens.has(token!)).toBe(false);
  });

  it('every answer carries the security headers', async () => {
    const { browser, gh } = await setup();
    gh.users.signedIn = 'alice';
    const answers = [await browser.request('/dashboard/login'), await browser.signIn(), await browser.request('/dashboard/nope'), await browser.request('/api/v1/changes?bogus=1'), await browser.request('/api/v1/openapi.json')];
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

/** The CSRF token a page of this session embeds (what the session holds, read with the server's key). */
function csrfOf(config: { sessionKey: Buffer }, browser: Browser): string {
  return (unseal(config.sessionKey, 'session', browser.cookies.get('spof-session')) as { csrf: string }).csrf;
}
