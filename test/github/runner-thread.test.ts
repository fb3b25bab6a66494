/**
 * The workers on their own thread, as `npm start` runs them: GitHub is the fake on a loopback port
 * (nock cannot see a worker thread's requests), the store and the log are the main thread's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RunnerThread } from '../../src/github/jobs/runner-thread.js';
import { ENGINE_NICE, JOBS_NICE } from '../../src/github/jobs/thread-priority.js';
import { serve, type RunningServer } from '../../src/github/server.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { FAST_RUNNER } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeGitHub } from './fake/github.js';
import { pullRequest } from './fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger, privateKey } from './fake/probot.js';
import { FakeRepo } from './fake/repo.js';
import { niceByThread } from './fake/threads.js';
import { postWebhook } from './fake/webhook.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(): Promise<{ gh: FakeGitHub; server: RunningServer; store: KyselyStore; logs: string[]; deliver(): Promise<number>; head: string }> {
  const gh = new FakeGitHub();
  const github = await gh.listen();
  cleanup.push(() => github.close());
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  const base = repo.commit(monorepo());
  const head = repo.commit({ ...monorepo(), ...payments('head') });
  gh.openPull(repo, { number: 1, base, head });
  const store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
  cleanup.push(() => store.close());
  const logs: string[] = [];
  const server = await serve({
    env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET, GHE_HOST: github.origin.replace(/^http:\/\//, ''), GHE_PROTOCOL: 'http' },
    store,
    host: '127.0.0.1',
    port: 0,
    octokit: { retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 },
    runner: { ...FAST_RUNNER, engineThreads: 1 },
    log: captureLogger(logs, 'info'),
  });
  cleanup.push(() => server.close());
  const body = JSON.stringify(pullRequest('opened', repo, { number: 1, base, head }));
  const deliver = async () => (await postWebhook(server.url, 'pull_request', body)).status;
  return { gh, server, store, logs, deliver, head };
}

describe('the workers on their own thread', () => {
  it('review a delivered pull request: check run, log line and metrics reach the main thread', async () => {
    const { gh, server, logs, deliver, head } = await start();
    expect(server.runner).toBeInstanceOf(RunnerThread);
    const thread = (server.runner as RunnerThread).thread;
    expect(thread?.threadId).toBeGreaterThan(0);
    expect(await deliver()).toBe(200);
    await server.runner.idle();

    expect([...gh.checkRuns.values()].map((r) => [r.head_sha, r.status, r.conclusion])).toEqual([[head, 'completed', 'failure']]);
    expect(gh.reviewComments.length).toBeGreaterThan(0);
    expect(gh.invalid).toEqual([]);
    // The thread's one line per review, through the app's logger with the job's fields.
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => typeof l.msg === 'string' && l.msg.startsWith('review of acme/infra#1: failure'));
    expect(line).toMatchObject({ level: 30, name: 'spof-review', repo: 'acme/infra', pr: 1, conclusion: 'failure' });
    expect(typeof line?.jobId).toBe('number');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^spof_review_reviews_total\{conclusion="failure"\} 1$/m);
    expect(metrics).toMatch(/^spof_review_github_requests_total\{[^}]*status="2\d\d"\} [1-9]/m);
    expect(await (await fetch(`${server.url}/readyz`)).text()).toBe('ready\n');
    expect(metrics).toMatch(/^spof_review_workers_thread_restarts_total 0$/m);
  });

  it.runIf(process.platform === 'linux')('the workers\' thread and, started with it, the engine\'s thread run below the main thread\'s priority', async () => {
    const nices = () => [...niceByThread().values()];
    const main = niceByThread().get(process.pid)!;
    await start();
    // No delivery yet: the engine's thread was started with the workers' thread, not with a first review.
    await expect.poll(() => nices().filter((n) => n === Math.max(main, ENGINE_NICE)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(nices().filter((n) => n === Math.max(main, JOBS_NICE)).length).toBeGreaterThanOrEqual(1);
    expect(niceByThread().get(process.pid)).toBe(main);
  });

  it('a thread that dies is started again and its running review resumes at once, published once', async () => {
    const { gh, server, store, logs, deliver, head } = await start();
    const workers = server.runner as RunnerThread;
    const compare = gh.hold('GET', /\/compare\//);
    expect(await deliver()).toBe(200);
    await compare.reached;
    const first = workers.thread!;
    expect((await store.queueStats()).running.jobs).toBe(1);

    await first.terminate();
    expect(workers.notAlive()).toMatch(/thread stopped and is being started again/);
    expect(logs.join('')).toMatch(/the workers' thread stopped \(exit code 1\); starting it again in 1000 ms/);
    compare.release();
    await expect.poll(() => workers.thread, { timeout: 10_000 }).not.toBe(first);
    await expect.poll(() => [...gh.checkRuns.values()].map((r) => r.status), { timeout: 20_000 }).toEqual(['completed']);
    await server.runner.idle();

    expect([...gh.checkRuns.values()].map((r) => [r.head_sha, r.conclusion])).toEqual([[head, 'failure']]);
    expect(gh.reviews).toHaveLength(1);
    expect((await store.queueStats()).running.jobs).toBe(0);
    expect(logs.join('')).toMatch(/left running by an earlier run of this replica \(test-worker\) resume now/);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^spof_review_workers_thread_restarts_total 1$/m);
  });

  it('shutdown is bounded: a review stuck on GitHub goes back to the queue', async () => {
    const { gh, server, store, deliver } = await start();
    const compare = gh.hold('GET', /\/compare\//);
    cleanup.push(() => compare.release());
    expect(await deliver()).toBe(200);
    await compare.reached;
    await server.runner.stop(200);

    expect(server.runner.notAlive()).toBe('the workers are stopped');
    expect((server.runner as RunnerThread).thread).toBeUndefined();
    const stats = await store.queueStats();
    expect([stats.queued.jobs, stats.running.jobs]).toEqual([1, 0]);
    expect([...gh.checkRuns.values()].map((r) => r.status)).toEqual(['in_progress']);
  });
});
