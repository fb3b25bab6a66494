/**
 * The file sets a review needs, fetched economically: changed files -> the stacks that contain
 * them -> every file those stacks read, at base and head, and nothing else. Stacks are planned by
 * the engine itself (`planStacks`) over the tree listings, with only the fetched texts readable,
 * until the set of needed files stops growing (a stack's files name more files: local modules,
 * bases, includes). Where a format says stacks alone cannot tell which ones a change touches, its
 * related files are read too (`FormatPlugin.relatedFiles`). Unfetched files read as absent on both
 * sides, so the engine sees their stacks as unchanged and skips them, exactly as the CLI would with
 * the whole repository.
 */
import { posix } from 'node:path';
import { includedPaths, planStacks, type PlannedStack } from '../../analysis/stacks.js';
import type { Config } from '../../config/types.js';
import { FORMATS, isCandidatePath, isClaimedPath, type FormatPlugin } from '../../formats/index.js';
import { MAX_FILE_BYTES, binaryContent, fileSetFromMap, symbolicLink, tooLarge, type Diagnostic, type FileSet, type ReadBudget } from '../../model/index.js';
import type { BlobEntry } from './trees.js';

/**
 * A commit's file listing: the app's is GitHub's trees API (`RepoTree`, listed further on demand when
 * GitHub truncated it), the GitHub Action's is `git ls-tree` of the checkout (always complete).
 */
export interface TreeListing {
  readonly files: ReadonlyMap<string, BlobEntry>;
  readonly complete: boolean;
  /** Symbolic links (mode 120000): never read, reported where the review looks. */
  readonly links: ReadonlySet<string>;
  paths(): string[];
  ensureDirs(dirs: Iterable<string>): Promise<void>;
}

/** File texts by blob SHA, loaded in bulk within the review's read budget: `BlobFetcher` (GraphQL, cached), or `git cat-file` in the Action. */
export interface BlobSource {
  readonly budget: ReadBudget;
  has(sha: string): boolean;
  /** The text of a loaded blob; undefined when binary or not loaded. */
  text(sha: string): string | undefined;
  /** Whether a loaded blob is binary (a NUL byte), to be said where the review looks. */
  isBinary(sha: string): boolean;
  /** Loads the blobs, unless their sizes would pass the budget (then nothing of them: `budget.exceeded`). */
  load(blobs: readonly (BlobEntry & { path?: string })[]): Promise<void>;
}

export interface ReviewFiles {
  base: FileSet;
  head: FileSet;
  /** Infrastructure files the change touches (claimed or sniffed by a format, let in by the config). */
  iacChanged: string[];
  /** Head files of the stacks the change touches (for the diagram). */
  affectedHead: FileSet;
  /** Files left out (too large). */
  diagnostics: Diagnostic[];
}

/** Rounds of "plan, fetch what is missing": each round follows one more level of references. */
const MAX_ROUNDS = 32;

/** A file set over a tree listing's candidate paths whose texts are whatever the fetcher has loaded. */
export function treeFileSet(tree: TreeListing, blobs: BlobSource): FileSet {
  return loadedFileSet(tree, blobs, tree.paths().filter(isCandidatePath));
}

/** Every file of a listing, candidate or not (a lock file can tell a format something), with the texts loaded so far. */
function listingFileSet(tree: TreeListing, blobs: BlobSource): FileSet {
  return loadedFileSet(tree, blobs, tree.paths());
}

function loadedFileSet(tree: TreeListing, blobs: BlobSource, paths: readonly string[]): FileSet {
  return {
    paths: () => paths,
    read: (p) => {
      const e = tree.files.get(p);
      return e ? blobs.text(e.sha) : undefined;
    },
  };
}

function included(paths: readonly string[], config: Config): string[] {
  return includedPaths({ paths: () => paths, read: () => undefined }, config);
}

/** Thrown inside `loadReviewFiles` when the next files would pass the review's read budget. */
class OverBudget extends Error {}

/**
 * A change whose files would pass the read budget is not reviewed at all: no files on either side,
 * one error diagnostic, and the changed candidates as its infrastructure (what could not be told
 * apart is not passed as "no infrastructure").
 */
export async function loadReviewFiles(opts: Parameters<typeof loadWithinBudget>[0]): Promise<ReviewFiles> {
  try {
    return await loadWithinBudget(opts);
  } catch (e) {
    if (!(e instanceof OverBudget)) throw e;
    const empty = fileSetFromMap(new Map());
    const candidates = included(opts.changed.filter(isCandidatePath), opts.config);
    return { base: empty, head: empty, iacChanged: candidates, affectedHead: empty, diagnostics: [opts.blobs.budget.diagnostic()!] };
  }
}

async function loadWithinBudget(opts: {
  base: TreeListing;
  head: TreeListing;
  changed: readonly string[];
  config: Config;
  blobs: BlobSource;
}): Promise<ReviewFiles> {
  const { config, blobs } = opts;
  const sides = [opts.base, opts.head];
  const skipped = new Map<string, Diagnostic>();
  const fetchPaths = async (paths: Iterable<string>) => {
    const list = [...paths];
    const wanted: { sha: string; size: number; path: string }[] = [];
    for (const tree of sides) {
      for (const p of list) {
        const e = tree.files.get(p);
        if (!e) continue;
        if (e.size > MAX_FILE_BYTES) skipped.set(p, tooLarge(p, e.size));
        else wanted.push({ ...e, path: p });
      }
    }
    await blobs.load(wanted);
    if (blobs.budget.exceeded) throw new OverBudget();
  };
  const readAt = (tree: TreeListing, p: string) => {
    const e = tree.files.get(p);
    return e ? blobs.text(e.sha) : undefined;
  };

  // 1. Which changed files are infrastructure: claimed by name, or sniffed by content.
  const candidates = included(opts.changed.filter(isCandidatePath), config);
  const claimed = candidates.filter((p) => FORMATS.some((f) => f.claims(p)));
  const sniffers = FORMATS.filter((f) => f.sniff);
  let sniffed: string[] = [];
  const unclaimed = candidates.filter((p) => !claimed.includes(p));
  if (sniffers.length > 0 && unclaimed.length > 0) {
    await fetchPaths(unclaimed);
    sniffed = unclaimed.filter((p) =>
      sides.some((t) => {
        const text = readAt(t, p);
        return text !== undefined && sniffers.some((s) => s.sniff!(p, text));
      }),
    );
  }
  const iacChanged = [...claimed, ...sniffed].sort();
  const empty = fileSetFromMap(new Map());
  if (iacChanged.length === 0) return { base: empty, head: empty, iacChanged, affectedHead: empty, diagnostics: [] };
  const changed = new Set(opts.changed);

  // 2. The changed directories, whole: most formats group a stack by directory.
  const dirs = new Set(iacChanged.map((p) => posix.dirname(p)));
  await Promise.all(sides.map((t) => t.ensureDirs(dirs)));
  await fetchPaths(new Set(sides.flatMap((t) => t.paths().filter((p) => isCandidatePath(p) && dirs.has(posix.dirname(p))))));

  // 3. Plan stacks, fetch what the touched ones read, repeat until nothing is missing.
  const answered = new Set<FormatPlugin>();
  let affectedHead: { files: string[] }[] = [];
  const reviewedDirs = new Set(dirs);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (sides.some((t) => !t.complete)) await listReferencedDirs(sides, blobs);
    const needed = new Set<string>();
    const plans: PlannedStack[][] = [];
    affectedHead = [];
    for (const tree of sides) {
      const plan = planStacks(treeFileSet(tree, blobs), config);
      plans.push(plan);
      for (const { stack } of plan) {
        if (!stack.files.some((f) => changed.has(f))) continue;
        for (const f of stack.files) {
          needed.add(f);
          reviewedDirs.add(posix.dirname(f));
        }
        if (tree === opts.head) affectedHead.push(stack);
      }
    }
    const related = relatedFiles(iacChanged, sides, plans, blobs, answered);
    if (related.length > 0) {
      await fetchPaths(related);
      continue;
    }
    const missing = [...needed].filter((p) =>
      sides.some((t) => {
        const e = t.files.get(p);
        return e !== undefined && e.size <= MAX_FILE_BYTES && !blobs.has(e.sha);
      }),
    );
    if (missing.length === 0) break;
    await fetchPaths(missing);
  }

  // Binary content where the review looks is said, as the CLI says it (an error for a format's own names).
  for (const [i, tree] of sides.entries()) {
    for (const p of included([...tree.files.keys()].filter((f) => isCandidatePath(f) && reviewedDirs.has(posix.dirname(f))), config)) {
      if (skipped.has(p) || !blobs.isBinary(tree.files.get(p)!.sha)) continue;
      const d = binaryContent(p, isClaimedPath(p));
      skipped.set(p, i === 0 && !(opts.head.files.get(p) && blobs.isBinary(opts.head.files.get(p)!.sha)) ? { ...d, message: `${d.message} (base)` } : d);
    }
  }
  // A link where the review looks stands for a file that is not reviewed: said, as the CLI does.
  for (const [i, tree] of sides.entries()) {
    for (const p of included([...tree.links].filter((l) => isCandidatePath(l) && reviewedDirs.has(posix.dirname(l))), config)) {
      const d = symbolicLink(p);
      if (!skipped.has(p)) skipped.set(p, i === 0 && !opts.head.links.has(p) ? { ...d, message: `${d.message} (base)` } : d);
    }
  }

  const headFiles = new Map<string, string>();
  for (const s of affectedHead) {
    for (const f of s.files) {
      const text = readAt(opts.head, f);
      if (text !== undefined) headFiles.set(f, text);
    }
  }
  return {
    base: treeFileSet(opts.base, blobs),
    head: treeFileSet(opts.head, blobs),
    iacChanged,
    affectedHead: fileSetFromMap(headFiles),
    diagnostics: [...skipped.values()].sort((a, b) => a.file.localeCompare(b.file)),
  };
}

/**
 * The related files of the formats that have not named theirs yet (each names them once, all at
 * once), asked with every side's listing and that format's stacks; `answered` records who named some.
 */
function relatedFiles(
  iacChanged: readonly string[],
  sides: readonly TreeListing[],
  plans: readonly PlannedStack[][],
  blobs: BlobSource,
  answered: Set<FormatPlugin>,
): string[] {
  const out = new Set<string>();
  for (const plugin of FORMATS) {
    if (!plugin.relatedFiles || answered.has(plugin)) continue;
    const snapshots = sides.map((tree, i) => ({
      files: listingFileSet(tree, blobs),
      stacks: plans[i]!.filter((p) => p.plugin === plugin).map((p) => p.stack),
    }));
    const paths = plugin.relatedFiles(iacChanged, snapshots);
    if (paths.length === 0) continue;
    answered.add(plugin);
    // Only files some format may read are worth loading (CODEOWNERS names every file whose owner changed).
    for (const p of paths) if (isCandidatePath(p)) out.add(p);
  }
  return [...out];
}

/** Truncated listings: list the directories that the loaded files point at. */
async function listReferencedDirs(sides: readonly TreeListing[], blobs: BlobSource): Promise<void> {
  for (const tree of sides) {
    if (tree.complete) continue;
    const files = listingFileSet(tree, blobs);
    await tree.ensureDirs(FORMATS.flatMap((f) => f.referencedDirs?.(files) ?? []));
  }
}
