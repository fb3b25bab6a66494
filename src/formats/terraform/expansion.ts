/**
 * `count` / `for_each`: how many instances a resource or module block has, their keys, and the scope
 * (`count.index`, `each.key`, `each.value`) each instance is evaluated in.
 */
import { attr } from './body-reader.js';
import type { Ctx, Located } from './context.js';
import { siteOf, type Env, type Scope } from './evaluate.js';
import type { Block, Body } from './hcl/ast.js';
import { PENDING } from './memo.js';
import { MAX_COLLECTION, asNumber, asString, elements, list, num, obj, str, unknown, whyUnknown, type Refs, type Site, type Val } from './values.js';

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

/** What a resource or module block needs of the module instance that declares it. */
export interface BlockOwner extends Env {
  readonly ctx: Ctx;
  /** `''` at the root, `module.a.` inside module a. */
  readonly prefix: string;
}

/**
 * A resource or module call block of a module instance: where it is written, its expansion, and its
 * value as an expression reads its address, each evaluated once.
 */
export abstract class ExpandingBlock<Owner extends BlockOwner> {
  private expanded: Expansion | typeof PENDING | undefined;
  private valued: Val | typeof PENDING | undefined;
  /** The block itself, as the references of values that depend on it. */
  readonly refSet: Refs;

  constructor(
    readonly mi: Owner,
    readonly decl: Located<Block>,
    /** Component id: the address without instance keys (`module.a.aws_instance.web`, `module.a.module.b`). */
    readonly id: string,
  ) {
    this.refSet = new Set([id]);
  }

  get file(): string {
    return this.decl.file;
  }

  get block(): Block {
    return this.decl.node;
  }

  expansion(): Expansion {
    if (this.expanded === PENDING) return { mode: 'count', keys: null, count: null, why: `a reference cycle through the count of ${this.id}` };
    if (this.expanded) return this.expanded;
    this.expanded = PENDING;
    const expansion = expand(this.mi.ctx, this.file, this.block.body, this.mi, this.id);
    this.expanded = expansion;
    return expansion;
  }

  /** The value of the block's address in an expression. */
  value(): Val {
    if (this.valued === PENDING) return unknown(`a reference cycle through ${this.id}`, { refs: this.refSet });
    if (this.valued) return this.valued;
    this.valued = PENDING;
    const value = this.evaluate(this.expansion());
    this.valued = value;
    return value;
  }

  protected abstract evaluate(expansion: Expansion): Val;

  /** The instances' values as the address reads: the one instance, a list by `count`, an object by `for_each` key. */
  protected byInstance(expansion: Expansion, instance: (index: number) => Val): Val {
    if (expansion.keys === null) return unknown(`${this.id} (its ${expansion.mode} is unknown)`, { refs: this.refSet });
    if (expansion.mode === 'single') return instance(0);
    if (expansion.mode === 'count') return list(expansion.keys.map((_, index) => instance(index)), { own: this.refSet });
    return obj(new Map(expansion.keys.map((key, index) => [String(key), instance(index)])), { own: this.refSet });
  }
}
