/**
 * Where the dependencies are written that newly attach something to what already failed with a component:
 * an edge from a node that fails with it only in head to a node that failed with it in base too (the new
 * service's task definition naming an existing lone cache). Evidence for a grown blast radius, and for a
 * new regional SPOF (a second region's side newly reading a one-region database).
 */
import type { Evidence } from '../model/index.js';
import type { Side } from './diff.js';

export function newDependencies(base: Side, head: Side, key: string): Evidence[] {
  const hg = head.analysis.graph;
  if (!hg.has(key)) return [];
  const bg = base.analysis.graph;
  const before = new Set(bg.has(key) ? [key, ...bg.failureClosure(key)] : [key]);
  const after = new Set([key, ...hg.failureClosure(key)]);
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const u of after) {
    if (before.has(u)) continue;
    for (const needed of hg.needs(u)) {
      if (!before.has(needed) || !after.has(needed)) continue;
      const w = hg.written(u, needed);
      if (!w) continue;
      const target = hg.component(needed).id;
      const id = `${w.location.file}:${w.location.startLine}:${target}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ file: w.location.file, line: w.location.startLine, attribute: w.attribute ?? `dependency of ${hg.component(u).id}`, before: null, after: target });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
