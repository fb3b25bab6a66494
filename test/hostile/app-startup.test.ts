/**
 * Starting with a configuration that cannot run: refused at once, naming the variable, before the
 * store is touched (no database file), and without echoing the value.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runnerOptionsFromEnv } from '../../src/github/jobs/runner.js';
import { configurationProblem } from '../../src/github/settings-check.js';
import { privateKey } from '../github/fake/probot.js';

const MAIN = fileURLToPath(new URL('../../src/github/main.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'spof-startup-'));
  dirs.push(dir);
  const db = join(dir, 'store', 'spof-review.db');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN], { env: { PATH: process.env.PATH ?? '', SPOF_REVIEW_DB: db, PORT: '0', HOST: '127.0.0.1', ...env }, timeout: 60_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr, db }),
    );
  });
}

describe('configuration checked before storage', () => {
  it('a garbage PRIVATE_KEY is refused and no database file is created', async () => {
    const r = await start({ APP_ID: '4242', PRIVATE_KEY: 'not-a-key-but-a-secret-value', WEBHOOK_SECRET: 's3cret' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to start: PRIVATE_KEY is not a PEM private key/);
    expect(r.stderr).not.toContain('not-a-key-but-a-secret-value');
    expect(existsSync(r.db)).toBe(false);
  });

  it('a PEM whose body is garbage is refused too, as is a key file that is not there', async () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nAAAAthisisnotakey\n-----END RSA PRIVATE KEY-----\n';
    const r = await start({ APP_ID: '4242', PRIVATE_KEY: pem, WEBHOOK_SECRET: 's3cret' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PRIVATE_KEY is not a valid private key/);
    expect(existsSync(r.db)).toBe(false);
    const missing = await start({ APP_ID: '4242', PRIVATE_KEY_PATH: 'nowhere.pem', WEBHOOK_SECRET: 's3cret' });
    expect(missing.stderr).toMatch(/PRIVATE_KEY_PATH names no file/);
    expect(existsSync(missing.db)).toBe(false);
  });

  it('accepts the forms Probot accepts, refuses a non-numeric APP_ID and a bad PORT', () => {
    const key = privateKey();
    const dir = mkdtempSync(join(tmpdir(), 'spof-key-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.pem'), key);
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key })).toBeUndefined();
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key.replace(/\n/g, '\\n') })).toBeUndefined();
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: Buffer.from(key).toString('base64') })).toBeUndefined();
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key.replace(/\n/g, ' ') })).toBeUndefined();
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY_PATH: 'app.pem' }, dir)).toBeUndefined();
    expect(configurationProblem({ APP_ID: 'my-app', PRIVATE_KEY: key })).toMatch(/APP_ID must be/);
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key, PORT: 'http' })).toMatch(/PORT must be/);
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key, BLOB_CACHE_DAYS: '30' })).toBeUndefined();
    for (const days of ['0', '-1', '1.5', 'month']) expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key, BLOB_CACHE_DAYS: days })).toBe('BLOB_CACHE_DAYS must be a positive whole number of days');
    expect(runnerOptionsFromEnv({ BLOB_CACHE_DAYS: '7' }).blobCacheDays).toBe(7);
    for (const threads of ['-1', '1.5', 'all']) expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key, ENGINE_THREADS: threads })).toMatch(/ENGINE_THREADS must be/);
    expect(configurationProblem({ APP_ID: '1', PRIVATE_KEY: key, ENGINE_THREADS: '0' })).toBeUndefined();
    expect(runnerOptionsFromEnv({ ENGINE_THREADS: '0' }).engineThreads).toBe(0);
    expect(runnerOptionsFromEnv({ ENGINE_THREADS: '3' }).engineThreads).toBe(3);
    expect(runnerOptionsFromEnv({}).engineThreads).toBeUndefined();
    // Nothing configured outside production: Probot's setup page runs.
    expect(configurationProblem({})).toBeUndefined();
  });
});
