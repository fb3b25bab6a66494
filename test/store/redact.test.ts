import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeStore, openStore } from '../../src/store/open.js';
import { redactText, redactUrl, urlSecrets } from '../../src/store/redact.js';

const SECRET = 'hunter2-s3cr%40t';
const DECODED = 'hunter2-s3cr@t';

async function openError(env: Record<string, string>): Promise<Error> {
  const err = await openStore(env).then(
    (store) => { void store.close(); throw new Error('expected openStore to fail'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

function expectNoSecret(err: Error): void {
  for (const text of [err.message, String(err), inspect(err, { depth: 5 }), JSON.stringify(err)]) {
    expect(text).not.toContain('hunter2');
  }
}

describe('the database password stays out of errors and logs', () => {
  it('masks passwords in URLs and text', () => {
    const url = `postgres://spof:${SECRET}@db.example:5432/app?sslmode=require`;
    expect(redactUrl(url)).toBe('postgres://spof:***@db.example:5432/app?sslmode=require');
    expect(redactUrl('postgres://spof@db.example/app')).toBe('postgres://spof@db.example/app');
    expect(redactUrl('postgres://db.example/app?user=spof&password=hunter2')).toBe('postgres://db.example/app?user=spof&password=***');
    expect(redactUrl('postgres://spof:hunter2@[broken')).toBe('postgres://spof:***@[broken');
    expect(urlSecrets(url)).toEqual([SECRET, DECODED]);
    expect(redactText(`failed for ${url}: password ${DECODED} rejected`, urlSecrets(url))).toBe(
      'failed for postgres://spof:***@db.example:5432/app?sslmode=require: password *** rejected',
    );
  });

  it('describes where the store lives without the password', () => {
    expect(describeStore({ DATABASE_URL: `postgres://spof:${SECRET}@db/app`, DATABASE_SCHEMA: 'spof' })).toBe('postgres://spof:***@db/app (schema spof)');
  });

  it('an unreachable server: the error names the redacted URL', async () => {
    const err = await openError({ DATABASE_URL: `postgres://spof:${SECRET}@127.0.0.1:1/app` });
    expect(err.message).toContain('postgres://spof:***@127.0.0.1:1/app');
    expectNoSecret(err);
  });

  it('a malformed URL, or one for another database, is refused without echoing the password', async () => {
    expectNoSecret(await openError({ DATABASE_URL: `postgres://spof:${SECRET}@[::1/app` }));
    const mysql = await openError({ DATABASE_URL: `mysql://spof:${SECRET}@db/app` });
    expect(mysql.message).toMatch(/must be a postgres:\/\/ URL/);
    expectNoSecret(mysql);
    expect((await openError({ DATABASE_URL: 'postgres://127.0.0.1:1/app', DATABASE_SCHEMA: 'x; drop table y' })).message).toMatch(/DATABASE_SCHEMA/);
  });
});
