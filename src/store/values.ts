import { createHash } from 'node:crypto';
import type { RepoRef } from './types.js';

/** Conversions between JavaScript values and the columns of schema.ts, the same on both databases. */

/** Timestamps are written as ISO-8601 UTC: SQLite compares them as text, PostgreSQL parses them into `timestamptz`. */
/** `items` in consecutive slices of at most `size`: statements stay under both databases' parameter limits. */
export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function toTimestamp(date: Date): string {
  return date.toISOString();
}

export function fromTimestamp(value: Date | string): Date {
  return value instanceof Date ? new Date(value.getTime()) : new Date(value);
}

export function fromTimestampOrNull(value: Date | string | null): Date | null {
  return value === null ? null : fromTimestamp(value);
}

/** PostgreSQL `bigint` arrives as a string; GitHub ids stay far below 2^53. */
export function fromGitHubId(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The repository columns every table carries, as a RepoRef. */
export function repoRefOf(row: { installation_id: number | string; repo_id: number | string; owner: string; repo: string }): RepoRef {
  return { installationId: fromGitHubId(row.installation_id), repoId: fromGitHubId(row.repo_id), owner: row.owner, repo: row.repo };
}

export function fromGitHubIdOrNull(value: number | string | null): number | null {
  return value === null ? null : fromGitHubId(value);
}

/**
 * PostgreSQL refuses NUL in text columns; names taken from hostile files may contain one. The
 * indexed columns get U+FFFD instead (the full review is JSON, where NUL is escaped).
 */
export function safeText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

export function safeTextOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : safeText(text);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
