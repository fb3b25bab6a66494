import { CATALOG, type PipelineRole, type RecoveryEstimate } from '../catalog/index.js';
import { OPAQUE_MODULE_ENTRIES } from '../catalog/modules/opaque.js';
import type { Component, Finding, Redundancy } from '../model/index.js';
import type { Spof } from './api.js';

/** What the catalog knows about a rule (resource entries and image entries alike). */
export interface RuleInfo {
  title: string;
  impact?: string;
  serves?: string;
  pipeline?: PipelineRole;
  recovery?: { redundant: RecoveryEstimate; single: RecoveryEstimate };
  /** Present when the entry counts the regions of its resources (`CatalogEntry.regions`). */
  regions?: unknown;
}

let byId: Map<string, RuleInfo> | undefined;

export function catalogEntry(rule: string): RuleInfo | undefined {
  byId ??= new Map<string, RuleInfo>([...CATALOG, ...OPAQUE_MODULE_ENTRIES].map((e) => [e.id, e] as const));
  return byId.get(rule);
}

export function describeRedundancy(r: Redundancy | null): string {
  if (!r) return 'absent';
  const parts: string[] = [];
  if (r.instances === null) parts.push('unknown instances');
  else parts.push(r.instances === 1 ? '1 instance' : `${r.instances} instances`);
  if (r.zones) parts.push(r.zones.count === 1 ? `1 zone${r.zones.names ? ` (${r.zones.names[0]})` : ''}` : `${r.zones.count} zones`);
  if (r.failover !== null) parts.push(r.failover ? 'automatic failover' : 'no failover');
  if (r.quorum) parts.push('quorum');
  return parts.join(', ');
}

function list(ids: readonly string[], max = 3): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** "what depends on it": dependents and entry points, or why it still matters. */
export function describeBlast(spof: Pick<Spof, 'blastRadius' | 'component' | 'connects'>): string {
  const { dependents, entryPoints: all } = spof.blastRadius;
  // A SPOF that is itself an entry point (a load balancer) is listed among its entry points.
  const self = all.includes(spof.component.id);
  const entryPoints = all.filter((e) => e !== spof.component.id);
  const deps = dependents.filter((d) => !entryPoints.includes(d));
  const parts: string[] = [];
  if (deps.length) parts.push(list(deps));
  if (entryPoints.length) parts.push(`entry point${entryPoints.length > 1 ? 's' : ''} ${list(entryPoints)}`);
  if (self) parts.push('everyone who reaches it directly (it is an entry point)');
  if (!parts.length && spof.component.pipeline) {
    const connects = spof.connects?.length ? `; its configuration connects it to ${list(spof.connects)}` : '';
    return `every pipeline it ${spof.component.pipeline.part === 'ingestion' ? 'carries' : 'runs'} (nothing in this repository references it${connects})`;
  }
  if (!parts.length) {
    const r = spof.component.redundancy;
    // A majority system that lost its majority still has its data on the members left: what stops is serving it.
    if (r.quorum && r.instances !== null && r.instances >= 2) return 'its clients (nothing in this repository references it; the members left keep the data but cannot serve it without a majority)';
    // Read replicas that are never promoted (Bitnami PostgreSQL) hold copies; none of them takes over.
    return 'the data it holds (nothing in this repository references it, and no standby takes over serving its data)';
  }
  return parts.join(' and ');
}

export function what(c: Component): string {
  const entry = catalogEntry(c.rule);
  return entry ? `${c.id} (${entry.title})` : c.id;
}

/** What a replica's failure means: its readers fail, its data does not (the source holds it). */
const REPLICA_IMPACT = 'what reads through this replica fails until it is re-created or its readers are pointed at the source, which keeps the data';

export function impact(c: Component): string {
  if (c.copyOf) return REPLICA_IMPACT;
  return catalogEntry(c.rule)?.impact ?? 'it stops serving';
}

export function howToFix(c: Component, kind: 'instance' | 'zonal' | 'quorum'): string {
  if (c.fix) return c.fix.description;
  if (kind === 'instance' && c.pipeline) {
    const pipeline = catalogEntry(c.rule)?.pipeline;
    const text = pipeline?.singleton?.fix ?? pipeline?.fix;
    if (text) return text;
  }
  if (c.copyOf && kind === 'instance') return 'give its readers a second replica, or let them fall back to the source';
  switch (kind) {
    case 'quorum':
      return 'run an odd number of members, at least 3';
    case 'zonal':
      // A load balancer serves from the zones of the subnets it is attached to: when it is already on
      // every subnet it is given, "spread it" is no edit; a subnet in another zone is.
      return c.role === 'load-balancer'
        ? 'attach it to subnets in at least two zones (a load balancer serves only from the zones of its subnets; add a subnet in another zone if all of them are in one)'
        : 'spread it across the zones its dependents use (one per zone)';
    default:
      return 'run at least 2 instances in different zones, or enable the managed failover option';
  }
}

/** A component's redundancy as a finding shows it: instances and the number of zones. */
export function redundancySummary(c: Component): Finding['redundancy']['before'] {
  return { instances: c.redundancy.instances, zones: c.redundancy.zones?.count ?? null };
}
