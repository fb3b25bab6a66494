import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { spofOctokit } from '../../src/github/octokit.js';
import { productionProblem, serve, type RunningServer } from '../../src/github/server.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { FAST_RUNNER } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeGitHub } from './fake/github.js';
import { pullRequest } from './fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger, privateKey } from './fake/probot.js';
import { FakeRepo } from './fake/repo.js';
import { postWebhook } from './fake/webhook.js';

let server: RunningServer | undefined;
let store: KyselyStore | undefined;
let gh: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close();
  gh?.stop();
  server = store = gh = undefined;
});

describe('the server', () => {
  it('end to end: a signed webhook over HTTP on loopback is acknowledged and the review completes', async () => {
    gh = new FakeGitHub();
    gh.start();
    nock.enableNetConnect('127.0.0.1');
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const base = repo.commit(monorepo());
    const head = repo.commit({ ...monorepo(), ...payments('head') });
    gh.openPull(repo, { number: 1, base, head });
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    const logs: string[] = [];
    server = await serve({
      env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET, NODE_ENV: 'production' },
      store,
      host: '127.0.0.1',
      port: 0,
      Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
      runner: FAST_RUNNER,
      log: captureLogger(logs, 'debug'),
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok');

    const body = JSON.stringify(pullRequest('opened', repo, { number: 1, base, head }));
    const forged = await postWebhook(server.url, 'pull_request', body, 'not-the-secret');
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const res = await postWebhook(server.url, 'pull_request', body);
    expect(res.status).toBe(200);
    await server.runner.idle();

    expect([...gh.checkRuns.values()].map((r) => [r.head_sha, r.conclusion])).toEqual([[head, 'failure']]);
    expect(gh.invalid).toEqual([]);
    const all = logs.join('');
    expect(all).not.toContain(WEBHOOK_SECRET);
    expect(all).not.toContain(privateKey().split('\n')[1]!);
    expect(all).not.toContain('ghs_fakeinstallationtoken');
  });

  it('refuses to start in production without a webhook secret', async () => {
    expect(productionProblem({ NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: 'k' })).toMatch(/WEBHOOK_SECRET is required/);
    expect(productionProblem({ NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: 'k', WEBHOOK_SECRET: 's' })).toBeUndefined();
    expect(productionProblem({ APP_ID: '1' })).toBeUndefined();
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    await expect(serve({ env: { NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: privateKey() }, store, port: 0 })).rejects.toThrow(/WEBHOOK_SECRET/);
  });
});
