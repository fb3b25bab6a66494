/**
 * The HTTP server: the webhook endpoint (signature checked with WEBHOOK_SECRET), `/healthz`
 * (the process answers), `/readyz` (the database answers and the workers run), `/metrics` and
 * `/ping`, on HOST:PORT. Probot reads the standard environment (APP_ID,
 * PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT,
 * GHE_HOST / GHE_PROTOCOL). Secrets are only handed to Probot, never logged.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createProbot, type Logger, type Probot, type ProbotOctokit } from 'probot';
import { dashboardApp } from '../dashboard/app.js';
import { dashboardConfig } from '../dashboard/config.js';
import type { DashboardQueries } from '../store/dashboard/types.js';
import { describeStore, type StoreEnv } from '../store/index.js';
import type { Store } from '../store/types.js';
import { spofReviewApp } from './app.js';
import type { AppEvents } from './events.js';
import { DEFAULT_RUNNER, runnerOptionsFromEnv, type RunnerOptions, type Workers } from './jobs/runner.js';
import { configurationProblem } from './settings-check.js';
import { makeLogSafe, safeError } from './log-safety.js';
import { appMetrics, type AppMetrics } from './metrics.js';
import { appLogger, jsonLogs, logLevel } from './logger.js';
import { spofOctokit, type ClientTiming } from './octokit.js';
import { DEFAULT_WEBHOOK_PATH, webhookRoute, WEBHOOK_BODY_LIMIT } from './webhook-route.js';

export { configurationProblem, productionProblem } from './settings-check.js';

export { DEFAULT_WEBHOOK_PATH } from './webhook-route.js';

export interface ServeOptions {
  env: NodeJS.ProcessEnv;
  store: Store;
  /** Defaults: HOST (else localhost) and PORT (else 3000); port 0 picks a free port. */
  host?: string;
  port?: number;
  /**
   * The Octokit class of the app, for tests that intercept its requests (nock sees only the main
   * thread's): a class cannot cross into the workers' thread, so with it the workers run on the
   * event loop. Without it (`npm start`) the app uses spof-review's Octokit with `octokit`'s timings
   * and runs the workers on a thread of their own.
   */
  Octokit?: typeof ProbotOctokit;
  octokit?: ClientTiming;
  runner?: Partial<RunnerOptions>;
  log?: Logger;
  /** Largest webhook body accepted, in bytes (default GitHub's cap, 25 MB). */
  bodyLimit?: number;
  /** The dashboard's read side: with it and the app's OAuth client configured, `/dashboard` and `/api/v1` are served. */
  dashboard?: DashboardQueries;
}

export interface RunningServer {
  url: string;
  port: number;
  probot: Probot;
  /** The handlers; the webhook endpoint gives them each verified delivery. */
  events: AppEvents;
  runner: Workers;
  metrics: AppMetrics;
  http: HttpServer;
  /**
   * Stops taking webhooks and lets running jobs finish, both for at most the runner's `shutdownMs`
   * (SHUTDOWN_TIMEOUT_MS, default 25 s): jobs still running then go back to the queue.
   */
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const problem = configurationProblem(options.env);
  if (problem) throw new Error(problem);
  const log = options.log ?? appLogger(options.env);
  const probot = createProbot({
    // Structured logs in production, as `probot run` does; the app's own lines are `info`.
    env: { ...options.env, LOG_LEVEL: logLevel(options.env) as NonNullable<NodeJS.ProcessEnv['LOG_LEVEL']>, ...(jsonLogs(options.env) ? { LOG_FORMAT: 'json' } : {}) },
    overrides: { Octokit: options.Octokit ?? spofOctokit(options.octokit), ...(log ? { log } : {}) },
  });
  const runnerOptions = { ...runnerOptionsFromEnv(options.env), ...options.runner };
  const metrics = appMetrics(options.store);
  const thread = options.Octokit ? undefined : { env: options.env, ...(options.octokit ? { octokit: options.octokit } : {}) };
  // Probot builds its logger, Octokit and webhook verifier asynchronously.
  await probot.ready();
  makeLogSafe(probot.log);
  const { events, runner } = spofReviewApp(probot, { store: options.store, runner: runnerOptions, observer: metrics, ...(thread ? { thread } : {}) });
  if (!options.env.WEBHOOK_SECRET) {
    probot.log.warn(
      'WEBHOOK_SECRET is not set: webhooks signed with the publicly known secret "development" are accepted, so anyone who can reach this server can make it act. ' +
        'Set WEBHOOK_SECRET to the GitHub App\'s webhook secret (NODE_ENV=production refuses to start without it).',
    );
  }
  const webhooks = webhookRoute({
    verify: (body, signature) => probot.webhooks.verify(body, signature),
    events,
    path: options.env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH,
    log: probot.log,
    limit: options.bodyLimit ?? WEBHOOK_BODY_LIMIT,
    onAnswer: (status, seconds) => metrics.acknowledged(status, seconds),
  });

  const dashboardSettings = dashboardConfig(options.env);
  const dashboard =
    dashboardSettings && options.dashboard
      ? getRequestListener(
          dashboardApp({ config: dashboardSettings, queries: options.dashboard, Octokit: options.Octokit ?? spofOctokit(options.octokit), log: probot.log }).fetch,
          // Probot and Octokit use Node's own fetch classes: the adapter must not replace them.
          { overrideGlobalObjects: false },
        )
      : undefined;

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (dashboard && /^\/(?:dashboard|api\/v1)(?:\/|$)/.test(path)) return void dashboard(req, res);
    const text = (status: number, body: string, type = 'text/plain') => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    if (req.method === 'GET' && (path === '/ping' || path === '/healthz')) return void text(200, path === '/ping' ? 'PONG' : 'ok');
    if (req.method === 'GET' && path === '/readyz') {
      void notReady(options.store, runner, probot.log).then((why) => (why ? text(503, `not ready: ${why}\n`) : text(200, 'ready\n')));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      metrics.text().then(
        (body) => text(200, body, metrics.contentType),
        (err: unknown) => {
          probot.log.warn({ err: safeError(err) }, 'metrics could not be collected');
          text(503, 'metrics could not be collected (the database did not answer)\n');
        },
      );
      return;
    }
    if (!webhooks(req, res)) res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('Not found');
  });
  const host = options.host ?? (options.env.HOST || 'localhost');
  const port = options.port ?? (Number(options.env.PORT) || 3000);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}`;
  // Where it listens, as which app, on which database and GitHub: never a secret.
  probot.log.info(
    { url, webhookPath: options.env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH, appId: Number(options.env.APP_ID) || null, database: describeStore(options.env as StoreEnv), github: githubApi(options.env) },
    `spof-review listening on ${url} as app ${options.env.APP_ID?.trim() || '(none)'}, database ${describeStore(options.env as StoreEnv)}`,
  );
  if (dashboard) probot.log.info(`dashboard at ${dashboardSettings?.baseUrl ?? url}/dashboard/, API at /api/v1 (sign in with GitHub as client ${dashboardSettings?.clientId})`);
  else if (!dashboardSettings) probot.log.info('dashboard off: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the app\'s OAuth client; the setup page writes them) to serve /dashboard');
  else probot.log.info('dashboard off: this build has no dashboard read side');
  return {
    url,
    port: address.port,
    probot,
    events,
    runner,
    metrics,
    http,
    close: async () => {
      const bound = runnerOptions.shutdownMs ?? DEFAULT_RUNNER.shutdownMs;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const httpDone = Promise.race([closed, new Promise<void>((r) => (timer = setTimeout(r, bound)))]).then(() => {
        clearTimeout(timer);
        http.closeAllConnections();
      });
      await Promise.all([httpDone, runner.stop(bound)]);
    },
  };
}

/** How long readiness waits for the database. */
export const READY_TIMEOUT_MS = 2_000;

/** Why this replica should get no traffic (the database does not answer, the workers are not running), or undefined. */
async function notReady(store: Store, runner: Workers, log: Logger): Promise<string | undefined> {
  const workers = runner.notAlive();
  if (workers) return workers;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((r) => (timer = setTimeout(() => r(`the database did not answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([store.queueStats().then(
        () => undefined,
        (err: unknown) => {
          // The answer is for probes; the reason (which may name hosts) goes to the log only.
          log.warn({ err: safeError(err) }, 'readiness: the database did not answer');
          return 'the database is unreachable';
        },
      ), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The REST API the app talks to: GitHub, or GitHub Enterprise Server at GHE_HOST (as Probot builds it). */
export function githubApi(env: NodeJS.ProcessEnv): string {
  return env.GHE_HOST?.trim() ? `${env.GHE_PROTOCOL?.trim() || 'https'}://${env.GHE_HOST.trim()}/api/v3` : 'https://api.github.com';
}
