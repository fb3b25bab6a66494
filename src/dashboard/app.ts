/**
 * The dashboard: pages under `/dashboard` and the JSON API under `/api/v1`, served by the app's
 * own HTTP server beside the webhook endpoint (server.ts hands these paths to this Hono app).
 * Every request but sign-in and the OpenAPI document resolves a viewer first; every answer carries
 * the security headers; every state-changing page request passes the same-origin and CSRF checks.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DashboardQueries } from '../store/dashboard/types.js';
import { AccessCache } from './access.js';
import { apiRoutes, openApiRoute } from './api/routes.js';
import { resolveViewer, type AuthDeps } from './auth.js';
import type { DashboardConfig } from './config.js';
import { loadViewer, userOctokit, type OctokitClass } from './github-user.js';
import { pageRoutes, staticRoutes } from './page-routes.js';
import { CSRF_FIELD, dashboardPaths } from './pages/index.js';
import { sameOriginRequest, securityHeaders, tokensMatch } from './security.js';
import { readSession } from './session.js';
import { errorPage, signInRoutes } from './sign-in.js';
import type { DashboardEnv } from './viewer.js';

export interface DashboardOptions {
  config: DashboardConfig;
  queries: DashboardQueries;
  /** The Octokit the app uses (Probot's, with the app's plugins); the dashboard authenticates it with user tokens. */
  Octokit: OctokitClass;
  log?: { warn(obj: object, msg: string): void };
  /** How long a viewer's access is kept (default 60 s) and for how many tokens at most (default 1,000). */
  access?: { ttlMs?: number; max?: number };
  now?: () => number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The largest request body read, in bytes: the dashboard's forms send a CSRF token and a few
 * fields, and the API reads no body. Checked before the CSRF check reads a form, so a large body
 * is refused unread, counted as it streams when no Content-Length says its size.
 */
export const DASHBOARD_BODY_LIMIT = 16 * 1024;

export function dashboardApp(options: DashboardOptions): Hono<DashboardEnv> {
  const now = options.now ?? Date.now;
  const { config } = options;
  const access = new AccessCache({
    resolve: (token) => loadViewer(userOctokit(options.Octokit, config.apiBaseUrl, token), config.appId),
    ...options.access,
    now,
  });
  const deps: AuthDeps = { config, access, Octokit: options.Octokit, log: options.log ?? { warn() {} }, now };
  const app = new Hono<DashboardEnv>();

  app.use('*', securityHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: DASHBOARD_BODY_LIMIT,
      onError: (c) => (c.req.path.startsWith('/api/') ? c.json({ error: `request body over ${DASHBOARD_BODY_LIMIT} bytes` }, 413) : errorPage(c, deps, 413, 'This request was too large to be one of the dashboard\'s forms.')),
    }),
  );
  staticRoutes(app);
  signInRoutes(app, deps);
  openApiRoute(app);

  app.use('/api/v1/*', async (c, next) => {
    const resolved = await resolveViewer(c, deps, true);
    if ('failed' in resolved) return c.json({ error: 'GitHub did not answer who you are; try again' }, 502);
    if ('refused' in resolved) {
      c.header('www-authenticate', 'Bearer realm="spof-review"');
      return c.json({ error: resolved.refused === 'no-credentials' ? 'sign in: send a GitHub user access token as Authorization: Bearer <token>' : 'GitHub does not accept this token' }, 401);
    }
    c.set('viewer', resolved.viewer);
    c.set('csrfToken', resolved.session?.csrf);
    await next();
  });
  apiRoutes(app, { queries: options.queries, now });

  // Pages: a state-changing request comes from this app's own pages, with the session's token.
  // ('/dashboard/*' also matches '/dashboard'.)
  for (const path of ['/dashboard/*']) {
    app.use(path, async (c, next) => {
      if (SAFE_METHODS.has(c.req.method)) return next();
      const session = readSession(c, config, now());
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      if (!sameOriginRequest(c, config) || !session || !tokensMatch(session.csrf, form[CSRF_FIELD] ?? c.req.header('x-csrf-token'))) {
        return errorPage(c, deps, 403, 'This request did not come from a dashboard page of this session.');
      }
      return next();
    });
    app.use(path, async (c, next) => {
      const resolved = await resolveViewer(c, deps, false);
      if ('failed' in resolved) return errorPage(c, deps, 502, 'GitHub did not answer who you are; reload the page to try again.');
      if ('refused' in resolved) {
        if (!SAFE_METHODS.has(c.req.method)) return errorPage(c, deps, 403, 'Your session has ended: sign in again.');
        const url = new URL(c.req.url);
        return c.redirect(`${dashboardPaths.signIn}?to=${encodeURIComponent(url.pathname + url.search)}`, 302);
      }
      c.set('viewer', resolved.viewer);
      c.set('csrfToken', resolved.session?.csrf);
      await next();
    });
  }
  pageRoutes(app, { queries: options.queries, config, now });

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : errorPage(c, deps, 404, 'There is no such page.')));
  app.onError((err, c) => {
    deps.log.warn({ err: { type: err.name, status: (err as { status?: number }).status } }, `dashboard: ${c.req.method} ${c.req.routePath} failed`);
    return c.req.path.startsWith('/api/') ? c.json({ error: 'internal error' }, 500) : errorPage(c, deps, 500, 'The page could not be built; try again.');
  });
  return app;
}
