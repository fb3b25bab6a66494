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
import { what, redundancySummary } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey } from './graph.js';
import { reach } from './safeguards.js';
import { allRegions, alternativeGroups, type Placed } from './region-spread.js';

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
  const names = allRegions(after.region?.name, was);
  const named = names.length ? ` (${names.join(', ')}${names.length < was.count ? ' and its own' : ''})` : '';
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
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: [] },
    recovery: { rto: { before: 'a regional outage is served from another region', after: 'until the region recovers' }, rpo: { before: 'the cross-region replication lag', after: 'what the region holds is unavailable until it recovers' } },
    fix,
  };
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
    redundancy: { before: redundancySummary(left), after: redundancySummary(left) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: [] },
    recovery: {
      rto: { before: 'a managed failover to the secondary region (minutes)', after: 'until the region recovers' },
      rpo: { before: 'the storage replication lag (typically under a second)', after: 'what the region holds is unavailable until it recovers' },
    },
    fix,
  };
}

/**
 * Alternatives of one redundancy group (Route 53 failover records, Global Accelerator endpoint groups) that
 * were placed in two regions or more and now all sit in one (a provider alias's region changed, a resource's
 * `provider` or a module's `providers` moved to another configuration): the failover still exists on paper,
 * but an outage of that region takes every alternative down. Every member's region must be named on both
 * sides; a member removed is the failover constructs' business (amendment 36), not this one.
 */
export function alternativesCut(base: Side, head: Side): Finding[] {
  const findings: Finding[] = [];
  const was = alternativeGroups(base);
  for (const [key, now] of alternativeGroups(head)) {
    const before = was.get(key);
    if (!before || before.count < 2 || now.count !== 1 || now.members.length < 2) continue;
    if (before.placed.includes(undefined) || now.placed.includes(undefined)) continue;
    const region = now.regions[0]!;
    const moved = now.members.flatMap((m, i) => {
      const j = before.members.findIndex((b) => b.id === m.id);
      const old = j < 0 ? undefined : before.placed[j];
      return old && old.region !== region ? [{ member: m, from: old, to: now.placed[i]! }] : [];
    });
    if (!moved.length) continue;
    findings.push(alternativesInOneRegion(head, now.members, before.regions, region, moved));
  }
  return findings;
}

interface Moved {
  member: Component;
  from: Placed;
  to: Placed;
}

function alternativesInOneRegion(head: Side, members: Component[], regions: string[], region: string, moved: Moved[]): Finding {
  const first = moved[0]!;
  const c = first.member;
  const dependents = reach(head, nodeKey(c));
  const where = (m: Moved) => (m.to.through ? `${m.member.id} (through ${m.to.through.id})` : m.member.id);
  const retargeted = (m: Moved) => m.to.through !== undefined && m.from.through !== undefined && m.from.through.id !== m.to.through.id;
  const fix = moved
    .map((m) => (retargeted(m) ? `point ${m.member.id} back at ${m.from.through!.id}` : `put ${m.to.through?.id ?? m.member.id} back in ${m.from.region}`))
    .join('; ');
  return {
    fingerprint: fingerprint('new-spof', c.stack, c.alternativeOf?.group ?? c.id, `${c.rule}:regional`),
    kind: 'new-spof',
    severity: 'medium',
    rule: c.rule,
    title: `New regional SPOF: ${what(c)} and its alternatives all in ${region}`,
    message:
      `${members.map((m) => m.id).join(', ')} are alternatives that fail over to each other; they ran in ${regions.join(', ')} and now all run in ${region} ` +
      `(${moved.map(where).join(', ')} moved there): an outage of ${region} takes every alternative down, with nothing left to fail over to; fix: ${fix}.`,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    location: { ...c.location },
    evidence: moved.flatMap((m) => {
      // Pointed at another target: the reference that now names it.
      if (retargeted(m)) {
        const w = head.analysis.graph.written(nodeKey(m.member), nodeKey(m.to.through!));
        if (w) return [{ file: w.location.file, line: w.location.startLine, attribute: w.attribute ?? `dependency of ${m.member.id}`, before: m.from.through!.id, after: m.to.through!.id }];
      }
      const site = m.to.site;
      if (!site) return [];
      // The line that moved it: what chose another provider configuration (`provider`, a module's `providers`)
      // when that is what changed, else where the region is named.
      const chosen = site.decidedBy;
      if (chosen && chosen.value !== m.from.site?.decidedBy?.value) {
        return [{ file: chosen.site.file, line: chosen.site.startLine, attribute: chosen.attribute, before: m.from.site?.decidedBy?.value ?? null, after: chosen.value }];
      }
      return [{ file: site.site.file, line: site.site.startLine, attribute: site.attribute, before: m.from.region, after: region }];
    }),
    redundancy: { before: redundancySummary(c), after: redundancySummary(c) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: members.filter((m) => m.entryPoint).map((m) => m.id) },
    recovery: { rto: { before: 'a regional outage is served from another region', after: `until ${region} recovers` }, rpo: { before: 'unchanged', after: 'unchanged' } },
    fix,
  };
}
