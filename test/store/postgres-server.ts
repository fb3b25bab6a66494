import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactText, urlSecrets } from '../../src/store/redact.js';

/** The PostgreSQL server the tests use: `DATABASE_URL` when set, else the local server CI starts. */
export const TEST_PG_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name of this file's run (`spof_<kind>_<pid>_<random>`): concurrent runs never meet each other's schemas. */
export function runSchema(kind: string): string {
  return `spof_${kind}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** Why the server cannot be used (secrets redacted), or undefined when it answers a query. */
export async function pgUnreachable(url = TEST_PG_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return redactText(err instanceof Error ? err.message : String(err), urlSecrets(url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the schema `name` and every schema `name_*` (one per test) with what they hold. */
export async function dropSchemas(name: string, url = TEST_PG_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select schema_name as name from information_schema.schemata where schema_name = $1 or schema_name like $2`,
      [name, `${name}\\_%`],
    );
    for (const { name: schema } of rows) await client.query(`drop schema "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
