/**
 * The HTTP server: Probot's webhook middleware (signature checked with WEBHOOK_SECRET) plus
 * `/ping` and `/healthz`, on HOST:PORT. Probot reads the standard environment (APP_ID,
 * PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT,
 * GHE_HOST / GHE_PROTOCOL). Secrets are only handed to Probot, never logged.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createProbot, type Logger, type Probot, type ProbotOctokit } from 'probot';
import type { Store } from '../store/types.js';
import { spofReviewApp } from './app.js';
import type { JobRunner, RunnerOptions } from './jobs/runner.js';
import { spofOctokit } from './octokit.js';

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
}

export interface RunningServer {
  url: string;
  port: number;
  probot: Probot;
  runner: JobRunner;
  http: HttpServer;
  /** Stops taking webhooks, lets running jobs finish (unfinished ones resume on the next start). */
  close(): Promise<void>;
}

/** Why the environment cannot run the app in production, or undefined when it can. */
export function productionProblem(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV !== 'production') return undefined;
  // Without it Probot silently verifies signatures against the secret "development".
  if (!env.WEBHOOK_SECRET?.trim()) return 'WEBHOOK_SECRET is required when NODE_ENV=production: webhooks could not be authenticated';
  if (!env.APP_ID?.trim()) return 'APP_ID is required when NODE_ENV=production';
  if (!env.PRIVATE_KEY?.trim() && !env.PRIVATE_KEY_PATH?.trim()) return 'PRIVATE_KEY or PRIVATE_KEY_PATH is required when NODE_ENV=production';
  return undefined;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const problem = productionProblem(options.env);
  if (problem) throw new Error(problem);
  const probot = createProbot({
    // Structured logs in production, as `probot run` does.
    env: options.env.NODE_ENV === 'production' && !options.env.LOG_FORMAT ? { ...options.env, LOG_FORMAT: 'json' } : options.env,
    overrides: { Octokit: options.Octokit ?? spofOctokit(), ...(options.log ? { log: options.log } : {}) },
  });
  let runner: JobRunner | undefined;
  const middleware = await createNodeMiddleware(
    spofReviewApp({ store: options.store, ...(options.runner ? { runner: options.runner } : {}), onRunner: (r) => (runner = r) }),
    { probot, webhooksPath: options.env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH },
  );

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && (path === '/ping' || path === '/healthz')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(path === '/ping' ? 'PONG' : 'ok');
      return;
    }
    Promise.resolve(middleware(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'))).catch((err: unknown) => {
      probot.log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
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
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await runner?.stop();
    },
  };
}
