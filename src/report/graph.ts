import type { Inventory, Spof, StackDependency } from '../analysis/api.js';
import type { Component, Hub } from '../model/index.js';
import { cmp } from './format.js';

export interface GraphOptions {
  /** Show passive components (IAM, KMS, log groups, ...); they never carry failure. Default false. */
  includePassive?: boolean;
  /** Members a group node lists at most (default `GROUP_MEMBERS_SHOWN`); the rest are counted. */
  groupMembers?: number;
}

/** Members a drawn group node lists: more would make a drawing n x m again, and unreadable. */
export const GROUP_MEMBERS_SHOWN = 20;

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

/**
 * A shared set many components need (a hub: Services sharing one selector, a list every load balancer
 * names), drawn as one node so n dependents of m members are n + m edges, never n x m (issue 10).
 */
export interface GraphGroup {
  /** Unique in a snapshot: format, stack and hub id. */
  key: string;
  hub: Hub;
  format: Component['format'];
  stack: string;
  /** Shown members, sorted, at most `groupMembers`. */
  members: GraphNode[];
  /** Shown members left out of `members`. */
  omitted: number;
  /** Distinct members of the hub, shown or not. */
  size: number;
}

export interface GroupEdge {
  from: GraphNode;
  to: GraphGroup;
  dependency: StackDependency;
}

export interface GraphView {
  /** Sorted by stack then id; passive ones removed unless asked. */
  nodes: GraphNode[];
  /** Deduplicated node pairs between shown nodes, sorted. */
  edges: GraphEdge[];
  /** Groups some shown node needs, sorted by stack then hub id. */
  groups: GraphGroup[];
  /** Deduplicated edges from shown nodes to groups, sorted. */
  groupEdges: GroupEdge[];
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
  const groups = new Map<string, GraphGroup>();
  const groupEdges: GroupEdge[] = [];
  const cap = options.groupMembers ?? GROUP_MEMBERS_SHOWN;
  for (const d of inventory.snapshot.dependencies) {
    const from = byKey.get(componentKey({ format: d.format, stack: d.stack, id: d.from }));
    if (!from) continue;
    if (d.hub) {
      const stack = d.toStack ?? d.stack;
      const gkey = componentKey({ format: d.format, stack, id: d.hub.id });
      const group = groups.get(gkey) ?? groupOf(d.hub, d.format, stack, byKey, cap);
      if (!group) continue;
      groups.set(gkey, group);
      const pair = `${from.key}\u0001${gkey}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      groupEdges.push({ from, to: group, dependency: d });
      continue;
    }
    const to = byKey.get(componentKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to }));
    if (!to || from === to) continue;
    const pair = `${from.key}\u0001${to.key}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    edges.push({ from, to, dependency: d });
  }
  edges.sort((a, b) => cmp(a.from.key, b.from.key) || cmp(a.to.key, b.to.key));
  groupEdges.sort((a, b) => cmp(a.from.key, b.from.key) || cmp(a.to.key, b.to.key));
  const stacks = [...new Set(nodes.map((n) => n.component.stack))].sort(cmp);
  const sortedGroups = [...groups.values()].sort((a, b) => cmp(a.stack, b.stack) || cmp(a.hub.id, b.hub.id) || cmp(a.key, b.key));
  return { nodes, edges, groups: sortedGroups, groupEdges, stacks };
}

/** A hub as drawn: its shown members, the first `cap` of them listed; undefined when none is shown. */
function groupOf(hub: Hub, format: Component['format'], stack: string, byKey: ReadonlyMap<string, GraphNode>, cap: number): GraphGroup | undefined {
  const shown: GraphNode[] = [];
  for (const id of new Set(hub.members)) {
    const n = byKey.get(componentKey({ format, stack, id }));
    if (n) shown.push(n);
  }
  if (!shown.length) return undefined;
  shown.sort((a, b) => cmp(a.component.id, b.component.id) || cmp(a.key, b.key));
  return { key: componentKey({ format, stack, id: hub.id }), hub, format, stack, members: shown.slice(0, cap), omitted: Math.max(0, shown.length - cap), size: new Set(hub.members).size };
}

/** How a group reads: "1 of 2,001 needed" (alternatives) or "all 2,000 needed". */
export function groupNeed(g: GraphGroup): string {
  return g.hub.k !== undefined ? `${g.hub.k} of ${g.size} needed` : `all ${g.size} needed`;
}

/** The line that stands for the members a group does not list. */
export function moreLine(omitted: number): string {
  return `\u2026 and ${omitted} more`;
}
