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

/** What one review may read in all, both sides together, unless raised (`--max-read-mb`, `MAX_READ_MB`). */
export const DEFAULT_MAX_READ_MB = 256;
/** The most a setting may raise it to: past this, a review's texts alone would not fit a reviewer's memory. */
export const MAX_READ_MB_CEILING = 4096;

/** A `--max-read-mb` / `SPOF_REVIEW_MAX_READ_MB` / `MAX_READ_MB` value, or why it is not one. */
export function parseMaxReadMb(value: string): number | string {
  const v = value.trim();
  if (!/^[1-9]\d{0,6}$/.test(v) || Number(v) > MAX_READ_MB_CEILING) return `must be a whole number of megabytes from 1 to ${MAX_READ_MB_CEILING}, not "${value}"`;
  return Number(v);
}

/**
 * The bytes one review reads, counted before they are read (a listing's sizes, `lstat`), each file
 * or blob once: what would pass the cap is not read at all, and the review is refused whole with one
 * error diagnostic. Half a tree compared with a whole one would report what is not there.
 */
export class ReadBudget {
  readonly maxBytes: number;
  private readonly counted = new Set<string>();
  private total = 0;
  /** The first file that did not fit, and its size. */
  private over: { file: string; bytes: number } | undefined;

  /** `howToRaise` ends the diagnostic: the option or setting that raises the cap where the review runs. */
  constructor(
    maxMb: number = DEFAULT_MAX_READ_MB,
    private readonly howToRaise = 'raise it with --max-read-mb or SPOF_REVIEW_MAX_READ_MB',
  ) {
    this.maxBytes = maxMb * 1024 * 1024;
  }

  /** Counts `bytes` for `key` (a path or blob id; counted once) and says whether it may be read. */
  take(key: string, file: string, bytes: number): boolean {
    if (this.over) return false;
    if (this.counted.has(key)) return true;
    if (this.total + bytes > this.maxBytes) {
      this.over = { file, bytes };
      return false;
    }
    this.counted.add(key);
    this.total += bytes;
    return true;
  }

  get exceeded(): boolean {
    return this.over !== undefined;
  }

  get bytes(): number {
    return this.total;
  }

  /** The review's one error diagnostic once the cap is passed; undefined while it is not. */
  diagnostic(): Diagnostic | undefined {
    if (!this.over) return undefined;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      file: this.over.file,
      line: 1,
      severity: 'error',
      message:
        `not reviewed: too large to review: ${mb(this.total)} MB of files counted, and this file's ${mb(this.over.bytes)} MB would pass ` +
        `the ${this.maxBytes / 1024 / 1024} MB limit on what one review reads; ${this.howToRaise}`,
    };
  }
}

/**
 * A file with a NUL byte near its start is not read. Named as a format's own file (`claimed`: a `.tf`,
 * a compose file, a kustomization, a template name) it may well be infrastructure the change hides,
 * so it is not reviewed: an error. A generic `.yaml` / `.json` needs its content to be told apart and
 * has none to tell; YAML and JSON forbid the NUL byte, so kubectl, compose and CloudFormation refuse
 * it too: a warning.
 */
export function binaryContent(path: string, claimed: boolean): Diagnostic {
  const nul = 'binary content (a NUL byte in its first 8 KB)';
  return claimed
    ? { file: path, line: 1, severity: 'error', message: `not reviewed: ${nul} in a file named as infrastructure` }
    : { file: path, line: 1, severity: 'warning', message: `skipped: ${nul}, not read as configuration` };
}

/** A FIFO, socket or device with a configuration name: never opened (a FIFO blocks its reader), not reviewed. */
export function specialFile(path: string, what: string): Diagnostic {
  return { file: path, line: 1, severity: 'error', message: `not reviewed: ${what}, not a regular file (never opened)` };
}

/**
 * A symbolic link with a configuration name (a directory entry, a git tree's mode 120000): never
 * followed (it may point outside the repository or loop), so what it stands for is not reviewed.
 */
export function symbolicLink(path: string): Diagnostic {
  return { file: path, line: 1, severity: 'error', message: 'not reviewed: a symbolic link (links are not followed; commit the file itself)' };
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
