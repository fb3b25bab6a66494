/**
 * A directory inside a git work tree is read as part of its repository when its files point outside
 * it (a module repository's `tests/x` calling `../..`, an overlay building on `../../base`): the
 * directories they name are loaded from the work tree, paths become repository-relative, and the
 * review is confined to the stacks of the directory. A directory whose files point nowhere outside it
 * is read exactly as before (paths relative to it), so nothing changes for self-contained trees.
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { FORMATS } from '../formats/index.js';
import { MAX_FILE_BYTES, fileSetFromMap, specialFile, symbolicLink, tooLarge, unreadable } from '../model/index.js';
import type { Diagnostic, FileSet, ReadBudget } from '../model/index.js';
import { readDirectory, toPosix, type ReadResult } from './files.js';
import { git } from './git.js';
import { CONFIG_PATHS } from './review-input.js';

/** Rounds of "load what the loaded files point at" (each round follows one more level of references). */
const MAX_ROUNDS = 16;
/** Directories loaded from outside the directory, at most: a reference chain cannot read a whole monorepo. */
const MAX_OUTSIDE_DIRS = 200;

export interface PlacedRead extends ReadResult {
  /** The directory, repository-relative, when the read was placed in its repository. */
  within?: string;
}

/** Where `dir` sits in its git work tree: the tree's root and the repository-relative path; undefined outside one. */
export async function placeInRepository(dir: string): Promise<{ root: string; path: string } | undefined> {
  let root: string;
  try {
    root = (await git(dir, ['rev-parse', '--show-toplevel'])).stdout.toString('utf8').trim();
  } catch {
    return undefined;
  }
  if (root === '') return undefined;
  const path = toPosix(relative(root, resolve(dir)));
  if (path === '' || path.startsWith('..')) return undefined;
  return { root, path };
}

/**
 * Reads `dir`; when it is a sub-directory of a work tree and its files name directories outside it,
 * also those directories (their own files, not their sub-directories; followed transitively), with
 * `within` set. `force` places the read even when nothing points outside (the other side of a diff did).
 */
export async function readPlaced(dir: string, force = false, budget?: ReadBudget): Promise<PlacedRead> {
  const place = await placeInRepository(dir);
  const own = await readDirectory(dir, { ...(budget ? { budget } : {}), ...(place ? { prefix: `${place.path}/` } : {}) });
  if (place === undefined) return own;
  const map = new Map<string, string>();
  for (const p of own.files.paths()) map.set(`${place.path}/${p}`, own.files.read(p)!);
  const diagnostics: Diagnostic[] = own.diagnostics.map((d) => ({ ...d, file: `${place.path}/${d.file}` }));
  const loaded = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const files = fileSetFromMap(map);
    const outside = referencedDirs(files).filter((d) => !isUnder(d, place.path) && !loaded.has(d));
    if (outside.length === 0) break;
    for (const d of outside) {
      if (loaded.size >= MAX_OUTSIDE_DIRS) {
        diagnostics.push({ file: place.path, line: 1, severity: 'warning', message: `more than ${MAX_OUTSIDE_DIRS} directories outside ${place.path} referenced; ${d} and the rest were not read` });
        break;
      }
      loaded.add(d);
      await readOwnFiles(place.root, d, map, diagnostics, budget);
    }
    if (loaded.size >= MAX_OUTSIDE_DIRS) break;
  }
  if (loaded.size === 0 && !force) return own;
  await readRepositoryConfig(place.root, place.path, map, diagnostics);
  return { files: fileSetFromMap(map), diagnostics, within: place.path };
}

/** Two sides of a diff: placed in their repositories together (same path in both) or not at all. */
export async function readPlacedPair(baseDir: string, headDir: string, newBudget: () => ReadBudget): Promise<[PlacedRead, PlacedRead]> {
  // Each attempt is one review's reading: a new budget, shared by both sides.
  let budget = newBudget();
  const [base, head] = await Promise.all([readPlaced(baseDir, false, budget), readPlaced(headDir, false, budget)]);
  if (base.within === head.within) return [base, head];
  const [b, h] = await Promise.all([placeInRepository(baseDir), placeInRepository(headDir)]);
  budget = newBudget();
  // Different places (two sibling fixture directories): compare the directories themselves.
  if (b === undefined || h === undefined || b.path !== h.path) return Promise.all([readDirectory(baseDir, { budget }), readDirectory(headDir, { budget })]);
  return Promise.all([readPlaced(baseDir, true, budget), readPlaced(headDir, true, budget)]);
}

/**
 * The repository's config applies to the sub-directory as it would to a pull request; without one, the
 * directory's own config (what a read of the directory alone would have used).
 */
async function readRepositoryConfig(root: string, dir: string, into: Map<string, string>, diagnostics: Diagnostic[]): Promise<void> {
  for (const p of CONFIG_PATHS) {
    const abs = join(root, ...p.split('/'));
    try {
      // Read like any repository file: never through a link, a FIFO (it would block) or past the size cap.
      const st = await lstat(abs);
      if (st.isSymbolicLink()) diagnostics.push(symbolicLink(p));
      else if (!st.isFile()) diagnostics.push(specialFile(p, st.isFIFO() ? 'a FIFO' : 'not a file'));
      else if (st.size > MAX_FILE_BYTES) diagnostics.push(tooLarge(p, st.size));
      else into.set(p, await readFile(abs, 'utf8'));
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        diagnostics.push(unreadable(p, 'file', code));
        return;
      }
    }
  }
  const own = CONFIG_PATHS.find((p) => into.has(`${dir}/${p}`));
  if (own !== undefined) into.set(own, into.get(`${dir}/${own}`)!);
}

function referencedDirs(files: FileSet): string[] {
  return [...new Set(FORMATS.flatMap((f) => f.referencedDirs?.(files) ?? []))].sort();
}

/** The candidate files directly in `dir` (repository-relative) of the work tree at `root`. */
async function readOwnFiles(root: string, dir: string, into: Map<string, string>, diagnostics: Diagnostic[], budget?: ReadBudget): Promise<void> {
  const abs = join(root, ...dir.split('/'));
  try {
    const entries = await readdir(abs, { withFileTypes: true });
    if (!entries.some((e) => !e.isDirectory())) return;
  } catch (e) {
    // A reference to a directory that does not exist is the format's diagnostic, not the reader's.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') diagnostics.push(unreadable(dir, 'directory', code));
    return;
  }
  const read = await readDirectory(abs, { recursive: false, ...(budget ? { budget, prefix: dir === '.' ? '' : `${dir}/` } : {}) });
  for (const p of read.files.paths()) into.set(dir === '.' ? p : `${dir}/${p}`, read.files.read(p)!);
  for (const d of read.diagnostics) diagnostics.push({ ...d, file: dir === '.' ? d.file : `${dir}/${d.file}` });
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}
