/**
 * `/api/v1`: the dashboard's data as JSON (or CSV with `?format=csv` on every list), for the
 * viewer a bearer token or the session resolves to. Every answer is within the viewer's scope:
 * the queries read nothing else, and a repository or change outside it is a 404 like one that
 * does not exist. The query is read by src/dashboard/filters.ts, as the pages read it; anything
 * wrong in it is a 400 naming it, before the store is asked.
 */
import type { Context, Hono } from 'hono';
import type { DashboardQueries, InventoryRow } from '../../store/dashboard/types.js';
import type { DashboardEnv, Viewer } from '../viewer.js';
import { changesCsv, acceptancesCsv, findingsCsv, inventoryCsv, teamsCsv, trendsCsv } from './csv-tables.js';
import { openApiDocument } from './openapi.js';
import {
  ACCEPTANCE_PARAMS,
  CHANGE_PARAMS,
  DEFAULT_LIMIT,
  INVENTORY_PARAMS,
  MAX_LIMIT,
  QueryReader,
  readAcceptanceFilter,
  readChangeFilter,
  readInventoryFilter,
  readTrendFilter,
  repoId,
  TREND_PARAMS,
} from '../filters.js';

type Format = 'json' | 'csv';

/** Not found, or out of the viewer's scope: the two answer alike. */
class NotFound extends Error {}

export interface ApiDeps {
  queries: DashboardQueries;
  now: () => number;
}

type C = Context<DashboardEnv>;

export function apiRoutes(app: Hono<DashboardEnv>, deps: ApiDeps): void {
  const { queries } = deps;
  const now = () => new Date(deps.now());

  app.get('/api/v1/changes', (c) =>
    answer(c, CHANGE_PARAMS, true, (q, viewer, format) => ({ filter: readChangeFilter(q, viewer), page: q.page(format === 'csv' ? MAX_LIMIT : DEFAULT_LIMIT) }), async ({ filter, page: request }, viewer, format) => {
      const page = await queries.changes(viewer.scope, filter, request);
      nextLink(c, page.nextCursor);
      c.header('x-total-count', String(page.total));
      if (format === 'csv') return csvAnswer(c, 'changes', changesCsv(page.rows));
      return c.json({ total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), changes: page.rows });
    }),
  );

  app.get('/api/v1/changes/:owner/:repo/:number', (c) =>
    answer(c, [], true, () => undefined, async (_, viewer, format) => {
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
    answer(c, [], false, () => undefined, async (_, viewer) => {
      return c.json(await queries.overview(viewer.scope, now()));
    }),
  );

  // JSON a page of repositories at a time; CSV every repository in scope (read a page at a time), so paging it is refused.
  app.get('/api/v1/inventory', (c) =>
    answer(c, INVENTORY_PARAMS, true, (q, viewer, format) => {
      const filter = readInventoryFilter(q, viewer);
      const page = q.page();
      if (format === 'csv' && ['limit', 'cursor'].some((p) => new URL(c.req.url).searchParams.has(p))) q.problems.push('format=csv exports every repository in scope: limit and cursor are for JSON pages');
      return { filter, page };
    }, async ({ filter, page: request }, viewer, format) => {
      if (format === 'csv') {
        const rows: InventoryRow[] = [];
        let cursor: string | undefined;
        do {
          const page = await queries.inventory(viewer.scope, filter, { limit: MAX_LIMIT, ...(cursor ? { cursor } : {}) });
          rows.push(...page.rows);
          cursor = page.nextCursor;
        } while (cursor);
        return csvAnswer(c, 'inventory', inventoryCsv(rows));
      }
      const page = await queries.inventory(viewer.scope, filter, request);
      nextLink(c, page.nextCursor);
      c.header('x-total-count', String(page.total));
      return c.json({ repositories: page.total, spofs: page.spofs, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), inventory: page.rows });
    }),
  );

  app.get('/api/v1/trends', (c) =>
    answer(c, TREND_PARAMS, true, readTrendFilter, async (filter, viewer, format) => {
      const trends = await queries.trends(viewer.scope, filter);
      return format === 'csv' ? csvAnswer(c, 'trends', trendsCsv(trends)) : c.json(trends);
    }),
  );

  app.get('/api/v1/acceptances', (c) =>
    answer(c, ACCEPTANCE_PARAMS, true, readAcceptanceFilter, async (filter, viewer, format) => {
      const rows = await queries.acceptances(viewer.scope, filter, now());
      return format === 'csv' ? csvAnswer(c, 'acceptances', acceptancesCsv(rows)) : c.json({ acceptances: rows });
    }),
  );

  app.get('/api/v1/teams', (c) =>
    answer(c, [], true, () => undefined, async (_, viewer, format) => {
      const teams = await queries.teams(viewer.scope);
      return format === 'csv' ? csvAnswer(c, 'teams', teamsCsv(teams)) : c.json({ myTeams: viewer.teams ?? null, teams });
    }),
  );
}

/** A `Link: <…>; rel="next"` header: this request's URL with the next page's cursor. */
function nextLink(c: C, cursor: string | undefined): void {
  if (!cursor) return;
  const next = new URL(c.req.url);
  next.searchParams.set('cursor', cursor);
  c.header('link', `<${next.pathname}${next.search}>; rel="next"`);
}

/** The public description of this API (no sign-in needed to read it). */
export function openApiRoute(app: Hono<DashboardEnv>): void {
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()));
}

/**
 * Reads the query (`format` and what `read` takes), answers 400 with every problem in it or 404
 * for a repository the viewer cannot see, and only then runs the endpoint.
 */
async function answer<T>(
  c: C,
  allowed: readonly string[],
  csvAllowed: boolean,
  read: (q: QueryReader, viewer: Viewer, format: Format) => T,
  run: (value: T, viewer: Viewer, format: Format) => Promise<Response>,
): Promise<Response> {
  const q = new QueryReader(new URL(c.req.url).searchParams, [...allowed, 'format']);
  const viewer = c.get('viewer');
  const format = readFormat(q, csvAllowed);
  const value = read(q, viewer, format);
  if (q.problems.length > 0) return c.json({ error: q.problems.join('; ') }, 400);
  if (q.unseenRepos.length > 0) return c.json({ error: `no repository ${q.unseenRepos.join(', ')}` }, 404);
  try {
    return await run(value, viewer, format);
  } catch (err) {
    if (err instanceof NotFound) return c.json({ error: err.message }, 404);
    throw err;
  }
}

function readFormat(q: QueryReader, csvAllowed: boolean): Format {
  const f = q.one('format') ?? 'json';
  if (f !== 'json' && f !== 'csv') q.problems.push('format must be json or csv');
  else if (f === 'csv' && !csvAllowed) q.problems.push('format=csv is for lists; this endpoint answers JSON only');
  else return f;
  return 'json';
}

function csvAnswer(c: C, name: string, body: string): Response {
  c.header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`);
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8; header=present' });
}
