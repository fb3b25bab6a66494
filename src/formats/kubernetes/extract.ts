/**
 * Extraction of one Kubernetes stack: objects (plain manifests, a kustomize build, or a Helm chart's
 * values) -> components judged by the catalog, relations -> dependencies, placement and budgets ->
 * disruption protection, and diagnostics for what cannot be read or decided.
 */
import { UNKNOWN, type CatalogEntry, type Judgement } from '../../catalog/entry.js';
import { imageKind, imageName, replicasAreIndependent } from '../../catalog/images.js';
import { PIPELINE_KINDS } from '../../catalog/pipeline-images.js';
import { chartMajor } from '../../catalog/kubernetes/charts.js';
import { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY, SHARED_BY_KEY } from '../../catalog/kubernetes/keys.js';
import { entryFor } from '../../catalog/lookup.js';
import { asNumber } from '../../catalog/judging/index.js';
import type { Component, Dependency, Diagnostic, FileSet, Protection } from '../../model/index.js';
import type { Extraction, Stack } from '../format.js';
import { judgeComponent, roleCanFail, type JudgeSetup, type Judged, type Refinement } from '../shared/judge.js';
import { SourceLines } from '../shared/lines.js';
import { REDUNDANCY_UNKNOWN, notEvaluated } from '../shared/unevaluated.js';
import { buildFix } from './fix.js';
import { airflowBlocks, blockObject, readChart, type ValuesBlock } from './helm.js';
import { isRelease, releaseSources, type ReleaseSource } from './releases.js';
import { buildKustomization, readKustomization } from './kustomize.js';
import { idOf, typeOf, type K8sObject } from './objects.js';
import { operatorProtection } from './operator-protection.js';
import { blockingMessage, budgetOf, Budgets, placementOf, placementZones, type Budget, type Placement, type PodSet } from './protection.js';
import { NameIndex, relations, scaleTarget } from './relations.js';
import { dirIndex, ManifestCache } from './repo.js';
import { stackKind } from './stacks.js';
import { at, fieldAt, plain, type KMap } from './tree.js';
import { K8sView, pathFor, type Synthesized } from './view.js';
import { claimsOf, envValues, images, isQuorum, knownImage, mountedConfigText, podWorkload, type PodWorkload } from './workloads.js';
import { append } from '../../model/index.js';

export function extractKubernetes(stack: Stack, files: FileSet): Extraction {
  const lines = new SourceLines(files);
  if (stackKind(stack, files) === 'helm') return extractChart(stack, files, lines);
  const cache = new ManifestCache(files);
  const diagnostics: Diagnostic[] = [];
  let objects: K8sObject[] = [];
  if (stackKind(stack, files) === 'kustomize') {
    const reading = readKustomization(stack.id, files, dirIndex(files));
    append(diagnostics, reading.diagnostics);
    if (reading.tree) objects = buildKustomization(reading.tree, cache, diagnostics);
  } else {
    for (const file of stack.files) append(objects, cache.objects(file));
  }
  const result = extractObjects(stack.id, objects, lines, diagnostics, files);
  result.diagnostics = append([...cache.diagnostics], result.diagnostics);
  return result;
}

function judging(stack: string, diagnostics: Diagnostic[]): JudgeSetup<K8sView> {
  return { stack, warn: (file, line, message) => diagnostics.push({ file, line, severity: 'warning', message }) };
}

/** What judging one object of a stack reads from the others. */
interface StackObjects {
  names: NameIndex;
  dependencies: Dependency[];
  workloadOf: ReadonlyMap<string, PodWorkload>;
  /** Autoscaler floors by target id, with the autoscaler that sets it. */
  autoscaled: ReadonlyMap<string, { value: Synthesized; owner: K8sObject }>;
  budgets: Budgets;
  /** Ids of the objects a Service selects. */
  served: ReadonlySet<string>;
  lines: SourceLines;
  setup: JudgeSetup<K8sView>;
  diagnostics: Diagnostic[];
}

/** Components, dependencies and diagnostics of a stack's objects (`files`: the repository, where a release's chart source may be declared). */
export function extractObjects(stack: string, input: readonly K8sObject[], lines: SourceLines, diagnostics: Diagnostic[], files?: FileSet): Extraction {
  const objects = firstOfEachId(input, diagnostics);
  const names = new NameIndex(objects);
  const entries = new Map<string, CatalogEntry>();
  for (const object of objects) {
    const entry = entryFor('kubernetes', typeOf(object));
    if (entry) entries.set(idOf(object), entry);
  }
  const workloads: PodWorkload[] = [];
  const workloadOf = new Map<string, PodWorkload>();
  for (const object of objects) {
    const workload = podWorkload(object);
    if (!workload) continue;
    workloads.push(workload);
    workloadOf.set(idOf(object), workload);
  }
  const related = relations({ objects, workloads, components: new Set(entries.keys()), lines }, names);
  const dependencies = related.dependencies;
  append(diagnostics, related.diagnostics);
  const context: StackObjects = {
    names,
    dependencies,
    workloadOf,
    autoscaled: autoscalerFloors(objects, names, lines, diagnostics),
    budgets: new Budgets(objects.filter((object) => object.kind === 'PodDisruptionBudget' && object.group === 'policy')),
    served: servedBySelectors(dependencies),
    lines,
    setup: judging(stack, diagnostics),
    diagnostics,
  };

  const judged = new Map<string, Judged<K8sView>>();
  const claims: K8sObject[] = [];
  for (const object of objects) {
    const entry = entries.get(idOf(object));
    if (!entry) continue;
    if (entry.id === 'k8s-pvc') claims.push(object);
    else judged.set(idOf(object), judgeObject(object, entry, context));
  }
  // Claims last: whether a ReadWriteOnce claim is shared depends on the replicas of its workloads.
  for (const object of claims) {
    const id = idOf(object);
    const entry = entries.get(id)!;
    const synthesized = new Map<string, Synthesized>([[SHARED_BY_KEY, sharedBy(id, dependencies, judged, object, lines)]]);
    const view = new K8sView(object, typeOf(object), entry, synthesized, null, lines);
    const claim = judgeComponent(entry, view, context.setup);
    if (claim.judgement?.fix) claim.component.fix = buildFix(view, claim.judgement.fix, lines);
    judged.set(id, claim);
  }

  const components = objects.filter((object) => judged.has(idOf(object))).map((object) => judged.get(idOf(object))!.component);
  for (const object of objects) {
    if (!isRelease(object)) continue;
    for (const source of releaseSources(object, { names, files, lines, diagnostics })) append(components, releaseComponents(object, source, context));
  }
  const instances = new Map(components.map((component) => [component.id, component.redundancy.instances]));
  for (const component of components) {
    // A Service's name alone is one server only when one instance serves it: else it balances, nothing is cut.
    const uses = related.endpoints.get(component.id)?.filter((use) => !(related.byService.has(use) && use.targets.length === 1 && instances.get(use.targets[0]!) !== 1));
    if (uses?.length) component.endpoints = uses;
  }
  return { components, dependencies, diagnostics };
}

/** One object per id: the first wins (a kustomize patch or an alternative file may define it again). */
function firstOfEachId(input: readonly K8sObject[], diagnostics: Diagnostic[]): K8sObject[] {
  const byId = new Map<string, K8sObject>();
  for (const object of input) {
    const id = idOf(object);
    const first = byId.get(id);
    if (first) {
      diagnostics.push({ file: object.file, line: object.line, severity: 'warning', message: `${id} is defined again (first at ${first.file}:${first.line}); the first definition is used` });
      continue;
    }
    byId.set(id, object);
  }
  return [...byId.values()];
}

/** Autoscaler floors by target. */
function autoscalerFloors(objects: readonly K8sObject[], names: NameIndex, lines: SourceLines, diagnostics: Diagnostic[]): Map<string, { value: Synthesized; owner: K8sObject }> {
  const autoscaled = new Map<string, { value: Synthesized; owner: K8sObject }>();
  for (const object of objects) {
    const scaled = scaleTarget(object, names);
    if (!scaled) continue;
    const targetId = idOf(scaled.target);
    if (autoscaled.has(targetId)) {
      const message = `${idOf(object)} scales ${targetId}, which ${idOf(autoscaled.get(targetId)!.owner)} already scales; the first one is used`;
      diagnostics.push({ file: object.file, line: object.line, severity: 'warning', message });
      continue;
    }
    autoscaled.set(targetId, { value: autoscaleFloor(object, lines), owner: object });
  }
  return autoscaled;
}

/** A workload (or any judged object but a claim): its synthesized keys, judgement, protection, fix and warnings. */
function judgeObject(object: K8sObject, entry: CatalogEntry, context: StackObjects): Judged<K8sView> {
  const { lines, diagnostics } = context;
  const id = idOf(object);
  const workload = context.workloadOf.get(id);
  const synthesized = new Map<string, Synthesized>();
  const auto = context.autoscaled.get(id);
  if (auto) synthesized.set(AUTOSCALE_MIN_KEY, auto.value);
  let placement: Placement | undefined;
  const configMaps = (name: string) => context.names.get('ConfigMap', object.namespace, name);
  const known = workload && entry.role === 'compute' ? knownImage(workload.spec, mountedConfigText(workload, configMaps)) : undefined;
  // A scheduler or an ingestion worker is one whether or not anything reaches it; a data image only when it serves.
  const image = known && (known.pipeline || servesData(workload!, context.served)) ? known : undefined;
  const singleton = image?.pipeline?.singleton;
  const independent = image !== undefined && workload !== undefined && ((replicasAreIndependent(image) && !hasSentinel(workload)) || singleton !== undefined);
  if (independent) synthesized.set(INDEPENDENT_KEY, { value: true, site: siteOfObject(object, lines, 'independentReplicas') });
  if (workload) {
    placement = placementOf(workload);
    const env = envValues(workload, (name) => context.names.get('ConfigMap', object.namespace, name));
    synthesized.set(QUORUM_KEY, { value: servesData(workload, context.served) && isQuorum(workload, env), site: siteOfObject(object, lines, 'quorum') });
    if (placement.pinned) {
      const site = placement.pinned.site;
      synthesized.set(PINNED_KEY, { value: true, site: { attribute: 'pinned', value: placement.pinned.node, site, text: lines.line(site.file, site.startLine) ?? '' } });
    }
  }
  const view = new K8sView(object, typeOf(object), entry, synthesized, placement ? placementZones(placement) : null, lines);
  const judged = judgeComponent(entry, view, context.setup, image);
  const { component, judgement } = judged;
  if (workload && placement && roleCanFail(component.role)) protect(component, workload, placement, context.budgets, view, diagnostics);
  else if (!workload && roleCanFail(component.role)) protectOperatorPods(component, object, context.budgets, view, diagnostics);
  if (judgement?.fix) component.fix = buildFix(view, judgement.fix, lines, judgement.fix.key === AUTOSCALE_MIN_KEY && auto ? idOf(auto.owner) : undefined);
  const pods = independent ? declaredPods(view) : null;
  if (independent && image && pods !== null && pods > 1) {
    const at = view.site(judgement?.decisive[0] ?? 'replicas')?.site ?? view.location;
    diagnostics.push({
      file: at.file,
      line: at.startLine,
      severity: 'warning',
      message: singleton
        ? `${component.id} runs ${pods} replicas of ${image.title}: ${singleton.why}; counted as one instance`
        : `${component.id} runs ${pods} replicas of plain ${image.title}, which do not replicate its data: they are independent servers, counted as one instance`,
    });
  }
  if (singleton) component.fix = { description: singleton.fix };
  else if (component.fix && image?.pipeline?.note) component.fix = { ...component.fix, description: `${component.fix.description} (${image.pipeline.note})` };
  if (!component.fix && independent && image) {
    component.fix = {
      description: `run ${image.title} replicated with automatic failover (an operator, or a chart that sets up replicas and failover): more replicas of the plain image are independent servers, each with its own data`,
    };
  }
  if (!component.fix && component.type === 'Pod') component.fix = { description: 'run it from a Deployment (or StatefulSet) with 2 or more replicas: a bare Pod is not recreated when its node fails' };
  reportUnknown(component, view, judgement, diagnostics);
  return judged;
}

/**
 * A data image counts as a data store only when something can reach it or it keeps data: a Service
 * selects it, it mounts a claim, or it is a StatefulSet. A bare `redis` pod used as a client shell
 * or a `postgres` job running migrations is compute.
 */
function servesData(workload: PodWorkload, served: ReadonlySet<string>): boolean {
  return workload.obj.kind === 'StatefulSet' || served.has(idOf(workload.obj)) || claimsOf(workload).length > 0;
}

/** A Sentinel next to Redis promotes a replica: those replicas are not independent servers. */
function hasSentinel(workload: PodWorkload): boolean {
  return images(workload.spec).some((image) => imageName(image).includes('sentinel'));
}

/** An autoscaler's floor: HPA `minReplicas` (default 1), KEDA `minReplicaCount` (default 0). */
function autoscaleFloor(object: K8sObject, lines: SourceLines): Synthesized {
  const key = object.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas';
  const field = fieldAt(object.root, ['spec', key]);
  const attribute = `spec.${key}`;
  if (field) {
    const written = plain(field.value);
    const value = typeof written === 'number' || typeof written === 'string' ? written : UNKNOWN;
    const site = { file: object.file, startLine: field.keyLine, endLine: field.value.endLine };
    return { value, site: { attribute, value: value === UNKNOWN ? undefined : written, site, text: lines.line(object.file, field.keyLine) ?? '' } };
  }
  const spec = fieldAt(object.root, ['spec']);
  const line = spec?.keyLine ?? object.line;
  const value = object.kind === 'ScaledObject' ? 0 : 1;
  return { value, site: { attribute, value: undefined, site: { file: object.file, startLine: line, endLine: line }, text: lines.line(object.file, line) ?? '' } };
}

function siteOfObject(object: K8sObject, lines: SourceLines, attribute: string): Synthesized['site'] {
  return { attribute, value: undefined, site: { file: object.file, startLine: object.line, endLine: object.line }, text: lines.line(object.file, object.line) ?? '' };
}

/** The most replicas of one workload that mount a claim, with the mount's line. */
function sharedBy(claim: string, deps: readonly Dependency[], judged: ReadonlyMap<string, Judged<K8sView>>, object: K8sObject, lines: SourceLines): Synthesized {
  let best: { replicas: number; dep: Dependency } | undefined;
  for (const dep of deps) {
    if (dep.kind !== 'volume' || dep.to !== claim) continue;
    const replicas = judged.get(dep.from)?.component.redundancy.instances;
    if (typeof replicas === 'number' && (!best || replicas > best.replicas)) best = { replicas, dep };
  }
  if (!best?.dep.location) return { value: 0, site: siteOfObject(object, lines, 'mountedBy') };
  const location = best.dep.location;
  const value = `${best.dep.from} (${best.replicas} replica${best.replicas === 1 ? '' : 's'})`;
  return { value: best.replicas, site: { attribute: 'mountedBy', value, site: location, text: lines.line(location.file, location.startLine) ?? '' } };
}

/** Protection of a pod workload, its attributes (for evidence) and the blocking-budget diagnostic. */
function protect(component: Component, workload: PodWorkload, placement: Placement, budgets: Budgets, view: K8sView, diagnostics: Diagnostic[]): void {
  const daemon = workload.obj.kind === 'DaemonSet';
  // A budget counts pods, not independent servers: three plain Redis pods are one instance but three pods.
  const pods = view.get(INDEPENDENT_KEY) === true ? declaredPods(view) : component.redundancy.instances;
  const budget = budgetOf(workload, budgets, pods);
  const protection: Protection = {
    budget: budget.budget,
    // A DaemonSet runs one pod per node by construction.
    spread: daemon && placement.spread === 'none' ? 'host' : placement.spread,
    spreadRequired: daemon && placement.spread === 'none' ? true : placement.spreadRequired,
    pinned: placement.pinned !== undefined,
  };
  const site = recordBudget(component, protection, workload, budget, view, diagnostics);
  if (!daemon) component.attributes.spread = site('spread', placement.spread === 'none' ? null : `${placement.spread}${placement.spreadRequired ? '' : ' (preferred)'}`, placement.spreadSite);
  component.attributes.pinned = site('pinned', placement.pinned ? placement.pinned.node : null, placement.pinned?.site);
  if (placement.zone) component.attributes.zone = site('zone', placement.zone.name, placement.zone.site);
}

/** The budget of the pods an operator runs for its resource, when the operator keeps none of its own (see operator-protection.ts). */
function protectOperatorPods(component: Component, object: K8sObject, budgets: Budgets, view: K8sView, diagnostics: Diagnostic[]): void {
  const judged = operatorProtection(object, budgets, component.redundancy.instances);
  if (judged) recordBudget(component, judged.protection, judged.pods, judged.budget, view, diagnostics);
}

/**
 * Set the protection and its budget attribute (at the budget's deciding line, so a deleted budget is cited
 * where it was) and report a budget that blocks every eviction; returns the site maker for further attributes.
 */
function recordBudget(component: Component, protection: Protection, pods: PodSet, budget: Budget, view: K8sView, diagnostics: Diagnostic[]) {
  component.redundancy.protection = protection;
  const header = { file: pods.obj.file, startLine: pods.obj.line, endLine: pods.obj.line };
  const site = (attribute: string, value: unknown, written: typeof header | undefined) => {
    const at = written ?? header;
    return view.siteAt(attribute, value, at.startLine, at.endLine, at.file);
  };
  component.attributes.disruptionBudget = site('disruptionBudget', budget.budget === 'none' ? null : budget.budget, budget.site);
  if (budget.budget === 'blocks' && budget.site) {
    diagnostics.push({ file: budget.site.file, line: budget.site.startLine, severity: 'warning', message: blockingMessage(pods, budget) });
  }
  return site;
}

/** Pods a replicated workload runs: the autoscaler's floor, else spec.replicas (1 when unset); null when unknown. */
function declaredPods(view: K8sView): number | null {
  const auto = view.get(AUTOSCALE_MIN_KEY);
  const pods = asNumber(auto !== undefined ? auto : (view.get('replicas') ?? 1));
  return typeof pods === 'number' ? Math.max(auto !== undefined ? 1 : 0, Math.floor(pods)) : null;
}

/** A decisive count that could not be read (a template placeholder, an environment variable) is said, not guessed. */
function reportUnknown(component: Component, view: K8sView, judgement: Judgement | undefined, diagnostics: Diagnostic[]): void {
  if (!judgement || !roleCanFail(component.role) || component.redundancy.instances !== null) return;
  for (const key of judgement.decisive) {
    const site = view.site(key);
    if (!site) continue;
    const raw = view.get(key);
    const shown = typeof raw === 'string' ? JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}...` : raw) : undefined;
    diagnostics.push({ file: site.site.file, line: site.site.startLine, severity: 'warning', message: notEvaluated(site.attribute, component.id, REDUNDANCY_UNKNOWN, shown) });
    return;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Helm charts
 * ---------------------------------------------------------------------------------------------- */

function extractChart(stack: Stack, files: FileSet, lines: SourceLines): Extraction {
  const chart = readChart(stack.id, files, stack.files);
  const diagnostics = [...chart.diagnostics];
  const components: Component[] = [];
  const setup = judging(stack.id, diagnostics);
  const seen = new Set<string>();
  for (const block of chart.blocks) {
    const object = blockObject(chart, block);
    const id = idOf(object);
    if (seen.has(id)) continue;
    seen.add(id);
    const image = block.pipeline
      ? PIPELINE_KINDS[block.pipeline]
      : (imageKind(block.image ?? (block.path.length === 0 ? chart.name : undefined)) ?? (block.path.length === 0 ? imageKind(chart.name) : undefined));
    components.push(judgeValuesBlock(object, block, image, block.path, { lines, setup, diagnostics }));
  }
  return { components, dependencies: [], diagnostics };
}

/**
 * One values block (a chart's values.yaml, or the inline values of a release of a known chart): its
 * replica count or its enabled autoscaler's floor, judged as the workload it stands for. Attributes are
 * named by `qualifier`, the block's path as its reader knows it (`airflow.scheduler`, `spec.values.scheduler`).
 */
export function judgeValuesBlock(
  object: K8sObject,
  block: ValuesBlock,
  image: Refinement | undefined,
  qualifier: readonly string[],
  context: { lines: SourceLines; setup: JudgeSetup<K8sView>; diagnostics: Diagnostic[] },
): Component {
  const { lines, setup, diagnostics } = context;
  const base = entryFor('kubernetes', 'helm:values')!;
  const entry: CatalogEntry = { ...base, attributes: { replicas: { kubernetes: block.replicaKey } } };
  const synthesized = new Map<string, Synthesized>();
  if (block.autoscaling) {
    const field = block.autoscaling.min ?? block.autoscaling.enabled;
    const written = block.autoscaling.min ? plain(block.autoscaling.min.value) : 1;
    const value = typeof written === 'number' || typeof written === 'string' ? written : UNKNOWN;
    const attribute = [...qualifier, 'autoscaling', 'minReplicas'].join('.');
    const site = { file: object.file, startLine: field.keyLine, endLine: field.keyLine };
    synthesized.set(AUTOSCALE_MIN_KEY, {
      value,
      site: { attribute, value: block.autoscaling.min ? (value === UNKNOWN ? undefined : written) : undefined, site, text: lines.line(object.file, field.keyLine) ?? '' },
    });
  }
  const view = new K8sView(object, object.kind, entry, synthesized, null, lines);
  const { component, judgement } = judgeComponent(entry, view, setup, image);
  const qualified = (attribute: string) => (attribute.includes('.') ? attribute : [...qualifier, attribute].join('.'));
  if (qualifier.length) for (const site of Object.values(component.attributes)) site.attribute = qualified(site.attribute);
  component.entryPoint = block.entryPoint;
  if (judgement?.fix && !(judgement.fix.key === AUTOSCALE_MIN_KEY && !block.autoscaling?.min)) component.fix = buildFix(view, judgement.fix, lines);
  if (component.fix && qualifier.length) component.fix.description = component.fix.description.replace(/^set (\S+)/, (_match, attribute: string) => `set ${qualified(attribute)}`);
  reportUnknown(component, view, judgement, diagnostics);
  return component;
}

/**
 * The components of a release of a known chart (releases.ts): the official Airflow chart's scheduler and
 * triggerer as values blocks, any other known chart judged as a whole by its catalog entry over the values.
 */
function releaseComponents(object: K8sObject, source: ReleaseSource, context: StackObjects): Component[] {
  const { lines, setup, diagnostics } = context;
  const judge = source.chart.judge;
  if (judge === 'airflow') {
    if (!source.values) return [];
    return airflowBlocks(source.values, [[]]).map((block) => {
      const part: K8sObject = { ...object, apiVersion: '', group: '', kind: 'Workload', name: [source.name, ...block.path].join('-'), namespace: source.namespace, root: block.map, line: block.map.line, endLine: block.map.endLine };
      const count = block.map.fields.get(block.replicaKey)!;
      const qualifier = [...source.prefix(count.value.file, count.keyLine), ...block.path];
      return judgeValuesBlock(part, block, PIPELINE_KINDS[block.pipeline!], qualifier, { lines, setup, diagnostics });
    });
  }
  const { entry, advice } = judge;
  const root: KMap = source.values ?? { t: 'map', fields: new Map(), file: object.file, line: object.line, endLine: object.endLine };
  const release: K8sObject = { ...object, name: source.object, root, line: root.line, endLine: root.endLine };
  const synthesized = new Map<string, Synthesized>();
  const legacy = olderChart(source, root);
  if (legacy) {
    // Another chart's value names: nothing it writes is read as the entry's.
    for (const key of Object.keys(entry.attributes ?? {})) {
      const site = { file: legacy.file, startLine: legacy.line, endLine: legacy.line };
      synthesized.set(key, { value: UNKNOWN, site: { attribute: pathFor(entry, key), value: undefined, site, text: lines.line(legacy.file, legacy.line) ?? '' } });
    }
    diagnostics.push({ file: legacy.file, line: legacy.line, severity: 'warning', message: `${idOf(release)} installs ${source.chart.chart} ${legacy.why}, whose values are not read: its redundancy is unknown` });
  }
  // Values the repository does not hold may set what the inline values leave unset.
  const outside = legacy ? undefined : source.elsewhere;
  for (const key of outside ? Object.keys(entry.attributes ?? {}) : []) {
    const path = pathFor(entry, key);
    if (at(root, path.split('.')) !== undefined) continue;
    const site = { file: object.file, startLine: outside!.line, endLine: outside!.line };
    synthesized.set(key, { value: UNKNOWN, site: { attribute: path, value: undefined, site, text: lines.line(object.file, outside!.line) ?? '' } });
  }
  const view = new K8sView(release, entry.types.kubernetes![0]!, entry, synthesized, null, lines);
  const { component, judgement } = judgeComponent(entry, view, setup);
  const qualify = (attribute: string, site: { file: string; startLine: number }) => [...source.prefix(site.file, site.startLine), attribute].join('.');
  for (const site of Object.values(component.attributes)) site.attribute = qualify(site.attribute, site.site);
  if (judgement?.fix) {
    const at = view.site(judgement.fix.key);
    component.fix = buildFix(view, judgement.fix, lines);
    if (at) component.fix.description = component.fix.description.replace(/^set (\S+)/, (_match, attribute: string) => `set ${qualify(attribute, at.site)}`);
  } else if (advice && component.redundancy.instances === 1) component.fix = { description: advice };
  const unset = outside ? judgement?.decisive.find((key) => synthesized.has(key)) : undefined;
  if (unset && component.redundancy.instances === null) {
    const site = synthesized.get(unset)!.site;
    const message = `${site.attribute} of ${component.id} is not written inline and may be set by ${outside!.what}, which is not in the repository: its redundancy is unknown`;
    diagnostics.push({ file: site.site.file, line: site.site.startLine, severity: 'warning', message });
  } else if (!legacy) reportUnknown(component, view, judgement, diagnostics);
  return [component];
}

/** A release of a chart older than the value names the catalog knows: by its version, else by keys only older charts use. */
function olderChart(source: ReleaseSource, values: KMap): { file: string; line: number; why: string } | undefined {
  const since = source.chart.valuesSince;
  if (!since) return undefined;
  const major = chartMajor(source.version?.value);
  if (major !== undefined) return major < since.major ? { file: source.version!.file, line: source.version!.line, why: `${source.version!.value} (before ${since.major}.0)` } : undefined;
  if (values.fields.has('architecture')) return undefined;
  const key = since.legacyKeys.find((k) => values.fields.has(k));
  const field = key === undefined ? undefined : values.fields.get(key)!;
  return field ? { file: field.value.file, line: field.keyLine, why: `with \`${key}\` (a value of versions before ${since.major}.0)` } : undefined;
}

/** What Services select, through a hub or one by one (each hub read once, however many Services share it). */
function servedBySelectors(dependencies: readonly Dependency[]): Set<string> {
  const served = new Set<string>();
  const hubs = new Set<Dependency['hub']>();
  for (const dep of dependencies) {
    if (dep.kind !== 'selector' || !dep.from.startsWith('Service/')) continue;
    if (!dep.hub) served.add(dep.to);
    else if (!hubs.has(dep.hub)) {
      hubs.add(dep.hub);
      for (const m of dep.hub.members) served.add(m);
    }
  }
  return served;
}
