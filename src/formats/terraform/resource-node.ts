/**
 * Resources: one node per resource block of a module instance (its address, its expansion, its value
 * in expressions) and one instance per `count` / `for_each` key, seen from other resources as an object.
 */
import { BodyReader, INSTANCE_EVAL_CAP, RESOURCE_META } from './body-reader.js';
import type { Ctx, Located } from './context.js';
import type { Env, Scope } from './evaluate.js';
import { expand, instanceScope, instanceSuffix, type Expansion } from './expansion.js';
import type { Block } from './hcl/ast.js';
import { PENDING } from './memo.js';
import { list, obj, replaceRefs, unknown, type LazyObject, type Refs, type Val } from './values.js';

/** What a resource needs of the module instance that declares it. */
export interface ResourceOwner extends Env {
  readonly ctx: Ctx;
  /** `''` at the root, `module.a.` inside module a. */
  readonly prefix: string;
}

export class ResourceNode<Owner extends ResourceOwner = ResourceOwner> {
  /** Component id: the address without instance keys (`module.a.aws_instance.web`). */
  readonly addr: string;
  readonly type: string;
  readonly name: string;
  private ex: Expansion | typeof PENDING | undefined;
  private readonly insts = new Map<number, ResourceInstance>();
  private val: Val | typeof PENDING | undefined;
  readonly refSet: Refs;

  constructor(
    readonly mi: Owner,
    readonly decl: Located<Block>,
  ) {
    this.type = decl.node.labels[0]!;
    this.name = decl.node.labels[1]!;
    this.addr = `${mi.prefix}${this.type}.${this.name}`;
    this.refSet = new Set([this.addr]);
  }

  get file(): string {
    return this.decl.file;
  }

  get block(): Block {
    return this.decl.node;
  }

  expansion(): Expansion {
    if (this.ex === PENDING) return { mode: 'count', keys: null, count: null, why: `a reference cycle through the count of ${this.addr}` };
    if (this.ex) return this.ex;
    this.ex = PENDING;
    const ex = expand(this.mi.ctx, this.file, this.block.body, this.mi, this.addr);
    this.ex = ex;
    return ex;
  }

  /** Instances to evaluate one by one: all of them up to INSTANCE_EVAL_CAP; one representative when the count is unknown. */
  instances(): ResourceInstance[] {
    const ex = this.expansion();
    const n = ex.keys === null ? 1 : Math.min(ex.keys.length, INSTANCE_EVAL_CAP);
    const out: ResourceInstance[] = [];
    for (let i = 0; i < n; i++) out.push(this.instance(i));
    return out;
  }

  instance(i: number): ResourceInstance {
    let inst = this.insts.get(i);
    if (!inst) {
      const ex = this.expansion();
      inst = new ResourceInstance(this, `${this.addr}${instanceSuffix(ex, i)}`, instanceScope(this.mi, ex, i), i === 0 ? undefined : this.instance(0));
      this.insts.set(i, inst);
    }
    return inst;
  }

  /** The value of `type.name` in an expression. */
  value(): Val {
    if (this.val === PENDING) return unknown(`a reference cycle through ${this.addr}`, { refs: this.refSet });
    if (this.val) return this.val;
    this.val = PENDING;
    const ex = this.expansion();
    let v: Val;
    if (ex.keys === null) v = unknown(`${this.addr} (its ${ex.mode} is unknown)`, { refs: this.refSet });
    else if (ex.mode === 'single') v = this.instance(0).lazy;
    else if (ex.mode === 'count') v = list(ex.keys.map((_, i) => this.instance(i).lazy), { own: this.refSet });
    else v = obj(new Map(ex.keys.map((k, i) => [String(k), this.instance(i).lazy])), { own: this.refSet });
    this.val = v;
    return v;
  }
}

export class ResourceInstance implements LazyObject {
  readonly reader: BodyReader;
  readonly lazy: Val;
  private readonly ext = new Map<string, Val>();

  constructor(
    readonly node: ResourceNode,
    readonly id: string,
    readonly scope: Scope,
    shared?: ResourceInstance,
  ) {
    this.reader = new BodyReader(node.mi.ctx, node.file, node.block.body, scope, shared?.reader);
    this.lazy = { t: 'lazy', obj: this, refs: node.refSet };
  }

  get type(): string {
    return this.node.type;
  }

  has(name: string): boolean {
    return !RESOURCE_META.has(name) && this.reader.has(name);
  }

  /** As seen from another resource: configured values depend on this resource, not on what it references. */
  get(name: string): Val {
    let v = this.ext.get(name);
    if (v) return v;
    const own = this.has(name) ? this.reader.field(name) : undefined;
    v = own
      ? { ...replaceRefs(own, this.node.refSet), from: this }
      : unknown(`${this.id}.${name}`, { refs: this.node.refSet, sym: `${this.id}.${name}`, inst: this });
    this.ext.set(name, v);
    return v;
  }
}
