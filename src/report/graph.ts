import type { Inventory, Spof, StackDependency } from '../analysis/api.js';
import { expandHub, type Component } from '../model/index.js';
import { cmp } from './format.js';

export interface GraphOptions {
  /** Show passive components (IAM, KMS, log groups, ...); they never carry failure. Default false. */
  includePassive?: boolean;
}

export interface GraphNode {
  /** Unique across stacks: format, stack and component id. */
  key: string;
  component: Component;
  spof?: Spof;
}

export interface GraphEdge {
  from: GraphNode;
  to: GraphNode;
  dependency: StackDependency;
}

export interface GraphView {
  /** Sorted by stack then id; passive ones removed unless asked. */
  nodes: GraphNode[];
  /** Deduplicated node pairs between shown nodes, sorted. */
  edges: GraphEdge[];
  stacks: string[];
}

/** Component ids are unique within a stack only; this key is unique in a snapshot. */
export function componentKey(c: { format: string; stack: string; id: string }): string {
  return `${c.format}\u0000${c.stack}\u0000${c.id}`;
}

/** The part of a snapshot a graph shows: what can fail and what needs what. */
export function graphView(inventory: Inventory, options: GraphOptions = {}): GraphView {
  const spofs = new Map(inventory.spofs.map((s) => [componentKey(s.component), s]));
  const byKey = new Map<string, GraphNode>();
  for (const c of inventory.snapshot.components) {
    if (!options.includePassive && c.role === 'passive') continue;
    const key = componentKey(c);
    if (byKey.has(key)) continue;
    const spof = spofs.get(key);
    byKey.set(key, spof ? { key, component: c, spof } : { key, component: c });
  }
  const nodes = [...byKey.values()].sort((a, b) => cmp(a.component.stack, b.component.stack) || cmp(a.component.id, b.component.id) || cmp(a.key, b.key));
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const d of inventory.snapshot.dependencies.length ? pairs(inventory.snapshot.dependencies) : []) {
    const from = byKey.get(componentKey({ format: d.format, stack: d.stack, id: d.from }));
    const to = byKey.get(componentKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to }));
    if (!from || !to || from === to) continue;
    const pair = `${from.key}\u0001${to.key}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    edges.push({ from, to, dependency: d });
  }
  edges.sort((a, b) => cmp(a.from.key, b.from.key) || cmp(a.to.key, b.to.key));
  const stacks = [...new Set(nodes.map((n) => n.component.stack))].sort(cmp);
  return { nodes, edges, stacks };
}

/** Dependencies as component pairs: a hub dependency is drawn as an edge to each member. */
function* pairs(dependencies: Inventory['snapshot']['dependencies']): Generator<Inventory['snapshot']['dependencies'][number]> {
  for (const d of dependencies) yield* expandHub(d);
}
