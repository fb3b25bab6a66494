/**
 * The issue's "done when": a new user following README alone registers the app and sees a review
 * on a PR. Checked end to end against a local GitHub stand-in (the fake GitHub on a loopback port,
 * reached through GHE_HOST): `npm start`'s program with only a `.env` (the README's first lines)
 * serves the setup page, whose manifest GitHub "creates" and whose code is converted into the
 * app's credentials in `.env`; the program started again with nothing but that `.env` reviews a
 * signed pull_request webhook into a check run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { payments } from './fake/fixtures.js';
import { updateEnvFile } from '../../src/github/env-file.js';
import { FakeGitHub } from './fake/github.js';
import { pullRequest } from './fake/payloads.js';
import { APP_ID, privateKey } from './fake/probot.js';
import { FakeRepo } from './fake/repo.js';
import { freePort, until as waitFor } from './fake/waiting.js';
import { deliveryHeaders, postWebhook } from './fake/webhook.js';

const MAIN = fileURLToPath(new URL('../../src/github/main.ts', import.meta.url));
// tsx by absolute address: the program runs in a directory of its own, with no node_modules.
const TSX = pathToFileURL(fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url))).href;
const SECRET_FROM_GITHUB = 'whsec-made-by-the-manifest-conversion';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});


interface Started {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** `npm start` (`node dist/github/main.js`, here from source) in `cwd`, with no configuration in its environment. */
function start(cwd: string): Started {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += String(c)));
  child.stderr!.on('data', (c: Buffer) => (out += String(c)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const started: Started = {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  cleanup.push(() => void started.stop());
  return started;
}

/** Waits on the started program: gives up when it exits, with what it said. */
function until<T>(what: string, p: Started, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  return waitFor(what, probe, { timeoutMs: ms, stopped: () => p.child.exitCode !== null, context: p.output });
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
}

describe('setup to review', () => {
  it('registers the app from the setup page, then, started with the .env it wrote, reviews a pull request', { timeout: 180_000 }, async () => {
    const gh = new FakeGitHub();
    const github = await gh.listen();
    cleanup.push(() => github.close());
    gh.manifestFlow.app = { id: APP_ID, pem: privateKey(), webhookSecret: SECRET_FROM_GITHUB };
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const base = repo.commit(payments('base'));
    const head = repo.commit(payments('head'));
    gh.openPull(repo, { number: 1, base, head });

    const dir = mkdtempSync(join(tmpdir(), 'spof-setup-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const app = `http://127.0.0.1:${port}`;
    // What README's "Register the app" has the user write before the first start.
    writeFileSync(
      join(dir, '.env'),
      [
        '# spof-review',
        'BASE_URL=https://spof-review.example.com',
        `GHE_HOST=${github.origin.replace(/^http:\/\//, '')}`,
        'GHE_PROTOCOL=http',
        'HOST=127.0.0.1',
        `PORT=${port}`,
        '',
      ].join('\n'),
    );

    // First start: not registered, so the setup page.
    const setup = start(dir);
    const html = await until('the setup page', setup, async () => {
      const r = await fetch(`${app}/`);
      return r.ok ? r.text() : undefined;
    });
    expect((await fetch(`${app}/readyz`)).status).toBe(503);
    const action = unescapeHtml(/<form action="([^"]+)" method="post">/.exec(html)?.[1] ?? '');
    const manifestText = unescapeHtml(/name="manifest" value="([^"]*)"/.exec(html)?.[1] ?? '');
    expect(action).toBe(`${github.origin}/settings/apps/new`);
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({
      name: 'spof-review',
      hook_attributes: { url: 'https://spof-review.example.com/api/github/webhooks', active: true },
      redirect_url: `${app}/probot/setup`,
      // The dashboard's Sign in with GitHub returns there.
      callback_urls: ['https://spof-review.example.com/dashboard/callback'],
    });
    // Everything app.yml asks for, merge_queues (merge_group deliveries) included.
    const appYml = parse(readFileSync(fileURLToPath(new URL('../../app.yml', import.meta.url)), 'utf8')) as Record<string, unknown>;
    expect(manifest.default_permissions).toEqual(appYml.default_permissions);
    expect(manifest.default_permissions.merge_queues).toBe('read');
    expect(manifest.default_events).toEqual(appYml.default_events);

    // The browser posts the form to GitHub, which creates the app and sends it back with a code.
    const created = await fetch(action, { method: 'POST', body: new URLSearchParams({ manifest: manifestText }), redirect: 'manual' });
    expect(created.status).toBe(302);
    const back = created.headers.get('location')!;
    expect(back).toMatch(new RegExp(`^${app}/probot/setup\\?code=`));
    const done = await fetch(back, { redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('https://github.com/apps/spof-review/installations/new');
    expect(gh.ops((c) => c.op === 'apps/create-from-manifest')).toEqual(['POST apps/create-from-manifest']);

    const envText = readFileSync(join(dir, '.env'), 'utf8');
    expect(envText).toMatch(/^# spof-review$/m);
    expect(envText).toMatch(/^BASE_URL=https:\/\/spof-review\.example\.com$/m);
    expect(envText).toMatch(new RegExp(`^APP_ID=${APP_ID}$`, 'm'));
    expect(envText).toMatch(new RegExp(`^WEBHOOK_SECRET=${SECRET_FROM_GITHUB}$`, 'm'));
    expect(envText).toMatch(/^PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n/m);
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(setup.output()).toMatch(/registered the GitHub App spof-review \(id 4242\)/);
    expect(await setup.stop()).toBe(0);

    // Second start: nothing in the environment but what .env holds.
    const running = start(dir);
    await until('readiness', running, async () => ((await fetch(`${app}/readyz`)).ok ? true : undefined));
    const body = JSON.stringify(pullRequest('opened', repo, { number: 1, base, head }));
    const delivered = await postWebhook(app, 'pull_request', body, SECRET_FROM_GITHUB);
    expect(delivered.status).toBe(200);
    // The OAuth client the setup wrote serves the dashboard: signed out, it sends the browser to sign in with GitHub.
    expect((await fetch(`${app}/dashboard`, { redirect: 'manual' })).headers.get('location')).toBe('/dashboard/sign-in?to=%2Fdashboard');
    const signIn = new URL((await fetch(`${app}/dashboard/login`, { redirect: 'manual' })).headers.get('location')!);
    expect(`${signIn.origin}${signIn.pathname}`).toBe(`${github.origin}/login/oauth/authorize`);
    expect(signIn.searchParams.get('client_id')).toBe('Iv1.0123456789abcdef');
    expect(signIn.searchParams.get('redirect_uri')).toBe('https://spof-review.example.com/dashboard/callback');
    const run = await until('the check run', running, async () => [...gh.checkRuns.values()].find((r) => r.status === 'completed'), 120_000);
    expect(run).toMatchObject({ name: 'SPOF review', head_sha: head, conclusion: 'failure' });
    expect(gh.invalid).toEqual([]);

    // The review's log line follows the check run's completion: wait for it rather than race it.
    const log = await until('the review log line', running, async () => (/review of acme\/infra#1: failure/.test(running.output()) ? running.output() : undefined));
    expect(log).toContain(`spof-review listening on ${app} as app ${APP_ID}, database sqlite:${join(dir, 'spof-review.db')}`);
    expect(log).not.toContain(SECRET_FROM_GITHUB);
    expect(log).not.toContain(privateKey().split('\n')[1]!);
    expect(log).not.toContain('0123456789abcdef0123456789abcdef01234567');
    expect(await running.stop()).toBe(0);
  });

  it('with WEBHOOK_PROXY_URL, takes deliveries from the channel (a smee stand-in on loopback) and reviews them', { timeout: 180_000 }, async () => {
    const gh = new FakeGitHub();
    const github = await gh.listen();
    cleanup.push(() => github.close());
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const base = repo.commit(payments('base'));
    const head = repo.commit(payments('head'));
    gh.openPull(repo, { number: 3, base, head });

    // smee.io's protocol: an event stream whose messages carry the delivery's headers and its body.
    const listeners: ServerResponse[] = [];
    const channel = createHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      listeners.push(res);
      req.on('close', () => listeners.splice(listeners.indexOf(res), 1));
    });
    await new Promise<void>((r) => channel.listen(0, '127.0.0.1', r));
    cleanup.push(() => {
      for (const l of listeners) l.destroy();
      return new Promise<void>((r) => channel.close(() => r()));
    });
    const source = `http://127.0.0.1:${(channel.address() as { port: number }).port}/abcdef`;

    const dir = mkdtempSync(join(tmpdir(), 'spof-smee-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    updateEnvFile(
      { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey(), WEBHOOK_SECRET: SECRET_FROM_GITHUB, WEBHOOK_PROXY_URL: source, GHE_HOST: github.origin.replace(/^http:\/\//, ''), GHE_PROTOCOL: 'http', HOST: '127.0.0.1', PORT: String(port) },
      {},
      dir,
    );
    const running = start(dir);
    await until('the channel connection', running, async () => (listeners.length > 0 ? true : undefined));
    await until('readiness', running, async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined));

    const payload = pullRequest('opened', repo, { number: 3, base, head });
    const body = JSON.stringify(payload);
    const event = {
      ...deliveryHeaders('pull_request', body, SECRET_FROM_GITHUB),
      body: payload,
      timestamp: Date.now(),
    };
    for (const l of listeners) l.write(`data: ${JSON.stringify(event)}\n\n`);
    const run = await until('the check run', running, async () => [...gh.checkRuns.values()].find((r) => r.status === 'completed'), 120_000);
    expect(run).toMatchObject({ head_sha: head, conclusion: 'failure' });
    expect(gh.invalid).toEqual([]);
    expect(running.output()).toContain(`forwarding webhooks from the channel at 127.0.0.1:`);
    expect(running.output()).not.toContain('/abcdef');
    expect(await running.stop()).toBe(0);
  });
});
