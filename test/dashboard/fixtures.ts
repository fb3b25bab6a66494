import type { ChangeRow } from '../../src/store/dashboard/types.js';
import type { Viewer } from '../../src/dashboard/viewer.js';
import type { PageContext } from '../../src/dashboard/pages/index.js';

export const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

export function viewer(over: Partial<Viewer> = {}): Viewer {
  const repos = new Map([
    [11, { owner: 'acme', repo: 'payments', installationId: 1 }],
    [12, { owner: 'acme', repo: 'search', installationId: 1 }],
  ]);
  return { login: 'dana', userId: 7, scope: { repoIds: [...repos.keys()] }, repos, teams: ['acme/platform'], ...over };
}

export function ctx(path: string, over: Partial<PageContext> = {}): PageContext {
  return {
    viewer: viewer(),
    csrfToken: 'tok-123',
    url: new URL(path, 'http://dash.test'),
    githubUrl: 'https://github.com',
    now: new Date('2026-12-06T12:00:00Z'),
    ...over,
  };
}

export function change(over: Partial<ChangeRow> = {}): ChangeRow {
  return {
    installationId: 1,
    repoId: 11,
    owner: 'acme',
    repo: 'payments',
    prNumber: 42,
    headSha: 'a'.repeat(40),
    status: 'open',
    counts: { critical: 1, high: 2 },
    topSeverity: 'critical',
    kinds: ['new-spof'],
    rules: ['single-nat-gateway'],
    teams: ['acme/platform'],
    checkRunId: 9001,
    firstFlaggedAt: '2026-12-01T10:00:00Z',
    lastReviewedAt: '2026-12-02T11:30:00Z',
    closedAt: null,
    acceptance: null,
    ...over,
  };
}
