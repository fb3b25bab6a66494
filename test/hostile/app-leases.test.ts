/**
 * Jobs and time: a shutdown while GitHub answers 5xx is bounded and gives the job back to the
 * queue; leases are renewed by a heartbeat, so a live long review is never taken twice, a dead
 * worker's job is retaken once its lease lapses, and a restarted replica retakes its own at once.
 * Leases are kept in the store's time, which these tests move by hand: whether a lease has lapsed
 * never depends on how fast this machine runs them. Polls and heartbeats run on shortened real
 * intervals; a test waits for the event it needs (a heartbeat, a poll, a request), never a while.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { spofOctokit } from '../../src/github/octokit.js';
import { serve } from '../../src/github/server.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { harness, type Harness } from '../github/fake/app.js';
import { monorepo, payments } from '../github/fake/fixtures.js';
import { FakeGitHub } from '../github/fake/github.js';
import { pullRequest } from '../github/fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger, privateKey } from '../github/fake/probot.js';
import { FakeRepo } from '../github/fake/repo.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The store's clock: it moves only when a test says so. */
class StoreClock {
  private t = Date.parse('2026-12-01T09:00:00Z');
  readonly now = () => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

async function setup(): Promise<{ gh: FakeGitHub; repo: FakeRepo; store: KyselyStore; clock: StoreClock; pr: { number: number; base: string; head: string } }> {
  const gh = new FakeGitHub();
  gh.start();
  cleanup.push(() => gh.stop());
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  const clock = new StoreClock();
  const store = await openStore({ SPOF_REVIEW_DB: ':memory:' }, { now: clock.now });
  cleanup.push(() => store.close());
  const base = repo.commit(monorepo());
  const head = repo.commit({ ...monorepo(), ...payments('head') });
  gh.openPull(repo, { number: 1, base, head });
  return { gh, repo, store, clock, pr: { number: 1, base, head } };
}

/** Resolves at the next lease renewal that reaches the store from now on. */
function nextHeartbeat(store: KyselyStore): Promise<void> {
  const renew = store.heartbeat.bind(store);
  return new Promise((resolve) => {
    store.heartbeat = async (...args) => {
      const renewed = await renew(...args);
      store.heartbeat = renew;
      resolve();
      return renewed;
    };
  });
}

async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

async function track(h: Harness): Promise<Harness> {
  cleanup.push(() => h.close());
  return h;
}

describe('bounded shutdown', () => {
  it('GitHub answering 5xx: close() returns at the bound, the job is back in the queue unpublished, and the next run completes it', async () => {
    const { gh, repo, store, pr } = await setup();
    nock.enableNetConnect('127.0.0.1');
    // GitHub's compare keeps failing; production retry waits (1 s, 4 s, 9 s) keep the review busy.
    gh.fail('GET', /\/compare\//, 502, 1000);
    const logs: string[] = [];
    const server = await serve({
      env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET },
      store,
      host: '127.0.0.1',
      port: 0,
      Octokit: spofOctokit({ retryBaseMs: 1_000, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
      runner: { pollMs: 25, leaseMs: 5_000, heartbeatMs: 1_000, workerId: 'replica-a', shutdownMs: 300 },
      log: captureLogger(logs, 'info'),
    });
    await server.events.receive({ id: 'd1', name: 'pull_request', payload: pullRequest('opened', repo, pr) });
    await until(() => gh.ops((c) => c.op === 'repos/compare-commits-with-basehead').length > 0, 'the review reached compare');

    await server.close();
    const [job] = await store.unfinished();
    // Back in the queue, not counted as an attempt; its check run stays in progress for the next run.
    expect(job).toMatchObject({ state: 'queued', attempts: 0 });
    const run = [...gh.checkRuns.values()];
    expect(run).toHaveLength(1);
    expect(run[0]).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(logs.join('')).toContain('still running after 300 ms go back to the queue');
    // The stopped job ends (its pending retry finds the job given back) without another request to GitHub.
    const calls = gh.calls.length;
    await server.runner.idle();
    expect(gh.calls.slice(calls).map((c) => `${c.method} ${c.path} ${c.at}`)).toEqual([]);

    // GitHub is healthy again.
    gh.faults.length = 0;
    const next = await track(await harness({ gh, repo, store, runner: { workerId: 'replica-b' } }));
    await next.settle();
    expect([...gh.checkRuns.values()]).toEqual([expect.objectContaining({ id: run[0]!.id, status: 'completed', conclusion: 'failure' })]);
    expect(await store.job(job!.id)).toMatchObject({ state: 'done', attempts: 1 });
  }, 20_000);
});

describe('lease heartbeat', () => {
  it('a live review that takes many lease periods is never taken by another worker', async () => {
    const { gh, repo, store, clock, pr } = await setup();
    const timing = { leaseMs: 150, heartbeatMs: 20, pollMs: 10 };
    const a = await track(await harness({ gh, repo, store, runner: { ...timing, workerId: 'replica-a' } }));
    const b = await track(await harness({ gh, repo, store, runner: { ...timing, workerId: 'replica-b' } }));
    // The review stays at its compare request until released, however fast this machine is.
    const compare = gh.hold('GET', /\/compare\//);
    await a.deliver('pull_request', pullRequest('opened', repo, pr));
    await compare.reached;
    // Six times two thirds of a lease (four leases in all) pass in the store's time; each time
    // replica-a's heartbeat renews the lease, and only then does replica-b look for work.
    for (let i = 0; i < 6; i++) {
      const beat = nextHeartbeat(store);
      clock.advance(100);
      await beat;
      b.runner.kick();
      await b.settle();
      const [held] = await store.db.selectFrom('review_jobs').selectAll().execute();
      expect(held, `after ${i + 1} steps`).toMatchObject({ state: 'running', attempts: 1, lease_owner: expect.stringMatching(/^replica-a#/) });
    }
    compare.release();
    await a.settle();
    await b.settle();
    const [job] = await store.db.selectFrom('review_jobs').selectAll().execute();
    expect(job).toMatchObject({ state: 'done', attempts: 1 });
    expect(gh.checkRuns.size).toBe(1);
    expect(gh.reviews).toHaveLength(1);
    expect([...a.logs, ...b.logs].join('')).not.toContain('taken over');
  });

  it("a dead worker's job is retaken once its lease lapses, and not before", async () => {
    const { gh, repo, store, clock, pr } = await setup();
    const first = await harness({ gh, repo, store, work: false });
    await first.deliver('pull_request', pullRequest('opened', repo, pr));
    await first.close();
    // A worker of another replica took it and died: its last heartbeat gave it 400 ms.
    const claimed = await store.claim('replica-dead#run1', 400);
    const h = await track(await harness({ gh, repo, store, runner: { workerId: 'replica-b', leaseMs: 400, heartbeatMs: 100, pollMs: 20 } }));
    // Polled as often as it likes, the job is not retaken while the lease runs, even to its last millisecond.
    await h.settle();
    clock.advance(399);
    h.runner.kick();
    await h.settle();
    expect(await store.job(claimed!.id)).toMatchObject({ state: 'running', attempts: 1 });
    expect(gh.checkRuns.size).toBe(0);
    // Once it has lapsed, the next poll takes it.
    clock.advance(2);
    h.runner.kick();
    await h.settle();
    expect(await store.job(claimed!.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect([...gh.checkRuns.values()].map((r) => r.conclusion)).toEqual(['failure']);
  });

  it('a replica restarted after a crash retakes the jobs its earlier run held at once; another replica does not', async () => {
    const { gh, repo, store, pr } = await setup();
    const first = await harness({ gh, repo, store, work: false });
    await first.deliver('pull_request', pullRequest('opened', repo, pr));
    await first.close();
    // replica-a's earlier run was killed holding the job, with a lease valid for a minute.
    const claimed = await store.claim('replica-a#before', 60_000);

    const other = await track(await harness({ gh, repo, store, runner: { workerId: 'replica-b' } }));
    await other.settle();
    expect(await store.job(claimed!.id)).toMatchObject({ state: 'running' });

    // At once: its first poll takes the job, with no lease lapsing in the store's time.
    const restarted = await track(await harness({ gh, repo, store, runner: { workerId: 'replica-a' } }));
    await restarted.settle();
    expect(await store.job(claimed!.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect([...gh.checkRuns.values()].map((r) => r.conclusion)).toEqual(['failure']);
    expect(restarted.logs.join('')).toContain('left running by an earlier run of this replica (replica-a) resume now');
  });
});
