import type { Inventory } from '../analysis/api.js';
import { MAX_LISTED, diagnosticJson, listed } from './json.js';
import { graphView } from './graph.js';
import type { GraphOptions } from './graph.js';

/**
 * `graph --format json`: nodes and edges of a snapshot, SPOFs marked (schemaVersion 1). Shared sets are
 * `groups` with `groupEdges` to them (additive); lists are cut to `MAX_LISTED` with what was `omitted`.
 */
export function toGraphJson(inventory: Inventory, options: GraphOptions = {}): Record<string, unknown> {
  const g = graphView(inventory, { groupMembers: MAX_LISTED, ...options });
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
        ? { kinds: [...spof.kinds], severity: spof.severity, ...listed(spof.blastRadius) }
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
    // A set many nodes need is one group: an edge to it stands for edges to its members (issue 10).
    ...(g.groups.length
      ? {
          groups: g.groups.map((x) => ({
            id: x.hub.id,
            stack: x.stack,
            k: x.hub.k ?? null,
            size: x.size,
            members: x.members.map((m) => ({ id: m.component.id, stack: m.component.stack })),
            ...(x.omitted ? { omitted: x.omitted } : {}),
          })),
          groupEdges: g.groupEdges.map(({ from, to, dependency: d }) => ({ from: { id: from.component.id, stack: from.component.stack }, to: { group: to.hub.id, stack: to.stack }, kind: d.kind })),
        }
      : {}),
    diagnostics: inventory.snapshot.diagnostics.map(diagnosticJson),
  };
}

export function renderGraphJson(inventory: Inventory, options: GraphOptions = {}): string {
  return `${JSON.stringify(toGraphJson(inventory, options), null, 2)}\n`;
}
