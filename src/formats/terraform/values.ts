/**
 * Values of the Terraform evaluator. Every value carries:
 * - `refs`: the component ids (resource / registry-module addresses) it was computed from, deep
 *   (a list's refs include its items'), so dependencies survive locals, module inputs and outputs;
 * - `site`: where it was written (the attribute line, a variable default, a tfvars line), so a
 *   finding can point at the line that decides it.
 * UNKNOWN is a value of its own (`t: 'unknown'`): never a guess.
 */
import { unionAll } from '../../model/index.js';

export type Refs = ReadonlySet<string>;

/** A line range in a repo-relative file. */
export interface Site {
  file: string;
  start: number;
  end: number;
  /** The attribute or object key written at the site (`multi_az`, `ha`), when there is one. */
  name?: string | undefined;
}

/** Something that is read attribute by attribute: a resource instance, a module instance's outputs. */
export interface LazyObject {
  /** Identity, e.g. `aws_subnet.private[1]`. */
  readonly id: string;
  /** Resource type (`aws_subnet`), `module` for module instances. */
  readonly type: string;
  /** The value of an attribute as seen from outside; undefined when there is no such attribute. */
  get(name: string): Val | undefined;
  /** Whether the attribute is written in the configuration (not computed by the provider). */
  has(name: string): boolean;
}

/** The value that chose this one (a conditional's condition) when it was written elsewhere: a tfvars line, a default. */
export interface Decider {
  site: Site;
  /** What the condition reads, as written: `var.nat_per_az`. */
  name: string;
  value: Val;
}

interface Base {
  refs?: Refs | undefined;
  site?: Site | undefined;
  /** Where the value that decided this one came from (`count = var.ha ? 3 : 1`: the `ha` tfvars line). */
  decided?: Decider | undefined;
  /** The resource instance whose configured attribute this value is (`aws_db_subnet_group.x.name`). */
  from?: LazyObject | undefined;
}

export interface UnknownV extends Base {
  t: 'unknown';
  /** What made it unknown, as a noun phrase used after "uses": `data.aws_ami.x`, `function foo()`. */
  why?: string | undefined;
  /** Symbolic identity when the value is a fixed traversal of something unknown: `data.x.y.names[0]`. */
  sym?: string | undefined;
  /** The resource instance this value is an attribute of (`aws_subnet.a.id`): lets placement resolve zones. */
  inst?: LazyObject | undefined;
  /** An evaluation error (missing attribute, index out of range): `try()` moves on. */
  err?: boolean | undefined;
  /**
   * Known to be one value (a string such as a resource id, a `type = string` variable), not a list:
   * a Terraform 0.11 list literal `["${x}"]` keeps it as one element instead of flattening it.
   */
  scalar?: boolean | undefined;
  /**
   * A `join()` of a known number of unknown strings (Terraform 0.11 passed lists between modules as
   * `join(",", aws_subnet.x.*.id)`): `split()` on the same separator gives the elements back.
   */
  joined?: { separator: string; items: readonly Val[] } | undefined;
}
export interface NullV extends Base {
  t: 'null';
}
export interface BoolV extends Base {
  t: 'bool';
  v: boolean;
}
export interface NumV extends Base {
  t: 'num';
  v: number;
}
export interface StrV extends Base {
  t: 'str';
  v: string;
}
export interface ListV extends Base {
  t: 'list';
  items: readonly Val[];
  /** Size (nodes) of the whole value: bounds every walk over it. */
  n: number;
  set?: boolean;
  /** A list of nested configuration blocks (a single block reads like an object in ResourceView). */
  blocks?: boolean;
  /** Refs attached to the container itself (not coming from its items). */
  own?: Refs | undefined;
}
export interface ObjV extends Base {
  t: 'obj';
  fields: ReadonlyMap<string, Val>;
  n: number;
  own?: Refs | undefined;
}
export interface LazyV extends Base {
  t: 'lazy';
  obj: LazyObject;
}

export type Val = UnknownV | NullV | BoolV | NumV | StrV | ListV | ObjV | LazyV;

/** Bounds: hostile configurations get a bounded amount of work. */
export const MAX_COLLECTION = 10_000;
export const MAX_VALUE_SIZE = 200_000;
export const MAX_STRING = 1_000_000;

export const NULL: NullV = { t: 'null' };

export function unknown(why?: string, extra?: Partial<UnknownV>): UnknownV {
  return { t: 'unknown', why, ...extra };
}

export function errorV(why: string): UnknownV {
  return { t: 'unknown', why, err: true };
}

export const str = (v: string, site?: Site): StrV => ({ t: 'str', v, site });
export const num = (v: number, site?: Site): NumV => ({ t: 'num', v, site });
export const bool = (v: boolean, site?: Site): BoolV => ({ t: 'bool', v, site });

export function sizeOf(v: Val): number {
  return v.t === 'list' || v.t === 'obj' ? v.n : 1;
}

export function unionRefs(a: Refs | undefined, b: Refs | undefined): Refs | undefined {
  if (!a || a.size === 0) return b && b.size ? b : undefined;
  if (!b || b.size === 0 || a === b) return a;
  if (b.size <= a.size) {
    let sub = true;
    for (const x of b) if (!a.has(x)) { sub = false; break; }
    if (sub) return a;
  } else {
    let sub = true;
    for (const x of a) if (!b.has(x)) { sub = false; break; }
    if (sub) return b;
  }
  const s = new Set(a);
  for (const x of b) s.add(x);
  return s;
}

/** A list value; too large -> unknown. */
export function list(items: readonly Val[], opts: { set?: boolean; site?: Site | undefined; own?: Refs | undefined; blocks?: boolean } = {}): Val {
  if (items.length > MAX_COLLECTION) return unknown(`a list of more than ${MAX_COLLECTION} elements`, { refs: refsOfAll(items) });
  let n = 1;
  const sets: (Refs | undefined)[] = [opts.own];
  for (const it of items) {
    n += sizeOf(it);
    sets.push(it.refs);
  }
  const refs = unionAll(sets);
  if (n > MAX_VALUE_SIZE) return unknown('a value too large to evaluate', { refs });
  const out: ListV = { t: 'list', items, n, refs, site: opts.site };
  if (opts.set) out.set = true;
  if (opts.blocks) out.blocks = true;
  if (opts.own && opts.own.size) out.own = opts.own;
  return out;
}

export function obj(fields: ReadonlyMap<string, Val>, opts: { site?: Site | undefined; own?: Refs | undefined } = {}): Val {
  if (fields.size > MAX_COLLECTION) return unknown(`an object of more than ${MAX_COLLECTION} attributes`, { refs: refsOfAll([...fields.values()]) });
  let n = 1;
  const sets: (Refs | undefined)[] = [opts.own];
  for (const it of fields.values()) {
    n += sizeOf(it);
    sets.push(it.refs);
  }
  const refs = unionAll(sets);
  if (n > MAX_VALUE_SIZE) return unknown('a value too large to evaluate', { refs });
  const out: ObjV = { t: 'obj', fields, n, refs, site: opts.site };
  if (opts.own && opts.own.size) out.own = opts.own;
  return out;
}

function refsOfAll(items: readonly Val[]): Refs | undefined {
  return unionAll(items.map((it) => it.refs));
}

/** The same value with more refs (a container keeps them as its own, so selecting a child keeps them too). */
export function withRefs<T extends Val>(v: T, refs: Refs | undefined): T {
  if (!refs || refs.size === 0) return v;
  const merged = unionRefs(v.refs, refs);
  if (merged === v.refs && (v.t !== 'list' && v.t !== 'obj')) return v;
  if (v.t === 'list' || v.t === 'obj') {
    const own = unionRefs(v.own, refs);
    if (merged === v.refs && own === v.own) return v;
    return { ...v, refs: merged, own };
  }
  return { ...v, refs: merged };
}

export function withSite<T extends Val>(v: T, site: Site | undefined): T {
  if (!site || v.site === site) return v;
  return { ...v, site };
}

/**
 * The child of a container, carrying the container's own refs. A child written inline in its container's
 * value (`default = [false]`) shares the container's site; it loses the site's name, which says the whole
 * value is written there: a fix must not rewrite `default = [false]` into `default = true`.
 */
export function child(container: Val, c: Val): Val {
  const v = container.t === 'list' || container.t === 'obj' ? withRefs(c, container.own) : c;
  const s = v.site;
  const p = container.site;
  if (s?.name !== undefined && p && s.name === p.name && s.file === p.file && s.start === p.start && s.end === p.end) {
    return { ...v, site: { file: s.file, start: s.start, end: s.end } };
  }
  return v;
}

export function isKnown(v: Val): boolean {
  return v.t !== 'unknown';
}

/** Whether a value is fully known (no unknown anywhere inside; lazy objects count as unknown). */
export function isWhollyKnown(v: Val): boolean {
  switch (v.t) {
    case 'unknown':
    case 'lazy':
      return false;
    case 'list':
      return v.items.every(isWhollyKnown);
    case 'obj':
      for (const f of v.fields.values()) if (!isWhollyKnown(f)) return false;
      return true;
    default:
      return true;
  }
}

/** The first reason found for an unknown inside a value. */
export function whyUnknown(v: Val): string | undefined {
  switch (v.t) {
    case 'unknown':
      return v.why;
    case 'lazy':
      return v.obj.id;
    case 'list':
      for (const it of v.items) {
        const w = whyUnknown(it);
        if (w) return w;
      }
      return undefined;
    case 'obj':
      for (const it of v.fields.values()) {
        const w = whyUnknown(it);
        if (w) return w;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Deep equality of known values; undefined when unknown decides it. */
export function equals(a: Val, b: Val): boolean | undefined {
  if (a.t === 'unknown' || b.t === 'unknown') return undefined;
  if (a.t === 'lazy' || b.t === 'lazy') return a.t === 'lazy' && b.t === 'lazy' && a.obj === b.obj ? true : undefined;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'null':
      return true;
    case 'bool':
    case 'num':
    case 'str':
      return a.v === (b as typeof a).v;
    case 'list': {
      const bi = (b as ListV).items;
      if (a.items.length !== bi.length) return false;
      let res: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const e = equals(a.items[i]!, bi[i]!);
        if (e === false) return false;
        if (e === undefined) res = undefined;
      }
      return res;
    }
    case 'obj': {
      const bf = (b as ObjV).fields;
      if (a.fields.size !== bf.size) return false;
      let res: boolean | undefined = true;
      for (const [k, av] of a.fields) {
        const bv = bf.get(k);
        if (!bv) return false;
        const e = equals(av, bv);
        if (e === false) return false;
        if (e === undefined) res = undefined;
      }
      return res;
    }
  }
}

/** Terraform's string conversion of a primitive; undefined when not convertible. */
export function asString(v: Val): string | undefined {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'num':
      return formatNumber(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    default:
      return undefined;
  }
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n);
}

export function asNumber(v: Val): number | undefined {
  if (v.t === 'num') return v.v;
  if (v.t === 'str' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v.v)) return Number(v.v);
  return undefined;
}

export function asBool(v: Val): boolean | undefined {
  if (v.t === 'bool') return v.v;
  if (v.t === 'str' && (v.v === 'true' || v.v === 'false')) return v.v === 'true';
  return undefined;
}

/** Elements of a list, set, tuple, or the values of a map/object (for for-expressions and functions). */
export function elements(v: Val): readonly Val[] | undefined {
  if (v.t === 'list') return v.items.map((i) => child(v, i));
  if (v.t === 'obj') return [...v.fields.values()].map((i) => child(v, i));
  return undefined;
}

/** Deduplicate known primitive elements for sets; undefined when an unknown element prevents it. */
export function toSet(items: readonly Val[], site?: Site): Val {
  const out: Val[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    if (it.t === 'unknown') return unknown(it.why, { refs: refsOfAll(items) });
    const key = it.t === 'str' || it.t === 'num' || it.t === 'bool' ? `${it.t}:${String(it.v)}` : it.t === 'null' ? 'null' : undefined;
    if (key === undefined) {
      // Complex elements: keep them, deduplicating by deep equality is rarely needed.
      out.push(it);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(it);
  }
  return list(out, { set: true, site });
}

/** Collect every ref inside a value (deep refs are precomputed, so this is O(1)). */
export function refsOf(v: Val): Refs | undefined {
  return v.refs;
}

/** Visit a value depth-first (bounded by its size). */
export function walk(v: Val, visit: (v: Val) => void): void {
  visit(v);
  if (v.t === 'list') for (const it of v.items) walk(it, visit);
  else if (v.t === 'obj') for (const it of v.fields.values()) walk(it, visit);
}

/** Replace every ref inside a value by `refs` (a resource's configured attribute read from elsewhere depends on the resource, not on what it references). */
export function replaceRefs(v: Val, refs: Refs): Val {
  switch (v.t) {
    case 'list': {
      const items = v.items.map((i) => replaceRefs(i, refs));
      const out: ListV = { ...v, items, refs, own: refs };
      return out;
    }
    case 'obj': {
      const fields = new Map<string, Val>();
      for (const [k, f] of v.fields) fields.set(k, replaceRefs(f, refs));
      const out: ObjV = { ...v, fields, refs, own: refs };
      return out;
    }
    default:
      return { ...v, refs };
  }
}

/** Short human rendering of a value for messages. */
export function show(v: Val): string {
  switch (v.t) {
    case 'unknown':
      return '(unknown)';
    case 'null':
      return 'null';
    case 'str':
      return JSON.stringify(v.v);
    case 'num':
    case 'bool':
      return String(v.v);
    case 'lazy':
      return v.obj.id;
    case 'list':
      return `[${v.items.slice(0, 5).map(show).join(', ')}${v.items.length > 5 ? ', ...' : ''}]`;
    case 'obj':
      return `{${[...v.fields.keys()].slice(0, 5).join(', ')}${v.fields.size > 5 ? ', ...' : ''}}`;
  }
}
