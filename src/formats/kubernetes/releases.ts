/**
 * Charts a GitOps repository installs by name, with their values written inline: a Flux `HelmRelease`
 * (`spec.chart.spec` from a HelmRepository, or `spec.chartRef` to an OCIRepository; `spec.values`) and an
 * Argo CD `Application` or `ApplicationSet` template (`spec.source` or each of `spec.sources`: `repoURL` +
 * `chart`; `helm.values`, a YAML string, under `helm.valuesObject`, under `helm.parameters`). Only charts
 * the catalog knows are read (`catalog/kubernetes/charts.ts`). Values the repository does not hold (Flux `valuesFrom` and
 * `valuesFiles`, Argo `valueFiles`) rank below the inline ones: what the inline values leave unset is then
 * unknown, not the chart's default. Every value keeps the line it is written at in the GitOps file, lines of
 * a literal block scalar (`values: |`) included.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { knownChart, type KnownChart } from '../../catalog/kubernetes/charts.js';
import type { SourceLines } from '../shared/lines.js';
import { parseDocuments } from './documents.js';
import { isManifestFile } from './files.js';
import { parsedFile } from './repo.js';
import { objectsOf, type K8sObject } from './objects.js';
import type { NameIndex } from './relations.js';
import { at, isMap, mapAt, seqAt, text, textAt, type KField, type KMap, type KNode, type KScalar } from './tree.js';

export interface ReleaseSource {
  chart: KnownChart;
  /** The values the chart is given, as one map (Argo: parameters over valuesObject over values); lines in the GitOps file. */
  values: KMap | undefined;
  /** Where in the object the value on a line is written, for evidence: `spec.values`, `spec.source.helm.parameters`. */
  prefix(file: string, line: number): string[];
  /** Values read from outside the repository: what the inline values leave unset is unknown. */
  elsewhere?: { line: number; what: string };
  /** The release's name (Helm's: its objects are named after it) and the namespace it installs into. */
  name: string;
  namespace: string;
  /** The object's own name, with the chart's when an Application has several sources: the release judged as a whole. */
  object: string;
  /** The chart version (constraint) the release asks for, where written. */
  version?: { value: string; file: string; line: number };
}

export const FLUX_HELM = 'helm.toolkit.fluxcd.io';
export const FLUX_SOURCE = 'source.toolkit.fluxcd.io';
const ARGO = 'argoproj.io';

export function isRelease(o: K8sObject): boolean {
  return (o.group === FLUX_HELM && o.kind === 'HelmRelease') || (o.group === ARGO && (o.kind === 'Application' || o.kind === 'ApplicationSet'));
}

export interface ReleaseContext {
  names: NameIndex;
  files: FileSet | undefined;
  lines: SourceLines;
  diagnostics: Diagnostic[];
}

/** The known charts a release object installs, with their values. */
export function releaseSources(o: K8sObject, context: ReleaseContext): ReleaseSource[] {
  if (o.group === FLUX_HELM && o.kind === 'HelmRelease') {
    const source = fluxSource(o, context);
    return source ? [source] : [];
  }
  if (o.group === ARGO && (o.kind === 'Application' || o.kind === 'ApplicationSet')) return argoSources(o, context);
  return [];
}

/* ------------------------------------------------------------------------------------------------
 * Flux
 * ---------------------------------------------------------------------------------------------- */

function fluxSource(o: K8sObject, context: ReleaseContext): ReleaseSource | undefined {
  const spec = mapAt(o.root, ['spec']);
  const chartSpec = mapAt(spec, ['chart', 'spec']);
  let repository: string | undefined;
  let name: string | undefined;
  let version: KField | undefined;
  if (chartSpec) {
    version = chartSpec.fields.get('version');
    const ref = at(chartSpec, ['sourceRef']);
    if (textAt(ref, ['kind']) !== 'HelmRepository') return undefined;
    repository = sourceObject('HelmRepository', textAt(ref, ['namespace']) ?? o.namespace, textAt(ref, ['name']), context)?.url;
    name = textAt(chartSpec, ['chart']);
  } else {
    const ref = at(spec, ['chartRef']);
    if (textAt(ref, ['kind']) !== 'OCIRepository') return undefined;
    // An OCIRepository names the chart itself: `oci://registry-1.docker.io/bitnamicharts/redis`.
    const source = sourceObject('OCIRepository', textAt(ref, ['namespace']) ?? o.namespace, textAt(ref, ['name']), context);
    const url = source?.url;
    version = source?.version;
    const slash = url?.lastIndexOf('/') ?? -1;
    if (url !== undefined && slash > 0) [repository, name] = [url.slice(0, slash), url.slice(slash + 1)];
  }
  const chart = repository !== undefined && name !== undefined ? knownChart(repository, name) : undefined;
  if (!chart) return undefined;
  const from = spec?.fields.get('valuesFrom');
  const files = chartSpec?.fields.get('valuesFiles');
  const outside = from && seqAt(spec, ['valuesFrom']).length ? from : files && seqAt(chartSpec, ['valuesFiles']).length ? files : undefined;
  return {
    chart,
    values: mapAt(spec, ['values']),
    prefix: () => ['spec', 'values'],
    ...(outside ? { elsewhere: { line: outside.keyLine, what: outside.key } } : {}),
    ...fluxRelease(o),
    object: o.name,
    ...versionOf(version),
  };
}

/** Flux's release name (`spec.releaseName`, else `[<targetNamespace>-]<name>`) and namespace. */
function fluxRelease(o: K8sObject): { name: string; namespace: string } {
  const target = textAt(o.root, ['spec', 'targetNamespace']);
  return { name: textAt(o.root, ['spec', 'releaseName']) ?? (target ? `${target}-${o.name}` : o.name), namespace: target ?? o.namespace };
}

/**
 * The URL of a Flux source: the stack's own object of that kind, name and namespace, else the one object of
 * that kind and name anywhere in the repository (sources often live in a directory of their own, with the
 * namespace set by a kustomization); undefined when there is none or several disagree.
 */
function sourceObject(kind: string, namespace: string, name: string | undefined, context: ReleaseContext): { url: string | undefined; version?: KField } | undefined {
  if (name === undefined) return undefined;
  const own = context.names.get(kind, namespace, name);
  if (own) {
    if (own.group !== FLUX_SOURCE) return undefined;
    // An OCIRepository's `ref.tag` (or `ref.semver`) is the chart version.
    const ref = mapAt(own.root, ['spec', 'ref']);
    const version = ref?.fields.get('tag') ?? ref?.fields.get('semver');
    return { url: textAt(own.root, ['spec', 'url']), ...(version ? { version } : {}) };
  }
  const urls = new Set(repositorySources(context.files).get(`${kind}/${name}`) ?? []);
  return urls.size === 1 ? { url: [...urls][0] } : undefined;
}

function versionOf(field: KField | undefined): { version?: { value: string; file: string; line: number } } {
  const value = text(field?.value);
  return field && value !== undefined ? { version: { value, file: field.value.file, line: field.keyLine } } : {};
}

const SOURCE_KIND = /^kind:[ \t]*["']?(HelmRepository|OCIRepository)\b/m;
const sourceIndexes = new WeakMap<FileSet, Map<string, string[]>>();

/** `Kind/name` -> URLs of the Flux Helm and OCI repositories declared anywhere in a file set (read once per file set). */
function repositorySources(files: FileSet | undefined): Map<string, string[]> {
  if (!files) return new Map();
  let index = sourceIndexes.get(files);
  if (index) return index;
  index = new Map();
  for (const path of files.paths()) {
    if (!isManifestFile(path)) continue;
    const t = files.read(path);
    if (t === undefined || !SOURCE_KIND.test(t)) continue;
    const parsed = parsedFile(files, path);
    if (!parsed) continue;
    for (const o of objectsOf(path, parsed.docs, [])) {
      const url = textAt(o.root, ['spec', 'url']);
      if (o.group !== FLUX_SOURCE || url === undefined || (o.kind !== 'HelmRepository' && o.kind !== 'OCIRepository')) continue;
      const key = `${o.kind}/${o.name}`;
      index.set(key, [...(index.get(key) ?? []), url]);
    }
  }
  sourceIndexes.set(files, index);
  return index;
}

/* ------------------------------------------------------------------------------------------------
 * Argo CD
 * ---------------------------------------------------------------------------------------------- */

function argoSources(o: K8sObject, context: ReleaseContext): ReleaseSource[] {
  // An ApplicationSet's template is the Application every generator stamps out: its fixed values are all of theirs.
  const spec = o.kind === 'ApplicationSet' ? ['spec', 'template', 'spec'] : ['spec'];
  const single = mapAt(o.root, [...spec, 'source']);
  const list = seqAt(o.root, [...spec, 'sources']);
  const sources: { source: KNode; prefix: string[] }[] = single ? [{ source: single, prefix: [...spec, 'source'] }] : list.map((source, i) => ({ source, prefix: [...spec, 'sources', String(i)] }));
  const out: ReleaseSource[] = [];
  for (const { source, prefix } of sources) {
    const repository = textAt(source, ['repoURL']);
    const name = textAt(source, ['chart']);
    const chart = repository !== undefined && name !== undefined ? knownChart(repository, name) : undefined;
    if (!chart) continue;
    const helm = mapAt(source, ['helm']);
    const read = argoValues(o, helm, [...prefix, 'helm'], context);
    const outside = ['valueFiles', 'fileParameters'].map((k) => helm?.fields.get(k)).find((f) => f && seqAt(helm, [f.key]).length > 0);
    const elsewhere = outside ? { line: outside.keyLine, what: outside.key } : read.unreadable;
    const object = sources.length > 1 ? `${o.name}-${chart.chart}` : o.name;
    out.push({
      chart,
      values: read.values,
      prefix: (file, line) => read.origins.find((r) => file === o.file && line >= r.from && line <= r.to)?.prefix ?? [...prefix, 'helm', 'values'],
      ...(elsewhere ? { elsewhere } : {}),
      name: literal(textAt(helm, ['releaseName'])) ?? object,
      namespace: literal(textAt(o.root, [...spec, 'destination', 'namespace'])) ?? o.namespace,
      object,
      ...versionOf(isMap(source) ? source.fields.get('targetRevision') : undefined),
    });
  }
  return out;
}

/** A name as written, unless an ApplicationSet template fills it in (`{{cluster}}-airflow`). */
function literal(name: string | undefined): string | undefined {
  return name === undefined || name.includes('{{') ? undefined : name;
}

/** An Application source's values: `values` (a string, or a map) under `valuesObject`, under `parameters`. */
function argoValues(o: K8sObject, helm: KMap | undefined, prefix: string[], context: ReleaseContext) {
  let values: KMap | undefined;
  let unreadable: { line: number; what: string } | undefined;
  const written = helm?.fields.get('values');
  if (written) {
    const read = valuesText(o, written, [...prefix, 'values'].join('.'), context);
    values = read.values;
    unreadable = read.unreadable;
  }
  const object = mapAt(helm, ['valuesObject']);
  if (object) values = values ? overlay(values, object) : object;
  const parameters = parameterValues(o, seqAt(helm, ['parameters']));
  if (parameters) values = values ? overlay(values, parameters) : parameters;
  // Where each of the three is written, so evidence names the one a value comes from.
  const origins = ['values', 'valuesObject', 'parameters'].flatMap((key) => {
    const field = helm?.fields.get(key);
    return field ? [{ from: field.keyLine, to: field.value.endLine, prefix: [...prefix, key] }] : [];
  });
  return { values, unreadable, origins };
}

/**
 * `helm.values` as a map. A string is parsed with its lines shifted into the file: the content of a literal
 * block scalar (`values: |`) starts on the line after its indicator, a one-line string sits on its key's
 * line. Any other multi-line string (folded, quoted) does not keep its lines: it is not read.
 */
function valuesText(o: K8sObject, field: KField, attribute: string, context: ReleaseContext): { values?: KMap; unreadable?: { line: number; what: string } } {
  const node = field.value;
  if (isMap(node)) return { values: node };
  const s = text(node);
  if (s === undefined) return {};
  // An ApplicationSet fills its template in per generated Application: the text is not YAML until then.
  if (o.kind === 'ApplicationSet' && s.includes('{{')) {
    context.diagnostics.push({ file: o.file, line: field.keyLine, severity: 'warning', message: `${attribute} of ${o.kind}/${o.namespace}/${o.name} holds template expressions filled in per generated Application: its values were not read` });
    return { unreadable: { line: field.keyLine, what: attribute } };
  }
  const multiLine = node.endLine > node.line;
  // A one-line string holding line breaks (JSON's "\n", a quoted YAML escape) has no lines of its own either.
  const literal = multiLine ? /:[ \t]*\|[1-9+-]{0,2}[ \t]*(#.*)?$/.test(context.lines.line(o.file, node.line) ?? '') : !s.trimEnd().includes('\n');
  if (!literal) {
    context.diagnostics.push({ file: o.file, line: field.keyLine, severity: 'warning', message: `${attribute} of ${o.kind}/${o.namespace}/${o.name} is a string whose lines are not the file's (only a literal block, |, keeps them): its values were not read` });
    return { unreadable: { line: field.keyLine, what: attribute } };
  }
  const parsed = parseDocuments(o.file, s, multiLine ? node.line : node.line - 1);
  context.diagnostics.push(...parsed.diagnostics);
  const root = parsed.docs[0]?.root;
  return isMap(root) ? { values: root } : {};
}

/**
 * Argo CD `helm.parameters` (`--set name=value`, highest precedence) as a values map, each value on its
 * line; names with list indexes or escaped dots are left out. Helm reads `--set` numbers and booleans as such.
 */
function parameterValues(o: K8sObject, items: readonly KNode[]): KMap | undefined {
  let root: KMap | undefined;
  for (const item of items) {
    const name = textAt(item, ['name']);
    const field = isMap(item) ? item.fields.get('value') : undefined;
    const raw = text(field?.value);
    if (name === undefined || !field || raw === undefined || /[[\]\\]/.test(name)) continue;
    const forced = /^true$/i.test(textAt(item, ['forceString']) ?? '');
    const value = forced ? raw : /^-?\d+$/.test(raw) ? Number(raw) : /^(true|false)$/.test(raw) ? raw === 'true' : raw;
    const scalar: KScalar = { t: 'scalar', value, file: o.file, line: field.keyLine, endLine: field.keyLine };
    const path = name.split('.');
    let nested: KNode = scalar;
    for (let i = path.length - 1; i >= 0; i--) nested = { t: 'map', fields: new Map([[path[i]!, { key: path[i]!, keyLine: field.keyLine, value: nested }]]), file: o.file, line: field.keyLine, endLine: field.keyLine };
    root = root ? overlay(root, nested as KMap) : (nested as KMap);
  }
  return root;
}

/** `top` merged over `base` as Helm merges values: maps key by key, anything else replaced; each node keeps its own lines. */
export function overlay(base: KMap, top: KMap, depth = 0): KMap {
  const fields = new Map(base.fields);
  for (const [key, field] of top.fields) {
    const under = fields.get(key)?.value;
    fields.set(key, isMap(under) && isMap(field.value) && depth < 32 ? { ...field, value: overlay(under, field.value, depth + 1) } : field);
  }
  const span = base.file === top.file ? { line: Math.min(base.line, top.line), endLine: Math.max(base.endLine, top.endLine) } : {};
  return { ...top, ...span, fields };
}
