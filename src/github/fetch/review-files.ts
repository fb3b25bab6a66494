/**
 * The file sets a review needs, fetched economically: changed files -> the stacks that contain
 * them -> every file those stacks read, at base and head, and nothing else. Stacks are planned by
 * the engine itself (`planStacks`) over the tree listings, with only the fetched texts readable,
 * until the set of needed files stops growing (local modules are discovered by reading their
 * callers). Unfetched files read as absent on both sides, so the engine sees their stacks as
 * unchanged and skips them, exactly as the CLI would with the whole repository.
 */
import { includedPaths, planStacks } from '../../analysis/stacks.js';
import { isCandidatePath, tooLarge } from '../../cli/files.js';
import type { Config } from '../../config/types.js';
import { FORMATS } from '../../formats/index.js';
import { dirOf } from '../../formats/terraform/files.js';
import { fileSetFromMap, type Diagnostic, type FileSet } from '../../model/index.js';
import { MAX_BLOB_BYTES, type BlobFetcher } from './blobs.js';
import { evidentlyRoot, isTerraformPath, moduleCallTargets, terraformConfigPaths } from './terraform-modules.js';
import type { RepoTree } from './trees.js';

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

/** Rounds of "plan, fetch what is missing": each round follows one more level of module calls. */
const MAX_ROUNDS = 32;

/** A file set over a tree listing whose texts are whatever the fetcher has loaded. */
export function treeFileSet(tree: RepoTree, blobs: BlobFetcher): FileSet {
  const paths = tree.paths().filter(isCandidatePath);
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

export async function loadReviewFiles(opts: {
  base: RepoTree;
  head: RepoTree;
  changed: readonly string[];
  config: Config;
  blobs: BlobFetcher;
}): Promise<ReviewFiles> {
  const { config, blobs } = opts;
  const sides = [opts.base, opts.head];
  const skipped = new Map<string, Diagnostic>();
  const fetchPaths = async (paths: Iterable<string>) => {
    const list = [...paths];
    const wanted: { sha: string; size: number }[] = [];
    for (const tree of sides) {
      for (const p of list) {
        const e = tree.files.get(p);
        if (!e) continue;
        if (e.size > MAX_BLOB_BYTES) skipped.set(p, tooLarge(p, e.size));
        else wanted.push(e);
      }
    }
    await blobs.load(wanted);
  };
  const readAt = (tree: RepoTree, p: string) => {
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
  const dirs = new Set(iacChanged.map(dirOf));
  await Promise.all(sides.map((t) => t.ensureDirs(dirs)));
  await fetchPaths(new Set(sides.flatMap((t) => t.paths().filter((p) => isCandidatePath(p) && dirs.has(dirOf(p))))));

  // 3. Plan stacks, fetch what the touched ones read, repeat until nothing is missing.
  let searchedCallers = false;
  let affectedHead: { files: string[] }[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (sides.some((t) => !t.complete)) await listModuleDirs(sides, blobs);
    const needed = new Set<string>();
    const roots: Set<string>[] = [];
    affectedHead = [];
    for (const tree of sides) {
      const plan = planStacks(treeFileSet(tree, blobs), config);
      roots.push(new Set(plan.filter((p) => p.plugin.name === 'terraform').map((p) => p.stack.id)));
      for (const { stack } of plan) {
        if (!stack.files.some((f) => changed.has(f))) continue;
        for (const f of stack.files) needed.add(f);
        if (tree === opts.head) affectedHead.push(stack);
      }
    }
    if (!searchedCallers && needsCallerSearch(iacChanged, sides, roots, readAt)) {
      searchedCallers = true;
      await fetchPaths(new Set(sides.flatMap((t) => terraformConfigPaths(t.paths()))));
      continue;
    }
    const missing = [...needed].filter((p) =>
      sides.some((t) => {
        const e = t.files.get(p);
        return e !== undefined && e.size <= MAX_BLOB_BYTES && !blobs.has(e.sha);
      }),
    );
    if (missing.length === 0) break;
    await fetchPaths(missing);
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
 * True when a changed Terraform directory may be called as a module by a configuration not read
 * yet: it is called by one already read, or it is not evidently a root module.
 */
function needsCallerSearch(
  iacChanged: readonly string[],
  sides: readonly RepoTree[],
  roots: readonly Set<string>[],
  readAt: (tree: RepoTree, p: string) => string | undefined,
): boolean {
  const dirs = new Set(iacChanged.filter(isTerraformPath).map(dirOf));
  for (const dir of dirs) {
    for (const [i, tree] of sides.entries()) {
      const paths = tree.paths();
      if (!terraformConfigPaths(paths).some((p) => dirOf(p) === dir)) continue;
      if (!roots[i]!.has(dir)) return true;
      if (!evidentlyRoot(dir, paths, (p) => readAt(tree, p))) return true;
    }
  }
  return false;
}

/** Truncated listings: list the directories that loaded configurations call as modules. */
async function listModuleDirs(sides: readonly RepoTree[], blobs: BlobFetcher): Promise<void> {
  for (const tree of sides) {
    if (tree.complete) continue;
    const targets = new Set<string>();
    for (const p of terraformConfigPaths(tree.paths())) {
      const e = tree.files.get(p)!;
      const text = blobs.text(e.sha);
      if (text !== undefined) for (const t of moduleCallTargets(p, text)) targets.add(t);
    }
    await tree.ensureDirs(targets);
  }
}
