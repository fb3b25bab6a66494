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
import { append } from '../../model/index.js';

/** Instances of one resource or module block that are evaluated one by one (dependencies, zones). */
export const INSTANCE_EVAL_CAP = 64;

/** Meta-arguments that are not configuration of the resource itself. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection']);
export const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export function attr(body: Body, name: string): Attribute | undefined {
  for (const attribute of body.attributes) if (attribute.name === name) return attribute;
  return undefined;
}

/** Whether a nested block writes field `name`: a `name { }` block, or a `dynamic "name" { }` one. */
export function blockOf(block: Block, name: string): boolean {
  return block.type === name || (block.type === 'dynamic' && block.labels[0] === name);
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
    return attr(this.body, name) !== undefined || this.body.blocks.some((block) => blockOf(block, name));
  }

  /** Names of attributes and block types, in source order, without duplicates. */
  fieldNames(): string[] {
    const out = new Set<string>();
    for (const attribute of this.body.attributes) out.add(attribute.name);
    for (const block of this.body.blocks) out.add(block.type === 'dynamic' ? (block.labels[0] ?? 'dynamic') : block.type);
    return [...out];
  }

  /** Whether a field mentions `count` or `each` (its value may differ between instances). */
  private fieldVaries(name: string): boolean {
    const attribute = attr(this.body, name);
    if (attribute) return mentionsInstance(attribute);
    return this.body.blocks.some((block) => blockOf(block, name) && mentionsInstance(block));
  }

  /** The range where a field is written (attribute, or first block of that type). */
  fieldRange(name: string): Site | undefined {
    const written = attr(this.body, name) ?? this.body.blocks.find((block) => blockOf(block, name));
    return written ? siteOf(this.file, written.range) : undefined;
  }

  attribute(name: string): Attribute | undefined {
    return attr(this.body, name);
  }

  /** The evaluated value of a field; undefined when absent. Nested blocks are a list of objects. */
  field(name: string): Val | undefined {
    if (this.shared && !this.fieldVaries(name)) return this.shared.field(name);
    const memo = this.memo.get(name);
    if (memo === PENDING) return unknown(`a reference cycle through ${name}`, { site: this.fieldRange(name) });
    if (memo !== undefined || this.memo.has(name)) return memo;
    return computeOnce(this.memo, name, this.ctx.ev, () => this.compute(name));
  }

  private compute(name: string): Val | undefined {
    const attribute = attr(this.body, name);
    if (attribute) {
      const site = siteOf(this.file, attribute.range, attribute.name);
      return this.ctx.ev.guard(site, () => this.ctx.ev.eval(attribute.expr, this.scope, site));
    }
    const blocks = this.body.blocks.filter((block) => blockOf(block, name));
    if (!blocks.length) return undefined;
    const items: Val[] = [];
    let unknownBlocks: Val | undefined;
    for (const block of blocks) {
      if (block.type !== 'dynamic') {
        items.push(new BodyReader(this.ctx, this.file, block.body, this.scope).toObject(siteOf(this.file, block.range)));
        continue;
      }
      const generated = this.dynamic(block);
      if (generated.t === 'list') append(items, generated.items);
      else unknownBlocks = unknownBlocks ? unknown(whyUnknown(unknownBlocks), { refs: unionRefs(unknownBlocks.refs, generated.refs) }) : generated;
    }
    if (unknownBlocks) return unknown(whyUnknown(unknownBlocks), { refs: unionRefs(unknownBlocks.refs, list(items).refs) });
    return list(items, { blocks: true, site: siteOf(this.file, blocks[0]!.range) });
  }

  /** `dynamic "x" { for_each = ..., iterator = it, content { ... } }` -> a list of block objects, or unknown. */
  private dynamic(block: Block): Val {
    const label = block.labels[0] ?? 'dynamic';
    const iterator = literalTraversalName(attr(block.body, 'iterator')?.expr) ?? label;
    const content = block.body.blocks.find((inner) => inner.type === 'content');
    const forEach = attr(block.body, 'for_each');
    if (!content || !forEach) return list([]);
    const collection = this.ctx.ev.eval(forEach.expr, this.scope, siteOf(this.file, forEach.range));
    const site = siteOf(this.file, content.range);
    const contentWith = (value: Val): Val => {
      const bindings = new Map(this.scope.bindings ?? []);
      bindings.set(iterator, value);
      return new BodyReader(this.ctx, this.file, content.body, { ...this.scope, bindings }).toObject(site);
    };
    const pairs: [Val, Val][] | undefined =
      collection.t === 'list'
        ? collection.items.map((value, index) => [num(index), value])
        : collection.t === 'obj'
          ? [...collection.fields].map(([key, value]) => [str(key), value])
          : undefined;
    if (!pairs) {
      // Unknown collection: evaluate the content once with an unknown iterator, to keep its references.
      const once = contentWith(unknown(whyUnknown(collection)));
      return unknown(whyUnknown(collection) ?? 'a dynamic block', { refs: unionRefs(collection.refs, once.refs) });
    }
    const items = pairs.slice(0, INSTANCE_EVAL_CAP).map(([key, value]) => contentWith(obj(new Map([['key', key], ['value', value]]))));
    if (pairs.length > INSTANCE_EVAL_CAP) return unknown('a dynamic block with too many elements', { refs: list(items).refs });
    return list(items);
  }

  /** All fields as one object (nested blocks included). */
  toObject(site?: Site, skip?: ReadonlySet<string>): Val {
    const fields = new Map<string, Val>();
    for (const name of this.fieldNames()) {
      if (skip?.has(name)) continue;
      const value = this.field(name);
      if (value) fields.set(name, value);
    }
    return obj(fields, { site });
  }
}

const instanceDependence = new WeakMap<object, boolean>();

/** Whether an attribute or block refers to `count.*` or `each.*` anywhere inside (cached per AST node). */
export function mentionsInstance(node: Attribute | Block): boolean {
  let mentions = instanceDependence.get(node);
  if (mentions === undefined) {
    mentions = 'expr' in node ? exprMentions(node.expr, 0) : bodyMentions(node.body, 0);
    instanceDependence.set(node, mentions);
  }
  return mentions;
}

function bodyMentions(body: Body, depth: number): boolean {
  if (depth > 64) return true;
  for (const attribute of body.attributes) if (exprMentions(attribute.expr, depth + 1)) return true;
  for (const block of body.blocks) if (bodyMentions(block.body, depth + 1)) return true;
  return false;
}

function exprMentions(expr: Expr, depth: number): boolean {
  if (depth > 256) return true;
  const mentions = (inner: Expr) => exprMentions(inner, depth + 1);
  switch (expr.kind) {
    case 'literal':
      return false;
    case 'scope':
      return expr.name === 'count' || expr.name === 'each' || expr.name === 'self';
    case 'template':
      return expr.parts.some((part) => typeof part !== 'string' && part.kind !== 'directive' && mentions(part));
    case 'getattr':
      return mentions(expr.object);
    case 'index':
      return mentions(expr.object) || mentions(expr.key);
    case 'splat':
      return mentions(expr.source) || expr.each.some((step) => typeof step !== 'string' && mentions(step));
    case 'call':
      return expr.args.some(mentions);
    case 'tuple':
      return expr.items.some(mentions);
    case 'object':
      return expr.items.some((item) => mentions(item.key) || mentions(item.value));
    case 'conditional':
      return mentions(expr.cond) || mentions(expr.then) || mentions(expr.else);
    case 'binary':
      return mentions(expr.left) || mentions(expr.right);
    case 'unary':
      return mentions(expr.operand);
    case 'for':
      return mentions(expr.collection) || (expr.key !== null && mentions(expr.key)) || mentions(expr.value) || (expr.cond !== null && mentions(expr.cond));
    case 'parens':
      return mentions(expr.expr);
  }
}

function literalTraversalName(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'scope') return expr.name;
  return literalString(expr);
}
