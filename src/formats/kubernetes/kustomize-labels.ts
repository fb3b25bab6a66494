/**
 * Kustomize's label transformers, which decide what selects what: `commonLabels` (labels on every
 * object, its pod template and its selectors) and `labels` (per entry: `includeSelectors` adds them to
 * selectors and templates as `commonLabels` does, `includeTemplates` to pod templates only). A Service
 * or PodDisruptionBudget written without the labels its kustomization adds selects through them;
 * ignoring them would leave the pods unprotected and unreached in the review.
 */
import type { K8sObject } from './objects.js';
import { at, isMap, isSeq, text, type KMap, type KNode } from './tree.js';

/** Where selectors live, per kind (kustomize's commonLabels field specs); `create: false` only adds to one written. */
const SELECTORS: Readonly<Record<string, readonly { path: readonly string[]; create: boolean }[]>> = {
  Service: [{ path: ['spec', 'selector'], create: true }],
  Deployment: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  ReplicaSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  StatefulSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  DaemonSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  Rollout: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  PodDisruptionBudget: [{ path: ['spec', 'selector', 'matchLabels'], create: false }],
  NetworkPolicy: [{ path: ['spec', 'podSelector', 'matchLabels'], create: false }],
};

const TEMPLATES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Deployment: [['spec', 'template', 'metadata', 'labels']],
  ReplicaSet: [['spec', 'template', 'metadata', 'labels']],
  StatefulSet: [['spec', 'template', 'metadata', 'labels']],
  DaemonSet: [['spec', 'template', 'metadata', 'labels']],
  Rollout: [['spec', 'template', 'metadata', 'labels']],
  Job: [['spec', 'template', 'metadata', 'labels']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']],
};

interface LabelSet {
  pairs: Map<string, { value: string; line: number }>;
  selectors: boolean;
  templates: boolean;
}

/** The label sets a kustomization declares, in order. */
export function labelSets(root: KMap): LabelSet[] {
  const sets: LabelSet[] = [];
  const common = pairsOf(at(root, ['commonLabels']));
  if (common.size) sets.push({ pairs: common, selectors: true, templates: true });
  const labels = at(root, ['labels']);
  if (isSeq(labels)) {
    for (const item of labels.items) {
      const pairs = pairsOf(at(item, ['pairs']));
      if (!pairs.size) continue;
      const selectors = text(at(item, ['includeSelectors'])) === 'true';
      sets.push({ pairs, selectors, templates: selectors || text(at(item, ['includeTemplates'])) === 'true' });
    }
  }
  return sets;
}

export function applyLabels<T extends K8sObject>(objects: readonly T[], sets: readonly LabelSet[], file: string): void {
  for (const set of sets) {
    for (const o of objects) {
      addTo(o.root, ['metadata', 'labels'], set.pairs, true, file);
      if (set.templates) for (const path of TEMPLATES[o.kind] ?? []) addTo(o.root, path, set.pairs, true, file);
      if (set.selectors) for (const spec of SELECTORS[o.kind] ?? []) addTo(o.root, spec.path, set.pairs, spec.create, file);
    }
  }
}

function pairsOf(n: KNode | undefined): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  if (!isMap(n)) return out;
  for (const [key, field] of n.fields) {
    const value = text(field.value);
    if (value !== undefined) out.set(key, { value, line: field.keyLine });
  }
  return out;
}

/** Sets the pairs in the map at `path`, creating the maps on the way when `create`; written where the kustomization says. */
function addTo(root: KMap, path: readonly string[], pairs: LabelSet['pairs'], create: boolean, file: string): void {
  let cur: KMap = root;
  for (const seg of path) {
    const next = cur.fields.get(seg);
    if (next && isMap(next.value)) {
      cur = next.value;
      continue;
    }
    if (next || !create) return;
    const line = [...pairs.values()][0]!.line;
    const made: KMap = { t: 'map', fields: new Map(), file, line, endLine: line };
    cur.fields.set(seg, { key: seg, keyLine: line, value: made });
    cur = made;
  }
  for (const [key, { value, line }] of pairs) cur.fields.set(key, { key, keyLine: line, value: { t: 'scalar', value, file, line, endLine: line } });
}
