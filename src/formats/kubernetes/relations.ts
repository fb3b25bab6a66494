/**
 * Who needs whom in a stack. Services need the pods they select (namespace-aware; several selected
 * workloads are alternatives); Ingresses and Gateway routes need their backend Services; workloads
 * need the Services whose hostnames their configuration names, and the claims they mount;
 * autoscalers and budgets point at their targets.
 */
import { HUB_MIN_MEMBERS, HubInterner, type Dependency, type Diagnostic, type EndpointUse, type Hub, type SourceRange } from '../../model/index.js';
import type { SourceLines } from '../shared/lines.js';
import { endpointsOf } from './endpoints.js';
import { hostnamesIn, resolveAddress, resolveHost } from './hostnames.js';
import { idOf, type K8sObject } from './objects.js';
import { operatorPodLabels, operatorServices } from './operators.js';
import { LabelIndex, labelSelector, mapSelector, selectorKey } from './selectors.js';
import { at, seqAt, text, textAt, type KNode } from './tree.js';
import { claimsOf, envValues, type PodWorkload } from './workloads.js';
import { append } from '../../model/index.js';

export interface StackObjects {
  /** Every object of the stack, deduplicated by id. */
  objects: readonly K8sObject[];
  workloads: readonly PodWorkload[];
  /** Ids that are components. */
  components: ReadonlySet<string>;
  lines: SourceLines;
}

/** Name lookup per kind and namespace, including the names an object had before a kustomize prefix / suffix. */
export class NameIndex {
  private readonly map = new Map<string, K8sObject>();

  constructor(objects: readonly K8sObject[]) {
    for (const o of objects) this.map.set(this.key(o.kind, o.namespace, o.name), o);
    for (const o of objects) {
      for (const n of (o as { originalNames?: string[] }).originalNames ?? []) {
        const k = this.key(o.kind, o.namespace, n);
        if (!this.map.has(k)) this.map.set(k, o);
      }
    }
  }

  private key(kind: string, ns: string, name: string): string {
    return `${kind}\u0000${ns}\u0000${name}`;
  }

  get(kind: string, ns: string, name: string): K8sObject | undefined {
    return this.map.get(this.key(kind, ns, name));
  }
}

export class DependencyList {
  private readonly seen = new Set<string>();
  readonly list: Dependency[] = [];

  constructor(private readonly ids: ReadonlySet<string>) {}

  add(from: string, to: string, kind: Dependency['kind'], location?: SourceRange, group?: Dependency['group']): void {
    if (from === to || !this.ids.has(from) || !this.ids.has(to)) return;
    // A plain need and an alternative to the same target are both kept: the graph decides (a plain need wins).
    const k = `${from}\u0000${to}\u0000${group?.id ?? ''}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    const d: Dependency = { from, to, kind };
    if (group) d.group = group;
    if (location) d.location = location;
    this.list.push(d);
  }

  /** `from` needs the members of a shared hub (one list for every dependent naming the same members). */
  addHub(from: string, hub: Hub, kind: Dependency['kind'], location?: SourceRange): void {
    if (!this.ids.has(from)) return;
    const k = `${from}\u0000${hub.id}\u0000hub`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.list.push({ from, to: hub.id, kind, hub, ...(location ? { location } : {}) });
  }
}

const line = (file: string, l: number): SourceRange => ({ file, startLine: l, endLine: l });

/** What one distinct Service selector selects in its namespace. */
interface SelectedPods {
  /** Pod set ids, in stack order. */
  members: string[];
  ids: ReadonlySet<string>;
  /** Long enough, and without repeats, to be one hub for every Service with this selector. */
  shared: boolean;
  hub?: Hub;
}

export interface Relations {
  dependencies: Dependency[];
  /** By workload id, the server lists and load-balancer pools its configuration names (see `EndpointUse`). */
  endpoints: Map<string, EndpointUse[]>;
  /** The uses that name Services only (balanced over pods), see `endpoints.ts`. */
  byService: Set<EndpointUse>;
  diagnostics: Diagnostic[];
}

export function relations(s: StackObjects, names: NameIndex): Relations {
  const deps = new DependencyList(s.components);
  const endpoints = new Map<string, EndpointUse[]>();
  const byService = new Set<EndpointUse>();
  const diagnostics: Diagnostic[] = [];
  const podSets: { id: string; ns: string; labels: ReadonlyMap<string, string> }[] = [];
  for (const w of s.workloads) podSets.push({ id: idOf(w.obj), ns: w.obj.namespace, labels: w.labels });
  const operatorServiceIds = new Map<string, string>();
  for (const o of s.objects) {
    const labels = operatorPodLabels(o);
    if (labels?.size) podSets.push({ id: idOf(o), ns: o.namespace, labels });
    for (const svc of operatorServices(o)) operatorServiceIds.set(`${o.namespace}/${svc}`, idOf(o));
  }

  // Services -> the pods they select. Services with one selector in one namespace select the same
  // pods: they are matched once, through an index of labels, and share one hub (issue 10).
  const index = new LabelIndex(podSets);
  const bySelector = new Map<string, SelectedPods>();
  const selectorOf = new Map<string, SelectedPods>();
  const hubs = new HubInterner('selector');
  for (const svc of s.objects) {
    if (svc.kind !== 'Service' || svc.group !== '') continue;
    const sel = mapSelector(at(svc.root, ['spec', 'selector']));
    if (!sel) continue;
    const key = `${svc.namespace}\u0000${selectorKey(sel)}`;
    let pods = bySelector.get(key);
    if (!pods) {
      const members = index.select(sel, svc.namespace).map((p) => p.id);
      const ids = new Set(members);
      bySelector.set(key, (pods = { members, ids, shared: members.length >= HUB_MIN_MEMBERS && ids.size === members.length }));
    }
    const sid = idOf(svc);
    const loc = line(svc.file, at(svc.root, ['spec', 'selector'])?.line ?? svc.line);
    if (pods.shared) deps.addHub(sid, (pods.hub ??= hubs.hub(pods.members, 1)), 'selector', loc);
    else for (const p of pods.members) deps.add(sid, p, 'selector', loc, pods.members.length > 1 ? { id: `${sid}:selector`, k: 1 } : undefined);
    selectorOf.set(sid, pods);
  }
  // The Services that select a workload, answered per Service instead of listed per workload (n x m).
  const selecting = (podId: string): { has(sid: string): boolean } => ({ has: (sid) => selectorOf.get(sid)?.ids.has(podId) ?? false });

  const serviceId = (ns: string, name: string): string | undefined => {
    const svc = names.get('Service', ns, name);
    if (svc && svc.group === '') return idOf(svc);
    return operatorServiceIds.get(`${ns}/${name}`);
  };

  // Ingress and Gateway API routes -> backend Services.
  for (const o of s.objects) {
    const from = idOf(o);
    if (o.kind === 'Ingress') {
      for (const b of ingressBackends(o.root)) {
        const to = serviceId(o.namespace, b.name);
        if (to) deps.add(from, to, 'backend', line(o.file, b.line));
      }
    } else if (/^(HTTP|GRPC|TLS|TCP|UDP)Route$/.test(o.kind) && o.group === 'gateway.networking.k8s.io') {
      for (const rule of seqAt(o.root, ['spec', 'rules'])) {
        for (const ref of seqAt(rule, ['backendRefs'])) {
          const kind = textAt(ref, ['kind']) ?? 'Service';
          const name = textAt(ref, ['name']);
          if (kind !== 'Service' || name === undefined) continue;
          const to = serviceId(textAt(ref, ['namespace']) ?? o.namespace, name);
          if (to) deps.add(from, to, 'backend', line(o.file, ref.line));
        }
      }
    }
  }

  // Workloads -> Services named in their configuration (lists of them as alternatives), and the claims they mount.
  const configMap = (ns: string) => (name: string) => names.get('ConfigMap', ns, name);
  const serviceIds = new Set(s.objects.filter((o) => o.kind === 'Service' && o.group === '').map(idOf));
  for (const w of s.workloads) {
    const from = idOf(w.obj);
    const own = selecting(from);
    const found = endpointsOf(w, configMap(w.obj.namespace), {
      address: (host) => resolveAddress(host, w.obj.namespace, serviceId),
      own,
      // An operator's Service stands for the operator's resource; a Service without selector for nothing known.
      podSets: (sid) => (serviceIds.has(sid) ? (selectorOf.get(sid)?.members ?? []) : [sid]),
      lines: s.lines,
    });
    for (const d of found.dependencies) deps.add(from, d.to, d.kind, d.location, d.group);
    append(diagnostics, found.diagnostics);
    if (found.uses.length) endpoints.set(from, found.uses);
    for (const use of found.byService) byService.add(use);
    for (const e of envValues(w, configMap(w.obj.namespace))) {
      for (const host of hostnamesIn(e.value, e.freeText ? undefined : e.name, e.freeText)) {
        // A host of a list is an alternative, written above; a plain need would hide that.
        if (found.listed.has(`${e.file}\u0000${e.line}\u0000${host}`)) continue;
        const to = resolveHost(host, w.obj.namespace, serviceId);
        // Its own Service (peers of a StatefulSet, a self URL) is not something it depends on.
        if (to && !own.has(to)) deps.add(from, to, 'hostname', line(e.file, e.line));
      }
    }
    for (const c of claimsOf(w)) {
      const pvc = names.get('PersistentVolumeClaim', w.obj.namespace, c.name);
      if (pvc) deps.add(from, idOf(pvc), 'volume', line(w.obj.file, c.line));
    }
  }

  // A Strimzi Kafka cluster runs on the node pools labelled with its name (brokers and KRaft controllers).
  for (const o of s.objects) {
    if (o.kind !== 'KafkaNodePool' || o.group !== 'kafka.strimzi.io') continue;
    const cluster = textAt(o.root, ['metadata', 'labels', 'strimzi.io/cluster']);
    const kafka = cluster === undefined ? undefined : names.get('Kafka', o.namespace, cluster);
    if (kafka && kafka.group === 'kafka.strimzi.io') deps.add(idOf(kafka), idOf(o), 'selector', line(o.file, o.line));
  }

  // Autoscalers and budgets point at what they manage (they are passive: nothing fails with them).
  const workloadIndex = new LabelIndex(podSets.slice(0, s.workloads.length));
  for (const o of s.objects) {
    if (o.kind === 'PodDisruptionBudget') {
      const sel = labelSelector(at(o.root, ['spec', 'selector']));
      if (!sel) continue;
      for (const w of workloadIndex.select(sel, o.namespace)) deps.add(idOf(o), w.id, 'selector', line(o.file, o.line));
    } else {
      const t = scaleTarget(o, names);
      if (t) deps.add(idOf(o), idOf(t.target), 'target', line(o.file, t.line));
    }
  }
  return { dependencies: deps.list, endpoints, byService, diagnostics };
}

/** Backend Service names of an Ingress (networking.k8s.io/v1 and the older extensions form). */
function ingressBackends(root: KNode): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const backend = (b: KNode | undefined) => {
    const n = at(b, ['service', 'name']) ?? at(b, ['serviceName']);
    const name = text(n);
    if (name !== undefined) out.push({ name, line: n!.line });
  };
  backend(at(root, ['spec', 'defaultBackend']));
  backend(at(root, ['spec', 'backend']));
  for (const rule of seqAt(root, ['spec', 'rules'])) for (const p of seqAt(rule, ['http', 'paths'])) backend(at(p, ['backend']));
  return out;
}

/** The workload an HPA or a KEDA ScaledObject scales, matched by kind, name, namespace and API group. */
export function scaleTarget(o: K8sObject, names: NameIndex): { target: K8sObject; line: number } | undefined {
  const hpa = o.kind === 'HorizontalPodAutoscaler' && o.group === 'autoscaling';
  const keda = o.kind === 'ScaledObject' && o.group === 'keda.sh';
  if (!hpa && !keda) return undefined;
  const ref = at(o.root, ['spec', 'scaleTargetRef']);
  const name = textAt(ref, ['name']);
  if (name === undefined) return undefined;
  const kind = textAt(ref, ['kind']) ?? (keda ? 'Deployment' : undefined);
  if (kind === undefined) return undefined;
  const target = names.get(kind, o.namespace, name);
  if (!target) return undefined;
  const apiVersion = textAt(ref, ['apiVersion']);
  if (apiVersion !== undefined) {
    const g = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const same = g === target.group || (['apps', 'extensions'].includes(g) && ['apps', 'extensions'].includes(target.group));
    if (!same) return undefined;
  }
  return { target, line: ref?.line ?? o.line };
}
