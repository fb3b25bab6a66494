/** Which files are compose files, how override files pair with their base, and repo-relative paths. */
import { baseName, dirOf } from '../shared/paths.js';

export { baseName, dirOf };

/** `compose.yaml`, `compose.prod.yml`, `docker-compose.yml`, `docker-compose-mysql.yaml`, ... */
const COMPOSE_NAME = /^(?:compose(?:\.[^/]+)?|docker-compose[^/]*)\.ya?ml$/;
const OVERRIDE_NAME = /^((?:docker-)?compose)\.override\.ya?ml$/;
/** Directories whose YAML is never a project's own compose file. */
const SKIPPED_DIR = /(^|\/)(node_modules|vendor|\.git)\//;

export function isComposeName(path: string): boolean {
  return COMPOSE_NAME.test(baseName(path)) && !SKIPPED_DIR.test(path);
}

export function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path) && !SKIPPED_DIR.test(path);
}

/**
 * The base file an override file is merged onto, among `present` paths: `docker-compose.override.yml`
 * onto `docker-compose.yml` (or `.yaml`) in the same directory, `compose.override.yaml` onto `compose.yaml`.
 */
export function overrideBase(path: string, present: ReadonlySet<string>): string | undefined {
  const m = OVERRIDE_NAME.exec(baseName(path));
  if (!m) return undefined;
  const dir = dirOf(path);
  for (const ext of ['yml', 'yaml']) {
    const candidate = join(dir, `${m[1]!}.${ext}`);
    if (candidate !== undefined && present.has(candidate)) return candidate;
  }
  return undefined;
}

/** `rel` resolved against repo-relative `dir`; undefined for absolute paths and paths leaving the repository. */
export function join(dir: string, rel: string): string | undefined {
  if (rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith('~')) return undefined;
  const parts = dir === '.' || dir === '' ? [] : dir.split('/');
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : undefined;
}
