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
