/**
 * `count` / `for_each`: how many instances a resource or module block has, their keys, and the scope
 * (`count.index`, `each.key`, `each.value`) each instance is evaluated in.
 */
import { attr } from './body-reader.js';
import type { Ctx } from './context.js';
import { siteOf, type Env, type Scope } from './evaluate.js';
import type { Body } from './hcl/ast.js';
import { MAX_COLLECTION, asNumber, asString, elements, num, str, unknown, whyUnknown, type Site, type Val } from './values.js';

/** Largest count/for_each honoured; larger ones are capped with a diagnostic. */
export const MAX_COUNT = MAX_COLLECTION;

export interface Expansion {
  mode: 'single' | 'count' | 'for_each';
  /** Instance keys (numbers for count, strings for for_each); null when unknown. */
  keys: (number | string)[] | null;
  /** each.value per key (for_each). */
  values?: Val[];
  /** Number of instances, null when unknown. */
  count: number | null;
  /** What made it unknown. */
  why?: string | undefined;
  /** Where count / for_each is written. */
  site?: Site | undefined;
  /** Where the count's value comes from when that is not the attribute itself (`count = var.n`: the variable default). */
  origin?: Site | undefined;
}

export function expand(ctx: Ctx, file: string, body: Body, env: Env, what: string): Expansion {
  const c = attr(body, 'count');
  const fe = attr(body, 'for_each');
  const scope: Scope = { env };
  if (c) {
    const site = siteOf(file, c.range);
    const v = ctx.ev.guard(site, () => ctx.ev.eval(c.expr, scope, site));
    const n = asNumber(v);
    if (n === undefined || v.t === 'unknown') return { mode: 'count', keys: null, count: null, why: whyUnknown(v) ?? 'a value that is not a number', site };
    let k = Math.max(0, Math.floor(n));
    if (k > MAX_COUNT) {
      ctx.diag(site.file, site.start, 'warning', `count of ${what} is ${n}; capped at ${MAX_COUNT}`);
      k = MAX_COUNT;
    }
    const origin = v.site && (v.site.file !== site.file || v.site.start < site.start || v.site.end > site.end) ? v.site : undefined;
    return { mode: 'count', keys: Array.from({ length: k }, (_, i) => i), count: k, site, origin };
  }
  if (fe) {
    const site = siteOf(file, fe.range);
    const v = ctx.ev.guard(site, () => ctx.ev.eval(fe.expr, scope, site));
    if (v.t === 'obj') {
      const keys = [...v.fields.keys()];
      return { mode: 'for_each', keys, values: elements(v) as Val[], count: keys.length, site };
    }
    if (v.t === 'list') {
      const els = elements(v)!;
      const keys: string[] = [];
      const values: Val[] = [];
      const seen = new Set<string>();
      for (const e of els) {
        const s = asString(e);
        if (s === undefined) return { mode: 'for_each', keys: null, count: null, why: whyUnknown(e) ?? 'a set element that is not a string', site };
        if (seen.has(s)) continue;
        seen.add(s);
        keys.push(s);
        values.push(e);
      }
      return { mode: 'for_each', keys, values, count: keys.length, site };
    }
    return { mode: 'for_each', keys: null, count: null, why: whyUnknown(v) ?? 'a value that is not a map or set', site };
  }
  return { mode: 'single', keys: [0], count: 1 };
}

export function instanceScope(env: Env, ex: Expansion, i: number): Scope {
  if (ex.mode === 'single') return { env };
  if (ex.keys === null) {
    const u = unknown(ex.why ?? 'an unknown count');
    return ex.mode === 'count' ? { env, count: u } : { env, each: { key: u, value: u } };
  }
  const key = ex.keys[i]!;
  if (ex.mode === 'count') return { env, count: num(key as number) };
  // each.key is written where its element (a set) or its value (a map) is: a zone named by a for_each key
  // points at the line that lists it.
  const value = ex.values?.[i];
  return { env, each: { key: str(String(key), value?.site), value: value ?? str(String(key)) } };
}

export function instanceSuffix(ex: Expansion, i: number): string {
  if (ex.mode === 'single') return '';
  if (ex.keys === null) return '[?]';
  const k = ex.keys[i]!;
  return typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
}
