/**
 * Kustomize without the kustomize binary: a directory with a kustomization file is a stack; its
 * `resources` (files, directories, other kustomizations) and `components` are resolved inside the
 * repository, and the transformations that decide redundancy are applied: strategic-merge and JSON
 * 6902 patches, `replicas`, `commonLabels` / `labels`, `namespace`, `namePrefix` / `nameSuffix`. Remote bases, generators and
 * Helm charts are not fetched or run; they are reported.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { parseDocuments } from './documents.js';
import { applyLabels, labelSets } from './kustomize-labels.js';
import { dirOf, isKustomization, isManifestFile, kustomizationIn, resolvePath } from './files.js';
import { DEFAULT_NAMESPACE, type K8sObject } from './objects.js';
import { applyJsonPatch, mergePatch, type JsonPatchOp } from './patches.js';
import { parsedFile, type DirIndex, type ManifestCache } from './repo.js';
import { at, isMap, isSeq, stringMap, text, type KMap, type KNode } from './tree.js';
import { append } from '../../model/index.js';

const MAX_DEPTH = 16;
const MAX_NODES = 256;

type Resource = { t: 'file'; path: string } | { t: 'tree'; tree: KustomizeTree } | { t: 'dir'; dir: string; files: string[] };

export interface KustomizeTree {
  dir: string;
  file: string;
  /** `kind: Component`: only meaningful inside another kustomization. */
  component: boolean;
  root: KMap | undefined;
  resources: Resource[];
  components: KustomizeTree[];
  /** Files named by patches, read at build time. */
  patchFiles: string[];
}

export interface KustomizeReading {
  tree: KustomizeTree | undefined;
  /** Every file the build reads, this kustomization's included. */
  files: string[];
  /** Directories of kustomizations referenced as resources or components (not roots). */
  referenced: string[];
  diagnostics: Diagnostic[];
}

/** Read a kustomization and everything it references (kustomization files only; manifests are parsed at build). */
export function readKustomization(dir: string, files: FileSet, index: DirIndex): KustomizeReading {
  const r = new Reader(files, index);
  const tree = r.read(dir, [], undefined);
  return { tree, files: [...r.files].sort(), referenced: [...r.referenced], diagnostics: r.diagnostics };
}

class Reader {
  readonly files = new Set<string>();
  readonly referenced = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  private nodes = 0;

  constructor(
    private readonly fs: FileSet,
    private readonly index: DirIndex,
  ) {}

  private diag(file: string, line: number, message: string, severity: Diagnostic['severity'] = 'warning'): void {
    this.diagnostics.push({ file, line, severity, message });
  }

  read(dir: string, chain: readonly string[], from: { file: string; line: number } | undefined): KustomizeTree | undefined {
    const file = kustomizationIn(dir, (p) => this.index.exists(p));
    if (!file) return undefined;
    if (chain.includes(dir)) {
      if (from) this.diag(from.file, from.line, `kustomize: ${dir} is included in a cycle (${[...chain, dir].join(' -> ')}); not read again`);
      return undefined;
    }
    if (chain.length >= MAX_DEPTH || ++this.nodes > MAX_NODES) {
      if (from) this.diag(from.file, from.line, `kustomize: more than ${chain.length >= MAX_DEPTH ? `${MAX_DEPTH} nested` : MAX_NODES} kustomizations; ${dir} was not read`);
      return undefined;
    }
    this.files.add(file);
    const parsed = parsedFile(this.fs, file);
    append(this.diagnostics, (parsed?.diagnostics ?? []));
    const root = parsed?.docs.map((d) => d.root).find(isMap);
    const tree: KustomizeTree = { dir, file, component: text(at(root, ['kind'])) === 'Component', root, resources: [], components: [], patchFiles: [] };
    if (!root) return tree;
    const next = [...chain, dir];
    for (const key of ['resources', 'bases']) {
      for (const item of seqItems(root, key)) {
        const ref = text(item);
        if (ref === undefined) continue;
        const res = this.resource(dir, ref, next, { file, line: item.line });
        if (res) tree.resources.push(res);
      }
    }
    for (const item of seqItems(root, 'components')) {
      const ref = text(item);
      if (ref === undefined) continue;
      const res = this.resource(dir, ref, next, { file, line: item.line });
      if (res?.t === 'tree') tree.components.push(res.tree);
    }
    for (const p of patchFileRefs(root)) {
      const path = resolvePath(dir, p.ref);
      if (path !== undefined && this.index.exists(path)) {
        this.files.add(path);
        tree.patchFiles.push(path);
      } else this.diag(file, p.line, `kustomize: patch file ${p.ref} was not found in the repository`);
    }
    for (const key of ['configMapGenerator', 'secretGenerator', 'helmCharts', 'generators', 'transformers']) {
      const f = root.fields.get(key);
      if (f && key !== 'configMapGenerator' && key !== 'secretGenerator') {
        this.diag(file, f.keyLine, `kustomize: ${key} are not run; what they produce is not reviewed`);
      }
    }
    return tree;
  }

  private resource(dir: string, ref: string, chain: readonly string[], at: { file: string; line: number }): Resource | undefined {
    const r = ref.trim();
    if (isRemote(r)) {
      this.diag(at.file, at.line, `kustomize: remote resource ${r} is not fetched; what it defines is not reviewed`);
      return undefined;
    }
    const path = resolvePath(dir, r);
    if (path === undefined) {
      this.diag(at.file, at.line, `kustomize: resource ${r} is outside the repository`);
      return undefined;
    }
    if (this.index.exists(path)) {
      this.files.add(path);
      return { t: 'file', path };
    }
    if (this.index.isDir(path)) {
      const sub = this.read(path, chain, at);
      if (sub) {
        this.referenced.add(path);
        return { t: 'tree', tree: sub };
      }
      if (kustomizationIn(path, (p) => this.index.exists(p))) return undefined;
      // kustomize requires a kustomization in a directory resource; read its manifests anyway, and say so.
      const files = this.index.filesIn(path).filter(isManifestFile);
      this.diag(at.file, at.line, `kustomize: ${r} has no kustomization file (kustomize build fails); its manifests were read as resources`);
      for (const f of files) this.files.add(f);
      return { t: 'dir', dir: path, files: [...files] };
    }
    this.diag(at.file, at.line, `kustomize: resource ${r} was not found in the repository`);
    return undefined;
  }
}

/**
 * The local directories every kustomization in `files` names (resources, bases, components and the
 * directories of patch files), whether or not they are loaded: a reader that loaded one directory
 * lists these to load what its kustomizations build on.
 */
export function kustomizationReferences(files: FileSet): string[] {
  const out = new Set<string>();
  for (const file of files.paths().filter((p) => isKustomization(p))) {
    const root = parsedFile(files, file)?.docs.map((d) => d.root).find(isMap);
    if (!root) continue;
    const dir = dirOf(file);
    const refs = [...['resources', 'bases', 'components'].flatMap((k) => seqItems(root, k).map(text)), ...patchFileRefs(root).map((p) => p.ref)];
    for (const ref of refs) {
      if (ref === undefined || isRemote(ref.trim())) continue;
      const path = resolvePath(dir, ref.trim());
      if (path === undefined) continue;
      // A reference names a file or a directory; without a listing both are candidates.
      out.add(path);
      out.add(dirOf(path));
    }
  }
  return [...out];
}

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || /^git@/.test(ref) || ref.includes('?ref=');
}

function seqItems(root: KMap, key: string): KNode[] {
  const v = root.fields.get(key)?.value;
  return isSeq(v) ? v.items : [];
}

function patchFileRefs(root: KMap): { ref: string; line: number }[] {
  const out: { ref: string; line: number }[] = [];
  for (const item of seqItems(root, 'patchesStrategicMerge')) {
    const s = text(item);
    if (s !== undefined && !s.includes('\n') && !s.includes(':')) out.push({ ref: s.trim(), line: item.line });
  }
  for (const key of ['patches', 'patchesJson6902']) {
    for (const item of seqItems(root, key)) {
      const p = text(at(item, ['path']));
      if (p !== undefined) out.push({ ref: p.trim(), line: item.line });
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Build: objects of a kustomization with its transformations applied
 * ---------------------------------------------------------------------------------------------- */

/** Kinds that are not namespaced (a kustomization's `namespace` leaves them alone). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'RuntimeClass',
  'VolumeSnapshotClass',
  'CSIDriver',
  'ClusterIssuer',
]);

function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Kinds whose `spec.replicas` the kustomization `replicas` field sets. */
const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'Rollout']);

export interface Built extends K8sObject {
  /** Names the object had before prefixes and suffixes, for references written against them. */
  originalNames: string[];
}

export function buildKustomization(tree: KustomizeTree, cache: ManifestCache, diagnostics: Diagnostic[]): Built[] {
  return build(tree, cache, diagnostics, 0);
}

function build(tree: KustomizeTree, cache: ManifestCache, diagnostics: Diagnostic[], depth: number): Built[] {
  let objects = resourcesOf(tree, cache, diagnostics, depth);
  // Components add their resources to what the kustomization has so far, then transform all of it.
  const withComponents = (t: KustomizeTree, d: number) => {
    for (const c of t.components) {
      if (d >= MAX_DEPTH) break;
      append(objects, resourcesOf(c, cache, diagnostics, d + 1));
      withComponents(c, d + 1);
      objects = transform(c, objects, cache, diagnostics);
    }
  };
  withComponents(tree, depth);
  return transform(tree, objects, cache, diagnostics);
}

function resourcesOf(tree: KustomizeTree, cache: ManifestCache, diagnostics: Diagnostic[], depth: number): Built[] {
  const objects: Built[] = [];
  const load = (path: string) => {
    for (const o of cache.objects(path)) objects.push({ ...o, originalNames: [] });
  };
  for (const r of tree.resources) {
    if (r.t === 'file') load(r.path);
    else if (r.t === 'dir') r.files.forEach(load);
    else if (depth < MAX_DEPTH) append(objects, build(r.tree, cache, diagnostics, depth + 1));
  }
  return objects;
}

/** This level's own transformations (patches, replicas, labels, namespace, prefix / suffix). */
function transform(tree: KustomizeTree, input: Built[], cache: ManifestCache, diagnostics: Diagnostic[]): Built[] {
  const root = tree.root;
  if (!root) return input;
  let objects = input;
  const diag = (line: number, message: string) => diagnostics.push({ file: tree.file, line, severity: 'warning', message: `kustomize: ${message}` });

  const applySmp = (patch: KMap, target: KMap | undefined, line: number) => {
    const matches = target ? objects.filter((o) => targetMatches(o, target)) : objects.filter((o) => patchNames(o, patch));
    // kustomize fails on a patch that names a missing resource; a target that selects nothing is fine.
    if (!matches.length) {
      if (!target) diag(line, `patch matches no resource (${text(at(patch, ['kind'])) ?? '?'} ${text(at(patch, ['metadata', 'name'])) ?? '?'})`);
      return;
    }
    const deleted = new Set<Built>();
    let tooDeep: number | undefined;
    for (const o of matches) if (!mergePatch(o.root, patch, (l) => (tooDeep ??= l))) deleted.add(o);
    if (tooDeep !== undefined) {
      diagnostics.push({ file: patch.file, line: tooDeep, severity: 'error', message: `kustomize: patch nested deeper than 128 levels; that part was not applied, so the patched object is not reviewed as built` });
    }
    if (deleted.size) objects = objects.filter((o) => !deleted.has(o));
  };
  const applyOps = (ops: JsonPatchOp[], target: KMap | undefined, line: number) => {
    if (!target) {
      diag(line, 'a JSON 6902 patch needs a target');
      return;
    }
    const matches = objects.filter((o) => targetMatches(o, target));
    for (const o of matches) for (const f of applyJsonPatch(o.root, ops)) diag(f.op.line, `JSON patch not applied: ${f.why}`);
  };
  const applyContent = (docs: (KNode | null)[], target: KMap | undefined, line: number) => {
    for (const d of docs) {
      if (isMap(d)) applySmp(d, target, line);
      else if (isSeq(d)) applyOps(jsonOps(d), target, line);
    }
  };
  const fromFile = (ref: string) => {
    const path = resolvePath(tree.dir, ref);
    return path === undefined ? undefined : cache.documents(path);
  };
  const inline = (node: KNode) => {
    const s = text(node);
    if (s === undefined) return [];
    // A block scalar's content starts on the line after its indicator.
    const parsed = parseDocuments(tree.file, s, node.endLine > node.line ? node.line : node.line - 1);
    append(diagnostics, parsed.diagnostics);
    return parsed.docs.map((d) => d.root);
  };

  for (const item of seqItems(root, 'patchesStrategicMerge')) {
    const s = text(item);
    if (s === undefined) continue;
    const docs = !s.includes('\n') && !s.includes(':') ? (fromFile(s.trim())?.docs.map((d) => d.root) ?? []) : inline(item);
    applyContent(docs, undefined, item.line);
  }
  for (const key of ['patchesJson6902', 'patches']) {
    for (const item of seqItems(root, key)) {
      const target = at(item, ['target']);
      const t = isMap(target) ? target : undefined;
      const path = text(at(item, ['path']));
      const patch = at(item, ['patch']);
      const docs = path !== undefined ? (fromFile(path.trim())?.docs.map((d) => d.root) ?? []) : patch ? inline(patch) : [];
      applyContent(docs, t, item.line);
    }
  }

  for (const item of seqItems(root, 'replicas')) {
    const name = text(at(item, ['name']));
    const countField = isMap(item) ? item.fields.get('count') : undefined;
    if (name === undefined || !countField) continue;
    const hits = objects.filter((o) => REPLICATED.has(o.kind) && (o.name === name || o.originalNames.includes(name)));
    if (!hits.length) diag(item.line, `replicas for ${name} match no Deployment, StatefulSet or ReplicaSet`);
    for (const o of hits) {
      let spec = o.root.fields.get('spec');
      if (!spec || spec.value.t !== 'map') {
        spec = { key: 'spec', keyLine: countField.keyLine, value: { t: 'map', fields: new Map(), file: tree.file, line: countField.keyLine, endLine: countField.keyLine } };
        o.root.fields.set('spec', spec);
      }
      (spec.value as KMap).fields.set('replicas', { key: 'replicas', keyLine: countField.keyLine, value: { ...countField.value } });
    }
  }

  applyLabels(objects, labelSets(root), tree.file);

  const ns = text(at(root, ['namespace']));
  if (ns !== undefined && ns.trim() !== '') {
    objects = objects.map((o) => (isClusterScoped(o.kind) ? o : { ...o, namespace: ns.trim(), namespaced: true }));
  }
  const prefix = text(at(root, ['namePrefix'])) ?? '';
  const suffix = text(at(root, ['nameSuffix'])) ?? '';
  if (prefix || suffix) {
    objects = objects.map((o) =>
      o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition' ? o : { ...o, name: `${prefix}${o.name}${suffix}`, originalNames: [...o.originalNames, o.name] },
    );
  }
  return objects;
}

function jsonOps(seq: KNode): JsonPatchOp[] {
  if (!isSeq(seq)) return [];
  const out: JsonPatchOp[] = [];
  for (const it of seq.items) {
    const op = text(at(it, ['op']));
    const path = text(at(it, ['path']));
    if (op === undefined || path === undefined) continue;
    const value = at(it, ['value']);
    out.push({ op, path, line: it.line, ...(value ? { value } : {}) });
  }
  return out;
}

function names(o: Built): string[] {
  return [o.name, ...o.originalNames];
}

/** A strategic-merge patch without a target names its object by kind and metadata.name (and namespace when given). */
function patchNames(o: Built, patch: KMap): boolean {
  const kind = text(at(patch, ['kind']));
  const name = text(at(patch, ['metadata', 'name']));
  if (kind !== o.kind || name === undefined || !names(o).includes(name)) return false;
  const ns = text(at(patch, ['metadata', 'namespace']));
  return ns === undefined || ns === o.namespace || (!o.namespaced && ns === DEFAULT_NAMESPACE);
}

function targetMatches(o: Built, target: KMap): boolean {
  const kind = text(at(target, ['kind']));
  if (kind !== undefined && !namePattern(kind)(o.kind)) return false;
  const group = text(at(target, ['group']));
  if (group !== undefined && group !== o.group) return false;
  const name = text(at(target, ['name']));
  if (name !== undefined) {
    const m = namePattern(name);
    if (!names(o).some(m)) return false;
  }
  const ns = text(at(target, ['namespace']));
  if (ns !== undefined && ns !== o.namespace) return false;
  const selector = text(at(target, ['labelSelector']));
  if (selector !== undefined) {
    const labels = stringMap(at(o.root, ['metadata', 'labels']));
    for (const term of selector.split(',')) {
      const [k, v] = term.split('=').map((x) => x.trim());
      if (!k) continue;
      if (v === undefined ? !labels.has(k) : labels.get(k) !== v) return false;
    }
  }
  return true;
}

/**
 * kustomize target names are regular expressions; running user regexes is a ReDoS risk, so only
 * literal names and `.*` wildcards are honoured (what target names use in practice).
 */
export function namePattern(pattern: string): (name: string) => boolean {
  const p = pattern.startsWith('^') && pattern.endsWith('$') ? pattern.slice(1, -1) : pattern;
  if (!p.includes('.*')) return (n) => n === p;
  const parts = p.split('.*');
  if (parts.some((x) => /[\\()[\]{}|+?^$*]/.test(x))) return () => false;
  return (n) => {
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (!n.startsWith(first) || !n.endsWith(last) || n.length < first.length + last.length) return false;
    let pos = first.length;
    for (let i = 1; i < parts.length - 1; i++) {
      const j = n.indexOf(parts[i]!, pos);
      if (j < 0) return false;
      pos = j + parts[i]!.length;
    }
    return pos <= n.length - last.length;
  };
}
