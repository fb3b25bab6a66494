/**
 * For readers that load only what a change touches (the GitHub App): a changed load-balancer file is
 * reviewed with the compose projects that may mount it, the compose files of its directory and the
 * directories above it (`./nginx/nginx.conf` is mounted from `docker-compose.yml` one level up).
 */
import type { PartlyLoaded } from '../format.js';
import { dirOf, isComposeName } from './files.js';

const MAX_LEVELS = 4;

export function composeFilesAbove(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[] {
  if (!changed.length) return [];
  const dirs = new Set<string>();
  for (const p of changed) {
    let d = dirOf(p);
    for (let i = 0; i <= MAX_LEVELS; i++) {
      dirs.add(d);
      if (d === '.' || d === '') break;
      d = dirOf(d);
    }
  }
  const out = new Set<string>();
  for (const s of snapshots) {
    for (const p of s.files.paths()) if (isComposeName(p) && dirs.has(dirOf(p)) && s.files.read(p) === undefined) out.add(p);
  }
  return [...out].sort();
}
