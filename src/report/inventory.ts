import type { Spof } from '../analysis/api.js';
import { severityRank } from '../model/index.js';
import { cmp } from './format.js';

/** Most severe first, then widest blast radius, then by file, line and id. */
export function sortSpofs(spofs: readonly Spof[]): Spof[] {
  const size = (s: Spof) => s.blastRadius.dependents.length + s.blastRadius.entryPoints.length;
  return [...spofs].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      size(b) - size(a) ||
      cmp(a.component.location.file, b.component.location.file) ||
      a.component.location.startLine - b.component.location.startLine ||
      cmp(a.component.id, b.component.id),
  );
}
