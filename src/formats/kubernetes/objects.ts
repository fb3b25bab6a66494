/**
 * Kubernetes objects in parsed documents: `apiVersion` + `kind` maps, with `List` kinds flattened.
 * Ids follow the contract `Kind/namespace/name` (namespace `default` when unset).
 */
import type { Diagnostic } from '../../model/index.js';
import type { ParsedDocument } from './documents.js';
import { at, isMap, isSeq, textAt, type KMap, type KNode } from './tree.js';

export const DEFAULT_NAMESPACE = 'default';

export interface K8sObject {
  apiVersion: string;
  /** API group: `apps`, `postgresql.cnpg.io`, `` for the core group. */
  group: string;
  kind: string;
  name: string;
  /** The effective namespace (`default` when unset). */
  namespace: string;
  /** `metadata.namespace` was written (or set by a kustomization). */
  namespaced: boolean;
  root: KMap;
  file: string;
  line: number;
  endLine: number;
}

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Groups whose kinds are named alone in component types; other groups (CRDs) are `group/Kind`. */
function builtinGroup(group: string): boolean {
  return group === '' || group === 'apps' || group === 'batch' || group === 'policy' || group === 'autoscaling' || group === 'extensions' || group.endsWith('.k8s.io');
}

/** Component type: `Deployment`, `HTTPRoute`, `postgresql.cnpg.io/Cluster`. */
export function typeOf(o: Pick<K8sObject, 'group' | 'kind'>): string {
  return builtinGroup(o.group) ? o.kind : `${o.group}/${o.kind}`;
}

export function idOf(o: Pick<K8sObject, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

const MAX_LIST_DEPTH = 4;

/** The objects of a file's documents. Maps without `apiVersion`/`kind` are not objects (other YAML). */
export function objectsOf(file: string, docs: readonly ParsedDocument[], diagnostics: Diagnostic[]): K8sObject[] {
  const out: K8sObject[] = [];
  for (const d of docs) collect(file, d.root, 0, out, diagnostics);
  return out;
}

function collect(file: string, n: KNode | null | undefined, depth: number, out: K8sObject[], diagnostics: Diagnostic[]): void {
  if (!isMap(n)) return;
  const apiVersion = textAt(n, ['apiVersion']);
  const kind = textAt(n, ['kind']);
  if (apiVersion === undefined || kind === undefined) return;
  const items = at(n, ['items']);
  if (kind.endsWith('List') && isSeq(items)) {
    if (depth >= MAX_LIST_DEPTH) {
      diagnostics.push({ file, line: n.line, severity: 'error', message: `${kind} nested in more than ${MAX_LIST_DEPTH} lists was not read` });
      return;
    }
    for (const it of items.items) collect(file, it, depth + 1, out, diagnostics);
    return;
  }
  let name = textAt(n, ['metadata', 'name']) ?? textAt(n, ['metadata', 'generateName']);
  if (name === undefined || name === '') {
    diagnostics.push({ file, line: n.line, severity: 'warning', message: `${kind} without metadata.name was skipped` });
    return;
  }
  name = name.trim();
  const ns = textAt(n, ['metadata', 'namespace']);
  out.push({
    apiVersion,
    group: groupOf(apiVersion),
    kind,
    name,
    namespace: ns && ns.trim() !== '' ? ns.trim() : DEFAULT_NAMESPACE,
    namespaced: ns !== undefined && ns.trim() !== '',
    root: n,
    file,
    line: n.line,
    endLine: n.endLine,
  });
}
