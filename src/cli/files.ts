import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SKIP_DIRS, isCandidatePath, isClaimedPath } from '../formats/index.js';
import { MAX_FILE_BYTES, binaryContent, decodeText, fileSetFromMap, specialFile, symbolicLink, tooLarge, unreadable } from '../model/index.js';
import type { Diagnostic, FileSet, ReadBudget } from '../model/index.js';

const READ_CONCURRENCY = 32;

export interface ReadResult {
  files: FileSet;
  /** Files skipped for size or unreadability. */
  diagnostics: Diagnostic[];
}

/** Thrown for input that cannot be read at all (missing directory, bad ref): exit code 2. */
export class InputError extends Error {}

/**
 * Reads a directory into a FileSet: recursive, symlinks not followed, paths relative to `root`
 * in POSIX form, only candidate files, binary files skipped; `recursive: false` reads only `root`'s own files.
 * A file that would pass the review's `budget` is not read (`prefix` names it repository-relative).
 */
export async function readDirectory(root: string, options: { recursive?: boolean; budget?: ReadBudget; prefix?: string } = {}): Promise<ReadResult> {
  const { budget, prefix = '' } = options;
  const recursive = options.recursive ?? true;
  let st;
  try {
    st = await stat(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read directory ${root}: ${code === 'ENOENT' ? 'it does not exist' : (code ?? 'error')}`);
  }
  if (!st.isDirectory()) throw new InputError(`${root} is not a directory`);

  const map = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      const rel = toPosix(relative(root, dir)) || '.';
      diagnostics.push(unreadable(rel, 'directory', (e as NodeJS.ErrnoException).code));
      return;
    }
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive && !SKIP_DIRS.has(entry.name)) await walk(abs);
      } else if (entry.isFile()) {
        const rel = toPosix(relative(root, abs));
        if (isCandidatePath(rel)) found.push(rel);
      } else if (entry.isSymbolicLink()) {
        // Not followed (no loops, nothing outside the root), but said: what it stands for is not reviewed.
        const rel = toPosix(relative(root, abs));
        if (isCandidatePath(rel)) diagnostics.push(symbolicLink(rel));
      } else if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) {
        // Never opened (reading a FIFO blocks), but said: a configuration name that was not reviewed.
        const rel = toPosix(relative(root, abs));
        if (isCandidatePath(rel)) diagnostics.push(specialFile(rel, entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device'));
      }
    }
  };
  await walk(root);

  const readOne = async (rel: string): Promise<void> => {
    const abs = join(root, ...rel.split('/'));
    try {
      const { size } = await lstat(abs);
      if (size > MAX_FILE_BYTES) {
        diagnostics.push(tooLarge(rel, size));
        return;
      }
      if (budget && !budget.take(abs, prefix + rel, size)) return;
      const text = decodeText(await readFile(abs));
      if (text !== undefined) map.set(rel, text);
      else diagnostics.push(binaryContent(rel, isClaimedPath(prefix + rel)));
    } catch (e) {
      diagnostics.push(unreadable(rel, 'file', (e as NodeJS.ErrnoException).code));
    }
  };
  // Bounded concurrency: fast on large trees, few open file descriptors.
  for (let i = 0; i < found.length; i += READ_CONCURRENCY) await Promise.all(found.slice(i, i + READ_CONCURRENCY).map(readOne));
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: fileSetFromMap(map), diagnostics };
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
