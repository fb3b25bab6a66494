import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { appLogger } from '../../src/github/logger.js';
import { spofOctokit } from '../../src/github/octokit.js';
import { serve, type RunningServer } from '../../src/github/server.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { FAST_RUNNER } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeGitHub } from './fake/github.js';
import { readLogLines } from './fake/log-lines.js';
import { pullRequest } from './fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, privateKey } from './fake/probot.js';
import { FakeRepo } from './fake/repo.js';
import { postWebhook } from './fake/webhook.js';

let server: RunningServer | undefined;
let store: KyselyStore | undefined;
let gh: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close().catch(() => undefined);
  gh?.stop();
  server = store = gh = undefined;
});

const ENV = { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET, NODE_ENV: 'production', SPOF_REVIEW_DB: ':memory:' };

/** Samples of a Prometheus text exposition: `name{labels}` -> value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

function captured(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _e, cb) {
        chunks.push(String(chunk));
        cb();
      },
    }),
    text: () => chunks.join(''),
  };
}

async function start(env: Record<string, string>, log = captured(), runner = {}): Promise<{ log: ReturnType<typeof captured> }> {
  server = await serve({
    env: { ...ENV, ...env },
    store: store!,
    host: '127.0.0.1',
    port: 0,
    Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
    runner: { ...FAST_RUNNER, ...runner },
    log: appLogger({ ...ENV, ...env }, log.stream)!,
  });
  return { log };
}

async function deliverPull(): Promise<string> {
  gh = new FakeGitHub();
  gh.start();
  nock.enableNetConnect('127.0.0.1');
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  const base = repo.commit(monorepo());
  const head = repo.commit({ ...monorepo(), ...payments('head') });
  gh.openPull(repo, { number: 7, base, head });
  return JSON.stringify(pullRequest('opened', repo, { number: 7, base, head }));
}

function post(body: string, secret = WEBHOOK_SECRET): Promise<Response> {
  return postWebhook(server!.url, 'pull_request', body, secret);
}

describe('observing the app', () => {
  it('counts a review in /metrics: conclusion, duration, GitHub requests and rate limit, webhook acknowledgement', async () => {
    const body = await deliverPull();
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    await start({});
    expect((await post(body)).status).toBe(200);
    expect((await post(body, 'not-the-secret')).status).toBe(401);
    await server!.runner.idle();

    const res = await fetch(`${server!.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = samples(await res.text());
    expect(m.get('spof_review_reviews_total{conclusion="failure"}')).toBe(1);
    expect(m.get('spof_review_review_duration_seconds_count')).toBe(1);
    expect(m.get('spof_review_review_duration_seconds_sum')).toBeGreaterThan(0);
    const byStatus = [...m].filter(([k]) => k.startsWith('spof_review_github_requests_total{'));
    expect(byStatus.reduce((n, [, v]) => n + v, 0)).toBe(gh!.calls.length);
    expect(m.get('spof_review_github_requests_total{status="404"}')).toBe(2); // no .github/spof-review.yml, in the repo or the org
    expect(m.get('spof_review_github_rate_limit_remaining{installation="1"}')).toBe(gh!.rateLimitRemaining);
    expect(m.get('spof_review_webhook_ack_seconds_count{status="200"}')).toBe(1);
    expect(m.get('spof_review_webhook_ack_seconds_count{status="401"}')).toBe(1);
    expect(m.get('spof_review_queue_jobs{state="queued"}')).toBe(0);
    expect(m.get('spof_review_queue_oldest_job_age_seconds{state="queued"}')).toBe(0);
    expect(m.get('spof_review_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reports the queue from the store: jobs waiting and the age of the oldest', async () => {
    const recorded = Date.now() - 90_000;
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' }, { now: () => new Date(recorded) });
    for (const [i, sha] of ['a', 'b'].entries()) {
      await store.enqueue({ installationId: 1, repoId: 9, owner: 'acme', repo: 'infra', prNumber: i + 1, headSha: sha.repeat(40), baseSha: null, trigger: 'pull_request' });
    }
    // No worker slot: the jobs stay queued while /metrics is read.
    await start({}, captured(), { concurrency: 0 });
    const m = samples(await (await fetch(`${server!.url}/metrics`)).text());
    expect(m.get('spof_review_queue_jobs{state="queued"}')).toBe(2);
    expect(m.get('spof_review_queue_jobs{state="running"}')).toBe(0);
    expect(m.get('spof_review_queue_oldest_job_age_seconds{state="queued"}')).toBeGreaterThanOrEqual(90);
    expect(m.get('spof_review_queue_oldest_job_age_seconds{state="queued"}')).toBeLessThan(120);
  });

  it('/readyz answers 503 when the database is gone or the workers stopped; /healthz stays 200', async () => {
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    await start({});
    const get = async (path: string) => {
      const r = await fetch(`${server!.url}${path}`);
      return [r.status, await r.text()] as const;
    };
    expect(await get('/readyz')).toEqual([200, 'ready\n']);
    expect(await get('/healthz')).toEqual([200, 'ok']);
    await server!.runner.stop();
    expect(await get('/readyz')).toEqual([503, 'not ready: the workers are stopped\n']);
    server!.runner.start();
    expect((await get('/readyz'))[0]).toBe(200);
    await store.close();
    expect(await get('/readyz')).toEqual([503, 'not ready: the database is unreachable\n']);
    expect(await get('/healthz')).toEqual([200, 'ok']);
    expect((await get('/metrics'))[0]).toBe(503);
  });

  it('logs at info by default: where it listens, then one JSON line per review, every key once', async () => {
    const body = await deliverPull();
    store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    const { log } = await start({});
    expect((await post(body)).status).toBe(200);
    await server!.runner.idle();

    const { lines, problems } = readLogLines(log.text());
    expect(problems).toEqual([]);
    expect(lines.every((l) => l.level >= 30)).toBe(true);
    const listening = lines.find((l) => /^spof-review listening on /.test(l.msg));
    expect(listening).toMatchObject({ url: server!.url, appId: APP_ID, database: 'sqlite::memory:', github: 'https://api.github.com', webhookPath: '/api/github/webhooks' });
    const reviews = lines.filter((l) => l.conclusion !== undefined);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ name: 'spof-review', repo: 'acme/infra', pr: 7, conclusion: 'failure', msg: expect.stringMatching(/^review of acme\/infra#7: failure, [1-9]\d* finding\(s\)$/) });
    expect(reviews[0]!.findings).toBeGreaterThan(0);
    // Every request the job made, its installation token's included.
    expect(reviews[0]!.requests).toBe(gh!.calls.length);
    expect(reviews[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const all = log.text();
    expect(all).not.toContain(WEBHOOK_SECRET);
    expect(all).not.toContain(privateKey().split('\n')[1]!);
  });
});
