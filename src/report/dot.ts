import type { Inventory } from '../analysis/api.js';
import { graphView, groupNeed, moreLine } from './graph.js';
import type { GraphOptions } from './graph.js';

/** A DOT double-quoted string (id or label). */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * A Graphviz digraph of a snapshot: `A -> B` means A needs B. SPOFs are filled red,
 * entry points have a double border, passive components are left out. A set many components need is
 * one hexagon listing its first members and "… and N more".
 */
export function renderDot(inventory: Inventory, options: GraphOptions = {}): string {
  const g = graphView(inventory, options);
  // Node ids must be unique across stacks: qualify with the stack only when an id repeats.
  const count = new Map<string, number>();
  for (const n of g.nodes) count.set(n.component.id, (count.get(n.component.id) ?? 0) + 1);
  const idOf = new Map(g.nodes.map((n) => [n.key, (count.get(n.component.id) ?? 0) > 1 ? `${n.component.stack}:${n.component.id}` : n.component.id]));
  const used = new Set(idOf.values());
  for (const x of g.groups) {
    let id = `group ${x.stack}:${x.hub.id}`;
    for (let i = 2; used.has(id) || used.has(`${id} more`); i++) id = `group ${x.stack}:${x.hub.id} (${i})`;
    used.add(id);
    idOf.set(x.key, id);
  }

  const out = ['digraph "spof-review" {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [color="#555555"];'];
  g.stacks.forEach((stack, i) => {
    out.push(`  subgraph "cluster_${i}" {`, `    label=${dotString(`stack ${stack}`)};`);
    for (const n of g.nodes.filter((x) => x.component.stack === stack)) {
      const c = n.component;
      const attrs = [`label=${dotString(`${n.spof ? `SPOF ${n.spof.severity}: ` : ''}${c.id}\n${c.type}`)}`];
      if (n.spof) attrs.push('style="rounded,filled"', 'fillcolor="#ffd6d6"', 'color="#c00000"', 'penwidth=2');
      if (c.entryPoint) attrs.push('peripheries=2');
      out.push(`    ${dotString(idOf.get(n.key)!)} [${attrs.join(', ')}];`);
    }
    for (const x of g.groups.filter((y) => y.stack === stack)) {
      const id = idOf.get(x.key)!;
      out.push(`    ${dotString(id)} [label=${dotString(`${x.hub.id}\n${groupNeed(x)}`)}, shape=hexagon, style=dashed];`);
      if (x.omitted) out.push(`    ${dotString(`${id} more`)} [label=${dotString(moreLine(x.omitted))}, shape=plaintext];`);
    }
    out.push('  }');
  });
  for (const e of g.edges) out.push(`  ${dotString(idOf.get(e.from.key)!)} -> ${dotString(idOf.get(e.to.key)!)};`);
  for (const e of g.groupEdges) out.push(`  ${dotString(idOf.get(e.from.key)!)} -> ${dotString(idOf.get(e.to.key)!)};`);
  for (const x of g.groups) {
    const id = idOf.get(x.key)!;
    for (const m of x.members) out.push(`  ${dotString(id)} -> ${dotString(idOf.get(m.key)!)};`);
    if (x.omitted) out.push(`  ${dotString(id)} -> ${dotString(`${id} more`)} [style=dotted, arrowhead=none];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
