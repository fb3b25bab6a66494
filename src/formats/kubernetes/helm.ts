/**
 * Helm charts without Helm: templates are never rendered, so what a chart deploys is read from its
 * values.yaml alone — replica counts (`replicaCount` / `replicas`), autoscaling floors
 * (`autoscaling.enabled` + `minReplicas`), the image (role), and whether it is exposed (an enabled
 * ingress, a LoadBalancer / NodePort service). Templates are only scanned as text for the kind of
 * object that uses a values block's replica count (`replicas: {{ .Values.replicaCount }}`).
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { parseDocuments } from './documents.js';
import { isUnder, joinPath } from './files.js';
import { DEFAULT_NAMESPACE, type K8sObject } from './objects.js';
import { at, isMap, seqAt, text, textAt, type KField, type KMap, type KNode } from './tree.js';
import { append } from '../../model/index.js';

export interface ValuesBlock {
  /** Path of the block in values.yaml (`[]` for the top level). */
  path: string[];
  map: KMap;
  /** The replica count field (`replicaCount` or `replicas`). */
  replicaKey: string;
  /** An enabled autoscaler's `minReplicas` field (default 1 when enabled without it), with its block. */
  autoscaling?: { enabled: KField; min: KField | undefined };
  image: string | undefined;
  entryPoint: boolean;
  /** What the block runs when the chart says it and the values do not (a `PIPELINE_KINDS` key). */
  pipeline?: string;
}

export interface Chart {
  name: string;
  valuesFile: string | undefined;
  blocks: ValuesBlock[];
  /** Values path (dotted) -> the kind of the template object that uses its replica count. */
  kinds: Map<string, string>;
  diagnostics: Diagnostic[];
}

const MAX_TEMPLATE_BYTES = 256 * 1024;
const MAX_BLOCK_DEPTH = 2;

export function readChart(dir: string, files: FileSet, stackFiles: readonly string[]): Chart {
  const diagnostics: Diagnostic[] = [];
  const chartFile = joinPath(dir, 'Chart.yaml');
  const chart = parseDocuments(chartFile, files.read(chartFile) ?? '');
  append(diagnostics, chart.diagnostics);
  const name = text(at(chart.docs[0]?.root ?? undefined, ['name'])) ?? (dir === '.' ? 'chart' : dir.split('/').pop()!);
  const valuesFile = ['values.yaml', 'values.yml'].map((f) => joinPath(dir, f)).find((f) => files.read(f) !== undefined);
  const blocks: ValuesBlock[] = [];
  if (valuesFile) {
    const parsed = parseDocuments(valuesFile, files.read(valuesFile)!);
    append(diagnostics, parsed.diagnostics);
    const root = parsed.docs[0]?.root;
    if (isMap(root)) {
      collectBlocks(root, [], blocks);
      for (const b of airflowBlocks(root, airflowPrefixes(chart.docs[0]?.root))) {
        const i = blocks.findIndex((o) => o.path.join('.') === b.path.join('.'));
        if (i >= 0) blocks.splice(i, 1, b);
        else blocks.push(b);
      }
    }
  }
  const kinds = new Map<string, string>();
  for (const f of stackFiles) {
    if (!isUnder(f, joinPath(dir, 'templates'))) continue;
    const t = files.read(f);
    if (t === undefined || t.length > MAX_TEMPLATE_BYTES) continue;
    scanTemplate(t, kinds);
  }
  return { name, valuesFile, blocks, kinds, diagnostics };
}

function replicaField(m: KMap): string | undefined {
  for (const k of ['replicaCount', 'replicas']) {
    const v = m.fields.get(k)?.value;
    if (v?.t === 'scalar' && v.value !== null) return k;
  }
  return undefined;
}

function collectBlocks(m: KMap, path: string[], out: ValuesBlock[]): void {
  const replicaKey = replicaField(m);
  const imageNode = at(m, ['image']);
  // Nested blocks count only when they describe a workload of their own (an image next to the count).
  if (replicaKey && (path.length === 0 || imageNode !== undefined)) out.push(block(m, path, replicaKey));
  if (path.length >= MAX_BLOCK_DEPTH) return;
  for (const [k, f] of m.fields) {
    if (isMap(f.value) && !/^(autoscaling|hpa|podDisruptionBudget|pdb|metrics|serviceMonitor)$/.test(k)) collectBlocks(f.value, [...path, k], out);
  }
}

function block(m: KMap, path: string[], replicaKey: string): ValuesBlock {
  const b: ValuesBlock = { path, map: m, replicaKey, image: imageOf(m, path), entryPoint: exposed(m) };
  for (const key of ['autoscaling', 'hpa']) {
    const a = at(m, [key]);
    if (!isMap(a)) continue;
    const enabled = a.fields.get('enabled');
    if (enabled && isTrue(text(enabled.value))) b.autoscaling = { enabled, min: a.fields.get('minReplicas') };
    break;
  }
  return b;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(true|yes|on)$/i.test(v);
}

function imageOf(m: KMap, path: string[]): string | undefined {
  const img = at(m, ['image']);
  if (img?.t === 'scalar') return text(img);
  const repo = textAt(img, ['repository']) ?? textAt(img, ['name']);
  if (repo !== undefined) return repo;
  return path.length ? path[path.length - 1] : undefined;
}

function exposed(m: KMap): boolean {
  if (isTrue(textAt(m, ['ingress', 'enabled']))) return true;
  const t = textAt(m, ['service', 'type']);
  return t === 'LoadBalancer' || t === 'NodePort';
}

/**
 * Where the official Apache Airflow chart's values sit: at the top of the chart itself (name `airflow`,
 * sources at apache/airflow, or no sources and its home at airflow.apache.org), or under the name (or alias) of a dependency
 * on it from the airflow.apache.org repository. Any other chart named airflow is not assumed to be it.
 */
function airflowPrefixes(root: KNode | null | undefined): string[][] {
  if (!isMap(root)) return [];
  const official = (v: string | undefined) => v !== undefined && /airflow\.apache\.org|github\.com\/apache\/airflow/.test(v);
  const out: string[][] = [];
  const sourceList = seqAt(root, ['sources']).map((i) => text(i));
  // The community chart (airflow-helm/charts) is also named airflow with its home at airflow.apache.org;
  // its sources name its own repository, and its values are not the official chart's.
  const isOfficial = sourceList.length > 0 ? sourceList.some((s) => s !== undefined && /github\.com\/apache\/airflow/.test(s)) : official(text(at(root, ['home'])));
  if (text(at(root, ['name'])) === 'airflow' && isOfficial) out.push([]);
  for (const d of seqAt(root, ['dependencies'])) {
    if (textAt(d, ['name']) !== 'airflow' || !official(textAt(d, ['repository']))) continue;
    out.push([textAt(d, ['alias']) ?? 'airflow']);
  }
  return out;
}

/**
 * The chart's scheduler and triggerer blocks carry no image of their own (the chart's `images.airflow`
 * serves every component): the chart says what they run. Only a written `replicas` counts: the chart's
 * default is not assumed. A triggerer turned off (`enabled: false`) runs nothing.
 */
export function airflowBlocks(root: KMap, prefixes: readonly string[][]): ValuesBlock[] {
  const out: ValuesBlock[] = [];
  for (const prefix of prefixes) {
    const version = textAt(root, [...prefix, 'airflowVersion']) ?? textAt(root, [...prefix, 'defaultAirflowTag']);
    const legacy = version !== undefined && /^1\./.test(version);
    for (const part of ['scheduler', 'triggerer'] as const) {
      const m = at(root, [...prefix, part]);
      if (!isMap(m)) continue;
      const replicas = m.fields.get('replicas')?.value;
      if (replicas?.t !== 'scalar' || replicas.value === null) continue;
      if (part === 'triggerer' && /^(false|no|off)$/i.test(textAt(m, ['enabled']) ?? '')) continue;
      const pipeline = part === 'triggerer' ? 'airflow-triggerer' : legacy ? 'airflow1-scheduler' : 'airflow-scheduler';
      out.push({ path: [...prefix, part], map: m, replicaKey: 'replicas', image: undefined, entryPoint: false, pipeline });
    }
  }
  return out;
}

const DOC_SPLIT = /^---/m;
const KIND = /^kind:[ \t]*([A-Za-z][A-Za-z0-9]*)/m;
const REPLICAS_REF = /\.Values((?:\.[A-Za-z0-9_]+){0,6})\.(?:replicaCount|replicas)\b/g;

/** Which kind of object uses which values block's replica count, read from the template text. */
function scanTemplate(t: string, kinds: Map<string, string>): void {
  for (const chunk of t.split(DOC_SPLIT)) {
    const kind = KIND.exec(chunk)?.[1];
    if (!kind) continue;
    REPLICAS_REF.lastIndex = 0;
    for (let m = REPLICAS_REF.exec(chunk); m; m = REPLICAS_REF.exec(chunk)) {
      const path = m[1]!.replace(/^\./, '');
      if (!kinds.has(path)) kinds.set(path, kind);
    }
  }
}

/** The object a values block stands for: `Kind/default/<chart>[-<path>]`, rooted at the block. */
export function blockObject(chart: Chart, b: ValuesBlock): K8sObject {
  const kind = chart.kinds.get(b.path.join('.')) ?? 'Workload';
  return {
    apiVersion: '',
    group: '',
    kind,
    name: [chart.name, ...b.path].join('-'),
    namespace: DEFAULT_NAMESPACE,
    namespaced: false,
    root: b.map,
    file: chart.valuesFile!,
    line: b.map.line,
    endLine: b.map.endLine,
  };
}
