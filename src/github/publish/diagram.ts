/**
 * A mermaid diagram of the part of the graph a review is about: each open finding's component and
 * what fails with it, nothing else (for an inventory: each SPOF's). The components on the way between them (launch templates,
 * subnets, route tables, listeners) are collapsed into one edge `A --> B` (A needs B, directly or
 * through them), so the picture stays as small as the finding. Larger pictures are left out: a
 * diagram of dozens of nodes explains nothing.
 */
import type { Inventory, StackDependency } from '../../analysis/index.js';
import type { Component, Review } from '../../model/index.js';
import { componentKey } from '../../report/graph.js';
import { renderMermaid } from '../../report/mermaid.js';
import { append } from '../../model/index.js';

export const MAX_DIAGRAM_NODES = 30;
export const MAX_DIAGRAM_CHARS = 20_000;

export function affectedDiagram(review: Review, head: Inventory): string | undefined {
  const open = review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
  return diagramAround(head, open);
}

/** The default branch's SPOFs and what fails with each, for the dashboard's inventory page. */
export function inventoryDiagram(inventory: Inventory): string | undefined {
  return diagramAround(inventory, inventory.spofs);
}

/** A SPOF to draw: its component and the ids of the components that fail with it. */
interface Centre {
  component: { format: Component['format']; stack: string; id: string };
  blastRadius: { dependents: readonly string[] };
}

function diagramAround(head: Inventory, centres: readonly Centre[]): string | undefined {
  if (centres.length === 0) return undefined;
  const snap = head.snapshot;
  const byKey = new Map(snap.components.map((c) => [componentKey(c), c]));
  const idsByStack = new Map<string, string>();
  for (const c of snap.components) idsByStack.set(`${c.format}\u0000${c.stack}\u0000${c.id}`, componentKey(c));
  const anyById = new Map<string, string>();
  for (const c of snap.components) if (!anyById.has(`${c.format}\u0000${c.id}`)) anyById.set(`${c.format}\u0000${c.id}`, componentKey(c));

  // from -> to means "from needs to".
  const out = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    (out.get(from) ?? out.set(from, []).get(from)!).push(to);
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
  const keep = new Set<string>();
  for (const f of centres) {
    const spof = idsByStack.get(`${f.component.format}\u0000${f.component.stack}\u0000${f.component.id}`);
    if (!spof) continue;
    keep.add(spof);
    for (const id of f.blastRadius.dependents) {
      const k = idsByStack.get(`${f.component.format}\u0000${f.component.stack}\u0000${id}`) ?? anyById.get(`${f.component.format}\u0000${id}`);
      if (k !== undefined) keep.add(k);
    }
  }
  if (keep.size === 0 || keep.size > MAX_DIAGRAM_NODES) return undefined;

  // One edge from each kept component to the nearest kept ones it needs, through any that are not kept.
  const dependencies: StackDependency[] = [];
  for (const from of keep) {
    const seen = new Set<string>([from]);
    const queue = [...(out.get(from) ?? [])];
    while (queue.length > 0) {
      const n = queue.shift()!;
      if (seen.has(n)) continue;
      seen.add(n);
      // Passive components (a DB subnet group) carry no failure: nothing is needed through them.
      if (byKey.get(n)?.role === 'passive') continue;
      if (keep.has(n)) {
        const a = byKey.get(from)!;
        const b = byKey.get(n)!;
        dependencies.push({ from: a.id, to: b.id, kind: 'reference', format: a.format, stack: a.stack, ...(b.stack !== a.stack ? { toStack: b.stack } : {}) });
        continue;
      }
      append(queue, out.get(n) ?? []);
    }
  }

  const sub: Inventory = {
    spofs: head.spofs.filter((s) => keep.has(componentKey(s.component))),
    snapshot: { ...snap, components: snap.components.filter((c) => keep.has(componentKey(c))), dependencies },
  };
  const text = renderMermaid(sub);
  return text.length <= MAX_DIAGRAM_CHARS ? text : undefined;
}
