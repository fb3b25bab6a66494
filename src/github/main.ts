#!/usr/bin/env node
/**
 * `npm start`: the GitHub App. With APP_ID and a private key it serves webhooks and runs review
 * jobs from the store (SPOF_REVIEW_DB or DATABASE_URL). Without them, outside production, it
 * starts Probot's setup page, which registers the app from app.yml and writes .env.
 */
import { run } from 'probot';
import { openStore } from '../store/index.js';
import { applyEnvFile } from './env-file.js';
import { serve } from './server.js';
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
    // First run: Probot's manifest flow (reads app.yml from the working directory).
    await run(() => undefined);
    return;
  }
  const store = await openStore(env as Parameters<typeof openStore>[0], { log: (m) => process.stderr.write(`spof-review store: ${m}\n`) });
  const server = await serve({ env, store });
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

main().catch((err: unknown) => {
  process.stderr.write(`spof-review: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
