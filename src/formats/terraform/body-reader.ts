/**
 * Body readers: the evaluated fields of a block body (attributes, nested and dynamic blocks), each
 * evaluated once; fields that do not mention `count` / `each` are shared by every instance.
 */
import { siteOf, type Scope } from './evaluate.js';
import type { Ctx } from './context.js';
import type { Attribute, Block, Body, Expr } from './hcl/ast.js';
import { PENDING, computeOnce } from './memo.js';
import { literalString } from './stacks.js';
import { list, num, obj, str, unionRefs, unknown, whyUnknown, type Site, type Val } from './values.js';

/** Instances of one resource or module block that are evaluated one by one (dependencies, zones). */
export const INSTANCE_EVAL_CAP = 64;

/** Meta-arguments that are not configuration of the resource itself. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection']);
export const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export function attr(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

export class BodyReader {
  private readonly memo = new Map<string, Val | typeof PENDING | undefined>();

  constructor(
    readonly ctx: Ctx,
    readonly file: string,
    readonly body: Body,
    readonly scope: Scope,
    /**
     * The reader of another instance of the same block: fields that do not mention `count` / `each`
     * evaluate the same in every instance, so they are read from it.
     */
    private readonly shared?: BodyReader,
  ) {}

  has(name: string): boolean {
    if (attr(this.body, name)) return true;
    for (const b of this.body.blocks) {
      if (b.type === name) return true;
      if (b.type === 'dynamic' && b.labels[0] === name) return true;
    }
    return false;
  }

  /** Names of attributes and block types, in source order, without duplicates. */
  fieldNames(): string[] {
    const out = new Set<string>();
    for (const a of this.body.attributes) out.add(a.name);
    for (const b of this.body.blocks) out.add(b.type === 'dynamic' ? (b.labels[0] ?? 'dynamic') : b.type);
    return [...out];
  }

  /** Whether a field mentions `count` or `each` (its value may differ between instances). */
  private fieldVaries(name: string): boolean {
    const a = attr(this.body, name);
    if (a) return mentionsInstance(a);
    for (const b of this.body.blocks) {
      if ((b.type === name || (b.type === 'dynamic' && b.labels[0] === name)) && mentionsInstance(b)) return true;
    }
    return false;
  }

  /** The range where a field is written (attribute, or first block of that type). */
  fieldRange(name: string): Site | undefined {
    const a = attr(this.body, name);
    if (a) return siteOf(this.file, a.range);
    for (const b of this.body.blocks) {
      if (b.type === name || (b.type === 'dynamic' && b.labels[0] === name)) return siteOf(this.file, b.range);
    }
    return undefined;
  }

  attribute(name: string): Attribute | undefined {
    return attr(this.body, name);
  }

  /** The evaluated value of a field; undefined when absent. Nested blocks are a list of objects. */
  field(name: string): Val | undefined {
    if (this.shared && !this.fieldVaries(name)) return this.shared.field(name);
    const m = this.memo.get(name);
    if (m === PENDING) {
      const site = this.fieldRange(name);
      return unknown(`a reference cycle through ${name}`, { site });
    }
    if (m !== undefined || this.memo.has(name)) return m;
    return computeOnce(this.memo, name, this.ctx.ev, () => this.compute(name));
  }

  private compute(name: string): Val | undefined {
    const a = attr(this.body, name);
    if (a) {
      const site = siteOf(this.file, a.range, a.name);
      return this.ctx.ev.guard(site, () => this.ctx.ev.eval(a.expr, this.scope, site));
    }
    const blocks = this.body.blocks.filter((b) => b.type === name || (b.type === 'dynamic' && b.labels[0] === name));
    if (!blocks.length) return undefined;
    const items: Val[] = [];
    let unknownBlocks: Val | undefined;
    for (const b of blocks) {
      if (b.type !== 'dynamic') {
        items.push(new BodyReader(this.ctx, this.file, b.body, this.scope).toObject(siteOf(this.file, b.range)));
        continue;
      }
      const dyn = this.dynamic(b);
      if (dyn.t === 'list') items.push(...dyn.items);
      else unknownBlocks = unknownBlocks ? unknown(whyUnknown(unknownBlocks), { refs: unionRefs(unknownBlocks.refs, dyn.refs) }) : dyn;
    }
    if (unknownBlocks) return unknown(whyUnknown(unknownBlocks), { refs: unionRefs(unknownBlocks.refs, list(items).refs) });
    return list(items, { blocks: true, site: siteOf(this.file, blocks[0]!.range) });
  }

  /** `dynamic "x" { for_each = ..., iterator = it, content { ... } }` -> a list of block objects, or unknown. */
  private dynamic(b: Block): Val {
    const label = b.labels[0] ?? 'dynamic';
    const iterName = literalTraversalName(attr(b.body, 'iterator')?.expr) ?? label;
    const content = b.body.blocks.find((x) => x.type === 'content');
    const fe = attr(b.body, 'for_each');
    if (!content || !fe) return list([]);
    const feSite = siteOf(this.file, fe.range);
    const coll = this.ctx.ev.eval(fe.expr, this.scope, feSite);
    const site = siteOf(this.file, content.range);
    const pairs: [Val, Val][] | undefined =
      coll.t === 'list' ? coll.items.map((v, i) => [num(i), v]) : coll.t === 'obj' ? [...coll.fields].map(([k, v]) => [str(k), v]) : undefined;
    if (!pairs) {
      // Unknown collection: evaluate the content once with an unknown iterator, to keep its references.
      const bindings = new Map(this.scope.bindings ?? []);
      bindings.set(iterName, unknown(whyUnknown(coll)));
      const once = new BodyReader(this.ctx, this.file, content.body, { ...this.scope, bindings }).toObject(site);
      return unknown(whyUnknown(coll) ?? 'a dynamic block', { refs: unionRefs(coll.refs, once.refs) });
    }
    const items: Val[] = [];
    for (const [k, v] of pairs.slice(0, INSTANCE_EVAL_CAP)) {
      const bindings = new Map(this.scope.bindings ?? []);
      bindings.set(iterName, obj(new Map([['key', k], ['value', v]])));
      items.push(new BodyReader(this.ctx, this.file, content.body, { ...this.scope, bindings }).toObject(site));
    }
    if (pairs.length > INSTANCE_EVAL_CAP) return unknown('a dynamic block with too many elements', { refs: list(items).refs });
    return list(items);
  }

  /** All fields as one object (nested blocks included). */
  toObject(site?: Site, skip?: ReadonlySet<string>): Val {
    const fields = new Map<string, Val>();
    for (const n of this.fieldNames()) {
      if (skip?.has(n)) continue;
      const v = this.field(n);
      if (v) fields.set(n, v);
    }
    return obj(fields, { site });
  }
}

const instanceDependence = new WeakMap<object, boolean>();

/** Whether an attribute or block refers to `count.*` or `each.*` anywhere inside (cached per AST node). */
export function mentionsInstance(node: Attribute | Block): boolean {
  let r = instanceDependence.get(node);
  if (r === undefined) {
    r = 'expr' in node ? exprMentions(node.expr, 0) : bodyMentions(node.body, 0);
    instanceDependence.set(node, r);
  }
  return r;
}

function bodyMentions(body: Body, depth: number): boolean {
  if (depth > 64) return true;
  for (const a of body.attributes) if (exprMentions(a.expr, depth + 1)) return true;
  for (const b of body.blocks) if (bodyMentions(b.body, depth + 1)) return true;
  return false;
}

function exprMentions(e: Expr, depth: number): boolean {
  if (depth > 256) return true;
  const d = depth + 1;
  switch (e.kind) {
    case 'literal':
      return false;
    case 'scope':
      return e.name === 'count' || e.name === 'each' || e.name === 'self';
    case 'template':
      return e.parts.some((p) => typeof p !== 'string' && p.kind !== 'directive' && exprMentions(p, d));
    case 'getattr':
      return exprMentions(e.object, d);
    case 'index':
      return exprMentions(e.object, d) || exprMentions(e.key, d);
    case 'splat':
      return exprMentions(e.source, d) || e.each.some((x) => typeof x !== 'string' && exprMentions(x, d));
    case 'call':
      return e.args.some((a) => exprMentions(a, d));
    case 'tuple':
      return e.items.some((i) => exprMentions(i, d));
    case 'object':
      return e.items.some((i) => exprMentions(i.key, d) || exprMentions(i.value, d));
    case 'conditional':
      return exprMentions(e.cond, d) || exprMentions(e.then, d) || exprMentions(e.else, d);
    case 'binary':
      return exprMentions(e.left, d) || exprMentions(e.right, d);
    case 'unary':
      return exprMentions(e.operand, d);
    case 'for':
      return exprMentions(e.collection, d) || (e.key !== null && exprMentions(e.key, d)) || exprMentions(e.value, d) || (e.cond !== null && exprMentions(e.cond, d));
    case 'parens':
      return exprMentions(e.expr, d);
  }
}

function literalTraversalName(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'scope') return e.name;
  return literalString(e);
}
