/**
 * Terraform's local modules make stack membership depend on file contents: a directory is a
 * stack unless another configuration calls it as a module. Reading only the changed directories
 * cannot see such callers, so when a changed directory may be a module, every Terraform
 * configuration file of the tree is read (batched, and cached by blob SHA, so this happens once per
 * repository state). A directory that evidently is a root module (a backend or cloud block, a
 * lock file or var files next to it) needs no search.
 */
import { dirOf, isIgnored, isTfConfig, isTfvars, parseFile } from '../../formats/terraform/files.js';
import { localModuleCalls } from '../../formats/terraform/stacks.js';

const BACKEND = /^\s*(backend\s+"[^"]*"\s*\{|cloud\s*\{)/m;

export function isTerraformPath(path: string): boolean {
  return (isTfConfig(path) || isTfvars(path)) && !isIgnored(path);
}

/** The Terraform configuration files (.tf, .tf.json) among paths. */
export function terraformConfigPaths(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => isTfConfig(p) && !isIgnored(p));
}

/**
 * Whether `dir` is evidently a root module: a lock file or var files beside it, or a backend /
 * cloud block in one of its files.
 */
export function evidentlyRoot(dir: string, paths: Iterable<string>, read: (path: string) => string | undefined): boolean {
  for (const p of paths) {
    if (dirOf(p) !== dir) continue;
    if (p.endsWith('/.terraform.lock.hcl') || p === '.terraform.lock.hcl' || isTfvars(p)) return true;
    if (isTfConfig(p) && BACKEND.test(read(p) ?? '')) return true;
  }
  return false;
}

/** The local module directories a configuration file calls (to list them when the tree was truncated). */
export function moduleCallTargets(path: string, text: string): string[] {
  if (!text.includes('module')) return [];
  return localModuleCalls(parseFile(path, text), dirOf(path));
}
