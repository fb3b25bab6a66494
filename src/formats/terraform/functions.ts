/**
 * The Terraform built-in functions the evaluator knows. Every other function (file(), cidrsubnet(),
 * provider functions, ...) yields UNKNOWN: never a guess.
 */
import {
  MAX_COLLECTION,
  MAX_STRING,
  NULL,
  asBool,
  asNumber,
  asString,
  child,
  elements,
  equals,
  errorV,
  formatNumber,
  list,
  obj,
  toSet,
  unionRefs,
  unknown,
  withRefs,
  type ListV,
  type Refs,
  type Site,
  type UnknownV,
  type Val,
} from './values.js';
import { append, unionAll } from '../../model/index.js';

export interface CallContext {
  site: Site | undefined;
  warn(message: string): void;
}

type Fn = (args: Val[], ctx: CallContext) => Val;

function refsOf(args: readonly Val[]): Refs | undefined {
  return unionAll(args.map((a) => a.refs));
}

/** The first unknown among args, or undefined. */
function firstUnknown(args: readonly Val[]): UnknownV | undefined {
  for (const a of args) if (a.t === 'unknown') return a;
  return undefined;
}

function unknownOf(args: readonly Val[], u?: UnknownV): Val {
  const first = u ?? firstUnknown(args);
  return unknown(first?.why, { refs: refsOf(args), err: first?.err });
}

/** Items of a list/set/tuple argument; undefined when not a list. */
function items(v: Val): readonly Val[] | undefined {
  return v.t === 'list' ? elements(v) : undefined;
}

function arity(name: string, args: readonly Val[], min: number, max = min): Val | undefined {
  if (args.length < min || args.length > max) return errorV(`${name}() with ${args.length} arguments`);
  return undefined;
}

const site = (ctx: CallContext) => ctx.site;

const FUNCTIONS: Record<string, Fn> = {
  length(args, ctx) {
    const bad = arity('length', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return unknownOf(args);
    const refs = v.refs;
    if (v.t === 'list') {
      if (v.set && v.items.some((i) => i.t === 'unknown')) return unknownOf(v.items);
      return { t: 'num', v: v.items.length, refs, site: site(ctx) };
    }
    if (v.t === 'obj') return { t: 'num', v: v.fields.size, refs, site: site(ctx) };
    if (v.t === 'str') return { t: 'num', v: [...v.v].length, refs, site: site(ctx) };
    return errorV(`length() of a ${v.t}`);
  },
  toset(args, ctx) {
    const bad = arity('toset', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('toset() of a non-list');
    return withRefs(toSet(its, site(ctx)), v.t === 'list' ? v.own : undefined);
  },
  tolist(args) {
    const bad = arity('tolist', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    if (v.t !== 'list') return errorV('tolist() of a non-list');
    return v.set ? { ...v, set: false } : v;
  },
  tomap(args) {
    const bad = arity('tomap', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown' || v.t === 'obj') return v;
    return errorV('tomap() of a non-object');
  },
  tostring(args, ctx) {
    const v = args[0];
    if (!v || args.length !== 1) return errorV('tostring() arguments');
    if (v.t === 'unknown' || v.t === 'null') return v;
    const s = asString(v);
    return s === undefined ? errorV('tostring() of a collection') : { t: 'str', v: s, refs: v.refs, site: v.site ?? site(ctx) };
  },
  tonumber(args, ctx) {
    const v = args[0];
    if (!v || args.length !== 1) return errorV('tonumber() arguments');
    if (v.t === 'unknown' || v.t === 'null') return v;
    const n = asNumber(v);
    return n === undefined ? errorV('tonumber() of a non-number') : { t: 'num', v: n, refs: v.refs, site: v.site ?? site(ctx) };
  },
  tobool(args, ctx) {
    const v = args[0];
    if (!v || args.length !== 1) return errorV('tobool() arguments');
    if (v.t === 'unknown' || v.t === 'null') return v;
    const b = asBool(v);
    return b === undefined ? errorV('tobool() of a non-boolean') : { t: 'bool', v: b, refs: v.refs, site: v.site ?? site(ctx) };
  },
  concat(args, ctx) {
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const out: Val[] = [];
    const owns: (Refs | undefined)[] = [];
    for (const a of args) {
      const its = items(a);
      if (!its) return errorV('concat() of a non-list');
      owns.push((a as ListV).own);
      if (out.length + its.length > MAX_COLLECTION) {
        ctx.warn(`concat() result longer than ${MAX_COLLECTION} elements; treated as unknown`);
        return unknown('a list too long to evaluate', { refs: refsOf(args) });
      }
      append(out, its);
    }
    return list(out, { site: site(ctx), own: unionAll(owns) });
  },
  element(args) {
    const bad = arity('element', args, 2);
    if (bad) return bad;
    const [l, i] = args as [Val, Val];
    if (i.t === 'unknown') return unknownOf(args, i);
    const n = asNumber(i);
    if (n === undefined || !Number.isInteger(n) || n < 0) return errorV('element() index that is not a non-negative integer');
    if (l.t === 'unknown') {
      // A fixed element of an unknown list (data.aws_availability_zones.x.names): distinct per index.
      return unknown(l.why, { refs: unionRefs(l.refs, i.refs), sym: l.sym ? `${l.sym}[${n}]` : undefined, err: l.err });
    }
    const its = items(l);
    if (!its) return errorV('element() of a non-list');
    if (!its.length) return errorV('element() of an empty list');
    return withRefs(its[n % its.length]!, i.refs);
  },
  slice(args, ctx) {
    const bad = arity('slice', args, 3);
    if (bad) return bad;
    const [l, a, b] = args as [Val, Val, Val];
    if (l.t === 'unknown' && l.sym && !l.err && a.t !== 'unknown' && b.t !== 'unknown') {
      // A fixed slice of an unknown list (slice(data.aws_availability_zones.x.names, 0, 3)): its
      // length is known, and each element is a distinct fixed element of the source.
      const s = asNumber(a);
      const e = asNumber(b);
      if (s === undefined || e === undefined || !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || s > e) return errorV('slice() out of range');
      if (e - s > MAX_COLLECTION) return unknownOf(args, l);
      const refs = refsOf(args);
      const out: Val[] = [];
      for (let i = s; i < e; i++) out.push(unknown(l.why, { refs, sym: `${l.sym}[${i}]` }));
      return list(out, { site: site(ctx), own: refs });
    }
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const its = items(args[0]!);
    const s = asNumber(args[1]!);
    const e = asNumber(args[2]!);
    if (!its || s === undefined || e === undefined || s < 0 || e > its.length || s > e) return errorV('slice() out of range');
    return list(its.slice(s, e), { site: site(ctx), own: unionRefs(args[1]!.refs, args[2]!.refs) });
  },
  min: (args, ctx) => minmax('min', args, ctx),
  max: (args, ctx) => minmax('max', args, ctx),
  sum(args, ctx) {
    const bad = arity('sum', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its || !its.length) return errorV('sum() of an empty or non-list');
    const u = firstUnknown(its);
    if (u) return unknownOf(its, u);
    let total = 0;
    for (const it of its) {
      const n = asNumber(it);
      if (n === undefined) return errorV('sum() of a non-number');
      total += n;
    }
    return { t: 'num', v: total, refs: v.refs, site: site(ctx) };
  },
  abs: (args, ctx) => math1('abs', args, ctx, Math.abs),
  ceil: (args, ctx) => math1('ceil', args, ctx, Math.ceil),
  floor: (args, ctx) => math1('floor', args, ctx, Math.floor),
  signum: (args, ctx) => math1('signum', args, ctx, Math.sign),
  pow(args, ctx) {
    const bad = arity('pow', args, 2);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const a = asNumber(args[0]!);
    const b = asNumber(args[1]!);
    if (a === undefined || b === undefined) return errorV('pow() of a non-number');
    const v = Math.pow(a, b);
    return Number.isFinite(v) ? { t: 'num', v, refs: refsOf(args), site: site(ctx) } : errorV('pow() out of range');
  },
  lookup(args) {
    const bad = arity('lookup', args, 2, 3);
    if (bad) return bad;
    const [m, k, d] = args as [Val, Val, Val | undefined];
    if (k.t === 'unknown') return unknownOf(args, k);
    const ks = asString(k);
    if (ks === undefined) return errorV('lookup() key that is not a string');
    if (m.t === 'unknown') return unknownOf([m, k], m);
    if (m.t === 'lazy') {
      if (m.obj.has(ks)) return m.obj.get(ks)!;
      return d ?? errorV(`lookup() of a missing key "${ks}"`);
    }
    if (m.t !== 'obj') return errorV('lookup() of a non-map');
    const f = m.fields.get(ks);
    if (f) return withRefs(child(m, f), k.refs);
    return d ? withRefs(d, unionRefs(m.own, k.refs)) : errorV(`lookup() of a missing key "${ks}"`);
  },
  try(args) {
    for (const a of args) {
      if (a.t === 'unknown' && a.err) continue;
      return a;
    }
    return errorV('try() with no argument that evaluates');
  },
  can(args, ctx) {
    const bad = arity('can', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v.err ? { t: 'bool', v: false, refs: v.refs, site: site(ctx) } : v;
    return { t: 'bool', v: true, refs: v.refs, site: site(ctx) };
  },
  coalesce(args) {
    for (const a of args) {
      if (a.t === 'unknown') return unknownOf(args, a);
      if (a.t === 'null' || (a.t === 'str' && a.v === '')) continue;
      return a;
    }
    return errorV('coalesce() with no non-null argument');
  },
  coalescelist(args) {
    for (const a of args) {
      if (a.t === 'unknown') return unknownOf(args, a);
      if (a.t === 'list' && a.items.length) return a;
    }
    return args.find((a) => a.t === 'list') ?? errorV('coalescelist() of non-lists');
  },
  contains(args, ctx) {
    const bad = arity('contains', args, 2);
    if (bad) return bad;
    const [l, v] = args as [Val, Val];
    if (l.t === 'unknown') return unknownOf(args, l);
    const its = items(l);
    if (!its) return errorV('contains() of a non-list');
    let unsure = false;
    for (const it of its) {
      const e = equals(it, v);
      if (e === true) return { t: 'bool', v: true, refs: refsOf(args), site: site(ctx) };
      if (e === undefined) unsure = true;
    }
    if (unsure) return unknownOf([...its, v]);
    return { t: 'bool', v: false, refs: refsOf(args), site: site(ctx) };
  },
  index(args, ctx) {
    const bad = arity('index', args, 2);
    if (bad) return bad;
    const [l, v] = args as [Val, Val];
    if (l.t === 'unknown') return unknownOf(args, l);
    const its = items(l);
    if (!its) return errorV('index() of a non-list');
    for (let i = 0; i < its.length; i++) {
      const e = equals(its[i]!, v);
      if (e === true) return { t: 'num', v: i, refs: refsOf(args), site: site(ctx) };
      if (e === undefined) return unknownOf([...its, v]);
    }
    return errorV('index() of a value not in the list');
  },
  keys(args, ctx) {
    const bad = arity('keys', args, 1);
    if (bad) return bad;
    const m = args[0]!;
    if (m.t === 'unknown') return m;
    if (m.t !== 'obj') return errorV('keys() of a non-map');
    return list(
      [...m.fields.keys()].sort().map((k) => ({ t: 'str', v: k, site: site(ctx) }) as Val),
      { site: site(ctx), own: m.own },
    );
  },
  values(args, ctx) {
    const bad = arity('values', args, 1);
    if (bad) return bad;
    const m = args[0]!;
    if (m.t === 'unknown') return m;
    if (m.t !== 'obj') return errorV('values() of a non-map');
    return list(
      [...m.fields.keys()].sort().map((k) => m.fields.get(k)!),
      { site: site(ctx), own: m.own },
    );
  },
  merge(args, ctx) {
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const fields = new Map<string, Val>();
    const owns: (Refs | undefined)[] = [];
    for (const a of args) {
      if (a.t === 'null') continue;
      if (a.t !== 'obj') return errorV('merge() of a non-map');
      owns.push(a.own);
      for (const [k, v] of a.fields) fields.set(k, v);
      if (fields.size > MAX_COLLECTION) return unknown('a map too large to evaluate', { refs: refsOf(args) });
    }
    return obj(fields, { site: site(ctx), own: unionAll(owns) });
  },
  zipmap(args, ctx) {
    const bad = arity('zipmap', args, 2);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const ks = items(args[0]!);
    const vs = items(args[1]!);
    if (!ks || !vs || ks.length !== vs.length) return errorV('zipmap() of lists of different lengths');
    const fields = new Map<string, Val>();
    for (let i = 0; i < ks.length; i++) {
      const k = asString(ks[i]!);
      if (k === undefined) return unknownOf(ks);
      fields.set(k, vs[i]!);
    }
    return obj(fields, { site: site(ctx) });
  },
  range(args, ctx) {
    if (args.length < 1 || args.length > 3) return errorV('range() arguments');
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const ns = args.map(asNumber);
    if (ns.some((n) => n === undefined)) return errorV('range() of a non-number');
    let [start, end, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? (ns[0]! <= ns[1]! ? 1 : -1)];
    start = start!;
    end = end!;
    step = step!;
    if (step === 0) return errorV('range() with step 0');
    const n = Math.max(0, Math.ceil((end - start) / step));
    if (n > MAX_COLLECTION) {
      ctx.warn(`range() of ${n} elements exceeds ${MAX_COLLECTION}; treated as unknown`);
      return unknown('a range too large to evaluate', { refs: refsOf(args) });
    }
    const out: Val[] = [];
    for (let i = 0; i < n; i++) out.push({ t: 'num', v: start + i * step, site: site(ctx) });
    return list(out, { site: site(ctx), own: refsOf(args) });
  },
  format(args, ctx) {
    if (!args.length) return errorV('format() without a format');
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const f = asString(args[0]!);
    if (f === undefined) return errorV('format() of a non-string');
    const out = format(f, args.slice(1));
    if (out === undefined) return unknownOf(args, unknown('a format() verb that is not supported'));
    if (typeof out !== 'string') return out;
    return { t: 'str', v: out, refs: refsOf(args), site: site(ctx) };
  },
  lower: (args, ctx) => str1('lower', args, ctx, (s) => s.toLowerCase()),
  upper: (args, ctx) => str1('upper', args, ctx, (s) => s.toUpperCase()),
  trimspace: (args, ctx) => str1('trimspace', args, ctx, (s) => s.trim()),
  title: (args, ctx) => str1('title', args, ctx, (s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  strrev: (args, ctx) => str1('strrev', args, ctx, (s) => [...s].reverse().join('')),
  chomp: (args, ctx) => str1('chomp', args, ctx, (s) => s.replace(/(\r?\n)+$/, '')),
  startswith: (args, ctx) => str2b('startswith', args, ctx, (a, b) => a.startsWith(b)),
  endswith: (args, ctx) => str2b('endswith', args, ctx, (a, b) => a.endsWith(b)),
  strcontains: (args, ctx) => str2b('strcontains', args, ctx, (a, b) => a.includes(b)),
  join(args, ctx) {
    const bad = arity('join', args, 2, 64);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const sep = asString(args[0]!);
    if (sep === undefined) return errorV('join() separator');
    const parts: string[] = [];
    const joinedItems = joinedElements(sep, args.slice(1));
    if (joinedItems) return unknown(joinedItems.why, { refs: refsOf(args), joined: { separator: sep, items: joinedItems.items } });
    for (const l of args.slice(1)) {
      const its = items(l);
      if (!its) return errorV('join() of a non-list');
      const uu = firstUnknown(its);
      if (uu) return unknownOf(its, uu);
      for (const it of its) {
        const s = asString(it);
        if (s === undefined) return errorV('join() of a non-string');
        parts.push(s);
      }
    }
    const out = parts.join(sep);
    if (out.length > MAX_STRING) return unknown('a string too long to evaluate', { refs: refsOf(args) });
    return { t: 'str', v: out, refs: refsOf(args), site: site(ctx) };
  },
  split(args, ctx) {
    const bad = arity('split', args, 2);
    if (bad) return bad;
    const [separator, joined] = args as [Val, Val];
    if (joined.t === 'unknown' && joined.joined && separator.t !== 'unknown' && asString(separator) === joined.joined.separator) {
      return list(joined.joined.items, { site: site(ctx), own: refsOf(args) });
    }
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const sep = asString(args[0]!);
    const s = asString(args[1]!);
    if (sep === undefined || s === undefined) return errorV('split() of a non-string');
    const parts = s.split(sep);
    if (parts.length > MAX_COLLECTION) return unknown('a list too long to evaluate', { refs: refsOf(args) });
    return list(
      parts.map((p) => ({ t: 'str', v: p, site: site(ctx) }) as Val),
      { site: site(ctx), own: refsOf(args) },
    );
  },
  replace(args, ctx) {
    const bad = arity('replace', args, 3);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const [s, a, b] = args.map(asString);
    if (s === undefined || a === undefined || b === undefined) return errorV('replace() of a non-string');
    if (a.length > 1 && a.startsWith('/') && a.endsWith('/')) return unknownOf(args, unknown('replace() with a regular expression'));
    if (a === '') return errorV('replace() of an empty string');
    const out = s.split(a).join(b);
    if (out.length > MAX_STRING) return unknown('a string too long to evaluate', { refs: refsOf(args) });
    return { t: 'str', v: out, refs: refsOf(args), site: site(ctx) };
  },
  substr(args, ctx) {
    const bad = arity('substr', args, 3);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const s = asString(args[0]!);
    const off = asNumber(args[1]!);
    const len = asNumber(args[2]!);
    if (s === undefined || off === undefined || len === undefined) return errorV('substr() arguments');
    const chars = [...s];
    const start = off < 0 ? chars.length + off : off;
    const out = chars.slice(start, len < 0 ? undefined : start + len).join('');
    return { t: 'str', v: out, refs: refsOf(args), site: site(ctx) };
  },
  flatten(args, ctx) {
    const bad = arity('flatten', args, 1);
    if (bad) return bad;
    const out: Val[] = [];
    let u: Val | undefined;
    const rec = (v: Val, depth: number): boolean => {
      if (v.t === 'unknown') {
        u = v;
        return false;
      }
      if (v.t === 'list' && depth < 64) {
        for (const it of v.items) if (!rec(it, depth + 1)) return false;
        return true;
      }
      out.push(v);
      return out.length <= MAX_COLLECTION;
    };
    const v = args[0]!;
    if (v.t !== 'list') return v.t === 'unknown' ? v : errorV('flatten() of a non-list');
    for (const it of v.items) if (!rec(it, 0)) break;
    if (u) return unknownOf([v]);
    if (out.length > MAX_COLLECTION) return unknown('a list too long to evaluate', { refs: v.refs });
    return list(out, { site: site(ctx), own: v.own });
  },
  distinct(args, ctx) {
    const bad = arity('distinct', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('distinct() of a non-list');
    const s = toSet(its, site(ctx));
    return s.t === 'list' ? { ...s, set: false } : s;
  },
  compact(args, ctx) {
    const bad = arity('compact', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('compact() of a non-list');
    const u = firstUnknown(its);
    if (u) return unknownOf(its, u);
    return list(
      its.filter((i) => !(i.t === 'null' || (i.t === 'str' && i.v === ''))),
      { site: site(ctx), own: v.t === 'list' ? v.own : undefined },
    );
  },
  reverse(args, ctx) {
    const bad = arity('reverse', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('reverse() of a non-list');
    return list([...its].reverse(), { site: site(ctx) });
  },
  sort(args, ctx) {
    const bad = arity('sort', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('sort() of a non-list');
    const u = firstUnknown(its);
    if (u) return unknownOf(its, u);
    const keyed = its.map((i) => [asString(i), i] as const);
    if (keyed.some(([k]) => k === undefined)) return errorV('sort() of a non-string');
    return list(
      keyed.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)).map(([, i]) => i),
      { site: site(ctx) },
    );
  },
  one(args) {
    const bad = arity('one', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    const its = items(v);
    if (!its) return errorV('one() of a non-list');
    if (its.length === 0) return NULL;
    if (its.length === 1) return its[0]!;
    return errorV('one() of a list with more than one element');
  },
  regex(args, ctx) {
    const bad = arity('regex', args, 2);
    if (bad) return bad;
    const m = safeMatches(args, ctx);
    if (!Array.isArray(m)) return m;
    const first = m[0];
    if (!first) return errorV('regex() without a match');
    return matchValue(first, ctx, refsOf(args));
  },
  regexall(args, ctx) {
    const bad = arity('regexall', args, 2);
    if (bad) return bad;
    const m = safeMatches(args, ctx);
    if (!Array.isArray(m)) return m;
    return list(
      m.map((x) => matchValue(x, ctx, undefined)),
      { site: site(ctx), own: refsOf(args) },
    );
  },
  matchkeys(args, ctx) {
    const bad = arity('matchkeys', args, 3);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const [values, keys, search] = [items(args[0]!), items(args[1]!), items(args[2]!)];
    if (!values || !keys || !search) return errorV('matchkeys() of a non-list');
    if (values.length !== keys.length) return errorV('matchkeys() of lists of different lengths');
    const out: Val[] = [];
    for (let i = 0; i < keys.length; i++) {
      const hits = search.map((s) => equals(keys[i]!, s));
      // An unknown key or search value may or may not match: the result is unknown, never a guess.
      if (hits.some((h) => h === undefined)) return unknownOf([...keys, ...search]);
      if (hits.includes(true)) out.push(values[i]!);
    }
    return list(out, { site: site(ctx), own: refsOf(args) });
  },
  chunklist(args, ctx) {
    const bad = arity('chunklist', args, 2);
    if (bad) return bad;
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const its = items(args[0]!);
    const size = asNumber(args[1]!);
    if (!its || size === undefined || !Number.isInteger(size) || size < 0) return errorV('chunklist() arguments');
    if (size === 0) return list([list([...its])], { site: site(ctx) });
    const out: Val[] = [];
    for (let i = 0; i < its.length; i += size) out.push(list(its.slice(i, i + size)));
    return list(out, { site: site(ctx), own: args[1]!.refs });
  },
  setproduct(args, ctx) {
    if (!args.length) return errorV('setproduct() without arguments');
    const u = firstUnknown(args);
    if (u) return unknownOf(args, u);
    const lists = args.map(items);
    if (lists.some((l) => !l)) return errorV('setproduct() of a non-list');
    const total = lists.reduce((n, l) => n * l!.length, 1);
    if (total > MAX_COLLECTION) {
      ctx.warn(`setproduct() result longer than ${MAX_COLLECTION} elements; treated as unknown`);
      return unknown('a list too long to evaluate', { refs: refsOf(args) });
    }
    let rows: Val[][] = [[]];
    for (const l of lists) rows = rows.flatMap((row) => l!.map((it) => [...row, it]));
    return list(
      rows.map((row) => list(row)),
      { site: site(ctx), set: args.every((a) => a.t === 'list' && a.set) },
    );
  },
  setunion: (args, ctx) => setOp('setunion', args, ctx, (sets) => sets.flat()),
  setintersection: (args, ctx) => setOp('setintersection', args, ctx, (sets) => sets[0]!.filter((it) => sets.every((s) => s.some((x) => equals(x, it) === true)))),
  setsubtract: (args, ctx) =>
    args.length !== 2 ? errorV(`setsubtract() with ${args.length} arguments`) : setOp('setsubtract', args, ctx, ([a, b]) => a!.filter((it) => !b!.some((x) => equals(x, it) === true))),
  transpose(args, ctx) {
    const bad = arity('transpose', args, 1);
    if (bad) return bad;
    const v = args[0]!;
    if (v.t === 'unknown') return v;
    if (v.t !== 'obj') return errorV('transpose() of a non-map');
    const out = new Map<string, Val[]>();
    for (const [k, l] of v.fields) {
      if (l.t === 'unknown') return unknownOf([l]);
      const its = items(l);
      if (!its) return errorV('transpose() of a map whose values are not lists');
      for (const it of its) {
        if (it.t === 'unknown') return unknownOf([it]);
        const s = asString(it);
        if (s === undefined) return errorV('transpose() of a list of non-strings');
        out.set(s, [...(out.get(s) ?? []), { t: 'str', v: k }]);
      }
    }
    return obj(new Map([...out].map(([k, ks]) => [k, list(ks)])), { site: site(ctx), own: v.refs });
  },
  alltrue: (args, ctx) => allany('alltrue', args, ctx, true),
  anytrue: (args, ctx) => allany('anytrue', args, ctx, false),
  sensitive: (args) => args[0] ?? errorV('sensitive() without an argument'),
  nonsensitive: (args) => args[0] ?? errorV('nonsensitive() without an argument'),
};

/**
 * Regular expressions from configuration run only when they cannot backtrack badly: no groups
 * other than plain capture groups of literals/classes, no alternation inside repetition, at most
 * two unbounded repetitions, and short inputs. Anything else is UNKNOWN (Terraform uses RE2; a
 * backtracking engine on a hostile pattern must not hang the review).
 */
const MAX_REGEX_INPUT = 256;
function safeRegex(pattern: string): RegExp | undefined {
  if (pattern.length > 200) return undefined;
  // Reject lookarounds, backreferences, nested or quantified groups, and RE2-only syntax.
  if (/\(\?|\\[1-9kpP]|\)[*+?{]|\([^)]*\(/.test(pattern)) return undefined;
  const unbounded = pattern.match(/(?<!\\)([*+]|\{\d+,\})/g)?.length ?? 0;
  if (unbounded > 2) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function safeMatches(args: Val[], ctx: CallContext): RegExpMatchArray[] | Val {
  const u = firstUnknown(args);
  if (u) return unknownOf(args, u);
  const pattern = asString(args[0]!);
  const text = asString(args[1]!);
  if (pattern === undefined || text === undefined) return errorV('a regular expression of a non-string');
  const re = pattern.length <= 200 ? safeRegex(pattern) : undefined;
  if (!re || text.length > MAX_REGEX_INPUT) return unknownOf(args, unknown('a regular expression that is not evaluated'));
  const out: RegExpMatchArray[] = [];
  const g = new RegExp(re.source, 'gu');
  for (let m = g.exec(text); m && out.length < MAX_COLLECTION; m = g.exec(text)) {
    out.push(m);
    if (m[0] === '') g.lastIndex++;
  }
  void ctx;
  return out;
}

function matchValue(m: RegExpMatchArray, ctx: CallContext, refs: Refs | undefined): Val {
  if (m.groups && Object.keys(m.groups).length) {
    const fields = new Map<string, Val>();
    for (const [k, v] of Object.entries(m.groups)) fields.set(k, v === undefined ? NULL : { t: 'str', v, site: site(ctx) });
    return obj(fields, { site: site(ctx), own: refs });
  }
  if (m.length > 1) return list(m.slice(1).map((v) => (v === undefined ? NULL : ({ t: 'str', v, site: site(ctx) } as Val))), { site: site(ctx), own: refs });
  return { t: 'str', v: m[0], refs, site: site(ctx) };
}

function minmax(name: 'min' | 'max', args: Val[], ctx: CallContext): Val {
  if (!args.length) return errorV(`${name}() without arguments`);
  let best: Val | undefined;
  let bestN = 0;
  for (const a of args) {
    if (a.t === 'unknown') return unknownOf(args, a);
    const n = asNumber(a);
    if (n === undefined) return errorV(`${name}() of a non-number`);
    if (!best || (name === 'min' ? n < bestN : n > bestN)) {
      best = a;
      bestN = n;
    }
  }
  return { t: 'num', v: bestN, refs: refsOf(args), site: best?.site ?? site(ctx) };
}

function math1(name: string, args: Val[], ctx: CallContext, f: (n: number) => number): Val {
  const bad = arity(name, args, 1);
  if (bad) return bad;
  const v = args[0]!;
  if (v.t === 'unknown') return v;
  const n = asNumber(v);
  if (n === undefined) return errorV(`${name}() of a non-number`);
  return { t: 'num', v: f(n), refs: v.refs, site: site(ctx) };
}

function str1(name: string, args: Val[], ctx: CallContext, f: (s: string) => string): Val {
  const bad = arity(name, args, 1);
  if (bad) return bad;
  const v = args[0]!;
  if (v.t === 'unknown') return v;
  const s = asString(v);
  if (s === undefined) return errorV(`${name}() of a non-string`);
  return { t: 'str', v: f(s), refs: v.refs, site: site(ctx) };
}

function str2b(name: string, args: Val[], ctx: CallContext, f: (a: string, b: string) => boolean): Val {
  const bad = arity(name, args, 2);
  if (bad) return bad;
  const u = firstUnknown(args);
  if (u) return unknownOf(args, u);
  const a = asString(args[0]!);
  const b = asString(args[1]!);
  if (a === undefined || b === undefined) return errorV(`${name}() of a non-string`);
  return { t: 'bool', v: f(a, b), refs: refsOf(args), site: site(ctx) };
}

function allany(name: string, args: Val[], ctx: CallContext, all: boolean): Val {
  const bad = arity(name, args, 1);
  if (bad) return bad;
  const v = args[0]!;
  if (v.t === 'unknown') return v;
  const its = items(v);
  if (!its) return errorV(`${name}() of a non-list`);
  let unsure = false;
  for (const it of its) {
    const b = asBool(it);
    if (b === undefined) {
      unsure = true;
      continue;
    }
    if (all && !b) return { t: 'bool', v: false, refs: v.refs, site: site(ctx) };
    if (!all && b) return { t: 'bool', v: true, refs: v.refs, site: site(ctx) };
  }
  if (unsure) return unknownOf(its);
  return { t: 'bool', v: all, refs: v.refs, site: site(ctx) };
}

/**
 * A set operation over lists of known elements: any unknown element (of an unknown identity) makes the
 * result unknown, since it may equal a known one.
 */
function setOp(name: string, args: Val[], ctx: CallContext, op: (sets: Val[][]) => Val[]): Val {
  if (!args.length) return errorV(`${name}() without arguments`);
  const u = firstUnknown(args);
  if (u) return unknownOf(args, u);
  const sets: Val[][] = [];
  for (const a of args) {
    const its = items(a);
    if (!its) return errorV(`${name}() of a non-list`);
    const unknownItem = firstUnknown(its);
    if (unknownItem) return unknownOf(its, unknownItem);
    sets.push([...its]);
  }
  return toSet(op(sets), site(ctx));
}

/** Terraform's format(): %s %d %v %f %q %t %%, with flags and width. Returns undefined for verbs it does not support. */
function format(f: string, args: readonly Val[]): string | Val | undefined {
  let out = '';
  let ai = 0;
  const re = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdvfqtbxXoeEgG%])/g;
  let last = 0;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    out += f.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', width, prec, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const a = args[ai++];
    if (!a) return errorV('format() with too few arguments');
    let s: string | undefined;
    switch (verb) {
      case 's':
      case 'v':
        s = asString(a);
        if (s === undefined && verb === 'v') s = JSON.stringify(toPlain(a));
        break;
      case 'q': {
        const x = asString(a);
        s = x === undefined ? undefined : JSON.stringify(x);
        break;
      }
      case 'd': {
        const n = asNumber(a);
        s = n === undefined || !Number.isInteger(n) ? undefined : String(n);
        if (s !== undefined && flags.includes('+') && n! >= 0) s = `+${s}`;
        break;
      }
      case 'f': {
        const n = asNumber(a);
        s = n === undefined ? undefined : n.toFixed(prec === undefined ? 6 : Number(prec));
        break;
      }
      case 't': {
        const b = asBool(a);
        s = b === undefined ? undefined : String(b);
        break;
      }
      default:
        return undefined;
    }
    if (s === undefined) return errorV(`format() %${verb} of an incompatible value`);
    if (prec !== undefined && (verb === 's' || verb === 'v')) s = s.slice(0, Number(prec));
    if (width !== undefined) {
      const w = Math.min(Number(width), 1000);
      if (s.length < w) {
        if (flags.includes('-')) s = s.padEnd(w, ' ');
        else if (flags.includes('0') && (verb === 'd' || verb === 'f')) {
          const neg = s.startsWith('-') || s.startsWith('+');
          s = neg ? s[0] + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
        } else s = s.padStart(w, ' ');
      }
    }
    out += s;
    if (out.length > MAX_STRING) return unknown('a string too long to evaluate');
  }
  out += f.slice(last);
  return out;
}

function toPlain(v: Val): unknown {
  switch (v.t) {
    case 'null':
      return null;
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'list':
      return v.items.map(toPlain);
    case 'obj':
      return Object.fromEntries([...v.fields].map(([k, x]) => [k, toPlain(x)]));
    default:
      return null;
  }
}

export const SUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS));

/**
 * Functions that return one value (a string, a number) whatever their arguments: an unknown result is
 * still one element of a Terraform 0.11 list literal. `element()` is one element of its list.
 */
const SINGLE_VALUE_FUNCTIONS = new Set([
  'element', 'join', 'format', 'lower', 'upper', 'title', 'trimspace', 'replace', 'substr', 'md5', 'sha1', 'sha256',
  'base64encode', 'base64decode', 'jsonencode', 'length', 'cidrhost', 'cidrsubnet', 'uuid', 'timestamp', 'basename',
  'dirname', 'file', 'templatefile', 'tostring', 'tonumber', 'min', 'max', 'abs', 'ceil', 'floor', 'signum',
]);

/**
 * The elements a `join()` of lists with unknown strings joins, when `split()` on the separator would give
 * exactly them back: every element one value, no known element containing the separator. Undefined when
 * everything is known (join() computes the string) or the round trip is not exact.
 */
function joinedElements(separator: string, lists: readonly Val[]): { items: Val[]; why: string | undefined } | undefined {
  if (separator === '') return undefined;
  const out: Val[] = [];
  let why: string | undefined;
  for (const value of lists) {
    const its = items(value);
    if (!its) return undefined;
    for (const item of its) {
      if (item.t === 'unknown') {
        if (item.err || !item.scalar) return undefined;
        why ??= item.why;
      } else {
        const text = asString(item);
        if (text === undefined || text.includes(separator)) return undefined;
      }
      out.push(item);
    }
  }
  if (why === undefined && !out.some((item) => item.t === 'unknown')) return undefined;
  return out.length ? { items: out, why } : undefined;
}

export function callFunction(name: string, args: Val[], ctx: CallContext): Val {
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  const result = f ? f(args, ctx) : unknown(`function ${name}()`, { refs: refsOf(args) });
  if (result.t === 'unknown' && !result.err && SINGLE_VALUE_FUNCTIONS.has(name)) return { ...result, scalar: true };
  return result;
}

export { formatNumber };
