import { STATEFUL_ROLES, expandHub, type Component, type Hub, type SourceRange } from '../model/index.js';
import type { StackDependency } from './api.js';
import { Budget } from './budget.js';
import { isLogObserver } from './observers.js';

/** Key of a component in a snapshot: ids are unique within a stack, not across stacks. */
export function nodeKey(c: { format: string; stack: string; id: string }): string {
  return `${c.format}\u0000${c.stack}\u0000${c.id}`;
}

/** Key of a hub node: never a component's key. */
function hubKey(d: StackDependency, hub: Hub): string {
  return `\u0001${d.format}\u0000${d.stack}\u0000${hub.id}`;
}

/** Where a dependency is written (the first dependency of the pair that says so), for evidence. */
export interface Written {
  location: SourceRange;
  attribute?: string;
}

/** A replica of a component, by the replication dependency it declares (left out of the failure graph). */
export interface Copy {
  replica: Component;
  written?: Written;
}

const NONE = -1;

/**
 * The failure graph of a snapshot: who needs whom, with k-of-n alternative groups.
 * Edges to passive and regional components are left out, since those never fail; so are replication
 * edges (a replica names its source: it copies it, it does not need it), and a DNS record that only
 * names data stores is not an entry point (users do not arrive at a database; its clients do).
 *
 * Nodes and edges are integer-indexed arrays (issue 10: string-keyed maps of n x m edges took seconds
 * and gigabytes). A hub (`Dependency.hub`) is a node of its own that needs its members (plainly, or as
 * one k-of-n group) and that each of its dependents needs plainly; it never appears in what the graph
 * answers. A dependent whose own edges overlap its hub's members (a plain need on one of them, two hubs
 * sharing a member, itself a member) gets the hub expanded into pairs, so the k-of-n rules between
 * pairs apply exactly as without hubs.
 */
export class FailureGraph {
  /** Replicas by the node key of their source: replication is a copy, kept apart from the needs. */
  readonly copies = new Map<string, Copy[]>();
  /** Companion resources whose safeguards protect a component (`Component.guardsReferenced`), by its node key. */
  readonly guardians = new Map<string, Component[]>();
  private readonly referrers = new Map<string, Component[]>();
  private readonly references = new Map<string, Component[]>();
  /** Where a reference that carries no failure (to a regional or passive component) is written, by `from\0to` key. */
  private readonly unneededAt = new Map<string, Written>();
  /** The dependents that name each hub, by hub node; the hubs each member belongs to, by member key. */
  private readonly hubSources = new Map<number, Component[]>();
  private readonly hubsOf = new Map<string, number[]>();
  /** Every member of each hub, including those its edges leave out (passive, regional). */
  private readonly membersOf = new Map<number, number[]>();

  private readonly keyAt: string[] = [];
  private readonly indexOf = new Map<string, number>();
  /** Undefined for a hub. */
  private readonly componentAt: (Component | undefined)[] = [];
  private readonly outs: number[][] = [];
  private readonly ins: number[][] = [];
  /** Per node, the edge to each target, by target index. */
  private readonly pairs: Map<number, number>[] = [];
  private readonly edgeFrom: number[] = [];
  private readonly edgeTo: number[] = [];
  private readonly edgeGroup: number[] = [];
  private readonly edgeWritten: (Written | undefined)[] = [];
  private readonly groupSize: number[] = [];
  private readonly groupK: number[] = [];
  /** Per node, its groups by id (only while building). */
  private readonly groupsOf = new Map<number, Map<string, number>>();
  /** Generation stamps, reused by every traversal instead of allocating sets. */
  private readonly seenAt: Int32Array;
  private readonly lostAt: Int32Array;
  private readonly lost: Int32Array;
  private generation = 0;

  constructor(
    components: readonly Component[],
    dependencies: readonly StackDependency[],
    private readonly budget: Budget = Budget.unlimited(),
  ) {
    for (const c of components) this.addNode(nodeKey(c), c);
    const expand = this.hubsToExpand(dependencies);
    for (const d of dependencies) {
      budget.charge();
      if (!d.hub) this.place(d);
      else if (expand.has(d)) for (const pair of expandHub(d)) this.place(pair);
      else this.placeHub(d, d.hub);
    }
    this.groupsOf.clear();
    // An observer needs what it watches, but nothing serves through it: its needs carry no failure anywhere.
    for (let i = 0; i < this.componentAt.length; i++) {
      const c = this.componentAt[i];
      if (c && c.role === 'compute' && c.regional && isLogObserver(c, this.referrersOf(this.keyAt[i]!))) {
        for (const e of [...this.outs[i]!]) this.removeEdge(e);
      }
    }
    for (let i = 0; i < this.componentAt.length; i++) {
      const c = this.componentAt[i];
      if (c?.entryPoint && c.role === 'dns' && namesOnlyDataStores(c, this.needs(this.keyAt[i]!).map((k) => this.component(k)))) {
        this.componentAt[i] = { ...c, entryPoint: false };
      }
    }
    const n = this.keyAt.length;
    this.seenAt = new Int32Array(n);
    this.lostAt = new Int32Array(this.groupSize.length);
    this.lost = new Int32Array(this.groupSize.length);
  }

  private addNode(key: string, c: Component | undefined): number {
    const existing = this.indexOf.get(key);
    if (existing !== undefined) {
      // A later component with the same key replaces the earlier one, as a keyed graph would.
      this.componentAt[existing] = c;
      return existing;
    }
    const i = this.keyAt.length;
    this.keyAt.push(key);
    this.indexOf.set(key, i);
    this.componentAt.push(c);
    this.outs.push([]);
    this.ins.push([]);
    this.pairs.push(new Map());
    return i;
  }

  private addEdge(from: number, to: number, group: number, written: Written | undefined): number {
    const e = this.edgeFrom.length;
    this.edgeFrom.push(from);
    this.edgeTo.push(to);
    this.edgeGroup.push(group);
    this.edgeWritten.push(written);
    this.outs[from]!.push(e);
    this.ins[to]!.push(e);
    this.pairs[from]!.set(to, e);
    return e;
  }

  private removeEdge(e: number): void {
    const from = this.edgeFrom[e]!;
    const to = this.edgeTo[e]!;
    this.outs[from] = this.outs[from]!.filter((x) => x !== e);
    this.ins[to] = this.ins[to]!.filter((x) => x !== e);
    this.pairs[from]!.delete(to);
  }

  private group(node: number, id: string, k: number): number {
    let groups = this.groupsOf.get(node);
    if (!groups) this.groupsOf.set(node, (groups = new Map()));
    let g = groups.get(id);
    if (g === undefined) {
      g = this.groupSize.length;
      this.groupSize.push(0);
      this.groupK.push(Math.max(1, k));
      groups.set(id, g);
    }
    return g;
  }

  /** One dependency between two components, with the rules between pairs (a plain need wins over an alternative). */
  private place(d: StackDependency): void {
    const from = this.indexOf.get(nodeKey({ format: d.format, stack: d.stack, id: d.from }));
    const to = this.indexOf.get(nodeKey({ format: d.format, stack: d.toStack ?? d.stack, id: d.to }));
    if (from === undefined || to === undefined || from === to) return;
    const source = this.componentAt[from]!;
    const target = this.componentAt[to]!;
    // Who names whom, before edges that carry no failure are left out (an observer is told by its referrers).
    push(this.referrers, this.keyAt[to]!, source);
    push(this.references, this.keyAt[from]!, target);
    if (guardsThrough(source, d)) {
      const guardians = this.guardians.get(this.keyAt[to]!) ?? [];
      if (!guardians.includes(source)) guardians.push(source);
      this.guardians.set(this.keyAt[to]!, guardians);
    }
    if (isReplication(source, d)) {
      const copies = this.copies.get(this.keyAt[to]!) ?? [];
      if (!copies.some((copy) => copy.replica === source)) copies.push({ replica: source, ...(d.location ? { written: writtenOf(d) } : {}) });
      this.copies.set(this.keyAt[to]!, copies);
      return;
    }
    if (target.role === 'passive' || target.regional) {
      const pair = `${this.keyAt[from]!}\u0000${this.keyAt[to]!}`;
      if (d.location && !this.unneededAt.has(pair)) this.unneededAt.set(pair, writtenOf(d));
      return;
    }
    const existing = this.pairs[from]!.get(to);
    const written = (existing !== undefined ? this.edgeWritten[existing] : undefined) ?? (d.location ? writtenOf(d) : undefined);
    if (existing !== undefined) {
      const g = this.edgeGroup[existing]!;
      if (g === NONE) {
        // A plain need is stricter than any alternative.
        if (!this.edgeWritten[existing] && written) this.edgeWritten[existing] = written;
      } else if (!d.group) {
        this.groupSize[g]!--;
        this.edgeGroup[existing] = NONE;
        this.edgeWritten[existing] = written;
      }
      return;
    }
    if (d.group) {
      const g = this.group(from, d.group.id, d.group.k);
      this.groupSize[g]!++;
      this.addEdge(from, to, g, written);
    } else this.addEdge(from, to, NONE, written);
  }

  /** A dependent needing a hub: the hub's node and its member edges are made once, for its first dependent. */
  private placeHub(d: StackDependency, hub: Hub): void {
    const from = this.indexOf.get(nodeKey({ format: d.format, stack: d.stack, id: d.from }));
    if (from === undefined) return;
    const key = hubKey(d, hub);
    let h = this.indexOf.get(key);
    if (h === undefined) {
      h = this.addNode(key, undefined);
      const g = hub.k !== undefined ? this.group(h, hub.id, hub.k) : NONE;
      for (const m of hub.members) {
        this.budget.charge();
        const memberKey = nodeKey({ format: d.format, stack: d.stack, id: m });
        const to = this.indexOf.get(memberKey);
        if (to === undefined || this.pairs[h]!.has(to)) continue;
        push(this.hubsOf, memberKey, h);
        push(this.membersOf, h, to);
        const target = this.componentAt[to]!;
        if (target.role === 'passive' || target.regional) continue;
        if (g !== NONE) this.groupSize[g]!++;
        this.addEdge(h, to, g, undefined);
      }
    }
    const source = this.componentAt[from]!;
    push(this.hubSources, h, source);
    if (!this.pairs[from]!.has(h)) this.addEdge(from, h, NONE, d.location ? writtenOf(d) : undefined);
  }

  /**
   * The hub dependencies to place as pairs: where a dependent is a member of its hub, also names a
   * member another way, or declares replication or a safeguard through it.
   */
  private hubsToExpand(dependencies: readonly StackDependency[]): Set<StackDependency> {
    const expand = new Set<StackDependency>();
    const bySource = new Map<string, { hubs: StackDependency[]; targets: Set<string> }>();
    for (const d of dependencies) {
      if (!d.hub) continue;
      const key = nodeKey({ format: d.format, stack: d.stack, id: d.from });
      const entry = bySource.get(key) ?? { hubs: [], targets: new Set<string>() };
      entry.hubs.push(d);
      bySource.set(key, entry);
    }
    if (!bySource.size) return expand;
    for (const d of dependencies) {
      if (d.hub) continue;
      const entry = bySource.get(nodeKey({ format: d.format, stack: d.stack, id: d.from }));
      if (entry) entry.targets.add(d.toStack && d.toStack !== d.stack ? `\u0002${d.toStack}\u0000${d.to}` : d.to);
    }
    for (const [key, { hubs, targets }] of bySource) {
      const source = this.componentAt[this.indexOf.get(key) ?? NONE];
      // A member named through two hubs of one dependent: each hub counted once however often it is named.
      const through = new Map<string, number>();
      const distinct = new Set(hubs.map((d) => d.hub!));
      if (distinct.size > 1) for (const hub of distinct) for (const m of hub.members) through.set(m, (through.get(m) ?? 0) + 1);
      for (const d of hubs) {
        this.budget.charge(d.hub!.members.length);
        const declares = source !== undefined && (isReplication(source, d) || guardsThrough(source, d));
        if (declares || d.hub!.members.some((m) => m === d.from || targets.has(m) || (through.get(m) ?? 0) > 1)) expand.add(d);
      }
    }
    return expand;
  }

  get components(): Component[] {
    return this.componentAt.filter((c): c is Component => c !== undefined);
  }

  /** The node keys of the components. */
  keys(): string[] {
    return this.keyAt.filter((_, i) => this.componentAt[i] !== undefined);
  }

  has(key: string): boolean {
    const i = this.indexOf.get(key);
    return i !== undefined && this.componentAt[i] !== undefined;
  }

  component(key: string): Component {
    return this.componentAt[this.indexOf.get(key)!]!;
  }

  /** Who names the component, including references that carry no failure (to a regional queue, a passive policy). */
  referrersOf(key: string): Component[] {
    const direct = this.referrers.get(key) ?? [];
    const hubs = this.hubsOf.get(key);
    if (!hubs) return direct;
    const out = [...direct];
    for (const h of hubs) for (const c of this.hubSources.get(h) ?? []) if (nodeKey(c) !== key) out.push(c);
    return out;
  }

  /** What the component names, as `referrersOf` answers the other way. */
  referencesOf(key: string): Component[] {
    const out = [...(this.references.get(key) ?? [])];
    const i = this.indexOf.get(key);
    if (i === undefined) return out;
    for (const e of this.outs[i]!) {
      const h = this.edgeTo[e]!;
      if (this.componentAt[h]) continue;
      for (const m of this.membersOf.get(h) ?? []) if (this.keyAt[m] !== key) out.push(this.componentAt[m]!);
    }
    return out;
  }

  /** Where the dependency `from` -> `to` is written, when known (through a hub: where the dependent names it). */
  written(from: string, to: string): Written | undefined {
    const f = this.indexOf.get(from);
    const t = this.indexOf.get(to);
    if (f === undefined || t === undefined) return undefined;
    const direct = this.pairs[f]!.get(t);
    if (direct !== undefined) return this.edgeWritten[direct];
    for (const e of this.outs[f]!) {
      const h = this.edgeTo[e]!;
      if (!this.componentAt[h] && this.pairs[h]!.has(t)) return this.edgeWritten[e];
    }
    return undefined;
  }

  /** Where `from` names a regional or passive `to` (a reference that carries no failure in this graph), when known. */
  namedAt(from: string, to: string): Written | undefined {
    return this.unneededAt.get(`${from}\u0000${to}`);
  }

  /** The components `key` needs directly (through a hub: its members), each once. */
  needs(key: string): string[] {
    const i = this.indexOf.get(key);
    if (i === undefined) return [];
    const out = new Set<string>();
    for (const e of this.outs[i]!) {
      const w = this.edgeTo[e]!;
      this.budget.charge();
      if (this.componentAt[w]) out.add(this.keyAt[w]!);
      else {
        this.budget.charge(this.outs[w]!.length);
        for (const e2 of this.outs[w]!) out.add(this.keyAt[this.edgeTo[e2]!]!);
      }
    }
    return [...out];
  }

  /** The components that need `key` directly (through a hub: its dependents), each once. */
  neededBy(key: string): string[] {
    const i = this.indexOf.get(key);
    if (i === undefined) return [];
    const out = new Set<string>();
    for (const e of this.ins[i]!) {
      const v = this.edgeFrom[e]!;
      this.budget.charge();
      if (this.componentAt[v]) out.add(this.keyAt[v]!);
      else {
        this.budget.charge(this.ins[v]!.length);
        for (const e2 of this.ins[v]!) out.add(this.keyAt[this.edgeFrom[e2]!]!);
      }
    }
    return [...out];
  }

  /** Every node that needs `start`, directly or through others, whether or not an alternative covers for it. */
  dependents(start: string): Set<string> {
    const s = this.indexOf.get(start);
    const seen = new Set<string>();
    if (s === undefined) return seen;
    const stamp = ++this.generation;
    this.seenAt[s] = stamp;
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      for (const e of this.ins[queue[head]!]!) {
        this.budget.charge();
        const v = this.edgeFrom[e]!;
        if (this.seenAt[v] === stamp) continue;
        this.seenAt[v] = stamp;
        queue.push(v);
        if (this.componentAt[v]) seen.add(this.keyAt[v]!);
      }
    }
    return seen;
  }

  /**
   * Every node that fails when `start` fails: failure flows to dependents, through connectors,
   * and into a k-of-n group only when fewer than k of its members survive. Linear in edges.
   */
  failureClosure(start: string): string[] {
    return this.failureClosureOf([start]);
  }

  /** Every node that fails when all of `starts` fail together (themselves left out), by the rules of `failureClosure`. */
  failureClosureOf(starts: readonly string[]): string[] {
    const stamp = ++this.generation;
    const queue: number[] = [];
    for (const start of starts) {
      const s = this.indexOf.get(start);
      if (s === undefined || this.seenAt[s] === stamp) continue;
      this.seenAt[s] = stamp;
      queue.push(s);
    }
    const out: string[] = [];
    for (let head = 0; head < queue.length; head++) {
      for (const e of this.ins[queue[head]!]!) {
        this.budget.charge();
        const dependent = this.edgeFrom[e]!;
        if (this.seenAt[dependent] === stamp) continue;
        const g = this.edgeGroup[e]!;
        let fails = true;
        if (g !== NONE) {
          if (this.lostAt[g] !== stamp) {
            this.lostAt[g] = stamp;
            this.lost[g] = 0;
          }
          const lost = ++this.lost[g]!;
          fails = this.groupSize[g]! - lost < this.groupK[g]!;
        }
        if (fails) {
          this.seenAt[dependent] = stamp;
          queue.push(dependent);
          if (this.componentAt[dependent]) out.push(this.keyAt[dependent]!);
        }
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function writtenOf(d: StackDependency): Written {
  return { location: d.location!, ...(d.attribute ? { attribute: d.attribute } : {}) };
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
