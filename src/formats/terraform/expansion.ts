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
  const count = attr(body, 'count');
  const forEach = attr(body, 'for_each');
  const scope: Scope = { env };
  if (count) {
    const site = siteOf(file, count.range);
    const value = ctx.ev.guard(site, () => ctx.ev.eval(count.expr, scope, site));
    const number = asNumber(value);
    if (number === undefined || value.t === 'unknown') return { mode: 'count', keys: null, count: null, why: whyUnknown(value) ?? 'a value that is not a number', site };
    let instances = Math.max(0, Math.floor(number));
    if (instances > MAX_COUNT) {
      ctx.diag(site.file, site.start, 'warning', `count of ${what} is ${number}; capped at ${MAX_COUNT}`);
      instances = MAX_COUNT;
    }
    const origin = value.site && (value.site.file !== site.file || value.site.start < site.start || value.site.end > site.end) ? value.site : undefined;
    return { mode: 'count', keys: Array.from({ length: instances }, (_, index) => index), count: instances, site, origin };
  }
  if (forEach) {
    const site = siteOf(file, forEach.range);
    const value = ctx.ev.guard(site, () => ctx.ev.eval(forEach.expr, scope, site));
    if (value.t === 'obj') {
      const keys = [...value.fields.keys()];
      return { mode: 'for_each', keys, values: elements(value) as Val[], count: keys.length, site };
    }
    if (value.t === 'list') {
      const keys: string[] = [];
      const values: Val[] = [];
      const seen = new Set<string>();
      for (const element of elements(value)!) {
        const key = asString(element);
        if (key === undefined) return { mode: 'for_each', keys: null, count: null, why: whyUnknown(element) ?? 'a set element that is not a string', site };
        if (seen.has(key)) continue;
        seen.add(key);
        keys.push(key);
        values.push(element);
      }
      return { mode: 'for_each', keys, values, count: keys.length, site };
    }
    return { mode: 'for_each', keys: null, count: null, why: whyUnknown(value) ?? 'a value that is not a map or set', site };
  }
  return { mode: 'single', keys: [0], count: 1 };
}

export function instanceScope(env: Env, expansion: Expansion, index: number): Scope {
  if (expansion.mode === 'single') return { env };
  if (expansion.keys === null) {
    const unknownKey = unknown(expansion.why ?? 'an unknown count');
    return expansion.mode === 'count' ? { env, count: unknownKey } : { env, each: { key: unknownKey, value: unknownKey } };
  }
  const key = expansion.keys[index]!;
  if (expansion.mode === 'count') return { env, count: num(key as number) };
  // each.key is written where its element (a set) or its value (a map) is: a zone named by a for_each key
  // points at the line that lists it.
  const value = expansion.values?.[index];
  return { env, each: { key: str(String(key), value?.site), value: value ?? str(String(key)) } };
}

export function instanceSuffix(expansion: Expansion, index: number): string {
  if (expansion.mode === 'single') return '';
  if (expansion.keys === null) return '[?]';
  const key = expansion.keys[index]!;
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
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
