/**
 * Terragrunt file kinds and paths. A unit is a directory with `terragrunt.hcl` (or `.hcl.json`); the
 * other `.hcl` files of an estate (`root.hcl`, `env.hcl`, `_envcommon/*.hcl`) are what units include
 * or read. Paths that Terragrunt functions return are absolute on a real machine; here they are
 * repo-relative with a leading `/` (the repository root), so a value such as
 * `"${get_repo_root()}/modules/db"` resolves like Terragrunt resolves it.
 */
import { baseName, dirOf, resolvePath } from '../../shared/paths.js';

const UNIT_CONFIG_NAMES = new Set(['terragrunt.hcl', 'terragrunt.hcl.json']);
/** `.hcl` files that are not Terragrunt's: lock files, Packer templates, Nomad jobs. */
const OTHER_HCL = /(^|\/)\.terraform\.lock\.hcl$|\.(pkr|nomad|pkrvars)\.hcl$/;

/** Terragrunt's working copies, never the repository's own files. */
export const TERRAGRUNT_CACHE = '.terragrunt-cache';

function inCache(path: string): boolean {
  return path.startsWith(`${TERRAGRUNT_CACHE}/`) || path.includes(`/${TERRAGRUNT_CACHE}/`) || path.startsWith('.terraform/') || path.includes('/.terraform/');
}

/** A unit's own configuration file. */
export function isUnitConfig(path: string): boolean {
  return UNIT_CONFIG_NAMES.has(baseName(path)) && !inCache(path);
}

/** A Terragrunt configuration file: a unit's, or one that units include or read. */
export function isTerragruntHcl(path: string): boolean {
  return (path.endsWith('.hcl') || path.endsWith('.hcl.json')) && !OTHER_HCL.test(path) && !inCache(path);
}

/** The absolute form (`/prod/db`) of a repo-relative path, as a Terragrunt path function returns it. */
export function absolute(repoPath: string): string {
  return repoPath === '.' ? '/' : `/${repoPath}`;
}

/** A path as written or computed, relative to `dir` unless absolute; undefined when it leaves the repository. */
export function repoPath(dir: string, path: string): string | undefined {
  if (path.startsWith('/')) return resolvePath('.', path.slice(1));
  return resolvePath(dir, path);
}

/** The path from `from` to `to`, both repo-relative directories (`../../prod/db`). */
export function relativePath(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to === '.' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length ? parts.join('/') : '.';
}

/**
 * `find_in_parent_folders(name)`: the nearest `<dir>/<name>` above `start` (its parent first, as
 * Terragrunt searches), or undefined.
 */
export function findInParentFolders(start: string, name: string, exists: (path: string) => boolean): string | undefined {
  let dir = start;
  while (dir !== '.') {
    dir = dirOf(dir);
    const candidate = resolvePath(dir, name);
    if (candidate !== undefined && exists(candidate)) return candidate;
  }
  return undefined;
}
