import type { CatalogEntry } from './entry.js';

/**
 * The one registry of catalog entries. Order does not matter; ids and (format, type) pairs are unique
 * (a test checks). Adding an entry means adding it to this list, nothing else.
 */
export const CATALOG: readonly CatalogEntry[] = [];

export * from './entry.js';
