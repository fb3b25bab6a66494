/**
 * What every reader (a directory, a git tree, the GitHub app's fetch) keeps of a file before a format
 * sees it, in one place so the CLI and the app review the same files: text only, up to a size cap.
 */
import type { Diagnostic } from './source.js';

/** Larger files are skipped with a warning diagnostic. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function tooLarge(path: string, size: number): Diagnostic {
  return {
    file: path,
    line: 1,
    severity: 'warning',
    message: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one file`,
  };
}

/** Text, or undefined for binary content (a NUL byte in the first 8 KiB). Invalid UTF-8 decodes to U+FFFD; a BOM is dropped. */
export function decodeText(buf: Buffer): string | undefined {
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
