/**
 * Kysely's PostgreSQL dialect with an introspector that looks only at the schemas on the search
 * path. Kysely's migrator asks the introspector whether its tables exist; the stock one reads every
 * table of every schema in the database and calls `has_schema_privilege(name, ...)` per schema, which
 * fails ("schema ... does not exist") whenever another session drops any schema during the query:
 * the store then failed to start (seen when test suites on the same server dropped their schemas,
 * and possible wherever a database is shared). It was also as slow as the database has schemas.
 */
import { PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

export class StorePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}

/** Table names only (the migrator needs nothing more), by OID, of the schemas the session uses. */
class SearchPathIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return (await sql<SchemaMetadata>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db)).rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, ns.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where c.relkind in ('r', 'v', 'p') and ns.nspname = any (current_schemas(false))`.execute(this.db);
    return rows.map((t) => ({ name: t.name, schema: t.schema, isView: t.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
