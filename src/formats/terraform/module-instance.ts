/**
 * Module calls and module instances: the root, and one instance per local module call instance, each
 * with its variables, locals, outputs, resources and nested calls. Registry and remote modules stay
 * opaque calls whose outputs are unknown values that depend on them.
 */
import { BodyReader, INSTANCE_EVAL_CAP, MODULE_META, attr } from './body-reader.js';
import type { Ctx, Located, ModuleDef } from './context.js';
import { siteOf, type Env } from './evaluate.js';
import { ExpandingBlock, instanceScope, instanceSuffix, type Expansion } from './expansion.js';
import { isLocalSource, resolvePath } from './files.js';
import type { Block, Expr } from './hcl/ast.js';
import { PENDING, computeOnce } from './memo.js';

import { registryOutput } from './registry.js';
import { ResourceNode } from './resource-node.js';
import { literalString } from './stacks.js';
import { NULL, asBool, errorV, list, num, obj, str, unionRefs, unknown, type LazyObject, type Refs, type Val } from './values.js';
import { convert, isPrimitiveType } from './variable-types.js';
import { unionAll } from '../../model/index.js';

/** Module instances per stack (nested modules with count multiply). */
export const MAX_MODULE_INSTANCES = 2_000;
export const MAX_MODULE_DEPTH = 16;

/** The hashicorp/dns provider's lookups: their answers are the addresses of `host`. */
const DNS_LOOKUPS = new Set(['dns_a_record_set', 'dns_aaaa_record_set', 'dns_cname_record_set']);

export class ModuleCallNode extends ExpandingBlock<ModuleInstance> {
  readonly name: string;
  readonly source: string | undefined;
  /** Directory of a local module that could be expanded; undefined for registry / remote / missing / cyclic sources. */
  readonly localDir: string | undefined;
  private kids: ModuleInstance[] | undefined;
  private readonly readers = new Map<number, BodyReader>();

  constructor(mi: ModuleInstance, decl: Located<Block>) {
    const name = decl.node.labels[0]!;
    super(mi, decl, `${mi.prefix}module.${name}`);
    this.name = name;
    this.source = literalString(attr(decl.node.body, 'source')?.expr);
    const ctx = mi.ctx;
    const line = decl.node.range.start.line;
    if (this.source !== undefined && isLocalSource(this.source)) {
      const dir = resolvePath(mi.def.dir, this.source);
      if (dir === undefined || !ctx.moduleDef(dir)) {
        ctx.diag(decl.file, line, 'warning', `module ${this.name}: local source "${this.source}" not found in the repository; treated as an opaque module`);
      } else if (mi.ancestry.includes(dir)) {
        ctx.diag(decl.file, line, 'warning', `module ${this.name}: "${this.source}" calls a module that is already being expanded (a cycle); treated as an opaque module`);
      } else if (mi.ancestry.length >= MAX_MODULE_DEPTH) {
        ctx.diag(decl.file, line, 'error', `module ${this.name}: modules nested deeper than ${MAX_MODULE_DEPTH} levels; treated as an opaque module, not reviewed`);
      } else this.localDir = dir;
    } else if (this.source === undefined) {
      ctx.diag(decl.file, line, 'warning', `module ${this.name}: source is not a literal string; treated as an opaque module`);
    }
  }

  /** Number of instances to evaluate (a representative one when the count is unknown). */
  evalCount(): number {
    const expansion = this.expansion();
    return expansion.keys === null ? 1 : Math.min(expansion.keys.length, INSTANCE_EVAL_CAP);
  }

  /** The inputs of an instance, evaluated in the caller (with that instance's count.index / each). */
  reader(index: number): BodyReader {
    let reader = this.readers.get(index);
    if (!reader) {
      const scope = instanceScope(this.mi, this.expansion(), index);
      reader = new BodyReader(this.mi.ctx, this.file, this.block.body, scope, index === 0 ? undefined : this.reader(0));
      this.readers.set(index, reader);
    }
    return reader;
  }

  /** Child module instances of a local module. */
  children(): ModuleInstance[] {
    if (this.kids) return this.kids;
    this.kids = [];
    if (this.localDir === undefined) return this.kids;
    const def = this.mi.ctx.moduleDef(this.localDir)!;
    const expansion = this.expansion();
    const wanted = this.evalCount();
    const ctx = this.mi.ctx;
    const room = Math.max(0, MAX_MODULE_INSTANCES - ctx.moduleInstances);
    const made = Math.min(wanted, room);
    // Instances that are not evaluated make every count inside unknown (never an undercount).
    const known = this.mi.multiplicityKnown && expansion.keys !== null && expansion.keys.length <= INSTANCE_EVAL_CAP && made === wanted;
    if (expansion.keys !== null && expansion.keys.length > INSTANCE_EVAL_CAP) {
      const line = expansion.site?.start ?? this.block.range.start.line;
      ctx.diag(this.file, line, 'warning', `module ${this.id} has ${expansion.keys.length} instances; only the first ${INSTANCE_EVAL_CAP} are evaluated`);
    }
    if (made < wanted || !known) ctx.truncatedCalls.add(this.id);
    if (made < wanted) {
      ctx.diag(this.file, this.block.range.start.line, 'error', `more than ${MAX_MODULE_INSTANCES} module instances in this stack; the rest are not evaluated, not reviewed`);
    }
    for (let index = 0; index < made; index++) {
      ctx.moduleInstances++;
      const input: InputSource = { kind: 'call', call: this, index };
      this.kids.push(new ModuleInstance(ctx, def, `${this.id}.`, input, [...this.mi.ancestry, def.dir], known, `${this.id}${instanceSuffix(expansion, index)}`));
    }
    return this.kids;
  }

  /** The value of `module.x` in an expression: the outputs of each instance. */
  protected evaluate(expansion: Expansion): Val {
    if (this.localDir === undefined) {
      return this.byInstance(expansion, (index) => ({ t: 'lazy', obj: new OpaqueOutputs(this, `${this.id}${instanceSuffix(expansion, index)}`, index), refs: this.refSet }));
    }
    const kids = this.children();
    const outputsOf = (kid: ModuleInstance): Val => ({ t: 'lazy', obj: kid.outputsObject });
    if (expansion.keys === null) {
      // Unknown instance count: the representative instance's outputs carry the references.
      const sets: (Refs | undefined)[] = [];
      for (const kid of kids) for (const name of kid.def.outputs.keys()) sets.push(kid.output(name).refs);
      return unknown(`${this.id} (its ${expansion.mode} is unknown)`, { refs: unionAll(sets) });
    }
    if (expansion.mode === 'single') return kids[0] ? outputsOf(kids[0]) : unknown(`${this.id}`);
    if (expansion.mode === 'count') return list(kids.map(outputsOf));
    const keys = expansion.keys;
    return obj(new Map(kids.map((kid, index) => [String(keys[index]), outputsOf(kid)])));
  }

  /** Every resource address inside a local module (for `depends_on = [module.x]`). */
  allResourceAddrs(into: Set<string>, depth = 0): void {
    if (this.localDir === undefined) {
      into.add(this.id);
      return;
    }
    if (depth > MAX_MODULE_DEPTH) return;
    for (const kid of this.children()) {
      for (const resource of kid.resources.values()) into.add(resource.id);
      for (const call of kid.calls.values()) call.allResourceAddrs(into, depth + 1);
    }
  }
}

/** Outputs of a registry / remote module: unknown values that depend on the module. */
class OpaqueOutputs implements LazyObject {
  readonly type = 'module';
  private readonly memo = new Map<string, Val>();
  constructor(
    readonly call: ModuleCallNode,
    readonly id: string,
    readonly index: number,
  ) {}
  has(): boolean {
    return true;
  }
  get(name: string): Val {
    let value = this.memo.get(name);
    if (!value) {
      value =
        registryOutput(this.call.source, this.call.reader(this.index), this.id, name, this.call.refSet) ??
        unknown(`${this.call.id}.${name}`, { refs: this.call.refSet, sym: `${this.id}.${name}` });
      this.memo.set(name, value);
    }
    return value;
  }
}

class ModuleOutputs implements LazyObject {
  readonly type = 'module';
  constructor(readonly mi: ModuleInstance) {}
  get id(): string {
    return this.mi.label;
  }
  has(name: string): boolean {
    return this.mi.def.outputs.has(name);
  }
  get(name: string): Val | undefined {
    return this.has(name) ? this.mi.output(name) : undefined;
  }
}

export type InputSource = { kind: 'root'; values: ReadonlyMap<string, Val> } | { kind: 'call'; call: ModuleCallNode; index: number };

export class ModuleInstance implements Env {
  readonly resources = new Map<string, ResourceNode<ModuleInstance>>();
  readonly calls = new Map<string, ModuleCallNode>();
  readonly outputsObject: LazyObject;
  private readonly vars = new Map<string, Val | typeof PENDING>();
  private readonly locs = new Map<string, Val | typeof PENDING>();
  private readonly outs = new Map<string, Val | typeof PENDING>();
  private readonly lookups = new Map<string, Val | typeof PENDING>();

  constructor(
    readonly ctx: Ctx,
    readonly def: ModuleDef,
    /** `''` at the root, `module.a.` inside module a. */
    readonly prefix: string,
    readonly input: InputSource,
    /** Directories of this instance and its callers (cycle guard). */
    readonly ancestry: readonly string[],
    /** False when this instance stands for an unknown number of instances. */
    readonly multiplicityKnown: boolean,
    /** `module.a[0]`, for messages. */
    readonly label: string,
  ) {
    for (const [key, decl] of def.resources) this.resources.set(key, new ResourceNode(this, decl));
    for (const [name, decl] of def.calls) this.calls.set(name, new ModuleCallNode(this, decl));
    this.outputsObject = new ModuleOutputs(this);
  }

  variable(name: string): Val {
    const memo = this.vars.get(name);
    if (memo === PENDING) return unknown(`a reference cycle through var.${name}`);
    if (memo) return memo;
    return computeOnce(this.vars, name, this.ctx.ev, () => this.computeVariable(name));
  }

  private computeVariable(name: string): Val {
    const decl = this.def.variables.get(name);
    if (!decl) return errorV(`an undeclared variable var.${name}`);
    const body = decl.node.body;
    const typeExpr = attr(body, 'type')?.expr;
    let given: Val | undefined;
    if (this.input.kind === 'root') given = this.input.values.get(name);
    else {
      const inputs = this.input.call.reader(this.input.index);
      if (inputs.has(name) && !MODULE_META.has(name)) given = inputs.field(name);
    }
    const fallback = attr(body, 'default');
    const nullable = asBool(literalValue(attr(body, 'nullable')?.expr)) !== false;
    const typeSite = typeExpr ? siteOf(decl.file, attr(body, 'type')!.range) : undefined;
    const evalDefault = (expr: Expr): Val => this.ctx.ev.eval(expr, { env: this }, typeSite);
    if (given && !(given.t === 'null' && !nullable && fallback)) return convert(given, typeExpr, evalDefault);
    if (fallback) {
      const site = siteOf(decl.file, fallback.range, 'default');
      return convert(this.ctx.ev.guard(site, () => this.ctx.ev.eval(fallback.expr, { env: this }, site)), typeExpr, evalDefault);
    }
    const where = this.input.kind === 'root' ? '' : ` (not set by ${this.input.call.id})`;
    return unknown(`var.${name}, which has no value${where}`, { site: siteOf(decl.file, decl.node.range), scalar: isPrimitiveType(typeExpr) });
  }

  local(name: string): Val {
    const memo = this.locs.get(name);
    if (memo === PENDING) {
      const decl = this.def.locals.get(name)!;
      this.ctx.diag(decl.file, decl.node.range.start.line, 'warning', `local.${name} refers to itself (a reference cycle); treated as unknown`);
      return unknown(`a reference cycle through local.${name}`);
    }
    if (memo) return memo;
    const decl = this.def.locals.get(name);
    if (!decl) return errorV(`an undeclared local.${name}`);
    const site = siteOf(decl.file, decl.node.range, name);
    return computeOnce(this.locs, name, this.ctx.ev, () => this.ctx.ev.guard(site, () => this.ctx.ev.eval(decl.node.expr, { env: this }, site)));
  }

  output(name: string): Val {
    const memo = this.outs.get(name);
    if (memo === PENDING) return unknown(`a reference cycle through output ${name} of ${this.label}`);
    if (memo) return memo;
    const decl = this.def.outputs.get(name);
    const value = decl && attr(decl.node.body, 'value');
    if (!decl || !value) return errorV(`a missing output ${name} of ${this.label}`);
    const site = siteOf(decl.file, value.range);
    return computeOnce(this.outs, name, this.ctx.ev, () => this.ctx.ev.guard(site, () => this.ctx.ev.eval(value.expr, { env: this }, site)));
  }

  resource(type: string, name: string): Val | undefined {
    return this.resources.get(`${type}.${name}`)?.value();
  }

  module(name: string): Val | undefined {
    return this.calls.get(name)?.value();
  }

  /**
   * A DNS lookup of a name this configuration creates resolves to that resource's addresses: a
   * target group attachment registering `data.dns_a_record_set.x.addrs` targets the broker whose
   * endpoint `host` reads. Other data sources stay opaque (a policy document naming a bucket is not the bucket).
   */
  data(type: string, name: string): Val | undefined {
    if (!DNS_LOOKUPS.has(type)) return undefined;
    const id = `data.${type}.${name}`;
    const memo = this.lookups.get(id);
    if (memo === PENDING) return unknown(`a reference cycle through ${id}`, { sym: id });
    if (memo) return memo;
    const decl = this.def.data.get(`${type}.${name}`);
    const host = decl && attr(decl.node.body, 'host');
    if (!decl || !host) return undefined;
    const site = siteOf(decl.file, host.range, 'host');
    return computeOnce(this.lookups, id, this.ctx.ev, () => {
      const refs = this.ctx.ev.guard(site, () => this.ctx.ev.eval(host.expr, { env: this }, site)).refs;
      return unknown(id, { sym: id, ...(refs?.size ? { refs } : {}) });
    });
  }

  path(name: string): Val {
    if (name === 'module') return str(this.def.dir);
    if (name === 'root' || name === 'cwd') return str(this.ctx.rootDir);
    return errorV(`path.${name}`);
  }
}

/** A literal expression's value without evaluation context. */
function literalValue(expr: Expr | undefined): Val {
  if (!expr) return NULL;
  if (expr.kind === 'literal') {
    if (expr.value === null) return NULL;
    if (typeof expr.value === 'string') return str(expr.value);
    if (typeof expr.value === 'number') return num(expr.value);
    return { t: 'bool', v: expr.value };
  }
  return unknown();
}
