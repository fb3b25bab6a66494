/**
 * What spans regions and what one region serves, as the configuration decides it (DESIGN: "Regions").
 * Spread over regions: a component counted in several (`Component.regions`: replicas, multi-region
 * storage), or alternatives of one redundancy group (Route 53 failover records, Global Accelerator
 * endpoint groups) placed in different regions. A global member (a DNS record) is placed where the
 * one region its targets share is. Served by one region: a component with a named region and nothing
 * that gives it another (a replica elsewhere, replication, a global database, a failover group).
 */
import type { AttributeSite, Component } from '../model/index.js';
import { catalogEntry } from './describe.js';
import type { Side } from './diff.js';
import { nodeKey, type FailureGraph } from './graph.js';

/** The region a component runs in, and where that is written (its own, or its target's through it). */
export interface Placed {
  region: string;
  site?: AttributeSite;
  /** The target whose region a global member takes. */
  through?: Component;
}

/** Something that runs in several regions: its members, each placed where the configuration says. */
export interface Spread {
  key: string;
  members: Component[];
  placed: (Placed | undefined)[];
  /** The distinct regions named among the members (or a counted component's count of them). */
  regions: string[];
  count: number;
}

export function placedIn(graph: FailureGraph, c: Component): Placed | undefined {
  if (c.region) return { region: c.region.name, ...(c.region.site ? { site: c.region.site } : {}) };
  if (!c.alternativeOf) return undefined;
  const targets = graph.referencesOf(nodeKey(c)).filter((t) => t.role !== 'passive' && t.role !== 'dns');
  let out: Placed | undefined;
  for (const t of targets) {
    if (!t.region || (out && out.region !== t.region.name)) return undefined;
    out ??= { region: t.region.name, ...(t.region.site ? { site: t.region.site } : {}), through: t };
  }
  return out;
}

/** Redundancy groups of alternatives, with where each member is placed, by stack and group id. */
export function alternativeGroups(side: Side): Map<string, Spread> {
  const groups = new Map<string, Spread>();
  for (const c of side.components.values()) {
    if (!c.alternativeOf || c.redundancy.instances === 0) continue;
    const key = `group\u0000${c.format}\u0000${c.stack}\u0000${c.alternativeOf.group}`;
    const group = groups.get(key) ?? { key, members: [], placed: [], regions: [], count: 0 };
    const placed = placedIn(side.analysis.graph, c);
    group.members.push(c);
    group.placed.push(placed);
    if (placed && !group.regions.includes(placed.region)) group.regions.push(placed.region);
    group.count = group.regions.length;
    groups.set(key, group);
  }
  return groups;
}

/** Everything the configuration spreads over two regions or more: counted components and alternatives. */
export function spreads(side: Side): Map<string, Spread> {
  const out = new Map<string, Spread>();
  for (const [key, group] of alternativeGroups(side)) if (group.count >= 2) out.set(key, group);
  for (const [key, c] of side.components) {
    if (!c.regions || c.regions.count < 2 || c.redundancy.instances === 0) continue;
    out.set(key, { key, members: [c], placed: [undefined], regions: allRegions(c.region?.name, c.regions), count: c.regions.count });
  }
  return out;
}

/** The regions counted, its own (the provider's) first when named: a table's replicas name only the others. */
export function allRegions(own: string | undefined, counted: NonNullable<Component['regions']>): string[] {
  const names = counted.names ?? [];
  return own !== undefined && !names.includes(own) && names.length < counted.count ? [own, ...names] : names;
}

const GLOBAL_DATABASES = new Set(['aws_rds_global_cluster', 'AWS::RDS::GlobalCluster']);
/** Types whose regions are counted by other means than `regions` (Cosmos DB: instances are its regions). */
const REGIONS_OTHERWISE = new Set(['azurerm_cosmosdb_account', 'AWS::DocumentDB::GlobalCluster']);

/**
 * The one region that serves a component, when the code decides it: a named region, counted as one or
 * by an entry that counts none, with no replica in another region (or one whose region is unknown), no
 * replication, no global database around it and no failover construct naming it.
 */
export function servedByOneRegion(side: Side, key: string): string | undefined {
  const c = side.components.get(key);
  if (!c?.region || c.redundancy.instances === 0) return undefined;
  if (c.regions ? c.regions.count !== 1 : catalogEntry(c.rule)?.regions !== undefined || REGIONS_OTHERWISE.has(c.type)) return undefined;
  const g = side.analysis.graph;
  const region = c.region.name;
  if ((g.copies.get(key) ?? []).some((copy) => copy.replica.region?.name !== region)) return undefined;
  const guards = [c, ...(g.guardians.get(key) ?? [])].flatMap((holder) => holder.safeguards ?? []);
  if (guards.some((s) => s.id === 'replication' && s.present)) return undefined;
  const around = [...g.referencesOf(key), ...g.referrersOf(key)];
  if (around.some((o) => GLOBAL_DATABASES.has(o.type) || o.failoverFor !== undefined)) return undefined;
  return region;
}
