/**
 * What every reader (a directory, a git tree, the GitHub app's fetch) keeps of a file before a format
 * sees it, in one place so the CLI and the app review the same files: text only, up to a size cap.
 */
import type { Diagnostic } from './source.js';

/** Larger files are not reviewed: an error diagnostic, so the review cannot pass as complete. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function tooLarge(path: string, size: number): Diagnostic {
  return {
    file: path,
    line: 1,
    severity: 'error',
    message: `not reviewed: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one file`,
  };
}

/** A file with a NUL byte near its start is binary, not configuration: said, not silently dropped. */
export function binaryContent(path: string): Diagnostic {
  return { file: path, line: 1, severity: 'warning', message: 'skipped: binary content (a NUL byte in its first 8 KB), not read as configuration' };
}

/** A FIFO, socket or device with a configuration name: never opened (a FIFO blocks its reader), not reviewed. */
export function specialFile(path: string, what: string): Diagnostic {
  return { file: path, line: 1, severity: 'error', message: `not reviewed: ${what}, not a regular file (never opened)` };
}

/** A file or directory the reader could not open was not reviewed. */
export function unreadable(path: string, what: 'file' | 'directory', code: string | undefined): Diagnostic {
  return { file: path, line: 1, severity: 'error', message: `not reviewed: cannot read ${what} (${code ?? 'error'})` };
}

/** Text, or undefined for binary content (a NUL byte in the first 8 KiB). Invalid UTF-8 decodes to U+FFFD; a BOM is dropped. */
export function decodeText(buf: Buffer): string | undefined {
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Appends `items` to `target` one by one and returns `target`. `target.push(...items)` passes every
 * item as a call argument, and a few hundred thousand of them (a CloudFormation list, a file's
 * diagnostics) overflow the stack: every append of an input-sized array goes through here.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` (`initial` for none), without spreading them as call arguments. */
export function maxOf(values: Iterable<number>, initial = -Infinity): number {
  let max = initial;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * The union of sets in time linear in their total size: pairwise unions in a loop copy the growing
 * union each time, quadratic in the number of sets. A set that holds every other one is returned
 * itself (no copy); undefined when all are empty.
 */
export function unionAll<T>(sets: Iterable<ReadonlySet<T> | undefined>): ReadonlySet<T> | undefined {
  let only: ReadonlySet<T> | undefined;
  let out: Set<T> | undefined;
  for (const s of sets) {
    if (s === undefined || s.size === 0 || s === only) continue;
    if (out !== undefined) {
      for (const x of s) out.add(x);
      continue;
    }
    if (only === undefined) {
      only = s;
      continue;
    }
    if (s.size <= only.size && isSubset(s, only)) continue;
    if (s.size > only.size && isSubset(only, s)) {
      only = s;
      continue;
    }
    out = new Set(only);
    for (const x of s) out.add(x);
  }
  return out ?? only;
}

function isSubset<T>(small: ReadonlySet<T>, big: ReadonlySet<T>): boolean {
  for (const x of small) if (!big.has(x)) return false;
  return true;
}

/** The smallest of `values` (`initial` for none), without spreading them as call arguments. */
export function minOf(values: Iterable<number>, initial = Infinity): number {
  let min = initial;
  for (const v of values) if (v < min) min = v;
  return min;
}
