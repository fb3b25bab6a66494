import type { Component } from '../model/index.js';
import type { StackDependency as Dependency } from './api.js';

/** Key of a component in a snapshot: ids are unique within a stack, not across stacks. */
export function nodeKey(c: { format: string; stack: string; id: string }): string {
  return `${c.format}\u0000${c.stack}\u0000${c.id}`;
}

interface Requirement {
  /** Index of the dependent node. */
  node: number;
  /** Index into that node's groups, or -1 for a plain (all-required) dependency. */
  group: number;
}

/**
 * The failure graph of a snapshot: who needs whom, with k-of-n alternative groups.
 * Edges to passive and regional components are dropped here, since those never fail.
 */
export class FailureGraph {
  readonly nodes: Component[];
  private readonly index = new Map<string, number>();
  /** For each node, the requirements that point at it (its dependents). */
  private readonly dependents: Requirement[][];
  /** For each node, its alternative groups: [size, k]. */
  private readonly groups: { size: number; k: number }[][];
  /** For each node, its direct dependencies (indices) that can carry failure. */
  readonly needs: number[][];

  constructor(components: readonly Component[], dependencies: readonly Dependency[]) {
    this.nodes = [...components];
    this.nodes.forEach((c, i) => this.index.set(nodeKey(c), i));
    this.dependents = this.nodes.map(() => []);
    this.groups = this.nodes.map(() => []);
    this.needs = this.nodes.map(() => []);
    const groupIndex = new Map<string, number>();
    const seen = new Set<string>();
    for (const d of dependencies) {
      const from = this.index.get(nodeKey({ format: d.format, stack: d.stack, id: d.from }));
      const to = this.index.get(nodeKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to }));
      if (from === undefined || to === undefined || to === from) continue;
      const target = this.nodes[to]!;
      if (target.role === 'passive' || target.regional) continue;
      const edgeKey = `${from}>${to}>${d.group?.id ?? ''}`;
      if (seen.has(edgeKey)) continue;
      seen.add(edgeKey);
      let group = -1;
      if (d.group) {
        const gk = `${from}\u0000${d.group.id}`;
        let g = groupIndex.get(gk);
        if (g === undefined) {
          g = this.groups[from]!.length;
          this.groups[from]!.push({ size: 0, k: Math.max(1, d.group.k) });
          groupIndex.set(gk, g);
        }
        this.groups[from]![g]!.size++;
        group = g;
      }
      this.dependents[to]!.push({ node: from, group });
      this.needs[from]!.push(to);
    }
  }

  indexOf(c: Component): number | undefined {
    return this.index.get(nodeKey(c));
  }

  /**
   * Every node that fails when `start` fails: failure flows to dependents, through connectors,
   * and into a k-of-n group only when fewer than k of its members survive. Linear in edges.
   */
  failureClosure(start: number): number[] {
    const failed = new Uint8Array(this.nodes.length);
    const groupLosses = new Map<string, number>();
    failed[start] = 1;
    const queue = [start];
    const out: number[] = [];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head]!;
      for (const req of this.dependents[n]!) {
        if (failed[req.node]) continue;
        let fails = true;
        if (req.group >= 0) {
          const gk = `${req.node}:${req.group}`;
          const lost = (groupLosses.get(gk) ?? 0) + 1;
          groupLosses.set(gk, lost);
          const g = this.groups[req.node]![req.group]!;
          fails = g.size - lost < g.k;
        }
        if (fails) {
          failed[req.node] = 1;
          queue.push(req.node);
          out.push(req.node);
        }
      }
    }
    return out;
  }
}
