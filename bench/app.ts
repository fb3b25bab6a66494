/**
 * `npm run bench:app`: figures for the GitHub App (not a test: nothing here asserts).
 * 1. Webhook acknowledgement latency: the built server in its own process on loopback, 50 signed
 *    deliveries at once (60 rounds) from a separate load process, GitHub faked on a loopback port
 *    by a third (bench/app-github.ts, at the lowest scheduling priority: in production GitHub does
 *    not share the app's cores); with the workers off (the handlers alone), then with 4 workers
 *    reviewing the PRs those deliveries record (each changes 41 stacks) on the workers' thread, the
 *    engine on that thread's event loop and then on engine threads (the default).
 * 3. (bench/app-kill.ts) A review interrupted by kill -9: seconds until its check run completes.
 * ENGINE_THREADS=n (default: the app's, one per core but one) and ACK_WORKERS=n set the threads and workers of the threaded ack run; ACK_ONLY=1 and THREADED_ONLY=1 skip parts;
 * SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles the server process.
 * 2. Requests per review for the budget case: a generated 5,000-file repository, one stack
 *    touched; first push, then a re-push that changes one file.
 * GitHub is the test suite's fake (nock in part 2, a loopback server in part 1), so the numbers are the app's own work.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killRecovery } from './app-kill.js';
import { DEFAULT_RUNNER } from '../src/github/jobs/runner.js';
import { harness } from '../test/github/fake/app.js';
import { bigRepo, payments } from '../test/github/fake/fixtures.js';
import type { Call } from '../test/github/fake/github.js';
import { pullRequest } from '../test/github/fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, privateKey } from '../test/github/fake/probot.js';

const CONCURRENT = 50;
/** Measured rounds, after WARM_UP rounds that are not counted (JIT, first queries). */
const ROUNDS = Number(process.env.ACK_ROUNDS ?? 60);
const WARM_UP = 3;
/** Stacks every pull request of the acknowledgement run changes. */
const STACKS = 40;
const SERVER = fileURLToPath(new URL('./app-server.mjs', import.meta.url));
const GITHUB = fileURLToPath(new URL('./app-github.ts', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A node process of the bench, its stdout read line by line. */
function startProcess(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; line(): Promise<string>; until(prefix: string): Promise<string> } {
  const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
      wake?.();
    }
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${args.at(-2) ?? args[0]} exited (${code})`))));
  const line = async (): Promise<string> => {
    while (lines.length === 0) await Promise.race([new Promise<void>((r) => (wake = r)), exited]);
    return lines.shift()!;
  };
  const until = async (prefix: string): Promise<string> => {
    let l = await line();
    while (!l.startsWith(prefix)) l = await line();
    return l.slice(prefix.length);
  };
  return { child, line, until };
}

/**
 * Acknowledgement latency: GitHub (the test suite's fake, on a loopback port), the app (the built
 * server, its own process) and the load generator (its own process) apart, as in production. Each
 * delivery opens a pull request that changes every one of `STACKS` Terraform stacks (each becomes a
 * single-instance group: a finding per stack), so with workers on, `workers` such reviews run while
 * every measured round is sent.
 */
async function ackLatency(workers: number, engineThreads = Math.min(workers, DEFAULT_RUNNER.engineThreads)): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'spof-bench-'));
  const bodies = join(dir, 'bodies.json');
  const github = startProcess(['--import', 'tsx', GITHUB, JSON.stringify({ stacks: STACKS, rounds: WARM_UP + ROUNDS, concurrent: CONCURRENT, file: bodies })], process.env);
  const origin = await github.until('origin ');
  const rounds = JSON.parse(readFileSync(bodies, 'utf8')) as string[][];
  const pr = rounds.flat().length;
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = startProcess(
    [...nodeArgs, SERVER, JSON.stringify({ workers, threads: engineThreads })],
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey(),
      WEBHOOK_SECRET,
      GHE_HOST: origin.replace(/^http:\/\//, ''),
      GHE_PROTOCOL: 'http',
      SPOF_REVIEW_DB: join(dir, 'spof-review.db'),
    },
  );
  const url = await server.until('url ');
  const input = join(dir, 'load.json');
  writeFileSync(input, JSON.stringify({ url, secret: WEBHOOK_SECRET, warmUp: WARM_UP, rounds }));
  const load = fileURLToPath(new URL('./app-load.ts', import.meta.url));
  const cpu = async (): Promise<number> => {
    server.child.stdin!.write('cpu\n');
    return Number(await server.until('cpu '));
  };
  const cpuBefore = await cpu();
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', load, input], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const { latencies, reviewing } = JSON.parse(out) as { latencies: number[]; reviewing: number[] };
  const cpuPerDelivery = (await cpu() - cpuBefore) / pr;
  github.child.stdin!.write('completed\n');
  const completed = Number(await github.until('completed '));
  for (const p of [server, github]) {
    p.child.kill('SIGTERM');
    await new Promise((r) => p.child.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return [
    `Webhook acknowledgement, ${CONCURRENT} concurrent signed deliveries x ${ROUNDS} rounds (the built server in its own process on 127.0.0.1, SQLite file store, ${
      workers > 0
        ? `${workers} workers reviewing meanwhile on their own thread (each PR: ${STACKS + 1} Terraform stacks changed, ${STACKS} new SPOFs), the engine ${engineThreads > 0 ? `on ${engineThreads} engine thread(s)` : 'on the workers\' thread'}`
        : 'workers off'
    }; GitHub faked in a third process at nice 19, the load from a fourth):`,
    `  p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    `  the server's main thread: ${cpuPerDelivery.toFixed(2)} ms of CPU per delivery (warm-up rounds included${workers > 0 ? ', with the reviews\' store calls and log lines' : ''})`,
    ...(workers > 0 ? [`  reviews in progress when each measured round started: ${reviewing.join(', ')}; ${completed} of ${pr} completed by the end of the rounds`] : []),
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
console.log(await ackLatency(Number(process.env.ACK_WORKERS ?? 4), process.env.ENGINE_THREADS ? Number(process.env.ENGINE_THREADS) : undefined));
if (!process.env.ACK_ONLY) console.log(await budget());
if (!process.env.ACK_ONLY) console.log(await killRecovery());
