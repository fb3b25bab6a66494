/** Variable type constraints applied to the values a variable is given. */
import type { Expr } from './hcl/ast.js';
import { asBool, asNumber, asString, list, obj, toSet, type Val } from './values.js';

/**
 * Apply a variable's type constraint: primitive conversions (`number`, `bool`, `string`), `set(...)`,
 * collections of those, and `object({...})` attributes with `optional(type, default)` defaults.
 */
export function convert(v: Val, type: Expr | undefined, evalDefault: (e: Expr) => Val, depth = 0): Val {
  if (!type || v.t === 'unknown' || depth > 32) return v;
  if (type.kind === 'scope') {
    if (v.t === 'null') return v;
    switch (type.name) {
      case 'number': {
        const n = asNumber(v);
        return n === undefined || v.t === 'num' ? v : { t: 'num', v: n, refs: v.refs, site: v.site };
      }
      case 'bool': {
        const b = asBool(v);
        return b === undefined || v.t === 'bool' ? v : { t: 'bool', v: b, refs: v.refs, site: v.site };
      }
      case 'string': {
        const x = asString(v);
        return x === undefined || v.t === 'str' ? v : { t: 'str', v: x, refs: v.refs, site: v.site };
      }
      default:
        return v;
    }
  }
  if (type.kind !== 'call' || v.t === 'null') return v;
  const arg = type.args[0];
  switch (type.name) {
    case 'list':
    case 'set': {
      if (v.t !== 'list') return v;
      const items = arg ? v.items.map((i) => convert(i, arg, evalDefault, depth + 1)) : v.items;
      if (type.name === 'set' && !v.set) return toSet(items, v.site);
      return list(items, { site: v.site, set: v.set, own: v.own });
    }
    case 'map': {
      if (v.t !== 'obj' || !arg) return v;
      const fields = new Map<string, Val>();
      for (const [k, f] of v.fields) fields.set(k, convert(f, arg, evalDefault, depth + 1));
      return obj(fields, { site: v.site, own: v.own });
    }
    case 'tuple': {
      if (v.t !== 'list' || !arg || arg.kind !== 'tuple') return v;
      return list(
        v.items.map((i, k) => convert(i, arg.items[k], evalDefault, depth + 1)),
        { site: v.site, own: v.own },
      );
    }
    case 'object': {
      if (v.t !== 'obj' || !arg || arg.kind !== 'object') return v;
      const fields = new Map(v.fields);
      for (const item of arg.items) {
        const key = item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : item.key.kind === 'scope' ? item.key.name : undefined;
        if (key === undefined) continue;
        let t: Expr | undefined = item.value;
        const given = fields.get(key);
        if (t.kind === 'call' && t.name === 'optional') {
          const [inner, dflt] = t.args;
          t = inner;
          if (!given || given.t === 'null') {
            fields.set(key, dflt ? convert(evalDefault(dflt), inner, evalDefault, depth + 1) : { t: 'null', site: v.site });
            continue;
          }
        }
        if (given) fields.set(key, convert(given, t, evalDefault, depth + 1));
      }
      return obj(fields, { site: v.site, own: v.own });
    }
    default:
      return v;
  }
}
