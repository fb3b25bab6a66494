import { Graph } from '@dagrejs/graphlib';
import { STATEFUL_ROLES, type Component, type SourceRange } from '../model/index.js';
import type { StackDependency } from './api.js';
import { isLogObserver } from './observers.js';

/** Key of a component in a snapshot: ids are unique within a stack, not across stacks. */
export function nodeKey(c: { format: string; stack: string; id: string }): string {
  return `${c.format}\u0000${c.stack}\u0000${c.id}`;
}

interface NodeLabel {
  component: Component;
  /** Alternative groups of this node's dependencies: how many members, how many must survive. */
  groups: Map<string, { size: number; k: number }>;
}

/** Edge A -> B (A needs B); `group` names the k-of-n group of A that B belongs to, if any. */
interface EdgeLabel {
  group?: string;
  /** Where the dependency is written (the first dependency of the pair that says so), for evidence. */
  written?: { location: SourceRange; attribute?: string };
}

/**
 * The failure graph of a snapshot: who needs whom, with k-of-n alternative groups.
 * Edges to passive and regional components are left out, since those never fail; so are replication
 * edges (a replica names its source: it copies it, it does not need it), and a DNS record that only
 * names data stores is not an entry point (users do not arrive at a database; its clients do).
 */
/** A replica of a component, by the replication dependency it declares (left out of the failure graph). */
export interface Copy {
  replica: Component;
  written?: { location: SourceRange; attribute?: string };
}

export class FailureGraph {
  readonly graph = new Graph<unknown, NodeLabel, EdgeLabel>({ directed: true });
  /** Replicas by the node key of their source: replication is a copy, kept apart from the needs. */
  readonly copies = new Map<string, Copy[]>();
  /** Companion resources whose safeguards protect a component (`Component.guardsReferenced`), by its node key. */
  readonly guardians = new Map<string, Component[]>();
  /**
   * Who names whom, by node key of the named, including references that carry no failure (to a regional
   * queue, a passive policy): the consumers of a queue are told by these, not by failure edges.
   */
  readonly referrers = new Map<string, Component[]>();
  readonly references = new Map<string, Component[]>();

  constructor(components: readonly Component[], dependencies: readonly StackDependency[]) {
    const referrers = this.referrers;
    for (const c of components) this.graph.setNode(nodeKey(c), { component: c, groups: new Map() });
    for (const d of dependencies) {
      const from = nodeKey({ format: d.format, stack: d.stack, id: d.from });
      const to = nodeKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to });
      const source = this.graph.node(from);
      const target = this.graph.node(to);
      if (!source || !target || from === to) continue;
      // Who names whom, before edges that carry no failure are left out (an observer is told by its referrers).
      const named = referrers.get(to) ?? [];
      named.push(source.component);
      referrers.set(to, named);
      const names = this.references.get(from) ?? [];
      names.push(target.component);
      this.references.set(from, names);
      if (guardsThrough(source.component, d)) {
        const guardians = this.guardians.get(to) ?? [];
        if (!guardians.includes(source.component)) guardians.push(source.component);
        this.guardians.set(to, guardians);
      }
      if (isReplication(source.component, d)) {
        const copies = this.copies.get(to) ?? [];
        if (!copies.some((copy) => copy.replica === source.component)) {
          copies.push({ replica: source.component, ...(d.location ? { written: { location: d.location, ...(d.attribute ? { attribute: d.attribute } : {}) } } : {}) });
        }
        this.copies.set(to, copies);
        continue;
      }
      if (target.component.role === 'passive' || target.component.regional) continue;
      const existing = this.graph.edge(from, to);
      const written = existing?.written ?? (d.location ? { location: d.location, ...(d.attribute ? { attribute: d.attribute } : {}) } : undefined);
      const label = (group?: string): EdgeLabel => ({ ...(group ? { group } : {}), ...(written ? { written } : {}) });
      if (existing && !existing.group) {
        // A plain need is stricter than any alternative.
        if (!existing.written && written) existing.written = written;
        continue;
      }
      if (existing?.group && !d.group) {
        source.groups.get(existing.group)!.size--;
        this.graph.setEdge(from, to, label());
        continue;
      }
      if (existing) continue;
      if (d.group) {
        const g = source.groups.get(d.group.id) ?? { size: 0, k: Math.max(1, d.group.k) };
        g.size++;
        source.groups.set(d.group.id, g);
        this.graph.setEdge(from, to, label(d.group.id));
      } else {
        this.graph.setEdge(from, to, label());
      }
    }
    // An observer needs what it watches, but nothing serves through it: its needs carry no failure anywhere.
    for (const key of this.graph.nodes()) {
      if (isLogObserver(this.graph.node(key).component, referrers.get(key) ?? [])) for (const e of this.graph.outEdges(key) ?? []) this.graph.removeEdge(e);
    }
    for (const key of this.graph.nodes()) {
      const node = this.graph.node(key);
      if (node.component.entryPoint && namesOnlyDataStores(node.component, this.graph.outEdges(key)?.map((e) => this.graph.node(e.w).component) ?? [])) {
        node.component = { ...node.component, entryPoint: false };
      }
    }
  }

  get components(): Component[] {
    return this.graph.nodes().map((n) => this.graph.node(n).component);
  }

  component(key: string): Component {
    return this.graph.node(key).component;
  }

  /** Where the dependency `from` -> `to` is written, when known. */
  written(from: string, to: string): { location: SourceRange; attribute?: string } | undefined {
    return this.graph.edge(from, to)?.written;
  }

  /** Every node that needs `start`, directly or through others, whether or not an alternative covers for it. */
  dependents(start: string): Set<string> {
    const seen = new Set<string>();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      for (const e of this.graph.inEdges(queue[head]!) ?? []) {
        if (seen.has(e.v) || e.v === start) continue;
        seen.add(e.v);
        queue.push(e.v);
      }
    }
    return seen;
  }

  /**
   * Every node that fails when `start` fails: failure flows to dependents, through connectors,
   * and into a k-of-n group only when fewer than k of its members survive. Linear in edges.
   */
  failureClosure(start: string): string[] {
    const failed = new Set([start]);
    const groupLosses = new Map<string, number>();
    const queue = [start];
    const out: string[] = [];
    for (let head = 0; head < queue.length; head++) {
      for (const e of this.graph.inEdges(queue[head]!) ?? []) {
        const dependent = e.v;
        if (failed.has(dependent)) continue;
        const { group } = this.graph.edge(e);
        let fails = true;
        if (group) {
          const gk = `${dependent}\u0000${group}`;
          const lost = (groupLosses.get(gk) ?? 0) + 1;
          groupLosses.set(gk, lost);
          const g = this.graph.node(dependent).groups.get(group)!;
          fails = g.size - lost < g.k;
        }
        if (fails) {
          failed.add(dependent);
          queue.push(dependent);
          out.push(dependent);
        }
      }
    }
    return out;
  }
}

/** A dependency a replica declares through the attribute naming its source (`Component.copyOf`). */
export function isReplication(from: Component, d: Pick<StackDependency, 'from' | 'attribute' | 'via'>): boolean {
  return isDeclaredThrough(from.copyOf?.via, d);
}

/** Whether a dependency is written in one of the top-level attributes `via` (`replicate_source_db`, `databases`). */
export function isDeclaredThrough(via: readonly string[] | undefined, d: Pick<StackDependency, 'from' | 'attribute' | 'via'>): boolean {
  if (!via) return false;
  return via.some((name) => d.via === name || d.attribute === `${d.from}.${name}`);
}

/**
 * A DNS record (role `dns`) whose every target is a data store (a database, cache, queue or storage, or a
 * replica of one): an internal alias such as `db.internal -> RDS endpoint`. Its clients are applications,
 * not users, so it is not where users arrive. A record with no target seen in the repository keeps its flag.
 */
function namesOnlyDataStores(c: Component, targets: readonly Component[]): boolean {
  if (c.role !== 'dns') return false;
  return targets.length > 0 && targets.every((t) => STATEFUL_ROLES.has(t.role));
}

/** A companion's dependency written in the attribute that names what its safeguards protect (`bucket`). */
function guardsThrough(source: Component, d: StackDependency): boolean {
  if (!source.guardsReferenced) return false;
  const attribute = d.via ?? (d.attribute?.startsWith(`${d.from}.`) ? d.attribute.slice(d.from.length + 1) : undefined);
  return attribute !== undefined && source.guardsReferenced.includes(attribute);
}
