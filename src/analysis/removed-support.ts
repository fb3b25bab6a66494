/**
 * Failover that a change takes away without touching what it protected (issue 9: cloud failover constructs).
 * Three shapes, each a `redundancy-reduced` on what remains, with evidence where the removed part was:
 * - a member of a redundancy group removed while another remains (the secondary of a Route 53 failover
 *   pair, one region's Global Accelerator endpoint group): the remaining one has nothing to fail over to;
 * - a failover construct removed while what it names remains (an Azure SQL failover group and its
 *   databases: `Component.failoverFor`): they no longer fail over to the partner region;
 * - a component that never fails alone losing instances or its failover (a Cosmos DB account losing a
 *   region or its multi-region failover, a RecordSetGroup losing its secondary record): nothing else
 *   reports it, since such components are never SPOFs.
 * A remaining member that became a SPOF is reported by its new-spof finding instead (with this evidence).
 */
import type { Component, Evidence, Finding, Severity } from '../model/index.js';
import type { Side } from './diff.js';
import { describeRedundancy, impact, what } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { isDeclaredThrough, nodeKey } from './graph.js';
import { canFail } from './spof.js';

type ChangedAttributes = (before: Component, after: Component) => Evidence[];

export function lostFailover(base: Side, head: Side, findings: readonly Finding[], changed: ChangedAttributes): Finding[] {
  const covered = coveredIds(findings);
  const out: Finding[] = [];
  for (const group of alternativeGroups(base)) {
    const gone = group.filter((c) => !head.components.has(nodeKey(c)));
    const left = group.map((c) => head.components.get(nodeKey(c))).filter((c): c is Component => c !== undefined);
    const target = left.sort((a, b) => a.id.localeCompare(b.id))[0];
    if (!gone.length || !target || covered.has(nodeKey(target))) continue;
    const names = gone.map((c) => c.id).join(', ');
    const message =
      `${target.id} lost its failover alternative${gone.length === 1 ? '' : 's'} ${names} (${left.length} of ${group.length} left): ` +
      `${left.length === 1 ? `when it fails, nothing takes over: ${impact(target)}` : 'fewer alternatives remain to take over'}`;
    out.push(reduced(target, `${target.rule}:alternatives`, left.length === 1 ? 'medium' : 'low', `Failover alternative removed: ${what(target)}`, message, 'keep a second alternative (in another region or zone) to fail over to', gone.map(wasAt)));
  }
  for (const construct of base.components.values()) {
    if (!construct.failoverFor || head.components.has(nodeKey(construct))) continue;
    for (const { target, written } of protectedBy(base, construct)) {
      const after = head.components.get(nodeKey(target));
      if (!after) continue;
      const at = written?.location ?? construct.location;
      const evidence: Evidence = { file: at.file, line: at.startLine, attribute: written?.attribute ?? `removed ${construct.id}`, before: construct.id, after: null };
      const message = `${after.id} no longer fails over elsewhere: ${construct.id}, which gave it a failover target in another region, was removed; an outage of its region now takes it down`;
      out.push(reduced(after, `${after.rule}:failover`, 'medium', `Failover removed: ${what(after)}`, message, `keep ${construct.id} (or another failover construct) for it`, [evidence]));
    }
  }
  for (const [key, after] of head.components) {
    const before = base.components.get(key);
    if (!before || canFail(after) || !after.regional || after.role === 'passive' || after.role === 'connector' || covered.has(key)) continue;
    const reasons = lostRedundancy(before, after);
    if (!reasons.length) continue;
    const alone = after.redundancy.failover !== true || after.redundancy.instances === 1;
    const message = `${after.id} went from ${describeRedundancy(before.redundancy)} to ${describeRedundancy(after.redundancy)} (${reasons.join(', ')}): ${alone ? `nothing takes over when what remains fails, so ${impact(after)}` : 'fewer alternatives remain to take over'}`;
    out.push(reduced(after, `${after.rule}:failover`, alone ? 'medium' : 'low', `Failover reduced: ${what(after)}`, message, 'restore the previous failover setting', [...goneAttributes(before, after), ...changed(before, after)], before));
  }
  return out;
}

/** What the remaining member's new-spof findings already explain: the ids they take down. */
function coveredIds(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.kind !== 'new-spof') continue;
    for (const id of [...f.blastRadius.dependents, ...f.blastRadius.entryPoints, f.component.id]) out.add(nodeKey({ format: f.component.format, stack: f.component.stack, id }));
  }
  return out;
}

/** The redundancy groups of a side (`Component.alternativeOf`), members by group. */
function alternativeGroups(side: Side): Component[][] {
  const groups = new Map<string, Component[]>();
  for (const c of side.components.values()) {
    if (!c.alternativeOf) continue;
    const key = `${c.format}\u0000${c.stack}\u0000${c.alternativeOf.group}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** The components a failover construct names through its `failoverFor` attributes, with where it names them. */
function protectedBy(side: Side, construct: Component): { target: Component; written?: { location: Component['location']; attribute?: string } }[] {
  const g = side.analysis.graph;
  const key = nodeKey(construct);
  if (!g.has(key)) return [];
  const out: { target: Component; written?: { location: Component['location']; attribute?: string } }[] = [];
  for (const needed of g.needs(key)) {
    const written = g.written(key, needed);
    if (!isDeclaredThrough(construct.failoverFor?.via, { from: construct.id, ...(written?.attribute ? { attribute: written.attribute } : {}) })) continue;
    out.push({ target: g.component(needed), ...(written ? { written } : {}) });
  }
  return out;
}

/** Instances or failover lost (unknowns never count). */
function lostRedundancy(before: Component, after: Component): string[] {
  const [b, a] = [before.redundancy, after.redundancy];
  const reasons: string[] = [];
  if (b.instances !== null && a.instances !== null && a.instances < b.instances) reasons.push(`instances ${b.instances} -> ${a.instances}`);
  if (b.failover === true && a.failover === false) reasons.push('automatic failover removed');
  return reasons;
}

/** Decisive attributes the head no longer has (the Failover of a removed record), cited where they were, in the base. */
export function goneAttributes(before: Component, after: Component): Evidence[] {
  return Object.entries(before.attributes)
    .filter(([key, old]) => !(key in after.attributes) && old.value !== undefined && old.value !== null)
    .map(([, old]) => ({ file: old.site.file, line: old.site.startLine, attribute: old.attribute, before: old.value, after: null }));
}

/** Evidence for a component gone from the head: its first line in the base. */
export function wasAt(c: Component): Evidence {
  return { file: c.location.file, line: c.location.startLine, attribute: `removed ${c.id}`, before: c.id, after: null };
}

function reduced(c: Component, rule: string, severity: Severity, title: string, message: string, fix: string, evidence: Evidence[], before?: Component): Finding {
  const summary = (x: Component) => ({ instances: x.redundancy.instances, zones: x.redundancy.zones?.count ?? null });
  const finding: Finding = {
    fingerprint: fingerprint('redundancy-reduced', c.stack, c.id, rule),
    kind: 'redundancy-reduced',
    severity,
    rule: c.rule,
    title,
    message: `${message}; fix: ${fix}.`,
    fix,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    location: { ...c.location },
    evidence,
    redundancy: { before: summary(before ?? c), after: summary(c) },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
  };
  if (c.fix?.suggestion) finding.suggestion = { ...c.fix.suggestion };
  return finding;
}
