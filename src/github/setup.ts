/**
 * First run: `npm start` without APP_ID and a private key serves the setup page instead of the
 * app. The page posts the manifest (manifest.ts) to GitHub, GitHub creates the app and sends the
 * browser back with a code, and the code is converted (`POST /app-manifests/{code}/conversions`)
 * into the app's id, private key and webhook secret, written to `.env` for the next start.
 * Without a public address (BASE_URL) or a smee channel (WEBHOOK_PROXY_URL), one is created on
 * smee.io outside production, so webhooks reach a laptop.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SmeeClient } from 'smee-client';
import { updateEnvFile } from './env-file.js';
import { createAppUrl, manifest, webhookTarget } from './manifest.js';
import { githubApi } from './server.js';

export interface SetupOptions {
  env: NodeJS.ProcessEnv;
  /** Where `.env` is written (default: the working directory). */
  cwd?: string;
  host?: string;
  port?: number;
  log: { info(msg: string): void; warn(msg: string): void };
}

export interface SetupServer {
  url: string;
  http: Server;
  close(): Promise<void>;
}

const SMEE_TIMEOUT_MS = 5_000;

export async function serveSetup(options: SetupOptions): Promise<SetupServer> {
  const { env, log } = options;
  if (!env.WEBHOOK_PROXY_URL?.trim() && !env.BASE_URL?.trim() && env.NODE_ENV !== 'production' && env.NO_SMEE_SETUP !== 'true') {
    const channel = await withTimeout(SmeeClient.createChannel(), SMEE_TIMEOUT_MS).catch(() => undefined);
    if (channel) {
      updateEnvFile({ WEBHOOK_PROXY_URL: channel }, env, options.cwd);
      log.info(`webhooks will come through a new smee.io channel (WEBHOOK_PROXY_URL, written to .env)`);
    } else log.warn('could not create a smee.io channel: set BASE_URL (public address) or WEBHOOK_PROXY_URL in .env');
  }

  let registered = false;
  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.warn(`setup: ${(err as Error).message}`);
      if (!res.headersSent) page(res, 502, 'Registration failed', `<p>${escapeHtml((err as Error).message)}</p><p><a href="/">Try again</a></p>`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://setup');
    const seenAt = origin(req);
    if (req.method !== 'GET') return page(res, 405, 'Not here', '<p>The setup page only answers GET.</p>');
    if (url.pathname === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (url.pathname === '/readyz') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('not ready: the GitHub App is not registered yet (setup page)\n');
    if (url.pathname === '/' || url.pathname === '/probot') {
      const target = webhookTarget(env, seenAt);
      const form = `<form action="${escapeHtml(createAppUrl(env))}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(manifest(env, seenAt))}">
<button type="submit">Register the GitHub App</button></form>`;
      return page(
        res,
        200,
        'Register spof-review',
        `<p>GitHub will create the app from <code>app.yml</code> (events and permissions) and send you back here.</p>
<p>Webhooks will go to <code>${escapeHtml(target.url)}</code>.</p>${target.warning ? `<p><strong>${escapeHtml(target.warning)}</strong></p>` : ''}${form}`,
      );
    }
    if (url.pathname === '/probot/setup') {
      const code = url.searchParams.get('code') ?? '';
      if (!/^[\w-]{1,200}$/.test(code)) return page(res, 400, 'No code', '<p>GitHub sends a <code>code</code> back after creating the app; this request has none.</p>');
      const app = await convert(env, code);
      const written = updateEnvFile(
        { APP_ID: String(app.id), PRIVATE_KEY: app.pem, WEBHOOK_SECRET: app.webhook_secret, GITHUB_CLIENT_ID: app.client_id, GITHUB_CLIENT_SECRET: app.client_secret },
        {},
        options.cwd,
      );
      registered = true;
      log.info(`registered the GitHub App ${app.slug ?? ''} (id ${app.id}); its id, key and webhook secret are in ${written}. Stop this process and run npm start again.`);
      res.writeHead(302, { location: `${app.html_url}/installations/new`, 'content-type': 'text/plain' }).end('Registered: install the app on your repositories.');
      return;
    }
    page(res, 404, 'Not found', `<p>${registered ? 'The app is registered: run <code>npm start</code> again.' : 'The setup page is at <a href="/">/</a>.'}</p>`);
  }

  const host = options.host ?? (env.HOST || 'localhost');
  const port = options.port ?? (Number(env.PORT) || 3000);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info(`spof-review is not registered yet (no APP_ID and private key): open ${url} to register the GitHub App; it writes .env, then run npm start again`);
  return { url, http, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

interface Conversion {
  id: number;
  slug?: string;
  html_url: string;
  pem: string;
  webhook_secret: string;
  client_id: string;
  client_secret: string;
}

/** GitHub's answer to the code: the new app's credentials (the code is single-use and expires in an hour). */
async function convert(env: NodeJS.ProcessEnv, code: string): Promise<Conversion> {
  const res = await fetch(`${githubApi(env)}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', 'user-agent': 'spof-review-setup', 'x-github-api-version': '2022-11-28' },
  });
  if (res.status !== 201) throw new Error(`GitHub answered ${res.status} to the app-manifest code (it is single-use and valid for an hour): register again`);
  const app = (await res.json()) as Partial<Conversion>;
  if (typeof app.id !== 'number' || !app.pem || !app.webhook_secret || !app.html_url) throw new Error('GitHub\'s answer to the app-manifest code lacks the app id, key or webhook secret');
  return { client_id: '', client_secret: '', ...app } as Conversion;
}

function origin(req: IncomingMessage): string {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() || 'http';
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0]!.trim();
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}
