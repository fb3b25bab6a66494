/**
 * The pages and `/api/v1` read a query string with one parser (src/dashboard/filters.ts): the same
 * string asks the store for the same filter through both, and what one refuses with a 400 the
 * other shows as ignored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardQueries } from '../../src/store/dashboard/types.js';
import { Browser, dashboard, scene } from './harness.js';
import { takeProblems } from './openapi-check.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  expect(takeProblems().problems).toEqual([]);
});

/** A read side that answers nothing and remembers the filter (and page) each call was given. */
function recordingQueries(calls: unknown[][]): DashboardQueries {
  const empty = { changes: { rows: [], total: 0 }, inventory: { rows: [], total: 0, spofs: 0 }, trends: { weeks: [], byRepo: [], byTeam: [] }, acceptances: [] } as Record<string, unknown>;
  return new Proxy({} as DashboardQueries, {
    get: (_t, name) => async (_scope: unknown, ...args: unknown[]) => {
      // acceptances' last argument is the clock, not part of the filter.
      calls.push([name, ...(name === 'acceptances' ? args.slice(0, -1) : args)]);
      return empty[String(name)];
    },
  });
}

async function signedIn() {
  const s = await scene();
  closers.push(s.github.close);
  const calls: unknown[][] = [];
  const { app } = dashboard(s.env, recordingQueries(calls));
  s.gh.users.signedIn = 'alice';
  const browser = new Browser(app);
  await browser.signIn();
  return { browser, calls };
}

const CASES: [page: string, api: string, query: string][] = [
  ['/dashboard/changes', '/api/v1/changes', 'repo=ACME/Payments,initech/tps-reports&team=acme/platform&severity=high,critical&kind=new-spof&rule=single-nat-gateway&status=open,accepted&since=2026-11-01&until=2026-11-30T12:00:00Z&limit=20&cursor=abc'],
  ['/dashboard/changes', '/api/v1/changes', 'severity=high&severity=low&status='],
  ['/dashboard/inventory', '/api/v1/inventory', 'repo=acme/payments&team=@alice&limit=20&cursor=abc'],
  ['/dashboard/trends', '/api/v1/trends', 'repo=globex/platform&from=2026-11-05&to=2026-12-02'],
  ['/dashboard/risks', '/api/v1/acceptances', 'team=acme/payments&state=expired'],
];

describe('one query parser for pages and API', () => {
  it('the same query string asks the store for the same filter through a page and through the API', async () => {
    const { browser, calls } = await signedIn();
    for (const [page, api, query] of CASES) {
      calls.length = 0;
      expect((await browser.request(`${page}?${query}`)).status, page).toBe(200);
      expect((await browser.request(`${api}?${query}`)).status, api).toBe(200);
      expect(calls, query).toHaveLength(2);
      expect(calls[0], query).toEqual(calls[1]);
    }
    // The filter really was read, not dropped by both alike.
    calls.length = 0;
    await browser.request(`/dashboard/changes?${CASES[0]![2]}`);
    expect(calls[0]).toEqual([
      'changes',
      {
        repoIds: [1002, 3001],
        teams: ['acme/platform'],
        severities: ['high', 'critical'],
        kinds: ['new-spof'],
        rules: ['single-nat-gateway'],
        statuses: ['open', 'accepted'],
        since: '2026-11-01T00:00:00.000Z',
        until: '2026-11-30T12:00:00.000Z',
      },
      { limit: 20, cursor: 'abc' },
    ]);
  });

  it('a value the API refuses with a 400 is shown by the page as ignored, with the same words', async () => {
    const { browser, calls } = await signedIn();
    const query = 'severity=urgent,high&since=2026-02-30';
    const api = await browser.request(`/api/v1/changes?${query}`);
    expect(api.status).toBe(400);
    const { error } = (await api.json()) as { error: string };
    expect(error).toBe("since must be an ISO-8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z); severity: 'urgent' is not one of critical, high, medium, low");
    expect(calls).toEqual([]);
    const page = await (await browser.request(`/dashboard/changes?${query}`)).text();
    expect(page).toContain('Some filters were ignored');
    expect(page).toContain('<li>severity: &#39;urgent&#39; is not one of critical, high, medium, low</li>');
    expect(page).toContain('<li>since must be an ISO-8601 date');
    // The page goes on with what was valid.
    expect(calls).toEqual([['changes', { severities: ['high'] }, { limit: 50 }]]);
  });

  it('a repository the viewer cannot see: the API answers 404, the page shows no rows without asking the store', async () => {
    const { browser, calls } = await signedIn();
    expect((await browser.request('/api/v1/inventory?repo=acme/secret-ledger')).status).toBe(404);
    expect((await browser.request('/dashboard/inventory?repo=acme/secret-ledger')).status).toBe(200);
    expect(calls).toEqual([]);
  });
});
