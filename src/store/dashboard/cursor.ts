/**
 * The keyset cursor of every paged dashboard list: the last row's sort key, base64url JSON. It is
 * only ever a position, never a scope: the query still reads only the scope's repositories.
 */

export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key, when the cursor parses to values of the given types in order; otherwise undefined (the first page). */
export function decodeCursor(cursor: string, types: readonly ('string' | 'integer')[]): (string | number)[] | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(key) || key.length !== types.length) return undefined;
    const ok = key.every((v, i) => (types[i] === 'string' ? typeof v === 'string' : typeof v === 'number' && Number.isSafeInteger(v)));
    return ok ? (key as (string | number)[]) : undefined;
  } catch {
    return undefined;
  }
}
