import { describe, expect, it } from 'vitest';
import { matchesNothing, parseChangeQuery } from '../../src/dashboard/filters.js';
import { renderChanges, renderError, renderOverview, renderSignIn, staticAssets } from '../../src/dashboard/pages/index.js';
import { HOSTILE, change, ctx, viewer } from './fixtures.js';

/** No markup from data: the page has no script element and no event-handler attribute at all. */
function expectInert(page: string): void {
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/<img/i);
  // Attribute values are always double-quoted and escaped: with them and the text removed, only
  // tags are left, and none has a handler.
  expect(page.replace(/="[^"]*"/g, '=""').replace(/>[^<]*</g, '><')).not.toMatch(/\son[a-z]+=/i);
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

describe('renderChanges', () => {
  it('escapes everything that came from a PR or the store', () => {
    const page = renderChanges(
      {
        rows: [
          change({
            owner: HOSTILE,
            repo: HOSTILE,
            rules: [HOSTILE],
            teams: [HOSTILE],
            status: 'accepted',
            acceptance: { by: HOSTILE, reason: HOSTILE, expiresAt: '2027-01-01T00:00:00Z' },
          }),
        ],
        total: 1,
      },
      ctx(`/dashboard/changes?team=${encodeURIComponent(HOSTILE)}`),
    );
    expectInert(page);
  });

  it('keeps the filter in the form, the CSV link and the next-page link', () => {
    const page = renderChanges(
      { rows: [change()], total: 120, nextCursor: 'c/2' },
      ctx('/dashboard/changes?repo=acme%2Fpayments&severity=high&status=open&since=2026-11-01&cursor=c%2F1'),
    );
    expect(page).toContain('<option value="acme/payments" selected>');
    expect(page).toContain('<option value="high" selected>');
    expect(page).toContain('<option value="open" selected>Open</option>');
    expect(page).toContain('name="since" value="2026-11-01"');
    expect(page).toContain('href="/api/v1/changes?repo=acme%2Fpayments&amp;severity=high&amp;status=open&amp;since=2026-11-01&amp;format=csv"');
    expect(page).toContain('href="/dashboard/changes?repo=acme%2Fpayments&amp;severity=high&amp;status=open&amp;since=2026-11-01&amp;cursor=c%2F2" rel="next"');
    expect(page).toContain('>First page</a>');
    expect(page).toContain('<strong>120</strong> flagged changes, 1 on this page');
  });

  it('links the change page, the PR and the check run on a GitHub Enterprise Server', () => {
    const page = renderChanges({ rows: [change()], total: 1 }, ctx('/dashboard/changes', { githubUrl: 'https://ghe.example.com/' }));
    expect(page).toContain('href="/dashboard/changes/acme/payments/42"');
    expect(page).toContain('href="https://ghe.example.com/acme/payments/pull/42"');
    expect(page).toContain('href="https://ghe.example.com/acme/payments/runs/9001"');
  });

  it('says which filters it ignored', () => {
    const path = '/dashboard/changes?severity=urgent';
    const { problems } = parseChangeQuery(new URL(path, 'http://dash.test').searchParams, viewer());
    const page = renderChanges({ rows: [], total: 0 }, ctx(path, { problems }));
    expect(page).toContain('severity: &#39;urgent&#39; is not one of critical, high, medium, low');
    expect(page).toContain('No flagged changes.');
  });

  it('carries the CSRF token in the sign-out form', () => {
    const page = renderChanges({ rows: [], total: 0 }, ctx('/dashboard/changes', { csrfToken: '"><b>x' }));
    expect(page).toContain('name="_csrf" value="&quot;&gt;&lt;b&gt;x"');
  });
});

describe('parseChangeQuery', () => {
  it('maps repository names the viewer can see to ids, and anything else to no rows', () => {
    const q = parseChangeQuery(new URLSearchParams('repo=ACME/Payments&severity=high,critical&status=accepted'), viewer());
    expect(q.filter).toEqual({ repoIds: [11], severities: ['high', 'critical'], statuses: ['accepted'] });
    expect(matchesNothing(q)).toBe(false);
    const hidden = parseChangeQuery(new URLSearchParams('repo=acme/secret'), viewer());
    expect(matchesNothing(hidden)).toBe(true);
    expect(hidden.filter.repoIds).toEqual([]);
    expect(hidden.unseenRepos).toEqual(['acme/secret']);
  });

  it('reads dates as whole UTC days and bounds the page size', () => {
    const q = parseChangeQuery(new URLSearchParams('since=2026-11-01&until=2026-11-30&limit=1000&cursor=abc'), viewer());
    expect(q.filter.since).toBe('2026-11-01T00:00:00.000Z');
    expect(q.filter.until).toBe('2026-11-30T23:59:59.999Z');
    expect(q.page).toEqual({ limit: 1000, cursor: 'abc' });
    expect(q.problems).toEqual([]);
    const tooMany = parseChangeQuery(new URLSearchParams('limit=100000'), viewer());
    expect(tooMany.problems).toEqual(['limit must be a whole number from 1 to 1000']);
    expect(tooMany.page.limit).toBe(50);
    const bad = parseChangeQuery(new URLSearchParams('since=yesterday&limit=-1&kind=nope'), viewer());
    expect(bad.problems).toHaveLength(3);
    expect(bad.filter).toEqual({});
    expect(bad.page.limit).toBe(50);
  });
});

describe('renderOverview', () => {
  it('counts by severity, repository and team with links to the filtered list', () => {
    const page = renderOverview(
      {
        open: {
          bySeverity: { critical: 2, high: 3 },
          byRepo: [{ repoId: 11, owner: 'acme', repo: HOSTILE, count: 4 }],
          byTeam: [{ team: HOSTILE, count: 5 }],
        },
        defaultBranchSpofs: 17,
        thisWeek: { newSpofs: 3, resolved: 1, accepted: 2 },
        recent: [change({ rules: [HOSTILE] })],
      },
      ctx('/dashboard'),
    );
    expectInert(page);
    expect(page).toContain('<span class="n">5</span> <a href="/dashboard/changes?status=open">open in total</a>');
    expect(page).toContain('<span class="n">17</span>');
    expect(page).toContain('<span class="n">3</span> SPOFs new on default branches</li>');
    expect(page).toContain('<span class="n">1</span> resolved from default branches</li>');
    expect(page).toContain('href="/dashboard/changes?repo=acme%2F%3Cscript%3E');
    expect(page).toContain('aria-current="page">Overview</a>');
  });
});

describe('renderSignIn and renderError', () => {
  it('render without a viewer and escape the message', () => {
    const signIn = renderSignIn({ startUrl: '/dashboard/auth/github?return_to=%2Fdashboard', message: HOSTILE }, ctx('/dashboard/sign-in', { viewer: undefined }));
    expectInert(signIn);
    expect(signIn).not.toContain('<nav');
    expect(signIn).toContain('href="/dashboard/auth/github?return_to=%2Fdashboard"');
    const error = renderError(404, HOSTILE, ctx('/dashboard/changes/x/y/1'));
    expectInert(error);
    expect(error).toContain('<h1>Not found</h1>');
  });
});

describe('staticAssets', () => {
  it('serves the stylesheet the layout links', () => {
    const page = renderError(500, 'x', ctx('/dashboard'));
    const href = /<link rel="stylesheet" href="\/dashboard\/static\/([^"]+)">/.exec(page)?.[1];
    expect(staticAssets.get(href!)?.contentType).toBe('text/css; charset=utf-8');
  });
});
