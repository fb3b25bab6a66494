/**
 * Evaluated template values with provenance: each value knows where it was written (the property,
 * the parameter's `Default:` line, the parameter file line) and which resources it references.
 */
import { UNKNOWN } from '../../catalog/entry.js';
import { unionAll } from '../../model/index.js';
import { UNKNOWN_ITEM } from '../shared/unknown-item.js';

export interface Site {
  file: string;
  start: number;
  end: number;
  /** The key written at the start line (`MultiAZ`, `Default`, `ParameterValue`), when the value sits on its line. */
  name?: string | undefined;
}

/** Logical ids of the resources a value references. */
export type Refs = ReadonlySet<string>;

interface Meta {
  site?: Site | undefined;
  refs?: Refs | undefined;
}

export type Val =
  | ({ t: 'str'; v: string } & Meta)
  | ({ t: 'num'; v: number } & Meta)
  | ({ t: 'bool'; v: boolean } & Meta)
  | ({ t: 'null' } & Meta)
  | ({ t: 'list'; items: Val[] } & Meta)
  | ({ t: 'obj'; fields: Map<string, Val> } & Meta)
  | ({
      t: 'unknown';
      why: string;
      /** The resource this value identifies (`!Ref Subnet`, `!GetAtt Subnet.AvailabilityZone`). */
      res?: string | undefined;
      attr?: string | undefined;
      /** One fixed zone of the region (`!Select [1, !GetAZs '']`): distinct symbols are distinct zones. */
      sym?: string | undefined;
      /** Every zone of a region (`!GetAZs ''`). */
      allZones?: boolean | undefined;
    } & Meta)
  /** `AWS::NoValue`: the property is removed. */
  | { t: 'novalue'; site?: undefined; refs?: undefined };

export const NO_REFS: Refs = new Set();

/** The union of the sets, linear in their total size; an array, not spread arguments (a list of 250,000 items is one call). */
export function unionRefs(sets: Iterable<Refs | undefined>): Refs | undefined {
  return unionAll(sets);
}

export function unknown(why: string, refs?: Refs, site?: Site): Val {
  return { t: 'unknown', why, refs, site };
}

/** A literal's string form, as CloudFormation compares values (`Fn::Equals`, `Fn::FindInMap` keys). */
export function asText(v: Val): string | undefined {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'num':
    case 'bool':
      return String(v.v);
    default:
      return undefined;
  }
}

type UnknownVal = Extract<Val, { t: 'unknown' }>;

/** A JSON-like copy of a value; `unknown` decides what an unevaluable part becomes, `tooDeep` what a cut-off one does. */
function convert(v: Val, depth: number, unknown: (u: UnknownVal, depth: number) => unknown, tooDeep: unknown): unknown {
  if (depth > 64) return tooDeep;
  switch (v.t) {
    case 'unknown':
      return unknown(v, depth);
    case 'novalue':
      return undefined;
    case 'null':
      return null;
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'list':
      return v.items.map((i) => convert(i, depth + 1, unknown, tooDeep));
    case 'obj': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of v.fields) o[k] = convert(f, depth + 1, unknown, tooDeep);
      return o;
    }
  }
}

/** A value as a catalog entry reads it: JSON-like, UNKNOWN where not evaluable. */
export function toJs(v: Val): unknown {
  return convert(v, 0, () => UNKNOWN, UNKNOWN);
}

/**
 * A value as evidence shows it: literals as they are, references to resources as `{ Ref }` /
 * `{ Fn::GetAtt }` (their ids are known only at deploy time, but which resource they name is known),
 * other unknown parts as `(unknown)`. Undefined when the whole value is unknown (the caller shows
 * the property as written instead).
 */
export function displayValue(v: Val): unknown {
  return convert(
    v,
    0,
    (u, depth) => (u.res ? (u.attr ? { 'Fn::GetAtt': [u.res, u.attr] } : { Ref: u.res }) : depth === 0 ? undefined : UNKNOWN_ITEM),
    UNKNOWN_ITEM,
  );
}

/** The first reason a value (or a part of it) is unknown. */
export function firstWhy(v: Val, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (v.t === 'unknown') return v.why;
  if (v.t === 'list') {
    for (const i of v.items) {
      const w = firstWhy(i, depth + 1);
      if (w) return w;
    }
  }
  if (v.t === 'obj') {
    for (const i of v.fields.values()) {
      const w = firstWhy(i, depth + 1);
      if (w) return w;
    }
  }
  return undefined;
}

/** Identity of a list element for distinct counting (subnet lists); undefined when it has none. */
export function identity(v: Val): string | undefined {
  switch (v.t) {
    case 'str':
    case 'num':
    case 'bool':
      return `lit:${String(v.v)}`;
    case 'unknown':
      if (v.sym) return `sym:${v.sym}`;
      if (v.res) return `res:${v.res}${v.attr ? `.${v.attr}` : ''}`;
      return undefined;
    default:
      return undefined;
  }
}

/** Step into a value by one path segment (a list of one reads like its item; a list maps over its items). */
export function navigate(v: Val, seg: string): Val | undefined {
  switch (v.t) {
    case 'obj':
      return v.fields.get(seg);
    case 'list': {
      if (/^\d+$/.test(seg)) return v.items[Number(seg)];
      if (v.items.length === 1) return navigate(v.items[0]!, seg);
      if (v.items.length === 0) return undefined;
      const out: Val[] = [];
      for (const it of v.items) {
        const x = navigate(it, seg);
        if (x) out.push(x);
      }
      return out.length ? { t: 'list', items: out, refs: unionRefs(out.map((x) => x.refs)) } : undefined;
    }
    case 'unknown':
      return v;
    default:
      return undefined;
  }
}

export function valueAtPath(root: Val | undefined, path: string): Val | undefined {
  let v = root;
  for (const seg of path.split('.')) {
    if (!v) return undefined;
    v = navigate(v, seg);
  }
  return v;
}
