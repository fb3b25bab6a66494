/**
 * Terraform's local modules make stack membership depend on file contents: a directory is a stack
 * unless another configuration calls it as a module. A reader that loaded only the changed
 * directories cannot see such callers, so when a changed directory may be a module, every Terraform
 * configuration file is related (a reader that caches by content, like the GitHub app's blob cache,
 * pays for this once per repository state). A directory that evidently is a root module (a backend or
 * cloud block, a lock file or var files next to it) needs no search.
 */
import type { FileSet } from '../../model/index.js';
import type { PartlyLoaded } from '../format.js';
import { dirOf, isIgnored, isTerraformFile, isTfConfig, isTfvars, parseFile } from './files.js';
import { localModuleCalls } from './stacks.js';

const BACKEND = /^\s*(backend\s+"[^"]*"\s*\{|cloud\s*\{)/m;

/** The Terraform configuration files (.tf, .tf.json) among paths. */
function configPaths(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => isTfConfig(p) && !isIgnored(p));
}

/**
 * Whether `dir` is evidently a root module: a lock file or var files beside it, or a backend /
 * cloud block in one of its files.
 */
function evidentlyRoot(dir: string, files: FileSet): boolean {
  for (const p of files.paths()) {
    if (dirOf(p) !== dir) continue;
    if (p.endsWith('/.terraform.lock.hcl') || p === '.terraform.lock.hcl' || isTfvars(p)) return true;
    if (isTfConfig(p) && BACKEND.test(files.read(p) ?? '')) return true;
  }
  return false;
}

/**
 * Every configuration file of every snapshot when a changed Terraform directory may be called as a
 * module by one not read yet: it is not planned as a stack (something read calls it), or it is not
 * evidently a root module. Nothing otherwise.
 */
export function moduleCallerFiles(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[] {
  const dirs = new Set(changed.filter(isTerraformFile).map(dirOf));
  const mayBeCalled = [...dirs].some((dir) =>
    snapshots.some(({ files, stacks }) => {
      if (!configPaths(files.paths()).some((p) => dirOf(p) === dir)) return false;
      return !stacks.some((s) => s.id === dir) || !evidentlyRoot(dir, files);
    }),
  );
  return mayBeCalled ? [...new Set(snapshots.flatMap(({ files }) => configPaths(files.paths())))] : [];
}

/** The local module directories the loaded configuration files call (to list them when a listing was truncated). */
export function moduleCallTargets(files: FileSet): string[] {
  const targets = new Set<string>();
  for (const p of configPaths(files.paths())) {
    const text = files.read(p);
    if (text === undefined || !text.includes('module')) continue;
    for (const t of localModuleCalls(parseFile(p, text), dirOf(p))) targets.add(t);
  }
  return [...targets];
}
