/**
 * The compose file as a tree of values that remember where they are written. Aliases and `<<` merge
 * keys are expanded (shared, not copied), interpolation has been applied to string scalars, and every
 * tree is bounded in expanded size, so any walk over it is bounded too.
 */

/** A place in a file: the line a value (or a key) starts on, and for collections the line it ends on. */
export interface Src {
  file: string;
  line: number;
  end?: number;
}

/** Where an interpolated value came from: `${VAR}` set in an env file, or the default written inline. */
export interface Origin {
  variable: string;
  /** `env`: set in `.env` (site is that line); `default`: the `${VAR:-default}` text; `unset`: neither. */
  source: 'env' | 'default' | 'unset';
  site?: Src;
}

interface NodeBase {
  src: Src;
  /** `!reset` / `!override` (compose merge tags), or another explicit tag. */
  tag?: string;
  /** Nodes in the expanded tree (aliases counted at every use). */
  size: number;
}

export interface CScalar extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Set when the value is one whole `${VAR...}` expression. */
  origin?: Origin;
  /** Variables used without a value or default: the value is not known statically. */
  unresolved?: string[];
}

export interface CSeq extends NodeBase {
  kind: 'seq';
  items: CNode[];
}

export interface CEntry {
  /** Where the key is written. */
  key: Src;
  value: CNode;
}

export interface CMap extends NodeBase {
  kind: 'map';
  entries: Map<string, CEntry>;
}

export type CNode = CScalar | CSeq | CMap;

export function isMap(n: CNode | undefined): n is CMap {
  return n?.kind === 'map';
}

export function isSeq(n: CNode | undefined): n is CSeq {
  return n?.kind === 'seq';
}

export function isScalar(n: CNode | undefined): n is CScalar {
  return n?.kind === 'scalar';
}

export function get(n: CNode | undefined, key: string): CNode | undefined {
  return n?.kind === 'map' ? n.entries.get(key)?.value : undefined;
}

export function entry(n: CNode | undefined, key: string): CEntry | undefined {
  return n?.kind === 'map' ? n.entries.get(key) : undefined;
}

/** A scalar as text (numbers and booleans too); undefined for collections, null and absent values. */
export function text(n: CNode | undefined): string | undefined {
  if (n?.kind !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

export function items(n: CNode | undefined): CNode[] {
  return n?.kind === 'seq' ? n.items : [];
}

export function scalar(value: CScalar['value'], src: Src): CScalar {
  return { kind: 'scalar', value, src, size: 1 };
}

export function mapNode(entries: Map<string, CEntry>, src: Src, tag?: string): CMap {
  let size = 1;
  for (const e of entries.values()) size += e.value.size;
  const m: CMap = { kind: 'map', entries, src, size };
  if (tag !== undefined) m.tag = tag;
  return m;
}

export function seqNode(list: CNode[], src: Src, tag?: string): CSeq {
  let size = 1;
  for (const i of list) size += i.size;
  const s: CSeq = { kind: 'seq', items: list, src, size };
  if (tag !== undefined) s.tag = tag;
  return s;
}
