import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEnvFile, updateEnvFile } from '../../src/github/env-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'spof-env-'));
  dirs.push(d);
  return d;
}

describe('.env', () => {
  it('reads the file the setup page writes (a multi-line key quoted with \\n) and leaves set variables alone', () => {
    const d = dir();
    // The shape Probot's setup writes: values on one line, the PEM's newlines escaped inside quotes.
    writeFileSync(join(d, '.env'), 'WEBHOOK_PROXY_URL=https://smee.io/abc\nAPP_ID=123\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----\\n"\nWEBHOOK_SECRET=s3cret\nPORT=4000');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    const read = applyEnvFile(env, d);
    expect(read).toEqual({ path: join(d, '.env'), names: ['APP_ID', 'PORT', 'PRIVATE_KEY', 'WEBHOOK_PROXY_URL', 'WEBHOOK_SECRET'] });
    expect(env).toEqual({
      PORT: '5000',
      WEBHOOK_PROXY_URL: 'https://smee.io/abc',
      APP_ID: '123',
      PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n',
      WEBHOOK_SECRET: 's3cret',
    });
  });

  it('is optional', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(applyEnvFile(env, dir())).toBeUndefined();
    expect(env).toEqual({});
  });

  it('a .env that is not a file is an error naming it', () => {
    const d = dir();
    mkdirSync(join(d, '.env'));
    expect(() => applyEnvFile({}, d)).toThrow(/\.env cannot be read: EISDIR$/);
  });

  it('the setup writes what it reads back: other lines kept, its names replaced, the key on one quoted line, owner-only', () => {
    const d = dir();
    writeFileSync(join(d, '.env'), '# mine\nBASE_URL=https://x.example\nAPP_ID=1\n');
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE+/=\n-----END PRIVATE KEY-----\n';
    updateEnvFile({ APP_ID: '77', PRIVATE_KEY: pem, WEBHOOK_SECRET: 'a b#c' }, {}, d);
    expect(readFileSync(join(d, '.env'), 'utf8')).toBe(
      '# mine\nBASE_URL=https://x.example\nAPP_ID=77\nPRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nMIIE+/=\\n-----END PRIVATE KEY-----\\n"\nWEBHOOK_SECRET="a b#c"\n',
    );
    expect(statSync(join(d, '.env')).mode & 0o777).toBe(0o600);
    const env: NodeJS.ProcessEnv = {};
    applyEnvFile(env, d);
    expect(env).toEqual({ BASE_URL: 'https://x.example', APP_ID: '77', PRIVATE_KEY: pem, WEBHOOK_SECRET: 'a b#c' });
  });
});
