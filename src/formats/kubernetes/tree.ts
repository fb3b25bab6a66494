/**
 * The plain tree a manifest is read into: maps, sequences and scalars, each with the file and lines
 * it was written at. Built from the shared YAML tree (model/yaml) with aliases expanded within its
 * limits, so the rest of the format never sees YAML syntax and every value can point back at its line.
 */

export interface Span {
  file: string;
  line: number;
  endLine: number;
}

export interface KField {
  key: string;
  /** Line of the key: where `replicas: 1` is written. */
  keyLine: number;
  value: KNode;
}

export interface KMap extends Span {
  t: 'map';
  fields: Map<string, KField>;
}

export interface KSeq extends Span {
  t: 'seq';
  items: KNode[];
}

export type Scalar = string | number | boolean | null;

export interface KScalar extends Span {
  t: 'scalar';
  value: Scalar;
}

export type KNode = KMap | KSeq | KScalar;

export function isMap(n: KNode | null | undefined): n is KMap {
  return n?.t === 'map';
}

export function isSeq(n: KNode | null | undefined): n is KSeq {
  return n?.t === 'seq';
}

/**
 * The node at a path of map keys (`['spec', 'replicas']`), where a whole-number segment indexes a
 * sequence (`['spec', 'nodeSets', '0', 'count']`: operator resources list their node groups);
 * undefined when absent or not a map (or sequence) on the way.
 */
export function at(n: KNode | undefined, path: readonly string[]): KNode | undefined {
  let cur = n;
  for (const seg of path) {
    if (cur?.t === 'seq' && /^\d+$/.test(seg)) cur = cur.items[Number(seg)];
    else if (!cur || cur.t !== 'map') return undefined;
    else cur = cur.fields.get(seg)?.value;
  }
  return cur;
}

/** The field holding the last segment of a path (its key line is where the value is written). */
export function fieldAt(n: KNode | undefined, path: readonly string[]): KField | undefined {
  if (path.length === 0) return undefined;
  const parent = at(n, path.slice(0, -1));
  return parent?.t === 'map' ? parent.fields.get(path[path.length - 1]!) : undefined;
}

export function mapAt(n: KNode | undefined, path: readonly string[]): KMap | undefined {
  const v = at(n, path);
  return v?.t === 'map' ? v : undefined;
}

export function seqAt(n: KNode | undefined, path: readonly string[]): KNode[] {
  const v = at(n, path);
  return v?.t === 'seq' ? v.items : [];
}

/** A scalar as a string (numbers and booleans as written); undefined for maps, sequences, null. */
export function text(n: KNode | undefined): string | undefined {
  if (!n || n.t !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

export function textAt(n: KNode | undefined, path: readonly string[]): string | undefined {
  return text(at(n, path));
}

/** `key: value` string pairs of a map (label sets, selectors, nodeSelector); non-scalar values are skipped. */
export function stringMap(n: KNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (n?.t !== 'map') return out;
  for (const [k, f] of n.fields) {
    const v = text(f.value);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

/** A JSON-like copy of a node (for values shown in evidence); bounded depth. */
export function plain(n: KNode | undefined, depth = 0): unknown {
  if (!n) return undefined;
  if (n.t === 'scalar') return n.value;
  if (depth > 16) return null;
  if (n.t === 'seq') return n.items.map((i) => plain(i, depth + 1));
  const o: Record<string, unknown> = {};
  for (const [k, f] of n.fields) o[k] = plain(f.value, depth + 1);
  return o;
}

/** A deep copy, so a stack can patch objects without touching another stack's reading of the same file. */
export function clone<T extends KNode>(n: T, depth = 0): T {
  if (n.t === 'scalar' || depth > 256) return { ...n };
  if (n.t === 'seq') return { ...n, items: n.items.map((i) => clone(i, depth + 1)) };
  const fields = new Map<string, KField>();
  for (const [k, f] of n.fields) fields.set(k, { ...f, value: clone(f.value, depth + 1) });
  return { ...n, fields } as T;
}
