/**
 * `npm run test:image`, part 2: runs the built image as a deployment would and checks it from the
 * outside. The app starts from environment configuration only, answers /healthz (and the image's
 * HEALTHCHECK passes), reviews a signed pull_request webhook against a GitHub stand-in on loopback
 * (the test suite's fake GitHub, served over HTTP; every request body validated against GitHub's
 * OpenAPI description) and stops cleanly on SIGTERM. Prints one line per step; exits 1 on the
 * first failure, with the container's log.
 *
 *   node --import tsx scripts/image/smoke.ts <image>
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { payments } from '../../test/github/fake/fixtures.js';
import { FakeGitHub } from '../../test/github/fake/github.js';
import { pullRequest } from '../../test/github/fake/payloads.js';
import { APP_ID, WEBHOOK_SECRET, privateKey } from '../../test/github/fake/probot.js';
import { FakeRepo } from '../../test/github/fake/repo.js';
import { freePort, until as waitFor } from '../../test/github/fake/waiting.js';
import { postWebhook } from '../../test/github/fake/webhook.js';

const image = process.argv[2] ?? 'localhost/spof-review:test';
const name = `spof-review-smoke-${process.pid}`;
const started = Date.now();

function step(text: string): void {
  process.stdout.write(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}\n`);
}

function podman(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('podman', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }).trim();
}

function fail(why: string): never {
  const logs = spawnSync('podman', ['logs', name], { encoding: 'utf8' });
  process.stderr.write(`image smoke test failed: ${why}\n--- container log ---\n${logs.stdout}${logs.stderr}\n`);
  spawnSync('podman', ['rm', '--force', '--time', '0', name], { stdio: 'ignore' });
  process.exit(1);
}

/** Polls as the tests do; a timeout fails the smoke test with the container's log. */
function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  return waitFor(what, probe, { timeoutMs, intervalMs: 250 }).catch((e: Error) => fail(e.message));
}

const gh = new FakeGitHub();
const github = await gh.listen();
const repo = gh.add(new FakeRepo('acme', 'infra', 100));
const base = repo.commit(payments('base'));
const head = repo.commit(payments('head'));
gh.openPull(repo, { number: 1, base, head });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;

// Configuration from the environment only, as `docker run -e ...` gives it; production mode.
const env: Record<string, string> = {
  APP_ID: String(APP_ID),
  PRIVATE_KEY: privateKey(),
  WEBHOOK_SECRET,
  GHE_HOST: github.origin.replace(/^http:\/\//, ''),
  GHE_PROTOCOL: 'http',
  HOST: '127.0.0.1',
  PORT: String(port),
};
// `--env NAME` takes the value from podman's environment, so the key never appears in a command line.
podman(['run', '--detach', '--init', '--network', 'host', '--pull=never', '--name', name, ...Object.keys(env).flatMap((k) => ['--env', k]), image], env);
step(`started ${image} as ${name}`);

await until('/healthz', 60_000, async () => {
  const state = podman(['inspect', '--format', '{{.State.Status}}', name]);
  if (state !== 'running') fail(`container is ${state}`);
  try {
    const res = await fetch(`${url}/healthz`);
    return res.ok ? true : undefined;
  } catch {
    return undefined;
  }
});
step('GET /healthz answered 200');
const health = spawnSync('podman', ['healthcheck', 'run', name], { encoding: 'utf8' });
if (health.status !== 0) fail(`the image's HEALTHCHECK failed: ${health.stdout}${health.stderr}`);
step('HEALTHCHECK passed');

const body = JSON.stringify(pullRequest('opened', repo, { number: 1, base, head }));
const res = await postWebhook(url, 'pull_request', body);
if (res.status !== 200) fail(`signed webhook answered ${res.status}`);
step('signed pull_request webhook answered 200');

const run = await until('the check run to complete', 120_000, () => [...gh.checkRuns.values()].find((r) => r.status === 'completed'));
if (run.name !== 'SPOF review') fail(`check run named ${run.name}`);
// The payments example removes the database's standby: a high finding, so the check fails.
if (run.conclusion !== 'failure') fail(`check concluded ${run.conclusion}, expected failure (a high finding): ${run.output.title ?? ''}`);
if (gh.invalid.length > 0) fail(`requests GitHub would refuse:\n${gh.invalid.join('\n')}`);
step(`check run "${run.name}" completed: ${run.conclusion} (${run.output.title ?? ''}); ${gh.calls.length} GitHub requests, all valid`);

const stopAt = Date.now();
podman(['stop', '--time', '30', name]);
const exit = podman(['inspect', '--format', '{{.State.ExitCode}}', name]);
const stopMs = Date.now() - stopAt;
if (exit !== '0') fail(`exit code ${exit} after SIGTERM`);
if (stopMs > 25_000) fail(`SIGTERM took ${stopMs} ms`);
step(`SIGTERM: exited 0 in ${(stopMs / 1000).toFixed(1)} s`);

const log = podman(['logs', name]);
if (log.includes(WEBHOOK_SECRET) || log.includes('PRIVATE KEY')) fail('a secret reached the log');
podman(['rm', name]);
await github.close();
step('no secret in the log; container removed');
