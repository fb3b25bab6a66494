/** Which files the readers keep, derived from what the formats declare (`FormatPlugin.filePatterns`). */
import type { FormatPlugin } from './format.js';

/** Never descended into, whatever the formats: version control and installed dependencies. */
const ALWAYS_SKIPPED = ['.git', 'node_modules'];

export function skippedDirs(formats: readonly FormatPlugin[]): ReadonlySet<string> {
  return new Set([...ALWAYS_SKIPPED, ...formats.flatMap((f) => f.filePatterns.skipDirs ?? [])]);
}

/** A test for repo-relative POSIX paths: whether some format may read the file. */
export function candidatePathTest(formats: readonly FormatPlugin[]): (path: string) => boolean {
  const skipped = skippedDirs(formats);
  const names = new Set(formats.flatMap((f) => f.filePatterns.names ?? []).map((n) => n.toLowerCase()));
  const suffixes = [...new Set(formats.flatMap((f) => f.filePatterns.suffixes).map((s) => s.toLowerCase()))];
  return (path) => {
    const parts = path.split('/');
    if (parts.slice(0, -1).some((p) => skipped.has(p))) return false;
    const name = (parts[parts.length - 1] ?? '').toLowerCase();
    if (names.has(name)) return true;
    return suffixes.some((s) => name.endsWith(s) && name.length > s.length);
  };
}
