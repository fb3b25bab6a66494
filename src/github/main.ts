#!/usr/bin/env node
/**
 * `npm start`: the GitHub App. With APP_ID and a private key it serves webhooks and runs review
 * jobs from the store (SPOF_REVIEW_DB or DATABASE_URL). Without them, outside production, it
 * serves the setup page, which registers the app from app.yml and writes .env. `.env` is read
 * first, so the start after the setup runs the app.
 */
import type { Logger } from 'probot';
import { SmeeClient } from 'smee-client';
import { createDashboardQueries, openStore } from '../store/index.js';
import { applyEnvFile } from './env-file.js';
import { appLogger } from './logger.js';
import { DEFAULT_WEBHOOK_PATH, serve } from './server.js';
import { serveSetup } from './setup.js';
import { configurationProblem } from './settings-check.js';

async function main(): Promise<void> {
  const env = process.env;
  // First: the setup page writes the app's credentials to .env, and everything below reads them.
  const envFile = applyEnvFile(env);
  // Before the store is opened: a configuration that cannot run creates no database.
  const problem = configurationProblem(env);
  if (problem) {
    process.stderr.write(`spof-review: refusing to start: ${problem}\n`);
    process.exit(1);
  }
  const configured = Boolean(env.APP_ID?.trim()) && Boolean(env.PRIVATE_KEY?.trim() || env.PRIVATE_KEY_PATH?.trim());
  if (!configured) {
    // First run: the setup page registers the app from app.yml and writes .env.
    const log = appLogger(env) ?? plainLog();
    const setup = await serveSetup({ env, log });
    const stop = () => void setup.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }
  const store = await openStore(env as Parameters<typeof openStore>[0], { log: (m) => process.stderr.write(`spof-review store: ${m}\n`), backgroundCheckpoints: true });
  // The dashboard (on with the app's OAuth client) reads the same database.
  const server = await serve({ env, store, dashboard: createDashboardQueries(store.db) });
  // A server listening on every address is reached on loopback.
  const local = server.url.replace(/^http:\/\/(?:0\.0\.0\.0|\[::\])(?=:)/, 'http://127.0.0.1');
  const proxy = env.WEBHOOK_PROXY_URL?.trim() ? await forwardFromProxy(env.WEBHOOK_PROXY_URL.trim(), `${local}${env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH}`, server.probot.log) : undefined;
  if (envFile) server.probot.log.info({ envFile: envFile.path, variables: envFile.names }, `read ${envFile.names.length} variable(s) from ${envFile.path}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const bound = server.runner.options.shutdownMs;
    server.probot.log.info(`${signal}: stopping (running reviews get ${bound} ms to finish, then go back to the queue; queued ones wait in the store)`);
    // The last resort if closing itself hangs (a store that does not answer).
    setTimeout(() => process.exit(1), bound + 5_000).unref();
    try {
      await proxy?.stop();
      await server.close();
      await store.close();
      process.exit(0);
    } catch (err) {
      server.probot.log.error({ err: { message: (err as Error).message } }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Local development: webhooks GitHub sends to a smee.io channel are forwarded to this app's
 * webhook endpoint (signatures are checked there as for any delivery). The channel's address is
 * a capability, so only its host is logged.
 */
async function forwardFromProxy(source: string, target: string, log: Logger): Promise<SmeeClient | undefined> {
  const client = new SmeeClient({
    source,
    target,
    maxConnectionTimeout: 10_000,
    logger: { info: (m: string) => log.debug(`smee: ${m}`), error: (m: unknown) => log.warn(`smee: ${m instanceof Error ? m.message : String(m)}`) } as unknown as Console,
  });
  try {
    await client.start();
  } catch {
    log.warn(`could not connect to the channel at ${new URL(source).host} (WEBHOOK_PROXY_URL): webhooks arrive only when sent to this server directly`);
    return undefined;
  }
  log.info(`forwarding webhooks from the channel at ${new URL(source).host} (WEBHOOK_PROXY_URL) to ${target}`);
  return client;
}

function plainLog() {
  const line = (m: string) => process.stdout.write(`spof-review: ${m}\n`);
  return { info: line, warn: line };
}

main().catch((err: unknown) => {
  process.stderr.write(`spof-review: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
