import type { Inventory } from '../analysis/api.js';
import { diagnosticJson } from './json.js';
import { graphView } from './graph.js';
import type { GraphOptions } from './graph.js';

/** `graph --format json`: nodes and edges of a snapshot, SPOFs marked (schemaVersion 1). */
export function toGraphJson(inventory: Inventory, options: GraphOptions = {}): Record<string, unknown> {
  const g = graphView(inventory, options);
  return {
    schemaVersion: 1,
    nodes: g.nodes.map(({ component: c, spof }) => ({
      id: c.id,
      type: c.type,
      format: c.format,
      stack: c.stack,
      role: c.role,
      rule: c.rule,
      entryPoint: c.entryPoint,
      location: { file: c.location.file, startLine: c.location.startLine, endLine: c.location.endLine },
      redundancy: { instances: c.redundancy.instances, zones: c.redundancy.zones?.count ?? null },
      spof: spof
        ? { kinds: [...spof.kinds], severity: spof.severity, dependents: [...spof.blastRadius.dependents], entryPoints: [...spof.blastRadius.entryPoints] }
        : null,
    })),
    edges: g.edges.map(({ from, to, dependency: d }) => {
      const edge: Record<string, unknown> = {
        from: { id: from.component.id, stack: from.component.stack },
        to: { id: to.component.id, stack: to.component.stack },
        kind: d.kind,
      };
      if (d.group) edge.group = { id: d.group.id, k: d.group.k };
      return edge;
    }),
    diagnostics: inventory.snapshot.diagnostics.map(diagnosticJson),
  };
}

export function renderGraphJson(inventory: Inventory, options: GraphOptions = {}): string {
  return `${JSON.stringify(toGraphJson(inventory, options), null, 2)}\n`;
}
