/**
 * Sign in with GitHub through the app's own OAuth client: `/dashboard/sign-in` is the page with
 * the button, `/dashboard/login` sends the browser to GitHub's authorize page with a `state` bound
 * to a sign-in cookie; `/dashboard/callback` checks the state, exchanges the code for a user
 * access token and starts the session; `POST /dashboard/sign-out` (same origin, CSRF token) ends
 * it and revokes the token at GitHub.
 */
import { exchangeWebFlowCode } from '@octokit/oauth-methods';
import type { Context, Hono } from 'hono';
import { oauthRequest, revoke, type AuthDeps } from './auth.js';
import { TokenRefused } from './github-user.js';
import { CSRF_FIELD, dashboardPaths, renderError, renderSignIn } from './pages/index.js';
import { ownOrigin, sameOriginRequest, tokensMatch } from './security.js';
import { clearSession, newSession, readSession, startSignIn, takeSignIn, writeSession } from './session.js';
import type { PageContext } from './pages/index.js';
import type { DashboardEnv, Viewer } from './viewer.js';

export const DASHBOARD_HOME: string = dashboardPaths.overview;

/** Where to go after signing in: a dashboard path of this app, nothing else. */
export function safeReturnPath(to: string | undefined): string {
  if (!to || to.length > 2000 || !/^\/dashboard(?:[/?][\x21-\x7e]*)?$/.test(to) || to.includes('\\') || /\/\/|\/\.\.?(?:\/|$)/.test(to.split('?')[0]!)) return DASHBOARD_HOME;
  return to;
}

export function callbackUrl(c: Context, deps: AuthDeps): string {
  return `${deps.config.baseUrl ?? ownOrigin(c, deps.config)}/dashboard/callback`;
}

export function signInRoutes(app: Hono<DashboardEnv>, deps: AuthDeps): void {
  app.get(dashboardPaths.signIn, (c) => signInPage(c, deps, 200, undefined, safeReturnPath(c.req.query('to'))));

  app.get('/dashboard/login', (c) => {
    const signIn = startSignIn(c, deps.config, safeReturnPath(c.req.query('to')), deps.now());
    const authorize = new URL(`${deps.config.webBaseUrl}/login/oauth/authorize`);
    authorize.searchParams.set('client_id', deps.config.clientId);
    authorize.searchParams.set('redirect_uri', callbackUrl(c, deps));
    authorize.searchParams.set('state', signIn.state);
    return c.redirect(authorize.toString(), 302);
  });

  app.get('/dashboard/callback', async (c) => {
    const signIn = takeSignIn(c, deps.config, deps.now());
    const error = c.req.query('error');
    if (error) return signInPage(c, deps, 403, error === 'access_denied' ? 'GitHub says the sign-in was cancelled.' : 'GitHub did not sign you in.');
    const code = c.req.query('code');
    if (!signIn || !tokensMatch(signIn.state, c.req.query('state'))) {
      // Not this browser's sign-in (a forged or replayed callback), or it took over 10 minutes.
      return signInPage(c, deps, 400, 'This sign-in was not started here or has expired: sign in again.');
    }
    if (!code || !/^[\w-]{1,100}$/.test(code)) return signInPage(c, deps, 400, 'GitHub sent no code back.');
    let auth: { token: string; refreshToken?: string; expiresAt?: string };
    try {
      const exchanged = await exchangeWebFlowCode({
        clientType: 'github-app',
        clientId: deps.config.clientId,
        clientSecret: deps.config.clientSecret,
        code,
        redirectUrl: callbackUrl(c, deps),
        request: oauthRequest(deps),
      });
      auth = exchanged.authentication as typeof auth;
    } catch (err) {
      deps.log.warn({ err: { status: (err as { status?: number }).status } }, 'dashboard: GitHub did not exchange a sign-in code');
      return signInPage(c, deps, 400, 'GitHub did not accept the sign-in (the code is single-use and expires after 10 minutes).');
    }
    try {
      const viewer = await deps.access.viewer(auth.token);
      writeSession(c, deps.config, newSession(deps.config, { login: viewer.login, userId: viewer.userId }, auth, deps.now()), deps.now());
    } catch (err) {
      if (err instanceof TokenRefused) return signInPage(c, deps, 401, 'GitHub refused the new token.');
      deps.log.warn({ err: { type: (err as Error).name, status: (err as { status?: number }).status } }, 'dashboard: GitHub did not answer who signed in');
      return signInPage(c, deps, 502, 'GitHub did not answer; try again.');
    }
    return c.redirect(signIn.to, 302);
  });

  app.post(dashboardPaths.signOut, async (c) => {
    const session = readSession(c, deps.config, deps.now());
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!sameOriginRequest(c, deps.config) || (session && !tokensMatch(session.csrf, form[CSRF_FIELD] ?? c.req.header('x-csrf-token')))) {
      return errorPage(c, deps, 403, 'This request did not come from a dashboard page of this session.');
    }
    clearSession(c, deps.config);
    if (session) await revoke(deps, session.token);
    return signInPage(c, deps, 200, 'You are signed out of the dashboard.');
  });
}

type Status = 200 | 400 | 401 | 403 | 404 | 413 | 500 | 502;

function signInPage(c: Context, deps: AuthDeps, status: Status, message: string | undefined, to = DASHBOARD_HOME) {
  const startUrl = `/dashboard/login${to === DASHBOARD_HOME ? '' : `?to=${encodeURIComponent(to)}`}`;
  return c.html(renderSignIn(message === undefined ? { startUrl } : { startUrl, message }, pageContext(c, deps, undefined, undefined)), status);
}

/** An error page; it names no repository the viewer cannot see (callers pass fixed texts). */
export function errorPage(c: Context, deps: Pick<AuthDeps, 'config' | 'now'>, status: Status, message: string) {
  const ctx = pageContext(c, deps, (c as Context<DashboardEnv>).get('viewer'), (c as Context<DashboardEnv>).get('csrfToken'));
  return c.html(renderError(status, message, ctx), status);
}

export function pageContext(c: Context, deps: Pick<AuthDeps, 'config' | 'now'>, viewer: Viewer | undefined, csrfToken: string | undefined): PageContext {
  return { viewer, csrfToken, url: new URL(c.req.url), githubUrl: deps.config.webBaseUrl, now: new Date(deps.now()) };
}
