/**
 * `npm run bench:app`: figures for the GitHub App (not a test: nothing here asserts).
 * 1. Webhook acknowledgement latency: the real server on loopback, 50 signed deliveries at once
 *    (a few rounds) from a separate load process; with the workers off (the handlers alone), then
 *    with 4 workers reviewing the PRs those deliveries record (the fake GitHub shares their process),
 *    the engine on the event loop and then on worker threads (the default).
 * 3. (bench/app-kill.ts) A review interrupted by kill -9: seconds until its check run completes.
 * ENGINE_THREADS=n sets the threads of the threaded ack run; ACK_ONLY=1 and THREADED_ONLY=1 skip parts.
 * 2. Requests per review for the budget case: a generated 5,000-file repository, one stack
 *    touched; first push, then a re-push that changes one file.
 * GitHub is the test suite's fake (nock), so the numbers are the app's own work.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { spofOctokit } from '../src/github/octokit.js';
import { killRecovery } from './app-kill.js';
import { serve } from '../src/github/server.js';
import { openStore } from '../src/store/index.js';
import { harness } from '../test/github/fake/app.js';
import { bigRepo, monorepo, payments } from '../test/github/fake/fixtures.js';
import { FakeGitHub, type Call } from '../test/github/fake/github.js';
import { pullRequest } from '../test/github/fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger, privateKey } from '../test/github/fake/probot.js';
import { FakeRepo } from '../test/github/fake/repo.js';

const CONCURRENT = 50;
const ROUNDS = 6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function ackLatency(workers: number, engineThreads = workers): Promise<string> {
  const gh = new FakeGitHub();
  gh.start();
  nock.enableNetConnect('127.0.0.1');
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  const baseFiles = monorepo({ stacks: 20 });
  const base = repo.commit(baseFiles);
  const dir = mkdtempSync(join(tmpdir(), 'spof-bench-'));
  const store = await openStore({ SPOF_REVIEW_DB: join(dir, 'spof-review.db') });
  const server = await serve({
    env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET },
    store,
    host: '127.0.0.1',
    port: 0,
    Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
    runner: { pollMs: 50, concurrency: workers, engineThreads },
    log: captureLogger([], 'warn'),
  });
  // Round 0 warms the process up (JIT, first queries) and is not counted.
  let pr = 0;
  const rounds = Array.from({ length: ROUNDS + 1 }, () =>
    Array.from({ length: CONCURRENT }, () => {
      pr++;
      const head = repo.commit({ ...baseFiles, ...payments('head'), 'infra/payments/pr.txt': String(pr) });
      gh.openPull(repo, { number: pr, base, head });
      return JSON.stringify(pullRequest('opened', repo, { number: pr, base, head }));
    }),
  );
  const input = join(dir, 'load.json');
  writeFileSync(input, JSON.stringify({ url: server.url, secret: WEBHOOK_SECRET, rounds }));
  const load = fileURLToPath(new URL('./app-load.ts', import.meta.url));
  // The load generator runs in its own process; this one keeps serving (execFile is asynchronous).
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', load, input], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const latencies = JSON.parse(out) as number[];
  const started = performance.now();
  if (workers > 0) await server.runner.idle();
  const drain = performance.now() - started;
  const completed = [...gh.checkRuns.values()].filter((r) => r.status === 'completed').length;
  await server.close();
  await store.close();
  gh.stop();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return [
    `Webhook acknowledgement, ${CONCURRENT} concurrent signed deliveries x ${ROUNDS} rounds (real server on 127.0.0.1, SQLite file store, ${
      workers > 0
        ? `${workers} workers reviewing meanwhile, the engine ${engineThreads > 0 ? `on ${engineThreads} worker threads` : 'on the event loop'}, the fake GitHub in the same process`
        : 'workers off'
    }):`,
    `  p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    ...(workers > 0 ? [`  ${completed} of ${pr} reviews completed; the queue drained ${drain.toFixed(0)} ms after the last acknowledgement`] : []),
  ].join('\n');
}

function describeCalls(calls: Call[]): string {
  const reads = calls.filter((c) => c.method === 'GET' || c.op.startsWith('graphql:query'));
  const writes = calls.filter((c) => !reads.includes(c) && c.op !== 'apps/create-installation-access-token');
  const blobs = calls
    .filter((c) => c.op === 'graphql:query Blobs')
    .reduce((n, c) => n + Object.keys((c.body as { variables: object }).variables).filter((k) => /^o\d+$/.test(k)).length, 0);
  return `${reads.length} reads (${reads.map((c) => c.op).join(', ')}), ${blobs} blobs, ${writes.length} writes`;
}

async function budget(): Promise<string> {
  const h = await harness();
  const files = bigRepo('base');
  const base = h.repo.commit(files);
  const head = h.repo.commit({ ...files, ...payments('head') });
  h.gh.openPull(h.repo, { number: 1, base, head });
  let started = performance.now();
  await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 1, base, head }));
  await h.settle();
  const first = performance.now() - started;
  const firstCalls = [...h.gh.calls];
  h.gh.calls.length = 0;
  const head2 = h.repo.change(head, { 'infra/payments/terraform.tfvars': '# Cost review Q4\ndb_multi_az = false\nnat_per_az  = false\n' });
  h.gh.openPull(h.repo, { number: 1, base, head: head2 });
  started = performance.now();
  await h.deliver('pull_request', pullRequest('synchronize', h.repo, { number: 1, base, head: head2 }));
  await h.settle();
  const second = performance.now() - started;
  const secondCalls = [...h.gh.calls];
  await h.close();
  return [
    `Requests per review, ${Object.keys(files).length}-file repository, one stack touched (fake GitHub):`,
    `  first push: ${describeCalls(firstCalls)}; ${first.toFixed(0)} ms`,
    `  re-push of one file: ${describeCalls(secondCalls)}; ${second.toFixed(0)} ms`,
  ].join('\n');
}

if (!process.env.THREADED_ONLY) console.log(await ackLatency(0));
if (!process.env.THREADED_ONLY) console.log(await ackLatency(4, 0));
console.log(await ackLatency(4, Number(process.env.ENGINE_THREADS ?? 4)));
if (!process.env.ACK_ONLY) console.log(await budget());
if (!process.env.ACK_ONLY) console.log(await killRecovery());
