/**
 * A multi-region component cut to one region (DESIGN: "Regions"; issue 11, item 3): a DynamoDB global
 * table that loses its second-region replica, a geo-redundant storage account made locally redundant, a
 * multi-region bucket or Spanner configuration made regional. A regional outage now takes it down whole
 * (and, for a copy kept in the other region, its data with it until the region returns). Reported as a
 * new SPOF of the regional kind, medium: regional outages are rare, and the reviewer weighs the cost.
 * Only counts the configuration decides on both sides are compared; the reverse change is no finding.
 */
import type { Component, Finding } from '../model/index.js';
import type { Side } from './diff.js';
import { what } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey } from './graph.js';
import { reach } from './safeguards.js';

export function regionsCut(base: Side, head: Side): Finding[] {
  const findings: Finding[] = [];
  for (const [key, after] of head.components) {
    const before = base.components.get(key);
    const was = before?.regions;
    const now = after.regions;
    if (!was || !now || was.count < 2 || now.count !== 1 || after.redundancy.instances === 0) continue;
    findings.push(cut(after, was, now, reach(head, nodeKey(after))));
  }
  return findings;
}

function cut(after: Component, was: NonNullable<Component['regions']>, now: NonNullable<Component['regions']>, dependents: string[]): Finding {
  const named = was.names?.length ? ` (${was.names.join(', ')}${was.names.length < was.count ? ' and its own' : ''})` : '';
  const site = now.site ?? was.site;
  const fix = `keep it in ${was.count} regions`;
  return {
    fingerprint: fingerprint('new-spof', after.stack, after.id, `${after.rule}:regional`),
    kind: 'new-spof',
    severity: 'medium',
    rule: after.rule,
    title: `New regional SPOF: ${what(after)}`,
    message: `${after.id} now runs in one region; it ran in ${was.count}${named}: an outage of that region takes it down whole, with no copy elsewhere to serve from or restore; fix: ${fix}.`,
    component: { id: after.id, type: after.type, format: after.format, stack: after.stack },
    location: { ...after.location },
    evidence: site ? [{ file: site.site.file, line: site.site.startLine, attribute: site.attribute, before: was.site?.value ?? `${was.count} regions`, after: now.site?.value ?? '1 region' }] : [],
    redundancy: { before: summary(after), after: summary(after) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: [] },
    recovery: { rto: { before: 'a regional outage is served from another region', after: 'until the region recovers' }, rpo: { before: 'the cross-region replication lag', after: 'what the region holds is unavailable until it recovers' } },
    fix,
  };
}

function summary(c: Component): Finding['redundancy']['before'] {
  return { instances: c.redundancy.instances, zones: c.redundancy.zones?.count ?? null };
}

/**
 * An Aurora global database is as many regions as it has member clusters (AWS allows one per region, each
 * joined by `global_cluster_identifier`, the primary possibly by the global cluster's
 * `source_db_cluster_identifier`). One that kept two or more and now keeps one, because the others were
 * removed from the configuration, is a new regional SPOF on the global cluster. A member still declared
 * but no longer found by reference (an expression not evaluated) is never counted as lost.
 */
const GLOBAL_CLUSTERS = new Set(['aws_rds_global_cluster', 'AWS::RDS::GlobalCluster']);
const MEMBER_CLUSTERS = new Set(['aws_rds_cluster', 'AWS::RDS::DBCluster']);

export function globalMembersLost(base: Side, head: Side): Finding[] {
  const findings: Finding[] = [];
  for (const [key, after] of head.components) {
    if (!GLOBAL_CLUSTERS.has(after.type) || !base.components.has(key)) continue;
    const was = memberClusters(base, key);
    const now = memberClusters(head, key);
    if (was.length < 2 || now.length !== 1) continue;
    const removed = was.filter((m) => !declared(head, m));
    if (removed.length !== was.length - 1) continue;
    findings.push(globalCut(after, was.length, now[0]!, removed, reach(head, nodeKey(now[0]!))));
  }
  return findings;
}

function memberClusters(side: Side, key: string): Component[] {
  const g = side.analysis.graph;
  const out = new Map<string, Component>();
  for (const c of [...g.referrersOf(key), ...g.referencesOf(key)]) if (MEMBER_CLUSTERS.has(c.type) && c.redundancy.instances !== 0) out.set(nodeKey(c), c);
  return [...out.values()];
}

/** Still in the configuration and not switched off (`count = 0`). */
function declared(head: Side, c: Component): boolean {
  const now = head.components.get(nodeKey(c));
  return now !== undefined && now.redundancy.instances !== 0;
}

function globalCut(after: Component, was: number, left: Component, removed: Component[], dependents: string[]): Finding {
  const fix = 'keep a member cluster in a second region';
  const names = removed.map((c) => c.id).join(', ');
  return {
    fingerprint: fingerprint('new-spof', after.stack, after.id, `${after.rule}:regional`),
    kind: 'new-spof',
    severity: 'medium',
    rule: after.rule,
    title: `New regional SPOF: ${what(after)}`,
    message:
      `${after.id} now has one member cluster, ${left.id}; it had ${was} (${names} removed), each in its own region: ` +
      `an outage of ${left.id}'s region takes the database down whole, with no secondary cluster to fail over to${dependents.length ? ` (${dependents.slice(0, 3).join(', ')}${dependents.length > 3 ? ` and ${dependents.length - 3} more` : ''} read it)` : ''}; fix: ${fix}.`,
    component: { id: after.id, type: after.type, format: after.format, stack: after.stack },
    location: { ...after.location },
    evidence: removed.map((c) => ({ file: c.location.file, line: c.location.startLine, attribute: c.id, before: c.id, after: null })),
    redundancy: { before: summary(left), after: summary(left) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: [] },
    recovery: {
      rto: { before: 'a managed failover to the secondary region (minutes)', after: 'until the region recovers' },
      rpo: { before: 'the storage replication lag (typically under a second)', after: 'what the region holds is unavailable until it recovers' },
    },
    fix,
  };
}
