/**
 * The dashboard's pages on their paths: each reads its data within the viewer's scope and hands it
 * to the page renderer (src/dashboard/pages). A repository named in a filter that the viewer
 * cannot see gives no rows, without asking the store.
 */
import type { Context, Hono } from 'hono';
import type { DashboardQueries } from '../store/dashboard/types.js';
import type { DashboardConfig } from './config.js';
import { dashboardPaths, parseChangeQuery, renderChanges, renderOverview, staticAssets } from './pages/index.js';
import { pageContext } from './sign-in.js';
import type { DashboardEnv } from './viewer.js';

export interface PageDeps {
  queries: DashboardQueries;
  config: DashboardConfig;
  now: () => number;
}

type C = Context<DashboardEnv>;

/** The stylesheet and other assets: the same for everyone, served before sign-in. */
export function staticRoutes(app: Hono<DashboardEnv>): void {
  app.get(`${dashboardPaths.static}/:name`, (c) => {
    const asset = staticAssets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    c.header('cache-control', 'public, max-age=3600');
    return c.body(asset.body, 200, { 'content-type': asset.contentType });
  });
}

export function pageRoutes(app: Hono<DashboardEnv>, deps: PageDeps): void {
  const ctx = (c: C) => pageContext(c, deps, c.get('viewer'), c.get('csrfToken'));
  app.get('/dashboard/', (c) => c.redirect(dashboardPaths.overview, 301));

  app.get(dashboardPaths.overview, async (c) => c.html(renderOverview(await deps.queries.overview(c.get('viewer').scope, new Date(deps.now())), ctx(c))));

  app.get(dashboardPaths.changes, async (c) => {
    const viewer = c.get('viewer');
    const query = parseChangeQuery(new URL(c.req.url).searchParams, viewer);
    const page = query.matchesNothing ? { rows: [], total: 0 } : await deps.queries.changes(viewer.scope, query.filter, query.page);
    return c.html(renderChanges(page, ctx(c)));
  });
}
