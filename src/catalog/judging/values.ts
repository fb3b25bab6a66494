import { UNKNOWN, type ResourceView, type Unknown } from '../entry.js';

/*
 * Reading a resource's values. They come from ResourceView.get(): `undefined` = absent (apply the
 * provider's default), UNKNOWN = not evaluable (never guess). CloudFormation gives strings for
 * numbers and booleans, so conversions accept both.
 */

export type Maybe<T> = T | undefined | Unknown;

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

export function asBool(v: unknown): Maybe<boolean> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return UNKNOWN;
}

export function asNumber(v: unknown): Maybe<number> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : UNKNOWN;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return UNKNOWN;
}

export function asString(v: unknown): Maybe<string> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return UNKNOWN;
}

/** A list value; a single nested block (read as an object) counts as a list of one. */
export function asList(v: unknown): Maybe<readonly unknown[]> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') return [v];
  return UNKNOWN;
}

/** A map / object value (module inputs such as `instances`, `eks_managed_node_groups`). */
export function asRecord(v: unknown): Maybe<Readonly<Record<string, unknown>>> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return UNKNOWN;
}

/** A list of strings (zone names, subnet CIDRs); UNKNOWN when any item is not evaluable. */
export function asStrings(v: unknown): Maybe<string[]> {
  const l = asList(v);
  if (l === undefined || l === UNKNOWN) return l;
  const out: string[] = [];
  for (const item of l) {
    const s = asString(item);
    if (s === undefined) continue;
    if (s === UNKNOWN) return UNKNOWN;
    out.push(s);
  }
  return out;
}

/** Whether a value holds UNKNOWN anywhere inside (bounded walk). */
export function hasUnknown(v: unknown, depth = 0): boolean {
  if (v === UNKNOWN) return true;
  if (depth > 8 || v === null || typeof v !== 'object') return false;
  const items: unknown[] = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  return items.some((x) => hasUnknown(x, depth + 1));
}

export const bool = (r: ResourceView, key: string): Maybe<boolean> => asBool(r.get(key));
export const num = (r: ResourceView, key: string): Maybe<number> => asNumber(r.get(key));
export const str = (r: ResourceView, key: string): Maybe<string> => asString(r.get(key));
/** Lower-cased string, for enum-like values (`SINGLE_INSTANCE`, `ZoneRedundant`, `internet-facing`). */
export const enumOf = (r: ResourceView, key: string): Maybe<string> => {
  const s = str(r, key);
  return typeof s === 'string' ? s.trim().toLowerCase() : s;
};

/** First defined value among keys (new name before legacy name); UNKNOWN wins over absent. */
export function firstOf<T>(r: ResourceView, keys: readonly string[], read: (r: ResourceView, k: string) => Maybe<T>): { key: string; value: Maybe<T> } {
  for (const k of keys) {
    const value = read(r, k);
    if (value !== undefined) return { key: k, value };
  }
  return { key: keys[0] ?? '', value: undefined };
}
