/**
 * Kysely's SQLite driver prepares every query anew; better-sqlite3 parses and plans the SQL each
 * time, on the event loop (4% of the app's main thread under a webhook flood, as much as running
 * the queries). The store's queries are a few dozen texts, so prepared statements are kept per SQL
 * text. Safe because the store never streams (`iterate`): a statement is always run to its end
 * before the next query, all on one connection.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept; past it the oldest goes (lists of varying length make new texts). */
export const STATEMENTS_KEPT = 256;

export function cachingStatements(db: Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      db.close();
    },
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        if (statements.size >= kept) statements.delete(statements.keys().next().value!);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
}
