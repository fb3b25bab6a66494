/**
 * Extraction of one Kubernetes stack: objects (plain manifests, a kustomize build, or a Helm chart's
 * values) -> components judged by the catalog, relations -> dependencies, placement and budgets ->
 * disruption protection, and diagnostics for what cannot be read or decided.
 */
import { UNKNOWN, type CatalogEntry, type Judgement } from '../../catalog/entry.js';
import { imageKind, imageName, replicasAreIndependent } from '../../catalog/images.js';
import { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY, SHARED_BY_KEY } from '../../catalog/kubernetes/keys.js';
import { entryFor } from '../../catalog/lookup.js';
import { asNumber } from '../../catalog/generic.js';
import type { Component, Dependency, Diagnostic, FileSet, Protection } from '../../model/index.js';
import type { Extraction, Stack } from '../format.js';
import { judgeComponent, roleCanFail, type JudgeSetup, type Judged } from '../shared/judge.js';
import { SourceLines } from '../shared/lines.js';
import { REDUNDANCY_UNKNOWN, notEvaluated } from '../shared/unevaluated.js';
import { buildFix } from './fix.js';
import { blockObject, readChart } from './helm.js';
import { buildKustomization, readKustomization } from './kustomize.js';
import { idOf, typeOf, type K8sObject } from './objects.js';
import { blockingMessage, budgetOf, placementOf, placementZones, type Placement } from './protection.js';
import { NameIndex, relations, scaleTarget } from './relations.js';
import { dirIndex, ManifestCache } from './repo.js';
import { stackKind } from './stacks.js';
import { fieldAt, plain } from './tree.js';
import { K8sView, type Synthesized } from './view.js';
import { claimsOf, envValues, images, isQuorum, knownImage, podWorkload, type PodWorkload } from './workloads.js';

export function extractKubernetes(stack: Stack, files: FileSet): Extraction {
  const lines = new SourceLines(files);
  if (stackKind(stack, files) === 'helm') return extractChart(stack, files, lines);
  const cache = new ManifestCache(files);
  const diagnostics: Diagnostic[] = [];
  let objects: K8sObject[] = [];
  if (stackKind(stack, files) === 'kustomize') {
    const reading = readKustomization(stack.id, files, dirIndex(files));
    diagnostics.push(...reading.diagnostics);
    if (reading.tree) objects = buildKustomization(reading.tree, cache, diagnostics);
  } else {
    for (const f of stack.files) objects.push(...cache.objects(f));
  }
  const result = extractObjects(stack.id, objects, lines, diagnostics);
  result.diagnostics.unshift(...cache.diagnostics);
  return result;
}

function judging(stack: string, diagnostics: Diagnostic[]): JudgeSetup<K8sView> {
  return { stack, warn: (file, line, message) => diagnostics.push({ file, line, severity: 'warning', message }) };
}

/** Components, dependencies and diagnostics of a stack's objects. */
export function extractObjects(stack: string, input: readonly K8sObject[], lines: SourceLines, diagnostics: Diagnostic[]): Extraction {
  // One object per id: the first wins (a kustomize patch or an alternative file may define it again).
  const byId = new Map<string, K8sObject>();
  for (const o of input) {
    const id = idOf(o);
    const first = byId.get(id);
    if (first) {
      diagnostics.push({ file: o.file, line: o.line, severity: 'warning', message: `${id} is defined again (first at ${first.file}:${first.line}); the first definition is used` });
      continue;
    }
    byId.set(id, o);
  }
  const objects = [...byId.values()];
  const names = new NameIndex(objects);
  const entries = new Map<string, CatalogEntry>();
  for (const o of objects) {
    const e = entryFor('kubernetes', typeOf(o));
    if (e) entries.set(idOf(o), e);
  }
  const workloads: PodWorkload[] = [];
  const workloadOf = new Map<string, PodWorkload>();
  for (const o of objects) {
    const w = podWorkload(o);
    if (!w) continue;
    workloads.push(w);
    workloadOf.set(idOf(o), w);
  }
  const componentIds = new Set(entries.keys());
  const dependencies = relations({ objects, workloads, components: componentIds }, names);

  // Autoscaler floors by target.
  const autoscaled = new Map<string, { value: Synthesized; owner: K8sObject }>();
  for (const o of objects) {
    const t = scaleTarget(o, names);
    if (!t) continue;
    const tid = idOf(t.target);
    if (autoscaled.has(tid)) {
      diagnostics.push({ file: o.file, line: o.line, severity: 'warning', message: `${idOf(o)} scales ${tid}, which ${idOf(autoscaled.get(tid)!.owner)} already scales; the first one is used` });
      continue;
    }
    autoscaled.set(tid, { value: autoscaleFloor(o, lines), owner: o });
  }

  const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget' && o.group === 'policy');
  const served = new Set(dependencies.filter((d) => d.kind === 'selector' && d.from.startsWith('Service/')).map((d) => d.to));
  const judged = new Map<string, Judged<K8sView>>();
  const setup = judging(stack, diagnostics);
  const pvcs: K8sObject[] = [];
  for (const o of objects) {
    const id = idOf(o);
    const entry = entries.get(id);
    if (!entry) continue;
    if (entry.id === 'k8s-pvc') {
      pvcs.push(o);
      continue;
    }
    const w = workloadOf.get(id);
    const synthesized = new Map<string, Synthesized>();
    const auto = autoscaled.get(id);
    if (auto) synthesized.set(AUTOSCALE_MIN_KEY, auto.value);
    let placement: Placement | undefined;
    const image = w && entry.role === 'compute' && servesData(w, served) ? knownImage(w.spec) : undefined;
    const independent = image !== undefined && w !== undefined && replicasAreIndependent(image) && !hasSentinel(w);
    if (independent) synthesized.set(INDEPENDENT_KEY, { value: true, site: siteOfObject(o, lines, 'independentReplicas') });
    if (w) {
      placement = placementOf(w);
      const env = envValues(w, (n) => names.get('ConfigMap', o.namespace, n));
      synthesized.set(QUORUM_KEY, { value: servesData(w, served) && isQuorum(w, env), site: siteOfObject(o, lines, 'quorum') });
      if (placement.pinned) {
        const s = placement.pinned.site;
        synthesized.set(PINNED_KEY, { value: true, site: { attribute: 'pinned', value: placement.pinned.node, site: s, text: lines.line(s.file, s.startLine) ?? '' } });
      }
    }
    const view = new K8sView(o, typeOf(o), entry, synthesized, placement ? placementZones(placement) : null, lines);
    const { component: c, judgement: j } = judgeComponent(entry, view, setup, image);
    if (w && placement && roleCanFail(c.role)) protect(c, w, placement, pdbs, view, diagnostics);
    if (j?.fix) c.fix = buildFix(view, j.fix, lines, j.fix.key === AUTOSCALE_MIN_KEY && auto ? idOf(auto.owner) : undefined);
    const pods = independent ? declaredPods(view) : null;
    if (independent && image && pods !== null && pods > 1) {
      const at = view.site(j?.decisive[0] ?? 'replicas')?.site ?? view.location;
      diagnostics.push({
        file: at.file,
        line: at.startLine,
        severity: 'warning',
        message: `${c.id} runs ${pods} replicas of plain ${image.title}, which do not replicate its data: they are independent servers, counted as one instance`,
      });
    }
    if (!c.fix && independent && image) {
      c.fix = {
        description: `run ${image.title} replicated with automatic failover (an operator, or a chart that sets up replicas and failover): more replicas of the plain image are independent servers, each with its own data`,
      };
    }
    if (!c.fix && c.type === 'Pod') c.fix = { description: 'run it from a Deployment (or StatefulSet) with 2 or more replicas: a bare Pod is not recreated when its node fails' };
    reportUnknown(c, view, j, diagnostics);
    judged.set(id, { component: c, view, judgement: j });
  }

  // Claims last: whether a ReadWriteOnce claim is shared depends on the replicas of its workloads.
  for (const o of pvcs) {
    const id = idOf(o);
    const entry = entries.get(id)!;
    const synthesized = new Map<string, Synthesized>();
    synthesized.set(SHARED_BY_KEY, sharedBy(id, dependencies, judged, o, lines));
    const view = new K8sView(o, typeOf(o), entry, synthesized, null, lines);
    const { component: c, judgement: j } = judgeComponent(entry, view, setup);
    if (j?.fix) c.fix = buildFix(view, j.fix, lines);
    judged.set(id, { component: c, view, judgement: j });
  }

  const components = objects.filter((o) => judged.has(idOf(o))).map((o) => judged.get(idOf(o))!.component);
  return { components, dependencies, diagnostics };
}

/**
 * A data image counts as a data store only when something can reach it or it keeps data: a Service
 * selects it, it mounts a claim, or it is a StatefulSet. A bare `redis` pod used as a client shell
 * or a `postgres` job running migrations is compute.
 */
function servesData(w: PodWorkload, served: ReadonlySet<string>): boolean {
  return w.obj.kind === 'StatefulSet' || served.has(idOf(w.obj)) || claimsOf(w).length > 0;
}

/** A Sentinel next to Redis promotes a replica: those replicas are not independent servers. */
function hasSentinel(w: PodWorkload): boolean {
  return images(w.spec).some((i) => imageName(i).includes('sentinel'));
}

/** An autoscaler's floor: HPA `minReplicas` (default 1), KEDA `minReplicaCount` (default 0). */
function autoscaleFloor(o: K8sObject, lines: SourceLines): Synthesized {
  const key = o.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas';
  const f = fieldAt(o.root, ['spec', key]);
  const attribute = `spec.${key}`;
  if (f) {
    const v = plain(f.value);
    const value = typeof v === 'number' || typeof v === 'string' ? v : UNKNOWN;
    return { value, site: { attribute, value: value === UNKNOWN ? undefined : v, site: { file: o.file, startLine: f.keyLine, endLine: f.value.endLine }, text: lines.line(o.file, f.keyLine) ?? '' } };
  }
  const spec = fieldAt(o.root, ['spec']);
  const line = spec?.keyLine ?? o.line;
  const value = o.kind === 'ScaledObject' ? 0 : 1;
  return { value, site: { attribute, value: undefined, site: { file: o.file, startLine: line, endLine: line }, text: lines.line(o.file, line) ?? '' } };
}

function siteOfObject(o: K8sObject, lines: SourceLines, attribute: string): Synthesized['site'] {
  return { attribute, value: undefined, site: { file: o.file, startLine: o.line, endLine: o.line }, text: lines.line(o.file, o.line) ?? '' };
}

/** The most replicas of one workload that mount a claim, with the mount's line. */
function sharedBy(pvc: string, deps: readonly Dependency[], judged: ReadonlyMap<string, Judged<K8sView>>, o: K8sObject, lines: SourceLines): Synthesized {
  let best: { n: number; dep: Dependency } | undefined;
  for (const d of deps) {
    if (d.kind !== 'volume' || d.to !== pvc) continue;
    const n = judged.get(d.from)?.component.redundancy.instances;
    if (typeof n === 'number' && (!best || n > best.n)) best = { n, dep: d };
  }
  if (!best?.dep.location) return { value: 0, site: siteOfObject(o, lines, 'mountedBy') };
  const loc = best.dep.location;
  const value = `${best.dep.from} (${best.n} replica${best.n === 1 ? '' : 's'})`;
  return { value: best.n, site: { attribute: 'mountedBy', value, site: loc, text: lines.line(loc.file, loc.startLine) ?? '' } };
}

/** Protection of a pod workload, its attributes (for evidence) and the blocking-budget diagnostic. */
function protect(c: Component, w: PodWorkload, p: Placement, pdbs: readonly K8sObject[], view: K8sView, diagnostics: Diagnostic[]): void {
  const daemon = w.obj.kind === 'DaemonSet';
  // A budget counts pods, not independent servers: three plain Redis pods are one instance but three pods.
  const pods = view.get(INDEPENDENT_KEY) === true ? declaredPods(view) : c.redundancy.instances;
  const budget = budgetOf(w, pdbs, pods);
  const protection: Protection = {
    budget: budget.budget,
    // A DaemonSet runs one pod per node by construction.
    spread: daemon && p.spread === 'none' ? 'host' : p.spread,
    spreadRequired: daemon && p.spread === 'none' ? true : p.spreadRequired,
    pinned: p.pinned !== undefined,
  };
  c.redundancy.protection = protection;
  const header = { file: w.obj.file, startLine: w.obj.line, endLine: w.obj.line };
  const site = (attribute: string, value: unknown, at: typeof header | undefined) => {
    const s = at ?? header;
    return view.siteAt(attribute, value, s.startLine, s.endLine, s.file);
  };
  c.attributes.disruptionBudget = site('disruptionBudget', budget.budget === 'none' ? null : budget.budget, budget.site);
  if (!daemon) c.attributes.spread = site('spread', p.spread === 'none' ? null : `${p.spread}${p.spreadRequired ? '' : ' (preferred)'}`, p.spreadSite);
  c.attributes.pinned = site('pinned', p.pinned ? p.pinned.node : null, p.pinned?.site);
  if (p.zone) c.attributes.zone = site('zone', p.zone.name, p.zone.site);
  if (budget.budget === 'blocks' && budget.site) {
    diagnostics.push({ file: budget.site.file, line: budget.site.startLine, severity: 'warning', message: blockingMessage(w, budget) });
  }
}

/** Pods a replicated workload runs: the autoscaler's floor, else spec.replicas (1 when unset); null when unknown. */
function declaredPods(view: K8sView): number | null {
  const auto = view.get(AUTOSCALE_MIN_KEY);
  const n = asNumber(auto !== undefined ? auto : (view.get('replicas') ?? 1));
  return typeof n === 'number' ? Math.max(auto !== undefined ? 1 : 0, Math.floor(n)) : null;
}

/** A decisive count that could not be read (a template placeholder, an environment variable) is said, not guessed. */
function reportUnknown(c: Component, view: K8sView, j: Judgement | undefined, diagnostics: Diagnostic[]): void {
  if (!j || !roleCanFail(c.role) || c.redundancy.instances !== null) return;
  for (const key of j.decisive) {
    const site = view.site(key);
    if (!site) continue;
    const raw = view.get(key);
    const shown = typeof raw === 'string' ? JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}...` : raw) : undefined;
    diagnostics.push({ file: site.site.file, line: site.site.startLine, severity: 'warning', message: notEvaluated(site.attribute, c.id, REDUNDANCY_UNKNOWN, shown) });
    return;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Helm charts
 * ---------------------------------------------------------------------------------------------- */

function extractChart(stack: Stack, files: FileSet, lines: SourceLines): Extraction {
  const chart = readChart(stack.id, files, stack.files);
  const diagnostics = [...chart.diagnostics];
  const base = entryFor('kubernetes', 'helm:values')!;
  const components: Component[] = [];
  const setup = judging(stack.id, diagnostics);
  const seen = new Set<string>();
  for (const b of chart.blocks) {
    const o = blockObject(chart, b);
    const id = idOf(o);
    if (seen.has(id)) continue;
    seen.add(id);
    const entry: CatalogEntry = { ...base, attributes: { replicas: { kubernetes: b.replicaKey } } };
    const synthesized = new Map<string, Synthesized>();
    if (b.autoscaling) {
      const f = b.autoscaling.min ?? b.autoscaling.enabled;
      const v = b.autoscaling.min ? plain(b.autoscaling.min.value) : 1;
      const value = typeof v === 'number' || typeof v === 'string' ? v : UNKNOWN;
      const attribute = [...b.path, 'autoscaling', 'minReplicas'].join('.');
      synthesized.set(AUTOSCALE_MIN_KEY, {
        value,
        site: { attribute, value: b.autoscaling.min ? (value === UNKNOWN ? undefined : v) : undefined, site: { file: o.file, startLine: f.keyLine, endLine: f.keyLine }, text: lines.line(o.file, f.keyLine) ?? '' },
      });
    }
    const view = new K8sView(o, o.kind, entry, synthesized, null, lines);
    const image = imageKind(b.image ?? (b.path.length === 0 ? chart.name : undefined)) ?? (b.path.length === 0 ? imageKind(chart.name) : undefined);
    const { component: c, judgement: j } = judgeComponent(entry, view, setup, image);
    for (const a of Object.values(c.attributes)) if (b.path.length && !a.attribute.includes('.')) a.attribute = [...b.path, a.attribute].join('.');
    c.entryPoint = b.entryPoint;
    if (j?.fix && !(j.fix.key === AUTOSCALE_MIN_KEY && !b.autoscaling?.min)) c.fix = buildFix(view, j.fix, lines);
    if (c.fix && b.path.length) c.fix.description = c.fix.description.replace(/^set (\S+)/, (_m, a: string) => `set ${a.includes('.') ? a : [...b.path, a].join('.')}`);
    reportUnknown(c, view, j, diagnostics);
    components.push(c);
  }
  return { components, dependencies: [], diagnostics };
}
