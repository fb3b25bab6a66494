/** Kubernetes file kinds and repo-relative POSIX path helpers. */
import { baseName, dirOf, resolvePath } from '../shared/paths.js';

export { baseName, dirOf, resolvePath };

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function joinPath(dir: string, rel: string): string {
  return dir === '.' ? rel : `${dir}/${rel}`;
}

/** Whether `path` is inside directory `dir` (at any depth). */
export function isUnder(path: string, dir: string): boolean {
  return dir === '.' || path.startsWith(`${dir}/`);
}

export function isManifestFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

export function isKustomization(path: string): boolean {
  return (KUSTOMIZATION_NAMES as readonly string[]).includes(baseName(path));
}

/** The kustomization file of a directory, in kustomize's order of preference. */
export function kustomizationIn(dir: string, exists: (p: string) => boolean): string | undefined {
  for (const n of KUSTOMIZATION_NAMES) {
    const p = joinPath(dir, n);
    if (exists(p)) return p;
  }
  return undefined;
}

export function isChart(path: string): boolean {
  return baseName(path) === 'Chart.yaml';
}

/** Files that belong to no stack even when they look like manifests. */
export function isIgnoredPath(path: string): boolean {
  return /(^|\/)(node_modules|\.git)\//.test(path);
}
