import type { BinaryExpr, Expr, ForExpr, ObjectExpr, Range, TemplateExpr } from './hcl/ast.js';
import { callFunction } from './functions.js';
import { tupleValue } from './legacy-lists.js';
import {
  MAX_COLLECTION,
  MAX_STRING,
  NULL,
  asBool,
  asNumber,
  asString,
  bool,
  child,
  elements,
  equals,
  errorV,
  list,
  num,
  obj,
  str,
  unionRefs,
  unknown,
  withRefs,
  type Refs,
  type Site,
  type Val,
} from './values.js';
import { unionAll } from '../../model/index.js';

/** What a scope resolves its roots through: the module instance being evaluated. */
export interface Env {
  variable(name: string): Val;
  local(name: string): Val;
  /** `type.name`; undefined when no such resource is declared. */
  resource(type: string, name: string): Val | undefined;
  /** `module.name`; undefined when no such module call. */
  module(name: string): Val | undefined;
  /** `path.module`, `path.root`. */
  path(name: string): Val;
  /** `data.type.name` when its value is known to stand for something of this configuration. */
  data?(type: string, name: string): Val | undefined;
}

export interface Scope {
  env: Env;
  /** `count.index` of the instance being evaluated. */
  count?: Val | undefined;
  /** `each.key` / `each.value`. */
  each?: { key: Val; value: Val } | undefined;
  /** For-expression variables and dynamic-block iterators (shadow everything else). */
  bindings?: ReadonlyMap<string, Val> | undefined;
  /**
   * Functions of a dialect evaluated with these rules (Terragrunt's `find_in_parent_folders()`):
   * asked first, with the unevaluated arguments; undefined falls through to Terraform's built-ins.
   */
  functions?: FunctionHook | undefined;
}

export type FunctionHook = (name: string, args: readonly Expr[], evalArg: (e: Expr) => Val, site: Site | undefined) => Val | undefined;

/** Where a diagnostic about evaluation goes. */
export type Reporter = (site: Site | undefined, message: string, severity?: 'warning' | 'error') => void;

export const MAX_DEPTH = 400;
export const DEFAULT_BUDGET = 3_000_000;

const SPECIAL_ROOTS = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'module', 'data', 'self']);

export function siteOf(file: string, range: Range, name?: string): Site {
  const end = range.end.col === 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const site: Site = { file, start: range.start.line, end: Math.max(range.start.line, end) };
  if (name !== undefined) site.name = name;
  return site;
}

/**
 * Evaluates HCL expressions to values. Pure and bounded: recursion depth and total work are capped,
 * collections and strings are size-capped, and anything it cannot know is UNKNOWN.
 */
export class Evaluator {
  private depth = 0;
  private steps = 0;
  private exhausted = false;
  /**
   * How many times an evaluation was cut short (depth or budget). A value computed while this
   * changed is not memoized: it depends on how deep the evaluation started, not on the configuration.
   */
  cuts = 0;

  constructor(
    private readonly report: Reporter,
    private readonly budget = DEFAULT_BUDGET,
  ) {}

  /** Report once per site and message (caps, cycles). */
  warn(site: Site | undefined, message: string): void {
    this.report(site, message);
  }

  get outOfBudget(): boolean {
    return this.exhausted;
  }

  /** Run a nested evaluation (locals, variables, other resources) under the same depth guard. */
  guard<T extends Val>(site: Site | undefined, f: () => T): Val {
    if (this.depth >= MAX_DEPTH) {
      this.cuts++;
      // The evaluator's own limit, not the configuration's meaning: what it hides is not reviewed.
      this.report(site, `expression nesting deeper than ${MAX_DEPTH} levels; treated as unknown`, 'error');
      return unknown('an expression nested too deeply');
    }
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  eval(expr: Expr, scope: Scope, site: Site | undefined): Val {
    if (++this.steps > this.budget) {
      this.cuts++;
      if (!this.exhausted) {
        this.exhausted = true;
        this.report(site, `evaluation stopped after ${this.budget} steps; the rest is treated as unknown`, 'error');
      }
      return unknown('an evaluation that was too large');
    }
    if (this.depth >= MAX_DEPTH) {
      this.cuts++;
      this.report(site, `expression nesting deeper than ${MAX_DEPTH} levels; treated as unknown`, 'error');
      return unknown('an expression nested too deeply');
    }
    this.depth++;
    try {
      return this.evalInner(expr, scope, site);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr, scope: Scope, site: Site | undefined): Val {
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return site ? { t: 'null', site } : NULL;
        if (typeof e.value === 'string') return str(e.value, site);
        if (typeof e.value === 'number') return num(e.value, site);
        return bool(e.value, site);
      case 'template':
        return this.template(e, scope, site);
      case 'parens':
        return this.eval(e.expr, scope, site);
      case 'scope': {
        const b = lookupBinding(scope, e.name);
        if (b) return b;
        return errorV(`a bare reference to ${e.name}`);
      }
      case 'getattr': {
        const r = this.reference(e, scope);
        if (r) return r;
        return getAttr(this.eval(e.object, scope, site), e.name);
      }
      case 'index': {
        const r = this.reference(e, scope);
        if (r) return r;
        const o = this.eval(e.object, scope, site);
        const k = this.eval(e.key, scope, site);
        return index(o, k);
      }
      case 'splat':
        return this.splat(e.source, e.each, scope, site);
      case 'call': {
        if (scope.functions && !e.expandFinal) {
          const own = scope.functions(e.name, e.args, (a) => this.eval(a, scope, site), site);
          if (own) return own;
        }
        let args = e.args.map((a) => this.eval(a, scope, site));
        if (e.expandFinal && args.length) {
          const last = args[args.length - 1]!;
          const els = last.t === 'list' ? elements(last) : undefined;
          if (!els) return unknown(last.t === 'unknown' ? last.why : 'an expansion of a non-list', { refs: refsOfVals(args) });
          args = [...args.slice(0, -1), ...els];
        }
        return callFunction(e.name, args, { site, warn: (m) => this.report(site, m) });
      }
      case 'tuple':
        return tupleValue(
          e.items,
          e.items.map((i) => this.eval(i, scope, site)),
          site,
        );
      case 'object':
        return this.object(e, scope, site);
      case 'conditional': {
        const c = this.eval(e.cond, scope, site);
        const b = asBool(c);
        if (b !== undefined) {
          const chosen = withRefs(this.eval(b ? e.then : e.else, scope, site), c.refs);
          const by = c.decided ?? (c.site && c.site !== site && e.cond.kind === 'getattr' ? { site: c.site, name: traversalName(e.cond), value: c } : undefined);
          return by && !chosen.decided ? { ...chosen, decided: by } : chosen;
        }
        if (c.t !== 'unknown') return errorV('a condition that is not a boolean');
        const t = this.eval(e.then, scope, site);
        const f = this.eval(e.else, scope, site);
        if (equals(t, f) === true) return withRefs(t, c.refs);
        return unknown(c.why, { refs: unionRefs(c.refs, unionRefs(t.refs, f.refs)) });
      }
      case 'binary':
        return this.binary(e, scope, site);
      case 'unary': {
        const v = this.eval(e.operand, scope, site);
        if (v.t === 'unknown') return v;
        if (e.op === '!') {
          const b = asBool(v);
          return b === undefined ? errorV('! of a non-boolean') : { t: 'bool', v: !b, refs: v.refs, site };
        }
        const n = asNumber(v);
        return n === undefined ? errorV('- of a non-number') : { t: 'num', v: -n, refs: v.refs, site };
      }
      case 'for':
        return this.forExpr(e, scope, site);
    }
  }

  /**
   * Resolve a traversal that starts at a root name: `var.x`, `local.x`, `count.index`, `each.key`,
   * `path.module`, `module.m`, `data.t.n`, `type.name`. Returns undefined for ordinary expressions.
   */
  private reference(e: Expr, scope: Scope): Val | undefined {
    if (e.kind !== 'getattr') return undefined;
    const o = e.object;
    if (o.kind === 'getattr' && o.object.kind === 'scope' && o.object.name === 'data' && !lookupBinding(scope, 'data')) {
      const id = `data.${o.name}.${e.name}`;
      return scope.env.data?.(o.name, e.name) ?? unknown(id, { sym: id });
    }
    if (o.kind !== 'scope' || lookupBinding(scope, o.name)) return undefined;
    const root = o.name;
    const name = e.name;
    switch (root) {
      case 'var':
        return scope.env.variable(name);
      case 'local':
        return scope.env.local(name);
      case 'count':
        if (name !== 'index') return errorV(`count.${name}`);
        return scope.count ?? errorV('count.index outside a resource with count');
      case 'each':
        if (!scope.each) return errorV('each outside a resource with for_each');
        if (name === 'key') return scope.each.key;
        if (name === 'value') return scope.each.value;
        return errorV(`each.${name}`);
      case 'path':
        return scope.env.path(name);
      case 'terraform':
        return unknown(`terraform.${name}`);
      case 'self':
        return unknown(`self.${name}`);
      case 'module':
        return scope.env.module(name) ?? errorV(`an undeclared module.${name}`);
      case 'data':
        return undefined;
      default: {
        if (SPECIAL_ROOTS.has(root)) return undefined;
        const r = scope.env.resource(root, name);
        return r ?? errorV(`an undeclared resource ${root}.${name}`);
      }
    }
  }

  private template(e: TemplateExpr, scope: Scope, site: Site | undefined): Val {
    if (e.parts.length === 1 && typeof e.parts[0] !== 'string' && e.parts[0]!.kind !== 'directive') {
      return this.eval(e.parts[0] as Expr, scope, site);
    }
    let out = '';
    let refs: Refs | undefined;
    let unk: Val | undefined;
    for (const p of e.parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      if (p.kind === 'directive') {
        unk ??= unknown('a template directive');
        continue;
      }
      const v = this.eval(p, scope, site);
      refs = unionRefs(refs, v.refs);
      if (v.t === 'unknown') {
        unk ??= v;
        continue;
      }
      const s = asString(v);
      if (s === undefined) {
        unk ??= errorV('a non-string value in a template');
        continue;
      }
      out += s;
      if (out.length > MAX_STRING) {
        this.report(site, `a string longer than ${MAX_STRING} characters; treated as unknown`);
        return unknown('a string too long to evaluate', { refs });
      }
    }
    // A template with text around its interpolations is one string, known or not.
    if (unk) return unknown(unk.t === 'unknown' ? unk.why : undefined, { refs, err: unk.t === 'unknown' ? unk.err : undefined, scalar: true });
    return { t: 'str', v: out, refs, site };
  }

  private object(e: ObjectExpr, scope: Scope, site: Site | undefined): Val {
    const fields = new Map<string, Val>();
    let unkKey: Val | undefined;
    for (const item of e.items) {
      let key: string | undefined;
      if (item.key.kind === 'literal' && typeof item.key.value === 'string') key = item.key.value;
      else if (item.key.kind === 'scope' && !lookupBinding(scope, item.key.name)) key = item.key.name;
      else {
        const k = this.eval(item.key, scope, site);
        key = asString(k);
        if (key === undefined) {
          unkKey = k;
          continue;
        }
      }
      const itemSite = site ? siteOf(site.file, item.range, key) : undefined;
      fields.set(key, this.eval(item.value, scope, itemSite));
    }
    if (unkKey) return unknown(unkKey.t === 'unknown' ? unkKey.why : 'an object key that is not a string', { refs: unionRefs(unkKey.refs, refsOfVals([...fields.values()])) });
    return obj(fields, { site });
  }

  private splat(source: Expr, each: readonly (string | Expr)[], scope: Scope, site: Site | undefined): Val {
    const src = this.eval(source, scope, site);
    if (src.t === 'unknown') {
      const sym = src.sym ? `${src.sym}[*]${each.map((s) => (typeof s === 'string' ? `.${s}` : '[?]')).join('')}` : undefined;
      return unknown(src.why, { refs: src.refs, sym, err: src.err });
    }
    let items: readonly Val[];
    if (src.t === 'null') items = [];
    else if (src.t === 'list') items = elements(src)!;
    else items = [src];
    const out = items.map((it) => {
      let v = it;
      for (const step of each) {
        if (typeof step === 'string') v = getAttr(v, step);
        else v = index(v, this.eval(step, scope, site));
      }
      return v;
    });
    return list(out, { site, own: src.t === 'list' ? src.own : undefined });
  }

  private binary(e: BinaryExpr, scope: Scope, site: Site | undefined): Val {
    const l = this.eval(e.left, scope, site);
    if (e.op === '&&' || e.op === '||') {
      const lb = asBool(l);
      if (lb !== undefined && (e.op === '&&' ? !lb : lb)) return { t: 'bool', v: lb, refs: l.refs, site };
      const r = this.eval(e.right, scope, site);
      const rb = asBool(r);
      const refs = unionRefs(l.refs, r.refs);
      if (rb !== undefined && (e.op === '&&' ? !rb : rb)) return { t: 'bool', v: rb, refs, site };
      if (lb === undefined || rb === undefined) {
        if (l.t === 'unknown' || r.t === 'unknown') return unknown(l.t === 'unknown' ? l.why : (r as { why?: string }).why, { refs });
        return errorV(`${e.op} of a non-boolean`);
      }
      return { t: 'bool', v: e.op === '&&' ? lb && rb : lb || rb, refs, site };
    }
    const r = this.eval(e.right, scope, site);
    const refs = unionRefs(l.refs, r.refs);
    if (l.t === 'unknown' || r.t === 'unknown') {
      const u = l.t === 'unknown' ? l : (r as Val & { t: 'unknown' });
      return unknown(u.why, { refs, err: u.err });
    }
    if (e.op === '==' || e.op === '!=') {
      const eq = equals(l, r);
      if (eq === undefined) return unknown(undefined, { refs });
      return { t: 'bool', v: e.op === '==' ? eq : !eq, refs, site };
    }
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === undefined || b === undefined) return errorV(`${e.op} of a non-number`);
    let v: number | boolean;
    switch (e.op) {
      case '<':
        v = a < b;
        break;
      case '>':
        v = a > b;
        break;
      case '<=':
        v = a <= b;
        break;
      case '>=':
        v = a >= b;
        break;
      case '+':
        v = a + b;
        break;
      case '-':
        v = a - b;
        break;
      case '*':
        v = a * b;
        break;
      case '/':
        if (b === 0) return errorV('a division by zero');
        v = a / b;
        break;
      case '%':
        if (b === 0) return errorV('a modulo by zero');
        v = a % b;
        break;
    }
    if (typeof v === 'boolean') return { t: 'bool', v, refs, site };
    if (!Number.isFinite(v)) return errorV('a number out of range');
    return { t: 'num', v, refs, site };
  }

  private forExpr(e: ForExpr, scope: Scope, site: Site | undefined): Val {
    const coll = this.eval(e.collection, scope, site);
    if (coll.t === 'unknown') return unknown(coll.why, { refs: coll.refs, err: coll.err });
    let pairs: [Val, Val][];
    if (coll.t === 'list') pairs = coll.items.map((it, i) => [num(i), child(coll, it)]);
    else if (coll.t === 'obj') pairs = [...coll.fields].map(([k, v]) => [str(k), child(coll, v)]);
    else if (coll.t === 'null') return errorV('a for expression over null');
    else return errorV('a for expression over a non-collection');
    if (pairs.length > MAX_COLLECTION) return unknown('a collection too large to evaluate', { refs: coll.refs });
    const items: Val[] = [];
    const fields = new Map<string, Val>();
    const groups = new Map<string, Val[]>();
    const refSets: (Refs | undefined)[] = [coll.own];
    for (const [k, v] of pairs) {
      const bindings = new Map(scope.bindings ?? []);
      if (e.keyVar) bindings.set(e.keyVar, k);
      bindings.set(e.valueVar, v);
      const inner: Scope = { ...scope, bindings };
      if (e.cond) {
        const c = this.eval(e.cond, inner, site);
        const b = asBool(c);
        if (b === undefined) return unknown(c.t === 'unknown' ? c.why : 'a for condition that is not a boolean', { refs: unionRefs(coll.refs, c.refs), err: c.t !== 'unknown' || c.err });
        refSets.push(c.refs);
        if (!b) continue;
      }
      const value = this.eval(e.value, inner, site);
      if (!e.object) {
        items.push(value);
        continue;
      }
      const kv = this.eval(e.key!, inner, site);
      const ks = asString(kv);
      if (ks === undefined) return unknown(kv.t === 'unknown' ? kv.why : 'a for key that is not a string', { refs: unionRefs(coll.refs, kv.refs), err: kv.t !== 'unknown' || kv.err });
      refSets.push(kv.refs);
      if (e.grouping) {
        const g = groups.get(ks);
        if (g) g.push(value);
        else groups.set(ks, [value]);
      } else {
        if (fields.has(ks)) return errorV(`a duplicate key "${ks}" in a for expression`);
        fields.set(ks, value);
      }
    }
    const refs = unionAll(refSets);
    if (!e.object) return list(items, { site, own: refs });
    if (e.grouping) for (const [k, g] of groups) fields.set(k, list(g, { site }));
    return obj(fields, { site, own: refs });
  }
}

export function lookupBinding(scope: Scope, name: string): Val | undefined {
  return scope.bindings?.get(name);
}

export function refsOfVals(vals: readonly Val[]): Refs | undefined {
  return unionAll(vals.map((v) => v.refs));
}

export function getAttr(v: Val, name: string): Val {
  switch (v.t) {
    case 'obj': {
      const f = v.fields.get(name);
      return f ? child(v, f) : { t: 'unknown', why: `a missing attribute "${name}"`, err: true, refs: v.own };
    }
    case 'lazy': {
      const f = v.obj.get(name);
      return f ?? { t: 'unknown', why: `a missing attribute ${v.obj.id}.${name}`, err: true, refs: v.refs };
    }
    case 'unknown':
      return unknown(v.why, { refs: v.refs, sym: v.sym ? `${v.sym}.${name}` : undefined, err: v.err });
    case 'list':
      // A single nested block reads like an object.
      if (v.blocks && v.items.length === 1) return getAttr(child(v, v.items[0]!), name);
      return { t: 'unknown', why: `an attribute "${name}" of a list`, err: true, refs: v.refs };
    default:
      return { t: 'unknown', why: `an attribute "${name}" of a ${v.t}`, err: true, refs: v.refs };
  }
}

export function index(v: Val, k: Val): Val {
  if (k.t === 'unknown') return unknown(k.why, { refs: unionRefs(v.refs, k.refs), err: k.err });
  if (v.t === 'unknown') {
    const ks = asString(k);
    return unknown(v.why, { refs: unionRefs(v.refs, k.refs), sym: v.sym && ks !== undefined ? `${v.sym}[${k.t === 'str' ? JSON.stringify(ks) : ks}]` : undefined, err: v.err });
  }
  if (v.t === 'list') {
    const i = asNumber(k);
    if (i === undefined || !Number.isInteger(i)) return { t: 'unknown', why: 'a list index that is not an integer', err: true, refs: v.refs };
    const it = v.items[i];
    if (!it || i < 0) return { t: 'unknown', why: `an index ${i} out of range (length ${v.items.length})`, err: true, refs: v.own };
    return withRefs(child(v, it), k.refs);
  }
  if (v.t === 'obj') {
    const ks = asString(k);
    if (ks === undefined) return { t: 'unknown', why: 'an object key that is not a string', err: true, refs: v.refs };
    const f = v.fields.get(ks);
    if (!f) return { t: 'unknown', why: `a missing key "${ks}"`, err: true, refs: v.own };
    return withRefs(child(v, f), k.refs);
  }
  if (v.t === 'lazy') {
    const ks = asString(k);
    if (ks !== undefined && v.obj.has(ks)) return v.obj.get(ks)!;
    return { t: 'unknown', why: `an index into ${v.obj.id}`, err: true, refs: v.refs };
  }
  return { t: 'unknown', why: `an index into a ${v.t}`, err: true, refs: v.refs };
}

/** `var.x`, `local.y.z` as written, for a condition read from one name. */
function traversalName(e: Expr): string {
  if (e.kind === 'getattr') return `${traversalName(e.object)}.${e.name}`;
  if (e.kind === 'scope') return e.name;
  return 'condition';
}
