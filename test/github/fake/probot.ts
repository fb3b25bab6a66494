/** A Probot wired to the fake GitHub: a real app key (JWT auth runs), fast retries, captured logs. */
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Probot } from 'probot';
import { spofOctokit } from '../../../src/github/octokit.js';
import type { GitHub } from '../../../src/github/types.js';

let key: string | undefined;

/** One RSA key per test worker (generating one takes a moment). */
export function privateKey(): string {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return key;
}

export const APP_ID = 4242;
export const WEBHOOK_SECRET = 'test-webhook-secret-do-not-log';

export interface Captured {
  probot: Probot;
  logs: string[];
}

export function captureLogger(logs: string[], level = 'trace') {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  return pino({ level, name: 'probot' }, stream);
}

export function testProbot(level = 'trace'): Captured {
  const logs: string[] = [];
  const probot = new Probot({
    appId: APP_ID,
    privateKey: privateKey(),
    secret: WEBHOOK_SECRET,
    log: captureLogger(logs, level),
    Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
  });
  return { probot, logs };
}

export async function installationClient(probot: Probot, installationId = 1): Promise<GitHub> {
  return (await probot.auth(installationId)) as unknown as GitHub;
}
