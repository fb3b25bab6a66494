/**
 * `/api/v1`: the dashboard's data as JSON (or CSV with `?format=csv` on every list), for the
 * viewer a bearer token or the session resolves to. Every answer is within the viewer's scope:
 * the queries read nothing else, and a repository or change outside it is a 404 like one that
 * does not exist.
 */
import type { Context, Hono } from 'hono';
import type { DashboardQueries } from '../../store/dashboard/types.js';
import type { DashboardEnv, Viewer } from '../viewer.js';
import { changesCsv, acceptancesCsv, findingsCsv, inventoryCsv, teamsCsv, trendsCsv } from './csv-tables.js';
import { openApiDocument } from './openapi.js';
import {
  ACCEPTANCE_PARAMS,
  acceptanceFilter,
  BadRequest,
  CHANGE_PARAMS,
  changeFilter,
  INVENTORY_PARAMS,
  inventoryFilter,
  NotFound,
  Params,
  repoId,
  TREND_PARAMS,
  trendFilter,
} from './params.js';

export interface ApiDeps {
  queries: DashboardQueries;
  now: () => number;
}

type C = Context<DashboardEnv>;

export function apiRoutes(app: Hono<DashboardEnv>, deps: ApiDeps): void {
  const { queries } = deps;
  const now = () => new Date(deps.now());

  app.get('/api/v1/changes', (c) =>
    answer(c, CHANGE_PARAMS, async (p, viewer) => {
      const format = p.format();
      const filter = changeFilter(p, viewer);
      const page = await queries.changes(viewer.scope, filter, p.page(format));
      if (page.nextCursor) {
        const next = new URL(c.req.url);
        next.searchParams.set('cursor', page.nextCursor);
        c.header('link', `<${next.pathname}${next.search}>; rel="next"`);
      }
      c.header('x-total-count', String(page.total));
      if (format === 'csv') return csvAnswer(c, 'changes', changesCsv(page.rows));
      return c.json({ total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), changes: page.rows });
    }),
  );

  app.get('/api/v1/changes/:owner/:repo/:number', (c) =>
    answer(c, [], async (p, viewer) => {
      const format = p.format();
      const number = c.req.param('number');
      const id = repoId(viewer, c.req.param('owner'), c.req.param('repo'));
      if (id === undefined || !/^[1-9]\d{0,9}$/.test(number)) throw new NotFound('no such change');
      const detail = await queries.change(viewer.scope, id, Number(number));
      if (!detail) throw new NotFound('no such change');
      if (format === 'csv') return csvAnswer(c, `${detail.change.owner}-${detail.change.repo}-${detail.change.prNumber}-findings`, findingsCsv(detail));
      return c.json(detail);
    }),
  );

  app.get('/api/v1/overview', (c) =>
    answer(c, [], async (p, viewer) => {
      p.format(false);
      return c.json(await queries.overview(viewer.scope, now()));
    }),
  );

  app.get('/api/v1/inventory', (c) =>
    answer(c, INVENTORY_PARAMS, async (p, viewer) => {
      const format = p.format();
      const rows = await queries.inventory(viewer.scope, inventoryFilter(p, viewer));
      return format === 'csv' ? csvAnswer(c, 'inventory', inventoryCsv(rows)) : c.json({ inventory: rows });
    }),
  );

  app.get('/api/v1/trends', (c) =>
    answer(c, TREND_PARAMS, async (p, viewer) => {
      const format = p.format();
      const trends = await queries.trends(viewer.scope, trendFilter(p, viewer));
      return format === 'csv' ? csvAnswer(c, 'trends', trendsCsv(trends)) : c.json(trends);
    }),
  );

  app.get('/api/v1/acceptances', (c) =>
    answer(c, ACCEPTANCE_PARAMS, async (p, viewer) => {
      const format = p.format();
      const rows = await queries.acceptances(viewer.scope, acceptanceFilter(p, viewer), now());
      return format === 'csv' ? csvAnswer(c, 'acceptances', acceptancesCsv(rows)) : c.json({ acceptances: rows });
    }),
  );

  app.get('/api/v1/teams', (c) =>
    answer(c, [], async (p, viewer) => {
      const format = p.format();
      const teams = await queries.teams(viewer.scope);
      return format === 'csv' ? csvAnswer(c, 'teams', teamsCsv(teams)) : c.json({ myTeams: viewer.teams ?? null, teams });
    }),
  );
}

/** The public description of this API (no sign-in needed to read it). */
export function openApiRoute(app: Hono<DashboardEnv>): void {
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()));
}

async function answer(c: C, allowed: readonly string[], run: (p: Params, viewer: Viewer) => Promise<Response>): Promise<Response> {
  try {
    return await run(new Params(new URL(c.req.url).searchParams, allowed), c.get('viewer'));
  } catch (err) {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
    if (err instanceof NotFound) return c.json({ error: err.message }, 404);
    throw err;
  }
}

function csvAnswer(c: C, name: string, body: string): Response {
  c.header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`);
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8; header=present' });
}
