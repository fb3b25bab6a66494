/**
 * The environment checked before anything is touched: a configuration that cannot run the app is
 * refused at start, naming the variable, before the store is opened (no database file is created
 * for an app that will not run) and before the port is bound. Values are never echoed: they may be
 * secrets.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dashboardProblem } from '../dashboard/config.js';
import { parseMaxReadMb } from '../model/index.js';

/** Why the environment cannot run the app in production, or undefined when it can. */
export function productionProblem(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV !== 'production') return undefined;
  // Without it Probot silently verifies signatures against the secret "development".
  if (!env.WEBHOOK_SECRET?.trim()) return 'WEBHOOK_SECRET is required when NODE_ENV=production: webhooks could not be authenticated';
  if (!env.APP_ID?.trim()) return 'APP_ID is required when NODE_ENV=production';
  if (!env.PRIVATE_KEY?.trim() && !env.PRIVATE_KEY_PATH?.trim()) return 'PRIVATE_KEY or PRIVATE_KEY_PATH is required when NODE_ENV=production';
  return undefined;
}

/** Why the environment cannot run the app, or undefined. Checks only what is set, except in production. */
export function configurationProblem(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  const production = productionProblem(env);
  if (production) return production;
  const appId = env.APP_ID?.trim();
  if (appId && !/^[1-9]\d{0,15}$/.test(appId)) return 'APP_ID must be the GitHub App\'s numeric id';
  const key = privateKeyProblem(env, cwd);
  if (key) return key;
  const port = env.PORT?.trim();
  if (port && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return 'PORT must be a port number (0-65535)';
  for (const name of ['SHUTDOWN_TIMEOUT_MS', 'LEASE_MS', 'HEARTBEAT_MS'] as const) {
    const v = env[name]?.trim();
    if (v && !/^[1-9]\d{0,8}$/.test(v)) return `${name} must be a positive number of milliseconds`;
  }
  const threads = env.ENGINE_THREADS?.trim();
  if (threads && !/^\d{1,3}$/.test(threads)) return 'ENGINE_THREADS must be a whole number of threads (0: the engine on the event loop)';
  const days = env.BLOB_CACHE_DAYS?.trim();
  if (days && !/^[1-9]\d{0,4}$/.test(days)) return 'BLOB_CACHE_DAYS must be a positive whole number of days';
  const mb = env.SPOF_REVIEW_MAX_READ_MB?.trim() ? parseMaxReadMb(env.SPOF_REVIEW_MAX_READ_MB) : undefined;
  if (typeof mb === 'string') return `SPOF_REVIEW_MAX_READ_MB ${mb}`;
  return dashboardProblem(env);
}

/** The key as Probot reads it (@probot/get-private-key: PEM, PEM with literal \n, or base64 PEM), parsed. */
function privateKeyProblem(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  let pem: string;
  let from: string;
  if (env.PRIVATE_KEY) {
    from = 'PRIVATE_KEY';
    pem = env.PRIVATE_KEY;
    if (Buffer.from(pem, 'base64').toString('base64') === pem) pem = Buffer.from(pem, 'base64').toString();
    pem = pem.replace(/\\n/g, '\n');
  } else if (env.PRIVATE_KEY_PATH?.trim()) {
    from = 'PRIVATE_KEY_PATH';
    const path = resolve(cwd, env.PRIVATE_KEY_PATH.trim());
    if (!existsSync(path)) return `PRIVATE_KEY_PATH names no file (${path})`;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (err) {
      return `PRIVATE_KEY_PATH cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`;
    }
  } else return undefined;
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) return `${from} is not a PEM private key (download the app's .pem file from its GitHub settings)`;
  try {
    // A PEM on one line (spaces for newlines) is what Probot repairs; parse the repaired form.
    const repaired = pem.includes('\n') ? pem : pem.replace(/(-----BEGIN [A-Z ]+-----)\s*(.*?)\s*(-----END [A-Z ]+-----)/, (_m, b: string, body: string, e: string) => `${b}\n${body.replace(/\s+/g, '\n')}\n${e}`);
    const key = createPrivateKey(repaired);
    if (key.asymmetricKeyType !== 'rsa') return `${from} must be an RSA key (GitHub App keys are RSA)`;
  } catch {
    return `${from} is not a valid private key (it does not parse)`;
  }
  return undefined;
}
