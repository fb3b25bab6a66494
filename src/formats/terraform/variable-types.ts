/** Variable type constraints applied to the values a variable is given. */
import type { Expr } from './hcl/ast.js';
import { literalString } from './stacks.js';
import { asBool, asNumber, asString, list, obj, toSet, type Val } from './values.js';

/** `type = string`, or Terraform 0.11's `type = "string"`: one value, never a list. */
export function isPrimitiveType(type: Expr | undefined): boolean {
  if (!type) return false;
  const name = type.kind === 'scope' ? type.name : literalString(type);
  return name === 'string' || name === 'number' || name === 'bool';
}

/**
 * Apply a variable's type constraint: primitive conversions (`number`, `bool`, `string`), `set(...)`,
 * collections of those, and `object({...})` attributes with `optional(type, default)` defaults.
 */
export function convert(value: Val, type: Expr | undefined, evalDefault: (expr: Expr) => Val, depth = 0): Val {
  if (value.t === 'unknown' && !value.scalar && isPrimitiveType(type)) return { ...value, scalar: true };
  if (!type || value.t === 'unknown' || depth > 32) return value;
  if (type.kind === 'scope') {
    if (value.t === 'null') return value;
    switch (type.name) {
      case 'number': {
        const number = asNumber(value);
        return number === undefined || value.t === 'num' ? value : { t: 'num', v: number, refs: value.refs, site: value.site };
      }
      case 'bool': {
        const bool = asBool(value);
        return bool === undefined || value.t === 'bool' ? value : { t: 'bool', v: bool, refs: value.refs, site: value.site };
      }
      case 'string': {
        const text = asString(value);
        return text === undefined || value.t === 'str' ? value : { t: 'str', v: text, refs: value.refs, site: value.site };
      }
      default:
        return value;
    }
  }
  if (type.kind !== 'call' || value.t === 'null') return value;
  const arg = type.args[0];
  switch (type.name) {
    case 'list':
    case 'set': {
      if (value.t !== 'list') return value;
      const items = arg ? value.items.map((item) => convert(item, arg, evalDefault, depth + 1)) : value.items;
      if (type.name === 'set' && !value.set) return toSet(items, value.site);
      return list(items, { site: value.site, set: value.set, own: value.own });
    }
    case 'map': {
      if (value.t !== 'obj' || !arg) return value;
      const fields = new Map<string, Val>();
      for (const [key, field] of value.fields) fields.set(key, convert(field, arg, evalDefault, depth + 1));
      return obj(fields, { site: value.site, own: value.own });
    }
    case 'tuple': {
      if (value.t !== 'list' || !arg || arg.kind !== 'tuple') return value;
      return list(
        value.items.map((item, index) => convert(item, arg.items[index], evalDefault, depth + 1)),
        { site: value.site, own: value.own },
      );
    }
    case 'object': {
      if (value.t !== 'obj' || !arg || arg.kind !== 'object') return value;
      const fields = new Map(value.fields);
      for (const item of arg.items) {
        const key = item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : item.key.kind === 'scope' ? item.key.name : undefined;
        if (key === undefined) continue;
        let fieldType: Expr | undefined = item.value;
        const given = fields.get(key);
        if (fieldType.kind === 'call' && fieldType.name === 'optional') {
          const [inner, fallback] = fieldType.args;
          fieldType = inner;
          if (!given || given.t === 'null') {
            fields.set(key, fallback ? convert(evalDefault(fallback), inner, evalDefault, depth + 1) : { t: 'null', site: value.site });
            continue;
          }
        }
        if (given) fields.set(key, convert(given, fieldType, evalDefault, depth + 1));
      }
      return obj(fields, { site: value.site, own: value.own });
    }
    default:
      return value;
  }
}
