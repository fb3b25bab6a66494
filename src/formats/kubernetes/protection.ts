/**
 * Disruption protection of a pod workload: a PodDisruptionBudget that actually lets drains proceed one
 * pod at a time (one that allows no eviction blocks drains and upgrades: reported, never counted as
 * protection), anti-affinity or topology spread across nodes or zones (required or preferred), and
 * pinning to a single node. Zones follow from placement only: a required zone spread of two or more
 * replicas spans at least two zones, a pinned workload one; otherwise they are unknown.
 */
import type { Protection, SourceRange, Zones } from '../../model/index.js';
import { idOf, type K8sObject } from './objects.js';
import { labelSelector, matches, SelectorIndex, type Selector } from './selectors.js';
import { at, fieldAt, isMap, seqAt, text, textAt, type KNode } from './tree.js';
import type { PodWorkload } from './workloads.js';

const HOST_KEY = 'kubernetes.io/hostname';
const ZONE_KEYS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.gke.io/zone']);

export interface Placement {
  spread: Protection['spread'];
  spreadRequired: boolean;
  /** Where the deciding spread rule is written. */
  spreadSite?: SourceRange;
  /** The node it is pinned to, with where that is written. */
  pinned?: { node: string; site: SourceRange };
  /** The one zone a node selector or required node affinity confines it to. */
  zone?: { name: string; site: SourceRange };
}

interface SpreadRule {
  level: 'zone' | 'host';
  required: boolean;
  line: number;
}

/** Spread and pinning of a pod template (independent of the replica count). */
export function placementOf(w: PodWorkload): Placement {
  const spec = w.spec;
  const file = w.obj.file;
  const rules: SpreadRule[] = [];
  const levelOf = (key: string | undefined): SpreadRule['level'] | undefined =>
    key === undefined ? undefined : ZONE_KEYS.has(key) ? 'zone' : key === HOST_KEY ? 'host' : undefined;
  // A rule spreads this workload only when its selector picks the workload's own pods.
  const selectsSelf = (term: KNode | undefined, allowMissing: boolean): boolean => {
    const sel = labelSelector(at(term, ['labelSelector']));
    if (!sel) return allowMissing;
    return matches(sel, w.labels);
  };
  const anti = at(spec, ['affinity', 'podAntiAffinity']);
  for (const t of seqAt(anti, ['requiredDuringSchedulingIgnoredDuringExecution'])) {
    const level = levelOf(textAt(t, ['topologyKey']));
    if (level && selectsSelf(t, false)) rules.push({ level, required: true, line: t.line });
  }
  for (const p of seqAt(anti, ['preferredDuringSchedulingIgnoredDuringExecution'])) {
    const t = at(p, ['podAffinityTerm']);
    const level = levelOf(textAt(t, ['topologyKey']));
    if (level && selectsSelf(t, false)) rules.push({ level, required: false, line: p.line });
  }
  for (const c of seqAt(spec, ['topologySpreadConstraints'])) {
    const level = levelOf(textAt(c, ['topologyKey']));
    const when = textAt(c, ['whenUnsatisfiable']) ?? 'DoNotSchedule';
    // Without a labelSelector, matchLabelKeys alone (pod-template-hash) still groups the workload's pods.
    if (level && selectsSelf(c, at(c, ['matchLabelKeys']) !== undefined)) rules.push({ level, required: when === 'DoNotSchedule', line: c.line });
  }
  const best = rules.find((r) => r.level === 'zone') ? 'zone' : rules.length ? 'host' : 'none';
  const atBest = rules.filter((r) => r.level === best);
  const decisive = atBest.find((r) => r.required) ?? atBest[0];
  const placement: Placement = { spread: best, spreadRequired: decisive?.required ?? false };
  if (decisive) placement.spreadSite = { file, startLine: decisive.line, endLine: decisive.line };
  const node = confinedTo(w, (k) => k === HOST_KEY);
  if (node) placement.pinned = { node: node.value, site: node.site };
  const zone = confinedTo(w, (k) => ZONE_KEYS.has(k));
  if (zone) placement.zone = { name: zone.value, site: zone.site };
  return placement;
}

/**
 * The single value a pod spec requires for a node label: `nodeName` (for the hostname), a
 * `nodeSelector` entry, or required node affinity whose every term allows exactly that one value.
 */
function confinedTo(w: PodWorkload, isKey: (k: string) => boolean): { value: string; site: SourceRange } | undefined {
  const spec = w.spec;
  const file = w.obj.file;
  const at1 = (line: number): SourceRange => ({ file, startLine: line, endLine: line });
  if (isKey(HOST_KEY)) {
    const nodeName = fieldAt(spec, ['nodeName']);
    const nn = text(nodeName?.value);
    if (nodeName && nn) return { value: nn, site: at1(nodeName.keyLine) };
  }
  const selector = at(spec, ['nodeSelector']);
  if (isMap(selector)) {
    for (const [k, f] of selector.fields) {
      const v = text(f.value);
      if (isKey(k) && v) return { value: v, site: at1(f.keyLine) };
    }
  }
  const terms = seqAt(spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']);
  const values = new Set<string>();
  let line = 0;
  for (const t of terms) {
    const exprs = seqAt(t, ['matchExpressions']).filter((e) => isKey(textAt(e, ['key']) ?? '') && textAt(e, ['operator']) === 'In');
    if (exprs.length !== 1) return undefined;
    const vs = seqAt(exprs[0], ['values']).map((v) => text(v));
    if (vs.length !== 1 || vs[0] === undefined) return undefined;
    values.add(vs[0]);
    line ||= exprs[0]!.line;
  }
  if (values.size === 1) return { value: [...values][0]!, site: at1(line) };
  return undefined;
}

/**
 * Zones a placement proves: one when pinned to a node or confined to a zone, at least two for a
 * required zone spread (capped by the judge at the replica count).
 */
export function placementZones(p: Placement): Zones | null {
  if (p.zone) return { count: 1, names: [p.zone.name] };
  if (p.pinned) return { count: 1 };
  if (p.spread === 'zone' && p.spreadRequired) return { count: 2 };
  return null;
}

export interface Budget {
  budget: Protection['budget'];
  pdb?: K8sObject;
  /** The line that decides (minAvailable / maxUnavailable), or the PDB's first line. */
  site?: SourceRange;
  /** Why it blocks every eviction. */
  blocks?: string;
}

/** The pods a budget may select: a workload's, or those an operator runs for its resource (labelled by its conventions). */
export type PodSet = Pick<PodWorkload, 'obj' | 'labels'>;

/**
 * A stack's PodDisruptionBudgets, each selector parsed once and filed by namespace and label: a
 * workload is checked against the budgets that could select it, not every budget of the stack
 * (issue 10: n workloads over m budgets are not n x m comparisons).
 */
export class Budgets {
  private readonly index: SelectorIndex<K8sObject>;

  constructor(pdbs: readonly K8sObject[]) {
    const entries: { ns: string; selector: Selector; value: K8sObject }[] = [];
    for (const pdb of pdbs) {
      const selector = labelSelector(at(pdb.root, ['spec', 'selector']));
      if (selector) entries.push({ ns: pdb.namespace, selector, value: pdb });
    }
    this.index = new SelectorIndex(entries);
  }

  /** The budgets of the pods' namespace that select them, in the stack's order. */
  selecting(w: PodSet): K8sObject[] {
    return this.index.selecting(w.obj.namespace, w.labels);
  }
}

/** PodDisruptionBudgets of the namespace that select the pods; one that blocks decides, else the first. */
export function budgetOf(w: PodSet, budgets: Budgets, instances: number | null): Budget {
  let allowing: Budget | undefined;
  for (const pdb of budgets.selecting(w)) {
    const verdict = judgeBudget(pdb, instances);
    if (verdict.budget === 'blocks') return verdict;
    allowing ??= verdict;
  }
  return allowing ?? { budget: 'none' };
}

function judgeBudget(pdb: K8sObject, instances: number | null): Budget {
  const spec = at(pdb.root, ['spec']);
  const file = pdb.file;
  const max = fieldAt(spec, ['maxUnavailable']);
  const min = fieldAt(spec, ['minAvailable']);
  const siteOf = (line: number): SourceRange => ({ file, startLine: line, endLine: line });
  if (max) {
    const v = intOrPercent(max.value);
    const site = siteOf(max.keyLine);
    if (v && v.value === 0) return { budget: 'blocks', pdb, site, blocks: `maxUnavailable ${v.percent ? '0%' : '0'}` };
    // A percentage rounds up, so any non-zero one lets at least one pod go.
    return { budget: 'allows', pdb, site };
  }
  if (min) {
    const v = intOrPercent(min.value);
    const site = siteOf(min.keyLine);
    if (v && v.percent && v.value >= 100) return { budget: 'blocks', pdb, site, blocks: `minAvailable ${v.value}%` };
    if (v && instances !== null && instances > 0) {
      const needed = v.percent ? Math.ceil((v.value * instances) / 100) : v.value;
      if (needed >= instances) {
        return { budget: 'blocks', pdb, site, blocks: `minAvailable ${v.percent ? `${v.value}%` : v.value} with ${instances} replica${instances === 1 ? '' : 's'}` };
      }
    }
    return { budget: 'allows', pdb, site };
  }
  return { budget: 'allows', pdb, site: siteOf(pdb.line) };
}

function intOrPercent(n: KNode): { value: number; percent: boolean } | undefined {
  if (n.t !== 'scalar') return undefined;
  if (typeof n.value === 'number') return { value: n.value, percent: false };
  if (typeof n.value === 'string') {
    const m = /^\s*(\d+)\s*(%?)\s*$/.exec(n.value);
    if (m) return { value: Number(m[1]), percent: m[2] === '%' };
  }
  return undefined;
}

/** The diagnostic for a budget that blocks every eviction. */
export function blockingMessage(w: PodSet, b: Budget): string {
  return `${idOf(b.pdb!)} allows no voluntary eviction of ${idOf(w.obj)} (${b.blocks}): node drains and cluster upgrades hang on its pods; it is not disruption protection (allow one: maxUnavailable: 1)`;
}
