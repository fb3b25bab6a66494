/**
 * Pod-template workloads: where their pod template lives, the labels their pods carry, the images
 * they run (role and quorum from the shared image catalog) and the values of their containers'
 * environment (hostnames of the Services they call).
 */
import { runtimeKind, type ImageKind } from '../../catalog/images.js';
import type { K8sObject } from './objects.js';
import { at, isMap, mapAt, seqAt, stringMap, text, textAt, type KMap, type KNode } from './tree.js';

/** Kinds whose objects carry a pod template, and the path to it (`[]`: the object is the pod). */
const TEMPLATE_PATHS: Record<string, readonly string[]> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Rollout: ['spec', 'template'],
  Pod: [],
};

const TEMPLATE_GROUPS: Record<string, readonly string[]> = {
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  Rollout: ['argoproj.io'],
  Pod: [''],
};

export interface PodWorkload {
  obj: K8sObject;
  /** The pod spec (`spec.template.spec`, or `spec` of a Pod). */
  spec: KMap | undefined;
  /** Labels of the pods it creates. */
  labels: Map<string, string>;
  /** Path of the pod template's `spec` in the object, for positions. */
  specPath: readonly string[];
}

export function podWorkload(o: K8sObject): PodWorkload | undefined {
  const path = TEMPLATE_PATHS[o.kind];
  if (!path || !TEMPLATE_GROUPS[o.kind]!.includes(o.group)) return undefined;
  const template = path.length ? at(o.root, path) : o.root;
  return {
    obj: o,
    spec: mapAt(template, ['spec']),
    labels: stringMap(at(template, ['metadata', 'labels'])),
    specPath: [...path, 'spec'],
  };
}

/** The main containers (init containers are not what serves). */
export function containers(spec: KMap | undefined): KMap[] {
  return seqAt(spec, ['containers']).filter(isMap);
}

export function images(spec: KMap | undefined): string[] {
  const out: string[] = [];
  for (const c of containers(spec)) {
    const i = textAt(c, ['image']);
    if (i !== undefined) out.push(i);
  }
  return out;
}

/**
 * The first container the catalog knows decides what the workload is: by its image, else by the
 * server its command starts or its server-only variables; its configuration picks the variant
 * (`mongod --replSet`: a replica set).
 */
export function knownImage(spec: KMap | undefined, files?: string): ImageKind | undefined {
  for (const c of containers(spec)) {
    const words = [...seqAt(c, ['command']), ...seqAt(c, ['args'])].map(text).filter((w): w is string => w !== undefined);
    const env: { name: string; value: string }[] = [];
    for (const e of seqAt(c, ['env'])) {
      const name = textAt(e, ['name']);
      if (name !== undefined) env.push({ name, value: textAt(e, ['value']) ?? '' });
    }
    const k = runtimeKind({ image: textAt(c, ['image']), words, env, ...(files !== undefined ? { files } : {}) });
    if (k) return k;
  }
  return undefined;
}

const QUORUM_NAMES = new Set(['etcd', 'zookeeper', 'consul', 'cockroachdb']);

/**
 * A majority system by image (etcd, ZooKeeper, Consul, CockroachDB), by its well-known name label, or a
 * Kafka that runs KRaft controllers (`KAFKA_PROCESS_ROLES` includes `controller`).
 */
export function isQuorum(w: PodWorkload, env: readonly EnvValue[]): boolean {
  if (knownImage(w.spec)?.quorum) return true;
  for (const key of ['app.kubernetes.io/name', 'app', 'app.kubernetes.io/component', 'component']) {
    const v = w.labels.get(key) ?? stringMap(at(w.obj.root, ['metadata', 'labels'])).get(key);
    if (v !== undefined && QUORUM_NAMES.has(v.toLowerCase())) return true;
  }
  return env.some((e) => /^(KAFKA_(CFG_)?PROCESS_ROLES)$/.test(e.name) && /\bcontroller\b/.test(e.value));
}

export interface EnvValue {
  name: string;
  value: string;
  /** Where the value is written (the env entry, the ConfigMap key, or the argument). */
  file: string;
  line: number;
  /** Free text (arguments): only explicit host:port, URLs and cluster DNS names count. */
  freeText?: boolean;
  /** The container that reads it. */
  container: string;
}

/** ConfigMaps of a namespace by name, for `envFrom` and `configMapKeyRef`. */
export type ConfigMapLookup = (name: string) => K8sObject | undefined;

const MAX_VALUES = 512;
const MAX_VALUE_LENGTH = 4096;

/** Environment values of the main containers, ConfigMap references resolved; arguments as free text. */
export function envValues(w: PodWorkload, configMap: ConfigMapLookup): EnvValue[] {
  const out: EnvValue[] = [];
  const push = (v: EnvValue) => {
    if (out.length < MAX_VALUES) out.push(v.value.length > MAX_VALUE_LENGTH ? { ...v, value: v.value.slice(0, MAX_VALUE_LENGTH) } : v);
  };
  const fromConfigMap = (container: string, name: string, only?: string, as?: string) => {
    const cm = configMap(name);
    const data = mapAt(cm?.root, ['data']);
    if (!cm || !data) return;
    for (const [k, f] of data.fields) {
      if (only !== undefined && k !== only) continue;
      const v = text(f.value);
      if (v !== undefined) push({ name: as ?? k, value: v, file: cm.file, line: f.keyLine, container });
    }
  };
  for (const c of containers(w.spec)) {
    const container = textAt(c, ['name']) ?? '';
    for (const e of seqAt(c, ['env'])) {
      const name = textAt(e, ['name']);
      if (name === undefined) continue;
      const vNode = at(e, ['value']);
      const v = text(vNode);
      if (v !== undefined) push({ name, value: v, file: w.obj.file, line: vNode!.line, container });
      const ref = at(e, ['valueFrom', 'configMapKeyRef']);
      const refName = textAt(ref, ['name']);
      const refKey = textAt(ref, ['key']);
      if (refName !== undefined && refKey !== undefined) fromConfigMap(container, refName, refKey, name);
    }
    for (const e of seqAt(c, ['envFrom'])) {
      const n = textAt(e, ['configMapRef', 'name']);
      if (n !== undefined) fromConfigMap(container, n);
    }
    for (const key of ['args', 'command']) {
      for (const a of seqAt(c, [key])) {
        const v = text(a);
        if (v !== undefined) push({ name: key, value: v, file: w.obj.file, line: a.line, freeText: true, container });
      }
    }
  }
  return out;
}

const MAX_FILES_TEXT = 256 * 1024;

/**
 * The text of the ConfigMaps the pod mounts as volumes (`configMap`, `projected` sources), where software
 * such as Flink or Spark sets the mode that decides whether a second copy is a standby (`flink-conf.yaml`).
 */
export function mountedConfigText(w: PodWorkload, configMap: ConfigMapLookup): string {
  const parts: string[] = [];
  let size = 0;
  for (const v of seqAt(w.spec, ['volumes'])) {
    const sources = [at(v, ['configMap']), ...seqAt(v, ['projected', 'sources']).map((s) => at(s, ['configMap']))];
    for (const source of sources) {
      const name = textAt(source, ['name']);
      const data = name === undefined ? undefined : mapAt(configMap(name)?.root, ['data']);
      for (const [, field] of data?.fields ?? []) {
        const body = text(field.value);
        if (body === undefined || size + body.length > MAX_FILES_TEXT) continue;
        size += body.length;
        parts.push(body);
      }
    }
  }
  return parts.join('\n');
}

/** PersistentVolumeClaims mounted by the pod spec, with the line of each `claimName`. */
export function claimsOf(w: PodWorkload): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  for (const v of seqAt(w.spec, ['volumes'])) {
    const n: KNode | undefined = at(v, ['persistentVolumeClaim', 'claimName']);
    const name = text(n);
    if (name !== undefined) out.push({ name, line: n!.line });
  }
  return out;
}
