/**
 * A mermaid diagram of the part of the graph a review is about: each open finding's component,
 * what fails with it, and the components on the way between them (subnets, route tables), so
 * the reader sees why the blast radius is what it is. Larger pictures are left out: a diagram of
 * hundreds of nodes explains nothing.
 */
import type { Inventory } from '../../analysis/index.js';
import { expandHub, type Review } from '../../model/index.js';
import { componentKey } from '../../report/graph.js';
import { renderMermaid } from '../../report/mermaid.js';

export const MAX_DIAGRAM_NODES = 60;
export const MAX_DIAGRAM_CHARS = 20_000;

export function affectedDiagram(review: Review, head: Inventory): string | undefined {
  const open = review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
  if (open.length === 0) return undefined;
  const snap = head.snapshot;
  const byKey = new Map(snap.components.map((c) => [componentKey(c), c]));
  const idsByStack = new Map<string, string>();
  for (const c of snap.components) idsByStack.set(`${c.format}\u0000${c.stack}\u0000${c.id}`, componentKey(c));
  const anyById = new Map<string, string>();
  for (const c of snap.components) if (!anyById.has(`${c.format}\u0000${c.id}`)) anyById.set(`${c.format}\u0000${c.id}`, componentKey(c));

  // from -> to means "from needs to".
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    (out.get(from) ?? out.set(from, []).get(from)!).push(to);
    (into.get(to) ?? into.set(to, []).get(to)!).push(from);
  };
  for (const d of snap.dependencies) {
    const from = componentKey({ format: d.format, stack: d.stack, id: d.from });
    if (!byKey.has(from)) continue;
    if (d.hub) {
      // A hub stays one node here (its dependents x members would be quadratic); it is never drawn.
      const hub = `\u0001${d.format}\u0000${d.stack}\u0000${d.hub.id}`;
      if (!out.has(hub)) {
        for (const m of d.hub.members) {
          const to = componentKey({ format: d.format, stack: d.stack, id: m });
          if (byKey.has(to)) link(hub, to);
        }
      }
      link(from, hub);
      continue;
    }
    const to = componentKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to });
    if (!byKey.has(to)) continue;
    link(from, to);
  }
  const reach = (starts: Iterable<string>, edges: Map<string, string[]>) => {
    const seen = new Set<string>(starts);
    const queue = [...seen];
    while (queue.length > 0) for (const n of edges.get(queue.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    return seen;
  };

  const keep = new Set<string>();
  for (const f of open) {
    const spof = idsByStack.get(`${f.component.format}\u0000${f.component.stack}\u0000${f.component.id}`);
    if (!spof) continue;
    const dependents = f.blastRadius.dependents
      .map((id) => idsByStack.get(`${f.component.format}\u0000${f.component.stack}\u0000${id}`) ?? anyById.get(`${f.component.format}\u0000${id}`))
      .filter((k): k is string => k !== undefined);
    const needsSpof = reach([spof], into);
    const fromDependents = reach(dependents, out);
    keep.add(spof);
    for (const d of dependents) keep.add(d);
    for (const k of fromDependents) if (needsSpof.has(k) && byKey.has(k)) keep.add(k);
  }
  if (keep.size === 0 || keep.size > MAX_DIAGRAM_NODES) return undefined;

  const sub: Inventory = {
    spofs: head.spofs.filter((s) => keep.has(componentKey(s.component))),
    snapshot: {
      ...snap,
      components: snap.components.filter((c) => keep.has(componentKey(c))),
      dependencies: snap.dependencies.flatMap((d) => (d.hub && keep.has(componentKey({ format: d.format, stack: d.stack, id: d.from })) ? expandHub(d) : [d])).filter(
        (d) =>
          keep.has(componentKey({ format: d.format, stack: d.stack, id: d.from })) &&
          keep.has(componentKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to })),
      ),
    },
  };
  const text = renderMermaid(sub);
  return text.length <= MAX_DIAGRAM_CHARS ? text : undefined;
}
