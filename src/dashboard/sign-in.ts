/**
 * Sign in with GitHub through the app's own OAuth client: `/dashboard/login` sends the browser to
 * GitHub's authorize page with a `state` bound to a sign-in cookie; `/dashboard/callback` checks
 * the state, exchanges the code for a user access token and starts the session; `POST
 * /dashboard/logout` (same origin, CSRF token) ends it and revokes the token at GitHub.
 */
import { exchangeWebFlowCode } from '@octokit/oauth-methods';
import type { Context, Hono } from 'hono';
import { oauthRequest, revoke, type AuthDeps } from './auth.js';
import { TokenRefused } from './github-user.js';
import { ownOrigin, sameOriginRequest, tokensMatch } from './security.js';
import { clearSession, newSession, readSession, startSignIn, takeSignIn, writeSession } from './session.js';
import type { DashboardEnv } from './viewer.js';

export const DASHBOARD_HOME = '/dashboard/';

/** Where to go after signing in: a dashboard path of this app, nothing else. */
export function safeReturnPath(to: string | undefined): string {
  if (!to || to.length > 2000 || !/^\/dashboard(?:[/?][\x21-\x7e]*)?$/.test(to) || to.includes('\\') || /\/\/|\/\.\.?(?:\/|$)/.test(to.split('?')[0]!)) return DASHBOARD_HOME;
  return to;
}

export function callbackUrl(c: Context, deps: AuthDeps): string {
  return `${deps.config.baseUrl ?? ownOrigin(c, deps.config)}/dashboard/callback`;
}

export function signInRoutes(app: Hono<DashboardEnv>, deps: AuthDeps): void {
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
    if (error) return message(c, 403, 'Not signed in', error === 'access_denied' ? 'GitHub says the sign-in was cancelled.' : 'GitHub did not sign you in.');
    const code = c.req.query('code');
    if (!signIn || !tokensMatch(signIn.state, c.req.query('state'))) {
      // Not this browser's sign-in (a forged or replayed callback), or it took over 10 minutes.
      return message(c, 400, 'Sign-in expired', 'This sign-in was not started here or has expired.');
    }
    if (!code || !/^[\w-]{1,100}$/.test(code)) return message(c, 400, 'Not signed in', 'GitHub sent no code back.');
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
      return message(c, 400, 'Not signed in', 'GitHub did not accept the sign-in (the code is single-use and expires after 10 minutes).');
    }
    try {
      const viewer = await deps.access.viewer(auth.token);
      writeSession(c, deps.config, newSession(deps.config, { login: viewer.login, userId: viewer.userId }, auth, deps.now()), deps.now());
    } catch (err) {
      if (err instanceof TokenRefused) return message(c, 401, 'Not signed in', 'GitHub refused the new token.');
      deps.log.warn({ err: { type: (err as Error).name, status: (err as { status?: number }).status } }, 'dashboard: GitHub did not answer who signed in');
      return message(c, 502, 'Not signed in', 'GitHub did not answer; try again.');
    }
    return c.redirect(signIn.to, 302);
  });

  app.post('/dashboard/logout', async (c) => {
    const session = readSession(c, deps.config, deps.now());
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!sameOriginRequest(c, deps.config) || (session && !tokensMatch(session.csrf, form.csrf ?? c.req.header('x-csrf-token')))) {
      return message(c, 403, 'Not signed out', 'This request did not come from a dashboard page.');
    }
    clearSession(c, deps.config);
    if (session) await revoke(deps, session.token);
    return message(c, 200, 'Signed out', 'You are signed out of the dashboard.', true);
  });
}

/** The sign-in flow's own answers: a title, a sentence and a way back. */
export function message(c: Context, status: 200 | 400 | 401 | 403 | 404 | 502, title: string, text: string, signInLink = true) {
  const link = signInLink ? `<p><a href="/dashboard/login">Sign in with GitHub</a></p>` : '';
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · spof-review</title></head><body><main><h1>${escape(title)}</h1><p>${escape(text)}</p>${link}</main></body></html>\n`, status);
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
