/**
 * A component one region serves, on which something spread over regions depends (DESIGN: "Regions";
 * issue 11, item 3): two stacks behind Route 53 failover in us-east-1 and us-west-2 that both read the
 * us-east-1 database fail over to nothing when us-east-1 goes, whatever the failover records say.
 * It is reported when the change makes it so (a new need on the single-region component, its copy in
 * another region gone) while the spread was there before: a new SPOF of the regional kind, medium as a
 * regional cut is. Both sides must be decided by the code: the spread from named regions, the single
 * region from a named region with nothing that gives it another; and failure must flow from the
 * component to every member of the spread (the failure graph, k-of-n groups included). A component
 * that is already a SPOF is reported as one, not again for its region. The fix is a resolved SPOF.
 */
import type { Component, Evidence, Finding } from '../model/index.js';
import type { Side } from './diff.js';
import { newDependencies } from './new-needs.js';
import { what, redundancySummary } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey } from './graph.js';
import { servedByOneRegion, spreads, type Spread } from './region-spread.js';
import { wasAt } from './removed-support.js';

interface Taken {
  component: Component;
  region: string;
  spreads: Spread[];
}

export function regionalDependencies(base: Side, head: Side): Finding[] {
  const before = takenDown(base);
  const after = takenDown(head);
  const findings: Finding[] = [];
  const baseSpreads = spreads(base);
  const headSpreads = spreads(head);
  for (const [key, now] of after) {
    // A component cut from several regions to one is the regional cut's finding (regions.ts), naming its readers.
    if (before.has(key) || (base.components.get(key)?.regions?.count ?? 0) >= 2) continue;
    // The spread was there before: the change took its regions away from it, not the other way round.
    const kept = now.spreads.filter((s) => (baseSpreads.get(s.key)?.count ?? 0) >= 2);
    if (!kept.length) continue;
    findings.push(regionalSpof(base, head, key, { ...now, spreads: kept }));
  }
  for (const [key, was] of before) {
    // Resolved only on what the head decides: a region no longer named is unknown, not fixed.
    if (after.has(key) || !head.components.get(key)?.region || head.analysis.spofs.has(key)) continue;
    if (!was.spreads.some((s) => (headSpreads.get(s.key)?.count ?? 0) >= 2)) continue;
    findings.push(resolved(head.components.get(key)!, was));
  }
  return findings;
}

/** The single-region components whose failure takes down every member of a spread, with those spreads. */
function takenDown(side: Side): Map<string, Taken> {
  const out = new Map<string, Taken>();
  const all = [...spreads(side).values()];
  if (!all.length) return out;
  const g = side.analysis.graph;
  const inSpread = new Set(all.flatMap((s) => s.members.map(nodeKey)));
  for (const key of sharedNeeds(side, all)) {
    const c = side.components.get(key);
    if (!c || inSpread.has(key) || side.analysis.spofs.has(key) || !g.has(key) || c.role === 'passive') continue;
    const region = servedByOneRegion(side, key);
    if (!region) continue;
    const fails = new Set(failing(side, key));
    const taken = all.filter((s) => s.members.every((m) => fails.has(nodeKey(m))));
    if (taken.length) out.set(key, { component: c, region, spreads: taken });
  }
  return out;
}

/**
 * What every member of some spread needs, directly or through others (a regional service by a reference):
 * the only components whose failure can take a whole spread down, so the only ones judged.
 */
function sharedNeeds(side: Side, all: readonly Spread[]): Set<string> {
  const g = side.analysis.graph;
  const out = new Set<string>();
  for (const spread of all) {
    let shared: Set<string> | undefined;
    for (const member of spread.members) {
      const reached = new Set<string>();
      const queue = [nodeKey(member)];
      for (let i = 0; i < queue.length; i++) {
        const key = queue[i]!;
        for (const next of g.needs(key)) {
          if (reached.has(next)) continue;
          reached.add(next);
          queue.push(next);
        }
        for (const named of g.referencesOf(key)) if (named.regional) reached.add(nodeKey(named));
      }
      shared = shared ? new Set([...shared].filter((k) => reached.has(k))) : reached;
      if (!shared.size) break;
    }
    for (const key of shared ?? []) out.add(key);
  }
  return out;
}

function regionalSpof(base: Side, head: Side, key: string, taken: Taken): Finding {
  const c = taken.component;
  const spread = taken.spreads[0]!;
  const others = spread.regions.filter((r) => r !== taken.region);
  const fix = others.length
    ? `serve ${c.id} in ${others.join(', ')} too (a replica or copy there for ${others.length > 1 ? 'those regions' : 'that region'} to read), or point ${others.length > 1 ? 'their sides' : "that region's side"} back at ${others.length > 1 ? 'their own' : 'its own'}`
    : `serve ${c.id} in every region ${spread.members.length > 1 ? 'the alternatives run in' : `${spread.members[0]!.id} runs in`}`;
  const dependents = failing(head, key).map((k) => head.analysis.graph.component(k).id);
  return {
    fingerprint: fingerprint('new-spof', c.stack, c.id, `${c.rule}:regional-dependency`),
    kind: 'new-spof',
    severity: 'medium',
    rule: c.rule,
    title: `New regional SPOF: ${what(c)}`,
    message:
      `${c.id} runs in one region, ${taken.region}, and ${describeSpread(spread)} now ${spread.members.length > 1 ? 'need' : 'needs'} it from every region: ` +
      `an outage of ${taken.region} takes ${c.id} down and every region's side with it, so the spread over regions has nothing to fail over to; fix: ${fix}.`,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    location: { ...c.location },
    evidence: evidenceOf(base, head, key, taken),
    redundancy: { before: redundancySummary(c), after: redundancySummary(c) },
    blastRadius: { before: failing(base, key).length, after: dependents.length, dependents, entryPoints: [] },
    recovery: {
      rto: { before: 'a regional outage is served from another region', after: `until ${taken.region} recovers` },
      rpo: { before: 'unchanged', after: `what ${c.id} holds is unavailable until ${taken.region} recovers` },
    },
    fix,
  };
}

/**
 * What fails with a component. A regional managed service (a queue, a bucket, a table) never fails alone, so
 * the failure graph keeps no edge to it; its region can fail, and with it what names it at run time: its
 * non-passive referrers that neither copy it nor hold its safeguards, and what fails with them.
 */
function failing(side: Side, key: string): string[] {
  const g = side.analysis.graph;
  if (!g.has(key)) return [];
  const c = g.component(key);
  if (!c.regional) return g.failureClosure(key);
  const users = regionalUsers(side, key);
  return [...users, ...g.failureClosureOf(users)];
}

function regionalUsers(side: Side, key: string): string[] {
  const g = side.analysis.graph;
  const aside = new Set([...(g.copies.get(key) ?? []).map((copy) => nodeKey(copy.replica)), ...(g.guardians.get(key) ?? []).map(nodeKey)]);
  const out = new Set<string>();
  for (const r of g.referrersOf(key)) if (r.role !== 'passive' && !aside.has(nodeKey(r)) && nodeKey(r) !== key) out.add(nodeKey(r));
  return [...out];
}

/** What made it so: the new needs on it, else its copies in another region that are gone (cited in the base). */
function evidenceOf(base: Side, head: Side, key: string, taken: Taken): Evidence[] {
  const added = taken.component.regional ? newUsers(base, head, key) : newDependencies(base, head, key);
  if (added.length) return added;
  const kept = new Set((head.analysis.graph.copies.get(key) ?? []).map((copy) => copy.replica.id));
  const gone = (base.analysis.graph.copies.get(key) ?? []).filter((copy) => !kept.has(copy.replica.id) && copy.replica.region?.name !== taken.region);
  if (gone.length) return gone.map((copy) => wasAt(copy.replica));
  const site = taken.component.region?.site;
  return site ? [{ file: site.site.file, line: site.site.startLine, attribute: site.attribute, before: null, after: taken.region }] : [];
}

/** Where the users of a regional service that did not use it in the base name it. */
function newUsers(base: Side, head: Side, key: string): Evidence[] {
  const had = new Set(base.analysis.graph.has(key) ? regionalUsers(base, key) : []);
  const out: Evidence[] = [];
  for (const user of regionalUsers(head, key)) {
    const w = had.has(user) ? undefined : head.analysis.graph.namedAt(user, key);
    if (!w) continue;
    out.push({ file: w.location.file, line: w.location.startLine, attribute: w.attribute ?? `dependency of ${head.analysis.graph.component(user).id}`, before: null, after: head.analysis.graph.component(key).id });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `the failover alternatives a (us-east-1) and b (us-west-2)`, or `t, which runs in 2 regions (us-east-1, eu-west-1),`. */
function describeSpread(spread: Spread): string {
  if (spread.members.length === 1) {
    return `${spread.members[0]!.id}, which runs in ${spread.count} regions${spread.regions.length ? ` (${spread.regions.join(', ')})` : ''},`;
  }
  const names = spread.members.map((m, i) => `${m.id}${spread.placed[i] ? ` (${spread.placed[i]!.region})` : ''}`);
  return `the failover alternatives ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function resolved(after: Component, was: Taken): Finding {
  const spread = was.spreads[0]!;
  return {
    fingerprint: fingerprint('resolved-spof', after.stack, after.id, `${after.rule}:regional-dependency`),
    kind: 'resolved-spof',
    severity: 'low',
    rule: after.rule,
    title: `Regional SPOF resolved: ${what(after)}`,
    message: `${after.id} is no longer a regional single point of failure: ${describeSpread(spread).replace(/,$/, '')} no longer ${spread.members.length > 1 ? 'all need' : 'needs'} it, so an outage of ${was.region} leaves another region serving.`,
    component: { id: after.id, type: after.type, format: after.format, stack: after.stack },
    location: { ...after.location },
    evidence: [],
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
  };
}
