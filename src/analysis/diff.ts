import type {
  Component,
  Evidence,
  Finding,
  FindingKind,
  RedundancySummary,
  Severity,
} from '../model/index.js';
import { ZONES_KEY } from '../catalog/entry.js';
import { STATEFUL_ROLES, severityRank, append } from '../model/index.js';
import type { Spof, SpofKind } from './api.js';
import type { CatalogEntry, RecoveryEstimate } from '../catalog/entry.js';
import { RECOVERY } from '../catalog/recovery.js';
import { catalogEntry, describeBlast, describeRedundancy, howToFix, impact, what } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { lostCopies } from './copies.js';
import { nodeKey } from './graph.js';
import { canFail, doesWork, spofSeverity, type SnapshotAnalysis } from './spof.js';
import { goneAttributes, lostFailover, wasAt } from './removed-support.js';
import { numberedSiblings, rateAsSibling } from './siblings.js';
import { rateAsFront, singleTargets } from './fronts.js';
import { reducedModuleInputs } from './module-inputs.js';
import { endpointListsCut } from './endpoints.js';
import { rateOnOneEngine } from './one-engine.js';
import { lostSafeguards } from './safeguards.js';
import { alternativesCut, globalMembersLost, regionsCut } from './regions.js';
import { newDependencies } from './new-needs.js';
import { regionalDependencies } from './regional-dependencies.js';

export interface Side {
  components: Map<string, Component>;
  analysis: SnapshotAnalysis;
}

/** Recovery objectives a repo sets (`policy.rto`, `policy.rpo`), in seconds, with the text the user wrote. */
export interface RecoveryPolicy {
  rto?: { seconds: number; text: string };
  rpo?: { seconds: number; text: string };
}

/** Compare base and head component by component (matched by format, stack and id). */
export function diffSnapshots(base: Side, head: Side, policy: RecoveryPolicy = {}): Finding[] {
  const findings: Finding[] = [];
  for (const [key, after] of head.components) {
    const before = base.components.get(key);
    if (staysOnOneHost(before, after)) continue;
    const ranBefore = before !== undefined && !switchedOff(before);
    const spofBefore = ranBefore ? base.analysis.spofs.get(key) : undefined;
    if (switchedOff(after)) {
      // Switched off is removed, not a SPOF: a SPOF it was is gone, and nothing else is news.
      if (spofBefore) findings.push(resolved(spofBefore, after));
      continue;
    }
    const spofAfter = head.analysis.spofs.get(key);
    if (spofAfter && !spofBefore) {
      const exposed = !before ? undefined : ranBefore ? exposure(base, key, before, after, spofAfter) : SWITCHED_ON;
      const f = newSpof(before, after, spofAfter, undefined, exposed);
      // Same redundancy, newly needed: point at the lines that add the need.
      if (exposed && !f.evidence.length) f.evidence = newDependencies(base, head, key);
      if (exposed && !f.evidence.length) f.evidence = goneAlternatives(base, head, spofAfter);
      if (!before) rateAsSibling(f, numberedSiblings(base, after, spofAfter));
      if (!before) rateOnOneEngine(f, after);
      rateAsFront(f, singleTargets(head, key, after, spofAfter));
      findings.push(f);
    } else if (spofAfter && spofBefore) {
      // One instance sits in one zone: a single instance that now also counts as zonal (an entry point
      // reached it) is the SPOF it was, judged below by what it takes down.
      const single = spofBefore.kinds.includes('instance') || spofBefore.kinds.includes('quorum');
      const newKinds = spofAfter.kinds.filter((k) => !spofBefore.kinds.includes(k) && !(k === 'zonal' && single));
      if (newKinds.length) findings.push(newSpof(before, after, { ...spofAfter, kinds: newKinds }, spofBefore));
      else {
        const grown = blastGrowth(
          spofBefore,
          spofAfter,
          () => newDependencies(base, head, key),
          (id) => isPathTo(head, spofAfter.component, id),
          (id) => !base.components.has(nodeKey({ ...spofAfter.component, id })),
        );
        if (grown) rateOnOneEngine(grown, after);
        if (grown) findings.push(grown);
      }
    } else if (!spofAfter && spofBefore && !undecidedAfter(spofBefore, after)) {
      findings.push(resolved(spofBefore, after));
    }
    if (before) {
      // A removed replica is a loss of the source's fallback copy (see copies.ts), whatever else changed.
      const lostReplicas = lostCopies(base.analysis.graph, head.analysis.graph, key, after);
      if (lostReplicas) findings.push(lostReplicas);
    }
    if (before && ranBefore && !(spofAfter && !spofBefore)) {
      const reduced = redundancyReduced(before, after, spofAfter, () => hasDependents(head, key), () => reach(head, key), () => tolerantSibling(head, key, after));
      if (reduced) findings.push(reduced);
    }
  }
  for (const [key, spof] of base.analysis.spofs) {
    if (!head.components.has(key) && spof.component.failureDomain !== 'single-host' && !switchedOff(spof.component)) findings.push(resolved(spof, undefined));
  }
  append(findings, lostFailover(base, head, findings, evidence));
  append(findings, reducedModuleInputs(base, head));
  append(findings, lostSafeguards(base, head));
  append(findings, regionsCut(base, head));
  append(findings, globalMembersLost(base, head));
  append(findings, alternativesCut(base, head));
  append(findings, regionalDependencies(base, head));
  const cut = endpointListsCut(base, head, findings);
  const kept = findings.filter((f) => !cut.superseded.has(f));
  findings.length = 0;
  append(append(findings, kept), cut.findings);
  for (const f of findings) checkPolicy(f, policy, head.components, base.components);
  nameStacksOfSharedIds(findings);
  return findings;
}

/**
 * The same component id in findings of several stacks (`module.vpc` in `envs/prod` and `envs/staging`)
 * reads as one component twice: the title and the message then say which stack each one is in.
 */
function nameStacksOfSharedIds(findings: Finding[]): void {
  const stacksById = new Map<string, Set<string>>();
  for (const f of findings) {
    const stacks = stacksById.get(f.component.id) ?? new Set<string>();
    stacks.add(f.component.stack);
    stacksById.set(f.component.id, stacks);
  }
  for (const f of findings) {
    if ((stacksById.get(f.component.id)?.size ?? 0) < 2) continue;
    const stack = f.component.stack === '.' ? 'the root stack' : `stack ${f.component.stack}`;
    f.title = `${f.title} in ${stack}`;
    f.message = `In ${stack}: ${f.message}`;
  }
}

/** Why a component that ran no instance in base is a SPOF now (said instead of "was redundant before"). */
const SWITCHED_ON = 'switched on by this change: it ran no instance before';

/**
 * A component with 0 instances (`count = 0`, `replicas: 0`) does not run: it cannot fail, so it is no
 * SPOF, and turning it off removes it rather than reducing its redundancy. Unknown counts stay unknown.
 */
function switchedOff(c: Component): boolean {
  return c.redundancy.instances === 0;
}

/**
 * A component of a one-host project (DESIGN: "Failure domains") that was on one host before too, or
 * is new: the host was already the single point of failure, so nothing it does is a finding. A
 * project that had redundancy and lost it is judged as usual.
 */
function staysOnOneHost(before: Component | undefined, after: Component): boolean {
  return after.failureDomain === 'single-host' && (before === undefined || before.failureDomain === 'single-host');
}

/**
 * A finding whose recovery estimate after the change breaks the repo's objectives is at least `high`
 * (it fails the default `fail_on`), and says so. Unbounded estimates (manual restore) break any objective.
 */
function checkPolicy(f: Finding, policy: RecoveryPolicy, head: Map<string, Component>, base: Map<string, Component>): void {
  if (f.kind === 'resolved-spof' || (!policy.rto && !policy.rpo)) return;
  const c = head.get(nodeKey(f.component)) ?? base.get(nodeKey(f.component));
  const info = c ? catalogEntry(c.rule) : undefined;
  if (!c || !info?.recovery) return;
  const estimate = estimateFor(info.recovery, c);
  const broken: string[] = [];
  if (policy.rto && (estimate.rtoMaxSeconds === undefined || estimate.rtoMaxSeconds > policy.rto.seconds)) {
    broken.push(`policy.rto ${policy.rto.text} (estimated RTO: ${estimate.rto})`);
  }
  if (policy.rpo && (estimate.rpoMaxSeconds === undefined || estimate.rpoMaxSeconds > policy.rpo.seconds)) {
    broken.push(`policy.rpo ${policy.rpo.text} (estimated RPO: ${estimate.rpo})`);
  }
  if (!broken.length) return;
  f.message += ` It breaks ${broken.join(' and ')}.`;
  if (severityRank(f.severity) < severityRank('high')) f.severity = 'high';
}


function summary(c: Component | undefined): RedundancySummary | null {
  if (!c) return null;
  return { instances: c.redundancy.instances, zones: c.redundancy.zones?.count ?? null };
}

function recovery(before: Component | undefined, after: Component | undefined): Finding['recovery'] | undefined {
  const rule = (after ?? before)?.rule;
  const entry = rule ? catalogEntry(rule) : undefined;
  if (!entry?.recovery) return undefined;
  const b = before ? estimateFor(entry.recovery, before) : undefined;
  const a = after ? estimateFor(entry.recovery, after) : undefined;
  if (!a && !b) return undefined;
  return {
    rto: { before: b?.rto ?? 'n/a', after: a?.rto ?? 'n/a' },
    rpo: { before: b?.rpo ?? 'n/a', after: a?.rpo ?? 'n/a' },
  };
}

/** The recovery estimate of a component as it is (the dashboard's inventory), when the catalog has one for its rule. */
export function recoveryOf(c: Component): { rto: string; rpo: string } | undefined {
  const entry = catalogEntry(c.rule);
  if (!entry?.recovery) return undefined;
  const e = estimateFor(entry.recovery, c);
  return { rto: e.rto, rpo: e.rpo };
}

/**
 * The recovery estimate of a component's current shape. Redundant instances that all sit in one zone
 * survive an instance failure but not a zone outage, which lasts as long as it lasts (no upper bound).
 */
function estimateFor(r: NonNullable<CatalogEntry['recovery']>, c: Component): RecoveryEstimate {
  // A lone replica loses no data: its source holds it (issue 8, replication is a copy).
  if (!isRedundant(c)) return c.copyOf ? RECOVERY.replicaRecreate : r.single;
  if (!c.regional && !c.redundancy.zonalManaged && c.redundancy.zones?.count === 1) {
    return { rto: `${r.redundant.rto} for an instance failure; until the zone recovers for a zone failure`, rpo: r.redundant.rpo };
  }
  return r.redundant;
}

function isRedundant(c: Component): boolean {
  const r = c.redundancy;
  if (r.failover === true) return true;
  if (r.instances === null) return false;
  return r.quorum ? r.instances >= 3 : r.instances >= 2;
}

/**
 * The decisive attributes whose value changed (or all of them, for a new component). The zones a format
 * resolved (`ZONES_KEY`) are evidence only when nothing the component itself sets changed: a zone list
 * edited in a tfvars file, not a count that left fewer zones.
 */
function evidence(before: Component | undefined, after: Component): Evidence[] {
  // A resource reshaped into another type (a regional disk made zonal) also shows what only the old shape had.
  if (before && before.type !== after.type) return [...goneAttributes(before, after), ...changedAttributes(before, after, () => true)];
  const own = changedAttributes(before, after, (key) => key !== ZONES_KEY);
  return own.length ? own : changedAttributes(before, after, (key) => key === ZONES_KEY);
}

function changedAttributes(before: Component | undefined, after: Component, include: (key: string) => boolean): Evidence[] {
  const out: Evidence[] = [];
  for (const [key, site] of Object.entries(after.attributes)) {
    if (!include(key)) continue;
    const old = before?.attributes[key];
    const beforeValue = old ? (old.value ?? null) : null;
    const afterValue = site.value ?? null;
    if (JSON.stringify(beforeValue) === JSON.stringify(afterValue)) continue;
    // The value's origin (a variable default, a tfvars line) when that is what changed; the attribute
    // itself when it was added or its expression rewritten (`availability_zone_name = var.azs[0]` added).
    // What is gone from outside the component's own block (a deleted PodDisruptionBudget, in its own file or
    // next to the workload) is cited where it was, in the base.
    const goneElsewhere = afterValue === null && old !== undefined && before !== undefined && outside(old.site, before.location);
    const rewritten = site.written && (!old || old.writtenText !== site.writtenText);
    // Neither the attribute nor its value's line changed, but the condition that chose the value did
    // (`nat_per_az = false` added to a tfvars file): the evidence is that condition, on its line.
    const decider = site.decidedBy;
    if (!goneElsewhere && !rewritten && decider && old && old.text === site.text && JSON.stringify(old.decidedBy?.value) !== JSON.stringify(decider.value)) {
      out.push({ file: decider.site.file, line: decider.site.startLine, attribute: decider.attribute, before: old.decidedBy?.value ?? null, after: decider.value });
      continue;
    }
    const at = goneElsewhere ? old.site : rewritten ? site.written! : site.site;
    out.push({
      file: at.file,
      line: at.startLine,
      attribute: site.attribute,
      before: beforeValue,
      after: afterValue,
    });
  }
  return out;
}

/** Whether a site lies outside a component's block (another file, or another object of the same file). */
function outside(site: Component['location'], block: Component['location']): boolean {
  return site.file !== block.file || site.startLine < block.startLine || site.startLine > block.endLine;
}

function base(
  kind: FindingKind,
  severity: Severity,
  c: Component,
  location: Component['location'],
): Pick<Finding, 'fingerprint' | 'kind' | 'severity' | 'rule' | 'component' | 'location'> {
  return {
    fingerprint: fingerprint(kind, c.stack, c.id, c.rule),
    kind,
    severity,
    rule: c.rule,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    location: { ...location },
  };
}

/**
 * Why a component that existed in base with the same redundancy is a SPOF only now: what needs it now
 * that did not need it before, or else an alternative that covered for it is gone. Undefined when its
 * redundancy went down (then that is the reason).
 */
function exposure(base: Side, key: string, before: Component, after: Component, spof: Spof): string | undefined {
  if (weakerRedundancy(before.redundancy, after.redundancy)) return undefined;
  const graph = base.analysis.graph;
  const had = graph.has(key) ? graph.dependents(key) : new Set<string>();
  const hadIds = new Set([...had].map((n) => graph.component(n).id));
  const newly = [...new Set([...spof.blastRadius.dependents, ...spof.blastRadius.entryPoints])].filter((id) => !hadIds.has(id));
  if (newly.length) return `same redundancy as before, but ${listIds(newly)} now depend${newly.length === 1 ? 's' : ''} on it`;
  return 'same redundancy as before, but an alternative that covered for it is gone';
}

function listIds(ids: readonly string[], max = 3): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** Whether `after` is weaker than `before` in instances, zones or failover (unknowns never count). */
function weakerRedundancy(b: Component['redundancy'], a: Component['redundancy']): boolean {
  if (b.instances !== null && a.instances !== null && a.instances < b.instances) return true;
  if (b.zones && a.zones && a.zones.count < b.zones.count) return true;
  if (b.failover === true && a.failover !== true) return true;
  if (!b.quorum && a.quorum) return true;
  return false;
}

function newSpof(before: Component | undefined, after: Component, spof: Spof, old?: Spof, exposed?: string): Finding {
  const kind = primaryKind(spof.kinds);
  const because =
    kind === 'quorum'
      ? `a quorum of ${after.redundancy.instances} member${after.redundancy.instances === 1 ? '' : 's'} tolerates no failure`
      : kind === 'zonal'
        ? `all its instances sit in one zone`
        : `it has ${describeRedundancy(after.redundancy)}`;
  const how = howToFix(after, kind);
  const origin = !before
    ? 'new component'
    : old
      ? `it was already ${article(primaryKind(old.kinds))} SPOF and is now also ${article(kind)} one`
      : (exposed ?? (kind === 'quorum' ? quorumBefore(before) : undefined) ?? 'was redundant before');
  const zone = after.redundancy.zones?.names?.length === 1 ? `zone ${after.redundancy.zones.names[0]}` : 'its zone';
  const message =
    kind === 'zonal'
      ? `If ${zone} fails (all instances of ${after.id} sit in it; ${origin}), ${zonalImpact(after)}, taking down ${describeBlast(spof)}; fix: ${how}.`
      : `If ${kind === 'quorum' ? `one member of ${after.id}` : after.id} fails (${because}; ${origin}), ${impact(after)}, taking down ${describeBlast(spof)}; fix: ${how}.`;
  const finding: Finding = {
    ...base('new-spof', spofSeverity(spof), after, after.location),
    title: `New ${kind} SPOF: ${what(after)}`,
    message,
    fix: how,
    evidence: evidence(before, after),
    redundancy: { before: summary(before), after: summary(after) },
    blastRadius: {
      before: old ? blastSize(old.blastRadius) : 0,
      after: blastSize(spof.blastRadius),
      dependents: spof.blastRadius.dependents,
      entryPoints: spof.blastRadius.entryPoints,
    },
  };
  return withExtras(finding, before, after);
}

/**
 * What a zone outage does to a component whose instances all sit in that zone. Zonal managed services
 * (NAT gateway, EFS One Zone, load balancers) describe exactly that in their catalog impact; for the
 * others the impact describes one instance failing, which is not what happens here.
 */
function zonalImpact(c: Component): string {
  if (c.redundancy.zonalManaged) return impact(c);
  const n = c.redundancy.instances;
  if (n === null || n < 2) return `${c.id} goes down and stays down until the zone recovers`;
  return `${n === 2 ? 'both' : `all ${n}`} instances of ${c.id} go down together and stay down until the zone recovers`;
}

/** "with 3 members it tolerated one failure": what a majority system had before it lost its tolerance. */
function quorumBefore(before: Component): string | undefined {
  const n = before.redundancy.instances;
  if (!before.redundancy.quorum || n === null || n < 3) return undefined;
  return `with ${n} members it tolerated ${failures(Math.floor((n - 1) / 2))}`;
}

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five'];

function failures(n: number): string {
  return `${SMALL[n] ?? n} failure${n === 1 ? '' : 's'}`;
}

function article(kind: SpofKind): string {
  return `${kind === 'instance' ? 'an' : 'a'} ${kind}`;
}

/** The failure graph's kinds (a key person is found from CODEOWNERS, never by the graph). */
function primaryKind(kinds: readonly SpofKind[]): Exclude<SpofKind, 'key-person'> {
  if (kinds.includes('instance')) return 'instance';
  if (kinds.includes('quorum')) return 'quorum';
  return 'zonal';
}

function withExtras(finding: Finding, before: Component | undefined, after: Component | undefined): Finding {
  const rec = recovery(before, after);
  if (rec) finding.recovery = rec;
  if (after?.fix?.suggestion && finding.kind !== 'resolved-spof') finding.suggestion = { ...after.fix.suggestion };
  return finding;
}

/**
 * The alternatives gone from the head that covered for a SPOF: members of a redundancy group of the base
 * (a failover record's secondary) whose remaining members now fail with it. Cited in the base.
 */
function goneAlternatives(base: Side, head: Side, spof: Spof): Evidence[] {
  const failing = new Set([...spof.blastRadius.dependents, ...spof.blastRadius.entryPoints, spof.component.id]);
  const groups = new Set<string>();
  for (const c of base.components.values()) if (c.alternativeOf && c.stack === spof.component.stack && failing.has(c.id) && head.components.has(nodeKey(c))) groups.add(c.alternativeOf.group);
  return [...base.components.values()].filter((c) => c.alternativeOf && c.stack === spof.component.stack && groups.has(c.alternativeOf.group) && !head.components.has(nodeKey(c))).map(wasAt);
}

/**
 * How much fails with a component: the distinct dependents and entry points (the engine lists most
 * entry points among the dependents too, so they are counted once). Every finding shows this number,
 * so the counts a reader sees are the ones the findings are decided on.
 */
function blastSize(radius: Spof['blastRadius']): number {
  return new Set([...radius.dependents, ...radius.entryPoints]).size;
}

/**
 * The before/after numbers a grown blast radius shows: everything that fails with it, as every finding
 * counts, when that grew; else the counts the growth was decided on (without the second ways in), so
 * the numbers always show the growth the title claims, never 4 -> 2 or 1 -> 1.
 */
function shownGrowth(before: Spof, after: Spof, counted: (spof: Spof) => number): { before: number; after: number } {
  const all = { before: blastSize(before.blastRadius), after: blastSize(after.blastRadius) };
  return all.after > all.before ? all : { before: counted(before), after: counted(after) };
}

function blastGrowth(
  before: Spof,
  after: Spof,
  evidence: () => Evidence[],
  isPath: (id: string) => boolean,
  isNew: (id: string) => boolean,
): Finding | undefined {
  // Growth is new work that fails with it, and more of it than before (a rename is not growth).
  // Once users reach it, another load balancer, DNS name or entry point in front of it is a second
  // way in, not a consumer; the first way in is news. Except a new way in to a data store: the store
  // serves clients whether or not this repository shows them (it matters without dependents), and a
  // load balancer or name made for it reaches those same clients. An existing way in re-pointed at
  // it brings its users along: that is news.
  const reachable = before.blastRadius.entryPoints.length > 0;
  const servesUnseen = STATEFUL_ROLES.has(before.component.role) && !before.component.copyOf;
  const counts = (id: string) => !isPath(id) || (!reachable && !(servesUnseen && isNew(id)));
  const old = new Set([...before.blastRadius.dependents, ...before.blastRadius.entryPoints]);
  const added = [...new Set([...after.blastRadius.dependents, ...after.blastRadius.entryPoints])].filter((id) => !old.has(id) && counts(id));
  const size = (spof: Spof) => new Set([...spof.blastRadius.dependents, ...spof.blastRadius.entryPoints].filter(counts)).size;
  if (!added.length || size(after) <= size(before)) return undefined;
  const c = after.component;
  const finding: Finding = {
    ...base('blast-radius-grown', 'medium', c, c.location),
    title: `Blast radius grew: ${what(c)}`,
    message: `${c.id} is already a single point of failure (${describeRedundancy(c.redundancy)}) and now also takes down ${[...new Set(added)].join(', ')} when it fails; fix: ${howToFix(c, primaryKind(after.kinds))}.`,
    fix: howToFix(c, primaryKind(after.kinds)),
    evidence: evidence(),
    redundancy: { before: summary(before.component), after: summary(c) },
    blastRadius: {
      ...shownGrowth(before, after, size),
      dependents: after.blastRadius.dependents,
      entryPoints: after.blastRadius.entryPoints,
    },
  };
  return withExtras(finding, before.component, c);
}

/**
 * What made it a SPOF is no longer decided by the code (its count or zones now come from a value the
 * review cannot evaluate): unknown, not resolved. The diagnostic of the unevaluated value says so.
 */
function undecidedAfter(spof: Spof, after: Component): boolean {
  const r = after.redundancy;
  return spof.kinds.every((k) =>
    k === 'zonal' ? r.zones === null : (k === 'instance' || k === 'quorum') && r.instances === null && r.failover !== true && !r.zonalManaged,
  );
}

function resolved(spof: Spof, after: Component | undefined): Finding {
  const c = after ?? spof.component;
  // A resource that now only passes failure through to its parts (a Strimzi Kafka whose brokers moved to
  // node pools) has no count of its own to quote: its parts are judged and reported on their own.
  const how = !after
    ? 'it was removed'
    : switchedOff(after)
      ? 'it was switched off (0 instances: it no longer runs)'
      : !canFail(after)
        ? 'it no longer runs anything itself (what it is made of is judged on its own)'
        : `it now has ${describeRedundancy(after.redundancy)}`;
  const finding: Finding = {
    ...base('resolved-spof', 'low', c, after ? after.location : spof.component.location),
    title: `SPOF resolved: ${what(c)}`,
    message:
      after && switchedOff(after)
        ? `${c.id} is no longer a single point of failure: ${how}; it was switched off, not made redundant, so what needed it (${describeBlast(spof)}) must do without it.`
        : `${c.id} is no longer a single point of failure: ${how}, so ${describeBlast(spof)} no longer fail with it.`,
    evidence: after ? evidence(spof.component, after) : [],
    redundancy: { before: summary(spof.component), after: summary(after) },
    blastRadius: {
      before: blastSize(spof.blastRadius),
      after: 0,
      dependents: spof.blastRadius.dependents,
      entryPoints: spof.blastRadius.entryPoints,
    },
  };
  return withExtras(finding, spof.component, after);
}

const SPREAD_RANK = { none: 0, host: 1, zone: 2 } as const;

/** Whether a dependent of `spof` is only a way in to it: a load balancer, gateway, DNS record or entry point. */
function isPathTo(side: Side, spof: Component, id: string): boolean {
  const c = side.components.get(nodeKey({ format: spof.format, stack: spof.stack, id }));
  return c !== undefined && (c.entryPoint || c.role === 'load-balancer' || c.role === 'gateway' || c.role === 'dns');
}

/** What a tolerant component still survives: a majority system of n members, floor((n-1)/2) failures. */
function stillSurvives(before: Component, after: Component): string {
  const b = before.redundancy.instances;
  const a = after.redundancy.instances;
  if (!after.redundancy.quorum || a === null || a < 3) return 'it still survives one failure';
  const now = Math.floor((a - 1) / 2);
  const had = before.redundancy.quorum && b !== null && b >= 3 ? Math.floor((b - 1) / 2) : undefined;
  return had !== undefined && had > now ? `a majority of ${a} members tolerates ${failures(now)}, down from ${failures(had)} with ${b}` : `a majority of ${a} members still tolerates ${failures(now)}`;
}

/**
 * What a platform or shared network path that lost its tolerance serves beyond the repository (its catalog
 * `serves`), and which tolerance it lost: its instances (regional cluster -> zonal, 2 nodes -> 1) or its
 * zones (three NAT gateways -> one). Undefined when it serves nothing named, or is still tolerant.
 */
function servedBeyond(before: Component, after: Component): { whom: string; lost: 'instance' | 'zone' } | undefined {
  const whom = catalogEntry(after.rule)?.serves;
  if (!whom || after.regional) return undefined;
  const b = before.redundancy;
  const a = after.redundancy;
  const zoneLost = b.zones !== null && a.zones !== null && b.zones.count >= 2 && a.zones.count === 1;
  // A zonal managed service (a NAT gateway) replaces its own hosts: only its zones are its tolerance.
  if (a.zonalManaged) return zoneLost ? { whom, lost: 'zone' } : undefined;
  if (isRedundant(before) && !isRedundant(after)) return { whom, lost: 'instance' };
  return zoneLost ? { whom, lost: 'zone' } : undefined;
}

/**
 * A cut that leaves a platform or shared path without tolerance: its consumers live outside the repository
 * (a cluster's workloads, a VPC's private subnets), so "nothing here depends on it" would hide it. Rated as
 * if it had dependents we cannot name: medium, saying whom it serves in words, never inventing components.
 */
function servedCut(before: Component, after: Component, reasons: readonly string[], served: { whom: string; lost: 'instance' | 'zone' }): Finding {
  const kind = served.lost === 'zone' ? 'zonal' : 'instance';
  const how = howToFix(after, kind);
  const zone = after.redundancy.zones?.names?.length === 1 ? `zone ${after.redundancy.zones.names[0]}` : 'its zone';
  const failure =
    served.lost === 'instance'
      ? `if it fails, ${impact(after)}`
      : `all of it now sits in ${zone}, and ${after.redundancy.zonalManaged ? impact(after) : `if that zone fails, ${zonalImpact(after)}`}`;
  const tolerated = served.lost === 'zone' ? 'survived a zone outage' : 'survived an instance failure';
  return {
    ...base('redundancy-reduced', 'medium', after, after.location),
    title: `Redundancy reduced: ${what(after)}`,
    message: `${after.id} went from ${describeRedundancy(before.redundancy)} to ${describeRedundancy(after.redundancy)} (${reasons.join(', ')}): it ${tolerated} and no longer does. Nothing in this repository references it, but it serves ${served.whom}: ${failure}; fix: ${how}.`,
    fix: how,
    evidence: evidence(before, after),
    redundancy: { before: summary(before), after: summary(after) },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
  };
}

/** Lost disruption protection (PDB, anti-affinity / topology spread, pinning), in words. */
function protectionLost(before: Component, after: Component): string[] {
  const b = before.redundancy.protection;
  const a = after.redundancy.protection;
  if (!b || !a) return [];
  const lost: string[] = [];
  if (b.budget === 'allows' && a.budget === 'none') lost.push('PodDisruptionBudget removed');
  if (b.budget !== 'blocks' && a.budget === 'blocks') lost.push('PodDisruptionBudget now blocks every eviction (node drains and upgrades hang)');
  if (SPREAD_RANK[a.spread] < SPREAD_RANK[b.spread]) lost.push(`spread ${b.spread === 'zone' ? 'across zones' : 'across nodes'} -> ${a.spread === 'none' ? 'none' : 'across nodes only'}`);
  else if (a.spread === b.spread && a.spread !== 'none' && b.spreadRequired && !a.spreadRequired) lost.push(`${a.spread} spread is now only preferred, not required`);
  if (!b.pinned && a.pinned) lost.push('pinned to a single node');
  return lost;
}

/** Whether anything that does work needs the component (it is then not a SPOF because alternatives cover for it). */
function hasDependents(side: Side, key: string): boolean {
  const g = side.analysis.graph;
  if (!g.has(key)) return false;
  for (const n of g.dependents(key)) if (doesWork(g.component(n))) return true;
  return false;
}

/**
 * Another component of the same type and stack that needs what this one needs and is still redundant: a
 * second node pool of the same cluster. What runs on the platform can go there, so a cut to one pool is
 * headroom lost, not the platform's tolerance.
 */
function tolerantSibling(side: Side, key: string, c: Component): boolean {
  const g = side.analysis.graph;
  if (!g.has(key)) return false;
  for (const needed of g.needs(key)) {
    for (const other of g.neededBy(needed)) {
      if (other === key) continue;
      const s = g.component(other);
      if (s.type === c.type && s.stack === c.stack && isRedundant(s)) return true;
    }
  }
  return false;
}

/** What fails with a component if it fails entirely (for findings about a component that is not a SPOF). */
function reach(side: Side, key: string): Spof['blastRadius'] {
  const g = side.analysis.graph;
  if (!g.has(key)) return { dependents: [], entryPoints: [] };
  const failing = g.failureClosure(key).map((n) => g.component(n));
  return {
    dependents: failing.filter(doesWork).map((c) => c.id),
    entryPoints: failing.filter((c) => c.entryPoint).map((c) => c.id),
  };
}

function redundancyReduced(
  before: Component,
  after: Component,
  spofAfter: Spof | undefined,
  needed: () => boolean,
  reachOf: () => Spof['blastRadius'],
  siblingCovers: () => boolean,
): Finding | undefined {
  if (!canFail(after)) return undefined;
  const b = before.redundancy;
  const a = after.redundancy;
  const reasons: string[] = [];
  if (b.instances !== null && a.instances !== null && a.instances < b.instances) reasons.push(`instances ${b.instances} -> ${a.instances}`);
  if (b.zones && a.zones && a.zones.count < b.zones.count) reasons.push(`zones ${b.zones.count} -> ${a.zones.count}`);
  if (b.failover === true && a.failover === false) reasons.push('automatic failover removed');
  const protection = protectionLost(before, after);
  append(reasons, protection);
  if (!reasons.length) return undefined;
  // A component that is (still) a SPOF is covered by its SPOF finding; this is for what remains tolerant or does not matter.
  if (spofAfter) return undefined;
  const tolerant = isRedundant(after);
  if (!protection.length && !needed() && !siblingCovers()) {
    const served = servedBeyond(before, after);
    if (served) return withExtras(servedCut(before, after, reasons, served), before, after);
  }
  const severity: Severity = protection.length ? 'medium' : 'low';
  // Lost protection matters by what a correlated outage of its instances would take down.
  const exposed = protection.length ? reachOf() : { dependents: [], entryPoints: [] };
  const takesDown = exposed.dependents.length || exposed.entryPoints.length ? `, taking down ${describeBlast({ component: after, blastRadius: exposed })}` : '';
  const contained =
    !protection.length && needed()
      ? 'what depends on it has an alternative to it, so a failure stays contained'
      : 'nothing in this repository depends on it, so a failure stays contained';
  const finding: Finding = {
    ...base('redundancy-reduced', severity, after, after.location),
    title: `${protection.length ? 'Disruption protection reduced' : 'Redundancy reduced'}: ${what(after)}`,
    message: protection.length
      ? `${after.id} lost disruption protection (${reasons.join('; ')}): a node drain, upgrade or zone outage can now take out several of its instances at once${takesDown}; fix: restore the previous protection.`
      : tolerant
        ? a.zones?.count === 1 && !after.regional && !a.zonalManaged
          ? `${after.id} went from ${describeRedundancy(b)} to ${describeRedundancy(a)} (${reasons.join(', ')}); it still survives an instance failure, but not an outage of its zone; ${contained.replace('a failure', 'that outage')}: spread it over two zones or more if anything outside this repository needs it.`
          : `${after.id} went from ${describeRedundancy(b)} to ${describeRedundancy(a)} (${reasons.join(', ')}); ${stillSurvives(before, after)}, with less headroom: keep the previous setting if that headroom was deliberate.`
        : `${after.id} went from ${describeRedundancy(b)} to ${describeRedundancy(a)} (${reasons.join(', ')}); ${contained}; fix: ${howToFix(after, 'instance')}.`,
    evidence: evidence(before, after),
    redundancy: { before: summary(before), after: summary(after) },
    blastRadius: { before: blastSize(exposed), after: blastSize(exposed), ...exposed },
  };
  if (protection.length) finding.fix = 'restore the previous protection';
  else if (!tolerant) finding.fix = howToFix(after, 'instance');
  return withExtras(finding, before, after);
}
