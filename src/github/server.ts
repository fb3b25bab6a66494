/**
 * The HTTP server: Probot's webhook middleware (signature checked with WEBHOOK_SECRET) plus
 * `/ping` and `/healthz`, on HOST:PORT. Probot reads the standard environment (APP_ID,
 * PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT,
 * GHE_HOST / GHE_PROTOCOL). Secrets are only handed to Probot, never logged.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProbot, type Logger, type Probot, type ProbotOctokit } from 'probot';
import type { Store } from '../store/types.js';
import { spofReviewApp } from './app.js';
import { DEFAULT_RUNNER, runnerOptionsFromEnv, type JobRunner, type RunnerOptions } from './jobs/runner.js';
import { configurationProblem } from './settings-check.js';
import { makeLogSafe } from './log-safety.js';
import { spofOctokit } from './octokit.js';
import { webhookRoute, WEBHOOK_BODY_LIMIT } from './webhook-route.js';

export { configurationProblem, productionProblem } from './settings-check.js';

export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface ServeOptions {
  env: NodeJS.ProcessEnv;
  store: Store;
  /** Defaults: HOST (else localhost) and PORT (else 3000); port 0 picks a free port. */
  host?: string;
  port?: number;
  Octokit?: typeof ProbotOctokit;
  runner?: Partial<RunnerOptions>;
  log?: Logger;
  /** Largest webhook body accepted, in bytes (default GitHub's cap, 25 MB). */
  bodyLimit?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  probot: Probot;
  runner: JobRunner;
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
  const probot = createProbot({
    // Structured logs in production, as `probot run` does.
    env: options.env.NODE_ENV === 'production' && !options.env.LOG_FORMAT ? { ...options.env, LOG_FORMAT: 'json' } : options.env,
    overrides: { Octokit: options.Octokit ?? spofOctokit(), ...(options.log ? { log: options.log } : {}) },
  });
  let runner: JobRunner | undefined;
  const runnerOptions = { ...runnerOptionsFromEnv(options.env), ...options.runner };
  await probot.load(spofReviewApp({ store: options.store, runner: runnerOptions, onRunner: (r) => (runner = r) }));
  makeLogSafe(probot.log);
  if (!options.env.WEBHOOK_SECRET) {
    probot.log.warn(
      'WEBHOOK_SECRET is not set: webhooks signed with the publicly known secret "development" are accepted, so anyone who can reach this server can make it act. ' +
        'Set WEBHOOK_SECRET to the GitHub App\'s webhook secret (NODE_ENV=production refuses to start without it).',
    );
  }
  const webhooks = webhookRoute({ probot, path: options.env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH, log: probot.log, limit: options.bodyLimit ?? WEBHOOK_BODY_LIMIT });

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && (path === '/ping' || path === '/healthz')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(path === '/ping' ? 'PONG' : 'ok');
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
  probot.log.info(`spof-review listening on http://${shown}:${address.port}`);
  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    probot,
    runner: runner!,
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
      await Promise.all([httpDone, runner?.stop(bound)]);
    },
  };
}
