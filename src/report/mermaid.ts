import type { Inventory } from '../analysis/api.js';
import { graphView, groupNeed, moreLine } from './graph.js';
import type { GraphOptions } from './graph.js';

/** Mermaid label text: only a safe set passes, everything else becomes an entity code (`#34;`). */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s) {
    out += /[A-Za-z0-9 ._:/@=+,\-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** A Mermaid node id from a component id: `[A-Za-z0-9_]` only, prefixed so no keyword (`end`) is hit. */
export function mermaidId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A Mermaid flowchart of a snapshot: `A --> B` means A needs B. SPOFs are highlighted,
 * entry points are stadium-shaped, passive components are left out. A set many components need is one
 * hexagon listing its first members and "… and N more".
 */
export function renderMermaid(inventory: Inventory, options: GraphOptions = {}): string {
  const g = graphView(inventory, options);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of g.nodes) {
    const base = mermaidId(n.component.id);
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(n.key, id);
  }
  // Group nodes: `g_` ids never meet the `n_` ids of components.
  g.groups.forEach((x, i) => ids.set(x.key, `g_${i + 1}`));

  const out = ['flowchart LR'];
  g.stacks.forEach((stack, i) => {
    out.push(`  subgraph s${i}["${mermaidText(`stack ${stack}`)}"]`);
    for (const n of g.nodes.filter((x) => x.component.stack === stack)) {
      const c = n.component;
      const title = n.spof ? `SPOF ${n.spof.severity}: ${c.id}` : c.id;
      const label = `"${mermaidText(title)}<br/><small>${mermaidText(c.type)}</small>"`;
      out.push(`    ${ids.get(n.key)}${c.entryPoint ? `([${label}])` : `[${label}]`}`);
    }
    for (const x of g.groups.filter((y) => y.stack === stack)) {
      const id = ids.get(x.key)!;
      out.push(`    ${id}{{"${mermaidText(x.hub.id)}<br/><small>${mermaidText(groupNeed(x))}</small>"}}`);
      if (x.omitted) out.push(`    ${id}_more["${mermaidText(moreLine(x.omitted))}"]`);
    }
    out.push('  end');
  });
  for (const e of g.edges) out.push(`  ${ids.get(e.from.key)} --> ${ids.get(e.to.key)}`);
  for (const e of g.groupEdges) out.push(`  ${ids.get(e.from.key)} --> ${ids.get(e.to.key)}`);
  for (const x of g.groups) {
    const id = ids.get(x.key)!;
    for (const m of x.members) out.push(`  ${id} --> ${ids.get(m.key)}`);
    if (x.omitted) out.push(`  ${id} -.- ${id}_more`);
  }
  out.push('  classDef spof fill:#ffd6d6,stroke:#c00000,stroke-width:3px,color:#000');
  out.push('  classDef entry stroke:#0050b3,stroke-width:2px');
  const entryIds = g.nodes.filter((n) => n.component.entryPoint && !n.spof).map((n) => ids.get(n.key)!);
  const spofIds = g.nodes.filter((n) => n.spof).map((n) => ids.get(n.key)!);
  if (entryIds.length > 0) out.push(`  class ${entryIds.join(',')} entry`);
  if (spofIds.length > 0) out.push(`  class ${spofIds.join(',')} spof`);
  return `${out.join('\n')}\n`;
}
