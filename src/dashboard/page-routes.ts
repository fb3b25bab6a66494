/**
 * The dashboard's pages on their paths: each reads its data within the viewer's scope and hands it
 * to the page renderer (src/dashboard/pages), with what was wrong in the filters to show. A
 * repository named in a filter that the viewer cannot see gives no rows, without asking the store.
 */
import type { Context, Hono } from 'hono';
import type { DashboardQueries } from '../store/dashboard/types.js';
import type { DashboardConfig } from './config.js';
import { matchesNothing, parseAcceptanceQuery, parseChangeQuery, parseInventoryQuery, parseTrendQuery, repoId } from './filters.js';
import {
  dashboardPaths,
  renderChange,
  renderChanges,
  renderInventory,
  renderOverview,
  renderRiskRegister,
  renderTeams,
  renderTrends,
  staticAssets,
} from './pages/index.js';
import { errorPage, pageContext } from './sign-in.js';
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
  const ctx = (c: C, problems: readonly string[] = []) => ({ ...pageContext(c, deps, c.get('viewer'), c.get('csrfToken')), problems });
  app.get('/dashboard/', (c) => c.redirect(dashboardPaths.overview, 301));

  app.get(dashboardPaths.overview, async (c) => c.html(renderOverview(await deps.queries.overview(c.get('viewer').scope, new Date(deps.now())), ctx(c))));

  app.get(dashboardPaths.changes, async (c) => {
    const viewer = c.get('viewer');
    const query = parseChangeQuery(new URL(c.req.url).searchParams, viewer);
    const page = matchesNothing(query) ? { rows: [], total: 0 } : await deps.queries.changes(viewer.scope, query.filter, query.page);
    return c.html(renderChanges(page, ctx(c, query.problems)));
  });

  app.get(`${dashboardPaths.changes}/:owner/:repo/:number`, async (c) => {
    const viewer = c.get('viewer');
    const id = repoId(viewer, c.req.param('owner'), c.req.param('repo'));
    const number = c.req.param('number');
    // Out of scope and nonexistent read the same: nothing tells a hidden repository apart.
    const detail = id !== undefined && /^[1-9]\d{0,9}$/.test(number) ? await deps.queries.change(viewer.scope, id, Number(number)) : undefined;
    if (!detail) return errorPage(c, deps, 404, 'There is no such change.');
    return c.html(renderChange(detail, ctx(c)));
  });

  app.get(dashboardPaths.teams, async (c) => c.html(renderTeams(await deps.queries.teams(c.get('viewer').scope), ctx(c))));

  app.get(dashboardPaths.inventory, async (c) => {
    const viewer = c.get('viewer');
    const query = parseInventoryQuery(new URL(c.req.url).searchParams, viewer);
    const page = matchesNothing(query) ? { rows: [], total: 0, spofs: 0 } : await deps.queries.inventory(viewer.scope, query.filter, query.page);
    return c.html(renderInventory(page, ctx(c, query.problems)));
  });

  app.get(dashboardPaths.trends, async (c) => {
    const viewer = c.get('viewer');
    const query = parseTrendQuery(new URL(c.req.url).searchParams, viewer);
    const trends = matchesNothing(query) ? { weeks: [], byRepo: [], byTeam: [] } : await deps.queries.trends(viewer.scope, query.filter);
    return c.html(renderTrends(trends, ctx(c, query.problems)));
  });

  app.get(dashboardPaths.risks, async (c) => {
    const viewer = c.get('viewer');
    const query = parseAcceptanceQuery(new URL(c.req.url).searchParams, viewer);
    return c.html(renderRiskRegister(matchesNothing(query) ? [] : await deps.queries.acceptances(viewer.scope, query.filter, new Date(deps.now())), ctx(c, query.problems)));
  });
}
