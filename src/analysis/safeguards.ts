/**
 * Safeguards lost (DESIGN: "Safeguards"; issue 11, items 2 and 5). A queue or subscription whose
 * dead-letter target is removed lets one message its consumers cannot process be retried until it
 * expires: a medium `redundancy-reduced`. A data store that loses its last recoverable copy (backups,
 * point-in-time recovery, versioning, replication) can no longer undo a deletion or a corrupting write,
 * which Multi-AZ does not protect against: a `new-spof` of the data-loss kind. Losing one copy of several
 * is a medium `redundancy-reduced`; a shorter backup retention a low one.
 *
 * What a component has is its own safeguards and those of its companions (`FailureGraph.guardians`: an
 * `aws_s3_bucket_versioning` protects its bucket). A safeguard the head does not decide (a value known only
 * at deploy time) is unknown, never lost. Replicas and switched-off components are left out.
 */
import type { Component, Evidence, Finding, Safeguard, Severity } from '../model/index.js';
import type { Side } from './diff.js';
import { what, redundancySummary } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey } from './graph.js';
import { doesWork } from './spof.js';

/** How much data a restore from the copy loses, by safeguard id. */
const RPO_WITH: Readonly<Record<string, string>> = {
  backups: 'minutes (point-in-time restore from automated backups)',
  'point-in-time-recovery': 'minutes (point-in-time restore)',
  versioning: '0 for overwritten or deleted objects (earlier versions are kept)',
  replication: 'the replication lag (seconds to minutes)',
  'soft-delete': '0 for what is deleted within the retention (soft delete)',
  'purge-protection': '0 for what is deleted within the retention (it cannot be purged early)',
  'blob-soft-delete': '0 for blobs deleted or overwritten within the retention (soft delete)',
  'container-soft-delete': '0 for containers deleted within the retention (soft delete)',
};
const RPO_WITHOUT = 'unbounded: everything since the last manual snapshot or export, if there is one';

interface Held {
  guard: Safeguard;
  holder: Component;
}

type State = { known: true; present: Held[]; absent: Held[] } | { known: false };

export function lostSafeguards(base: Side, head: Side): Finding[] {
  const findings: Finding[] = [];
  for (const [key, after] of head.components) {
    const before = base.components.get(key);
    // A companion holds safeguards for what it references: the finding is that resource's.
    if (!before || after.copyOf || before.copyOf || after.guardsReferenced || after.redundancy.instances === 0) continue;
    const had = holdings(base, key, before);
    if (!had.size) continue;
    const has = holdings(head, key, after);
    const lost: Held[] = [];
    const shortened: { was: Held; now: Held }[] = [];
    for (const [id, was] of had) {
      if (!was.known || !was.present.length) continue;
      const now = stateIn(has, id, was.present, head);
      if (!now.known) continue;
      if (!now.present.length) lost.push(was.present[0]!);
      else {
        const days = (h: Held) => Number.parseInt(h.guard.detail ?? '', 10);
        const longest = (hs: Held[]) => hs.reduce((a, b) => (days(b) > days(a) ? b : a));
        const w = longest(was.present);
        const n = longest(now.present);
        if (days(n) < days(w)) shortened.push({ was: w, now: n });
      }
    }
    const isolation = lost.filter((h) => h.guard.kind === 'isolation');
    const copies = lost.filter((h) => h.guard.kind === 'copy');
    if (isolation.length) findings.push(isolationLost(head, key, after, isolation, has));
    if (copies.length) findings.push(copiesLost(head, key, after, copies, has));
    else if (shortened.length) findings.push(retentionShortened(after, shortened));
  }
  return findings;
}

/** Each safeguard id the component holds, itself or through companions, as decided on this side. */
function holdings(side: Side, key: string, c: Component): Map<string, State> {
  const out = new Map<string, State>();
  const holders = [c, ...(side.analysis.graph.guardians.get(key) ?? [])];
  for (const holder of holders) {
    for (const guard of holder.safeguards ?? []) {
      const state = out.get(guard.id) ?? { known: true, present: [], absent: [] };
      if (state.known) (guard.present ? state.present : state.absent).push({ guard, holder });
      out.set(guard.id, state);
    }
  }
  return out;
}

/**
 * The head's state of one safeguard. A holder of the base that is still there but no longer decides it
 * (its value became unknown) makes it unknown; a holder that is gone no longer holds it.
 */
function stateIn(has: Map<string, State>, id: string, wasHeldBy: Held[], head: Side): State {
  const now = has.get(id);
  for (const { holder } of wasHeldBy) {
    const still = head.components.get(nodeKey(holder));
    if (still && !(still.safeguards ?? []).some((g) => g.id === id)) return { known: false };
  }
  return now ?? { known: true, present: [], absent: [] };
}

function isolationLost(head: Side, key: string, after: Component, lost: Held[], has: Map<string, State>): Finding {
  const guard = lost[0]!.guard;
  const consumers = reach(head, key);
  const feeding = consumers.length ? `, holding up or slowing ${consumers.slice(0, 3).join(', ')}${consumers.length > 3 ? ` and ${consumers.length - 3} more` : ''}` : '';
  return {
    fingerprint: fingerprint('redundancy-reduced', after.stack, after.id, `${after.rule}:safeguard:${guard.id}`),
    kind: 'redundancy-reduced',
    severity: 'medium',
    rule: after.rule,
    title: `Dead-letter target removed: ${what(after)}`,
    message:
      `${after.id} no longer has ${guard.what}: a message that cannot be processed is retried until it expires${feeding}, ` +
      `and is then dropped without a trace; fix: ${guard.fix}.`,
    component: ref(after),
    location: { ...after.location },
    evidence: lost.map((h) => evidenceOf(h, has)),
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: consumers.length, after: consumers.length, dependents: consumers, entryPoints: [] },
    fix: guard.fix,
  };
}

function copiesLost(head: Side, key: string, after: Component, lost: Held[], has: Map<string, State>): Finding {
  const left = [...has.entries()].filter(([, s]) => s.known && s.present.length && s.present[0]!.guard.kind === 'copy').map(([, s]) => s.known && s.present[0]!.guard);
  const remaining = left.filter((g): g is Safeguard => g !== false);
  const names = lost.map((h) => h.guard.what + (h.guard.detail ? ` (${h.guard.detail})` : ''));
  const fix = lost[0]!.guard.fix;
  const rpoBefore = RPO_WITH[lost[0]!.guard.id] ?? 'bounded by the copy';
  const dependents = reach(head, key);
  const common = {
    rule: after.rule,
    component: ref(after),
    location: { ...after.location },
    evidence: lost.map((h) => evidenceOf(h, has)),
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: dependents.length, after: dependents.length, dependents, entryPoints: [] },
    fix,
  };
  if (!remaining.length) {
    const severity: Severity = after.role === 'database' ? 'high' : 'medium';
    return {
      ...common,
      fingerprint: fingerprint('new-spof', after.stack, after.id, `${after.rule}:data-loss`),
      kind: 'new-spof',
      severity,
      title: `New data-loss SPOF: ${what(after)}`,
      message:
        `${after.id} lost ${names.join(' and ')}, its last recoverable copy: a deletion or a corrupting write can no longer be undone ` +
        `(redundancy across zones copies the damage too)${dependents.length ? `, and ${dependents.length === 1 ? dependents[0] : `${dependents.length} components`} read${dependents.length === 1 ? 's' : ''} what is lost` : ''}; fix: ${fix}.`,
      recovery: { rto: { before: 'n/a', after: 'n/a' }, rpo: { before: rpoBefore, after: RPO_WITHOUT } },
    };
  }
  return {
    ...common,
    fingerprint: fingerprint('redundancy-reduced', after.stack, after.id, `${after.rule}:copies`),
    kind: 'redundancy-reduced',
    severity: 'medium',
    title: `Recoverable copy removed: ${what(after)}`,
    message: `${after.id} lost ${names.join(' and ')}; ${remaining.map((g) => g.what).join(' and ')} still ${remaining.length === 1 ? 'keeps' : 'keep'} a copy of its data; fix: ${fix}.`,
  };
}

function retentionShortened(after: Component, shortened: { was: Held; now: Held }[]): Finding {
  const { was, now } = shortened[0]!;
  return {
    fingerprint: fingerprint('redundancy-reduced', after.stack, after.id, `${after.rule}:retention:${was.guard.id}`),
    kind: 'redundancy-reduced',
    severity: 'low',
    rule: after.rule,
    title: `Retention shortened: ${what(after)}`,
    message: `${after.id} keeps ${was.guard.what} for ${now.guard.detail} instead of ${was.guard.detail}: damage found later than that can no longer be undone; fix: keep the previous retention if that window was deliberate.`,
    component: ref(after),
    location: { ...after.location },
    evidence: [siteEvidence(now, was.guard.detail, now.guard.detail)],
    redundancy: { before: redundancySummary(after), after: redundancySummary(after) },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
    fix: 'keep the previous retention',
  };
}

/** Where the head says it is gone (the attribute), or where the removed companion was written (in the base). */
function evidenceOf(lost: Held, has: Map<string, State>): Evidence {
  const state = has.get(lost.guard.id);
  const absent = state?.known ? state.absent.find((h) => h.holder.id === lost.holder.id) : undefined;
  if (absent) return siteEvidence(absent, describe(lost.guard), describe(absent.guard));
  const at = lost.holder.location;
  return { file: at.file, line: at.startLine, attribute: lost.holder.id, before: describe(lost.guard), after: null };
}

function siteEvidence(h: Held, before: unknown, after: unknown): Evidence {
  const site = h.guard.site;
  if (site) return { file: site.site.file, line: site.site.startLine, attribute: site.attribute, before, after };
  return { file: h.holder.location.file, line: h.holder.location.startLine, attribute: h.guard.id, before, after };
}

function describe(g: Safeguard): string {
  return g.present ? (g.detail ?? 'on') : 'off';
}

/**
 * What does work with this component's data or messages: what names it, or what a connector naming it
 * (a Lambda event source mapping) connects it to. Names, not failure edges: a regional queue has none.
 */
export function reach(head: Side, key: string): string[] {
  const g = head.analysis.graph;
  const out = new Set<string>();
  for (const c of g.referrersOf(key)) {
    if (doesWork(c)) out.add(c.id);
    else if (c.role === 'connector') for (const t of g.referencesOf(nodeKey(c))) if (nodeKey(t) !== key && doesWork(t)) out.add(t.id);
  }
  return [...out].sort();
}

function ref(c: Component): Finding['component'] {
  return { id: c.id, type: c.type, format: c.format, stack: c.stack };
}
