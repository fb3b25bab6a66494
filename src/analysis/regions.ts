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
