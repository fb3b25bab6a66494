import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessCache } from '../../src/dashboard/access.js';
import { loadViewer, TokenRefused, userOctokit } from '../../src/dashboard/github-user.js';
import type { Viewer } from '../../src/dashboard/viewer.js';
import { APP_ID, REPOS, scene } from './harness.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function viewerOf(login: string, appId: number | undefined = APP_ID) {
  const s = await scene();
  closers.push(s.github.close);
  const token = s.gh.users.tokenFor(login);
  const viewer = await loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, token), appId);
  return { ...s, viewer, token };
}

const names = (v: Viewer) => [...v.repos.values()].map((r) => `${r.owner}/${r.repo}`).sort();

describe('access: who a token is and what it sees through the app', () => {
  it('alice sees exactly her repositories across three installations of this app, none of another app', async () => {
    const { viewer, gh } = await viewerOf('alice');
    expect(viewer.login).toBe('alice');
    expect(viewer.userId).toBe(501);
    expect(viewer.scope.repoIds).toEqual([1001, 1002, 2001, 3001]);
    expect(names(viewer)).toEqual(['acme/payments', 'acme/shared-infra', 'globex/platform', 'initech/tps-reports']);
    expect(viewer.repos.get(3001)).toEqual({ owner: 'initech', repo: 'tps-reports', installationId: 33 });
    // Teams only of the organizations the app is installed on.
    expect(viewer.teams).toEqual(['acme/payments', 'acme/platform']);
    expect(gh.invalid).toEqual([]);
    expect(gh.ops()).toEqual([
      'GET users/get-authenticated',
      'GET apps/list-installations-for-authenticated-user',
      'GET apps/list-installation-repos-for-authenticated-user',
      'GET apps/list-installation-repos-for-authenticated-user',
      'GET apps/list-installation-repos-for-authenticated-user',
      'GET teams/list-for-authenticated-user',
    ]);
  });

  it('bob sees his, never alice\'s; his teams are unknown when GitHub refuses them', async () => {
    const { viewer } = await viewerOf('bob');
    expect(viewer.scope.repoIds).toEqual([1001, 1003, 2001, 2002]);
    expect(viewer.scope.repoIds).not.toContain(REPOS.acmeAliceOnly.id);
    expect(viewer.scope.repoIds).not.toContain(REPOS.initechAliceOnly.id);
    expect(viewer.scope.repoIds).not.toContain(REPOS.otherAppRepo.id);
    expect(viewer.teams).toBeUndefined();
  });

  it('follows pagination of installations and repositories', async () => {
    const s = await scene();
    closers.push(s.github.close);
    const many = Array.from({ length: 250 }, (_, i) => ({ id: 50_000 + i, owner: 'bigco', name: `repo-${i}` }));
    for (let i = 0; i < 120; i++) s.gh.users.installation({ id: 1000 + i, appId: APP_ID, account: `org${i}`, repos: i === 0 ? many : [] });
    s.gh.users.user({ login: 'carol', id: 503, access: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [1000 + i, i === 0 ? many.map((r) => r.id) : []])) });
    const viewer = await loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, s.gh.users.tokenFor('carol')), APP_ID);
    expect(viewer.scope.repoIds).toHaveLength(250);
    expect(s.gh.calls.filter((c) => c.path === '/user/installations').map((c) => c.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(s.gh.calls.filter((c) => c.path === '/user/installations/1000/repositories')).toHaveLength(3);
  });

  it('a token of another app reaches none of this app\'s installations', async () => {
    const s = await scene();
    closers.push(s.github.close);
    const viewer = await loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, s.gh.users.tokenFor('alice', 777)), APP_ID);
    expect(viewer.scope.repoIds).toEqual([]);
    expect(viewer.repos.size).toBe(0);
  });

  it('a token GitHub will not list installations for (403) sees nothing', async () => {
    const s = await scene();
    closers.push(s.github.close);
    s.gh.fail('GET', /^\/user\/installations$/, 403, 1, {}, { message: 'You must authenticate with an access token authorized to a GitHub App in order to list installations' });
    const viewer = await loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, s.gh.users.tokenFor('alice')), APP_ID);
    expect(viewer.scope.repoIds).toEqual([]);
    expect(viewer.login).toBe('alice');
  });

  it('a revoked or unknown token is refused', async () => {
    const s = await scene();
    closers.push(s.github.close);
    const token = s.gh.users.tokenFor('alice');
    s.gh.users.revoke(token);
    await expect(loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, token), APP_ID)).rejects.toBeInstanceOf(TokenRefused);
    await expect(loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, 'ghu_nonsense'), APP_ID)).rejects.toBeInstanceOf(TokenRefused);
  });

  it('a GitHub error other than 401 is an error, not an empty scope', async () => {
    const s = await scene();
    closers.push(s.github.close);
    s.gh.fail('GET', /^\/user\/installations\/22\/repositories$/, 500);
    await expect(loadViewer(userOctokit(ProbotOctokit, `${s.github.origin}/api/v3`, s.gh.users.tokenFor('alice')), APP_ID)).rejects.toMatchObject({ status: 500 });
  });
});

describe('access cache', () => {
  const viewer = (login: string): Viewer => ({ login, userId: 1, scope: { repoIds: [] }, repos: new Map(), teams: undefined });

  it('keeps a viewer for the TTL, shares one resolution between concurrent requests, then asks again', async () => {
    let now = 0;
    const asked: string[] = [];
    const cache = new AccessCache({ resolve: async (t) => (asked.push(t), viewer(t)), ttlMs: 60_000, now: () => now });
    await Promise.all([cache.viewer('a'), cache.viewer('a'), cache.viewer('a')]);
    now = 59_999;
    await cache.viewer('a');
    expect(asked).toEqual(['a']);
    now = 60_000;
    await cache.viewer('a');
    expect(asked).toEqual(['a', 'a']);
  });

  it('holds at most max tokens, dropping the least recently used; refusals are not kept', async () => {
    const asked: string[] = [];
    const cache = new AccessCache({
      resolve: async (t) => {
        asked.push(t);
        if (t === 'bad') throw new TokenRefused('no');
        return viewer(t);
      },
      max: 2,
    });
    await cache.viewer('a');
    await cache.viewer('b');
    await cache.viewer('a');
    await cache.viewer('c');
    expect(cache.size).toBe(2);
    await cache.viewer('a');
    await cache.viewer('b');
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
    await expect(cache.viewer('bad')).rejects.toBeInstanceOf(TokenRefused);
    await expect(cache.viewer('bad')).rejects.toBeInstanceOf(TokenRefused);
    expect(asked.filter((t) => t === 'bad')).toHaveLength(2);
  });
});
