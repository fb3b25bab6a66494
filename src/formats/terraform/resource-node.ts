/**
 * Resources: one node per resource block of a module instance (its address, its expansion, its value
 * in expressions) and one instance per `count` / `for_each` key, seen from other resources as an object.
 */
import { BodyReader, INSTANCE_EVAL_CAP, RESOURCE_META } from './body-reader.js';
import type { Located } from './context.js';
import type { Scope } from './evaluate.js';
import { ExpandingBlock, instanceScope, instanceSuffix, type BlockOwner, type Expansion } from './expansion.js';
import type { Block } from './hcl/ast.js';
import { echoedAttribute, echoedValue } from './pass-through.js';
import { replaceRefs, unknown, type LazyObject, type Val } from './values.js';

export class ResourceNode<Owner extends BlockOwner = BlockOwner> extends ExpandingBlock<Owner> {
  readonly type: string;
  readonly name: string;
  private readonly evaluated = new Map<number, ResourceInstance>();

  constructor(mi: Owner, decl: Located<Block>) {
    const [type, name] = decl.node.labels as [string, string];
    super(mi, decl, `${mi.prefix}${type}.${name}`);
    this.type = type;
    this.name = name;
  }

  /** Instances to evaluate one by one: all of them up to INSTANCE_EVAL_CAP; one representative when the count is unknown. */
  instances(): ResourceInstance[] {
    const expansion = this.expansion();
    const count = expansion.keys === null ? 1 : Math.min(expansion.keys.length, INSTANCE_EVAL_CAP);
    const out: ResourceInstance[] = [];
    for (let index = 0; index < count; index++) out.push(this.instance(index));
    return out;
  }

  instance(index: number): ResourceInstance {
    let instance = this.evaluated.get(index);
    if (!instance) {
      const expansion = this.expansion();
      const id = `${this.id}${instanceSuffix(expansion, index)}`;
      instance = new ResourceInstance(this, id, instanceScope(this.mi, expansion, index), index === 0 ? undefined : this.instance(0));
      this.evaluated.set(index, instance);
    }
    return instance;
  }

  protected evaluate(expansion: Expansion): Val {
    return this.byInstance(expansion, (index) => this.instance(index).lazy);
  }
}

/** Computed attributes that are one value (`aws_subnet.a.id`), as their names say; others may be lists. */
const SINGLE_VALUED_ATTRIBUTE = /(^|_)(id|arn|name|address|dns_name|endpoint|fqdn|ip|hostname|rendered)$/;

/**
 * Configured attributes that say where a resource runs, not what it is: reading them places the reader
 * beside it (`subnets = aws_mq_broker.mq.subnet_ids`, a Lambda in the broker's subnets), which needs the
 * subnets and security groups, not the resource. Seen from outside they keep their own references.
 */
const PLACEMENT_ATTRIBUTE: ReadonlySet<string> = new Set([
  'subnet_id', 'subnet_ids', 'subnets', 'vpc_zone_identifier', 'availability_zone', 'availability_zones',
  'vpc_id', 'security_groups', 'security_group_ids', 'vpc_security_group_ids',
]);

export class ResourceInstance implements LazyObject {
  readonly reader: BodyReader;
  readonly lazy: Val;
  private readonly seenFromOutside = new Map<string, Val>();

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

  /** As seen from another resource: configured values depend on this resource, not on what it references (placement aside). */
  get(name: string): Val {
    let value = this.seenFromOutside.get(name);
    if (value) return value;
    const echoed = echoedAttribute(this.type, name);
    if (echoed !== undefined && this.has(echoed)) {
      value = { ...echoedValue(this.reader.field(echoed)!, this.node.refSet), from: this };
      this.seenFromOutside.set(name, value);
      return value;
    }
    const own = this.has(name) ? this.reader.field(name) : undefined;
    value = own
      ? { ...(PLACEMENT_ATTRIBUTE.has(name) ? own : replaceRefs(own, this.node.refSet)), from: this }
      : unknown(`${this.id}.${name}`, { refs: this.node.refSet, sym: `${this.id}.${name}`, inst: this, scalar: SINGLE_VALUED_ATTRIBUTE.test(name) });
    this.seenFromOutside.set(name, value);
    return value;
  }
}
