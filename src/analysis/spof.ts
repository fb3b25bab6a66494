import { STATEFUL_ROLES, type Component, type Severity } from '../model/index.js';
import type { Spof, SpofKind, Snapshot } from './api.js';
import { Budget } from './budget.js';
import { FailureGraph, nodeKey } from './graph.js';

/** Roles that never fail by themselves: they only pass failure on (connectors) or carry none (passive). */
const NON_FAILING = new Set(['connector', 'passive']);

export function canFail(c: Component): boolean {
  return !c.regional && !NON_FAILING.has(c.role);
}

/** Components that do work users notice when they fail (regional services included: a Lambda fails when its database does). */
export function doesWork(c: Component): boolean {
  return !NON_FAILING.has(c.role);
}

/** One instance failing takes the whole component down. Unknown counts never qualify: we do not guess. */
export function failsOnOneInstance(c: Component): boolean {
  const r = c.redundancy;
  if (!canFail(c) || r.zonalManaged || r.instances === null) return false;
  if (r.quorum) return r.instances <= 2;
  return r.instances <= 1 && r.failover !== true;
}

export function quorumWithoutTolerance(c: Component): boolean {
  const r = c.redundancy;
  return canFail(c) && r.quorum && r.instances !== null && r.instances <= 2;
}

/** All instances sit in one known zone. */
export function confinedToOneZone(c: Component): boolean {
  return canFail(c) && c.redundancy.zones !== null && c.redundancy.zones.count === 1;
}

export interface SnapshotAnalysis {
  graph: FailureGraph;
  /** SPOFs by node key. */
  spofs: Map<string, Spof>;
}

/**
 * Find every SPOF of a snapshot. Each candidate is failed alone and the failure is propagated
 * through the graph: exact, and cheap at infrastructure sizes (candidates x edges).
 */
export function analyzeSnapshot(snapshot: Snapshot, budget: Budget = Budget.unlimited()): SnapshotAnalysis {
  const graph = new FailureGraph(snapshot.components, snapshot.dependencies, budget);
  const spofs = new Map<string, Spof>();
  const groups = alternativeGroups(snapshot.components);
  for (const key of graph.keys()) {
    const c = graph.component(key);
    const instance = failsOnOneInstance(c);
    const zonal = confinedToOneZone(c);
    if (!instance && !zonal) continue;
    const closure = stillServed(graph.failureClosure(key).map((n) => graph.component(n)), groups);
    // Listing the blast radius is work too: n SPOFs of n dependents each is quadratic output.
    budget.charge(closure.length);
    const dependents = closure.filter(doesWork);
    const entryPoints = closure.filter((d) => d.entryPoint).map((d) => d.id);
    if (c.entryPoint) entryPoints.unshift(c.id);
    const kinds: SpofKind[] = [];
    // Stateful components matter even when nothing in the repo references them: their data does. Not a
    // replica: its data has a second home (the source), so only what reads through it makes it matter.
    // So do schedulers and ingestion workers: what they run lives in code and other systems, and halts with them.
    const matters = dependents.length > 0 || entryPoints.length > 0 || (STATEFUL_ROLES.has(c.role) && !c.copyOf) || c.pipeline !== undefined;
    if (instance && matters) kinds.push(quorumWithoutTolerance(c) ? 'quorum' : 'instance');
    if (zonal && (spansSeveralZones(dependents) || entryPoints.length > 0)) kinds.push('zonal');
    if (!kinds.length) continue;
    const spof: Spof = {
      component: c,
      kinds,
      blastRadius: { dependents: unique(dependents.map((d) => d.id)), entryPoints: unique(entryPoints) },
      severity: 'low',
    };
    if (c.pipeline) spof.connects = connectedTo(graph, key);
    spof.severity = spofSeverity(spof);
    spofs.set(key, spof);
  }
  return { graph, spofs };
}

/** Size of each redundancy group of alternatives (`Component.alternativeOf`), by stack-qualified group id. */
function alternativeGroups(components: readonly Component[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const c of components) {
    if (!c.alternativeOf) continue;
    const g = groupKey(c);
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
  }
  return sizes;
}

function groupKey(c: Component): string {
  return `${c.format}\u0000${c.stack}\u0000${c.alternativeOf!.group}`;
}

/**
 * Drop the failed members of redundancy groups that still have `k` members serving: a failover record
 * whose target failed is covered by its secondary, and the name it stands for keeps answering.
 */
function stillServed(failed: Component[], groups: ReadonlyMap<string, number>): Component[] {
  if (!groups.size || !failed.some((c) => c.alternativeOf)) return failed;
  const lost = new Map<string, number>();
  for (const c of failed) if (c.alternativeOf) lost.set(groupKey(c), (lost.get(groupKey(c)) ?? 0) + 1);
  return failed.filter((c) => {
    if (!c.alternativeOf) return true;
    const g = groupKey(c);
    return (groups.get(g) ?? 0) - (lost.get(g) ?? 0) < c.alternativeOf.k;
  });
}

function spansSeveralZones(components: readonly Component[]): boolean {
  const names = new Set<string>();
  let maxCount = 0;
  for (const c of components) {
    const z = c.redundancy.zones;
    if (!z) continue;
    maxCount = Math.max(maxCount, z.count);
    for (const n of z.names ?? []) names.add(n);
  }
  return Math.max(maxCount, names.size) >= 2;
}

/** The severity a SPOF of this shape gets when it is new (DESIGN: "Severity"). */
export function spofSeverity(s: Spof): Severity {
  if (s.kinds.includes('instance')) {
    // A replica loses no data when it fails (its source holds it): what reads through it fails, as with compute.
    return STATEFUL_ROLES.has(s.component.role) && !s.component.copyOf && s.blastRadius.entryPoints.length > 0 ? 'critical' : 'high';
  }
  if (s.kinds.includes('quorum')) return 'high';
  return 'medium';
}

/**
 * What a pipeline component's configuration connects it to (its metadata database, the Kafka it reads, the
 * store it writes), through connectors such as a Service: the systems whose data stops moving while it is down.
 */
function connectedTo(graph: FailureGraph, key: string): string[] {
  const out = new Set<string>();
  const visit = (c: Component, depth: number) => {
    for (const t of graph.referencesOf(nodeKey(c))) {
      if (t === c || t.id === graph.component(key).id) continue;
      // A Service, a subnet: look one step behind it, no further (a subnet's VPC is no data system).
      if (t.role === 'connector') {
        if (depth === 0) visit(t, 1);
      } else if (t.role !== 'passive') out.add(t.id);
    }
  };
  visit(graph.component(key), 0);
  return [...out].slice(0, 8);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
