/**
 * Replicas lost by a source (issue 8, "replication is a copy"). A read replica, a geo-secondary or a replica
 * server is a promotable copy of its source: adding one is no finding, removing one takes away the fallback
 * that turns the loss of the source into a promotion (minutes, seconds of data) rather than a restore
 * (hours, up to the backup interval). That is a `redundancy-reduced` on the source, rated `low`: the copy is
 * asynchronous and promoted by hand, so the source's own failover (Multi-AZ, HA) is what decides a SPOF.
 */
import type { Component, Evidence, Finding } from '../model/index.js';
import { what, redundancySummary } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey, type Copy, type FailureGraph } from './graph.js';

/** The replicas `key` had in `base` that no longer copy it in `head` (removed, or turned into a standalone server). */
export function lostCopies(base: FailureGraph, head: FailureGraph, key: string, after: Component): Finding | undefined {
  const had = base.copies.get(key) ?? [];
  if (!had.length) return undefined;
  const kept = new Set((head.copies.get(key) ?? []).map((copy) => copy.replica.id));
  // Lost means gone or promoted to a standalone server: a replica still a copy in head whose source reference
  // could not be followed (an unevaluable expression) is not reported on a guess.
  const lost = had.filter((copy) => !kept.has(copy.replica.id) && !stillACopy(head, copy.replica));
  if (!lost.length) return undefined;
  const names = lost.map((copy) => copy.replica.id);
  const left = kept.size;
  const those = names.length === 1 ? `its replica ${names[0]}` : `its replicas ${names.join(', ')}`;
  const fix = 'keep a replica if it was the fallback for losing the source';
  return {
    fingerprint: fingerprint('redundancy-reduced', after.stack, after.id, `${after.rule}:replicas`),
    kind: 'redundancy-reduced',
    severity: 'low',
    rule: after.rule,
    title: `Replica removed: ${what(after)}`,
    message:
      `${after.id} lost ${those} (a promotable copy of its data; ${left === 0 ? 'none is left' : `${left} left`}): ` +
      `${left === 0 ? 'losing the source now means restoring a snapshot (hours, data since the last backup) instead of promoting a replica' : 'fewer copies remain to promote'}, ` +
      `and readers of the removed replica must use another; fix: ${fix}.`,
    component: { id: after.id, type: after.type, format: after.format, stack: after.stack },
    location: { ...after.location },
    evidence: lost.map(evidenceOf),
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
    fix,
  };
}

function stillACopy(head: FailureGraph, replica: Component): boolean {
  const key = nodeKey(replica);
  return head.has(key) && head.component(key).copyOf !== undefined;
}

/** Where the removed replica named its source (in the base). */
function evidenceOf(copy: Copy): Evidence {
  const at = copy.written?.location ?? copy.replica.location;
  return { file: at.file, line: at.startLine, attribute: copy.written?.attribute ?? `replica ${copy.replica.id}`, before: copy.replica.id, after: null };
}
