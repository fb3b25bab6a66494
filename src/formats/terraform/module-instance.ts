/**
 * Module calls and module instances: the root, and one instance per local module call instance, each
 * with its variables, locals, outputs, resources and nested calls. Registry and remote modules stay
 * opaque calls whose outputs are unknown values that depend on them.
 */
import { BodyReader, INSTANCE_EVAL_CAP, MODULE_META, attr } from './body-reader.js';
import type { Ctx, Located, ModuleDef } from './context.js';
import { siteOf, type Env } from './evaluate.js';
import { expand, instanceScope, instanceSuffix, type Expansion } from './expansion.js';
import { isLocalSource, resolvePath } from './files.js';
import type { Block, Expr } from './hcl/ast.js';
import { PENDING } from './memo.js';
import { registryOutput } from './registry.js';
import { ResourceNode } from './resource-node.js';
import { literalString } from './stacks.js';
import { NULL, asBool, errorV, list, num, obj, str, unionRefs, unknown, type LazyObject, type Refs, type Val } from './values.js';
import { convert } from './variable-types.js';

/** Module instances per stack (nested modules with count multiply). */
export const MAX_MODULE_INSTANCES = 2_000;
export const MAX_MODULE_DEPTH = 16;

export class ModuleCallNode {
  /** `module.x` under the caller's prefix: the component id of a registry / opaque module. */
  readonly id: string;
  readonly name: string;
  readonly source: string | undefined;
  /** Directory of a local module that could be expanded; undefined for registry / remote / missing / cyclic sources. */
  readonly localDir: string | undefined;
  private ex: Expansion | typeof PENDING | undefined;
  private kids: ModuleInstance[] | undefined;
  private readonly readers = new Map<number, BodyReader>();
  private val: Val | typeof PENDING | undefined;
  readonly refSet: Refs;

  constructor(
    readonly mi: ModuleInstance,
    readonly decl: Located<Block>,
  ) {
    this.name = decl.node.labels[0]!;
    this.id = `${mi.prefix}module.${this.name}`;
    this.refSet = new Set([this.id]);
    const srcAttr = attr(decl.node.body, 'source');
    this.source = literalString(srcAttr?.expr);
    const ctx = mi.ctx;
    const line = decl.node.range.start.line;
    if (this.source !== undefined && isLocalSource(this.source)) {
      const dir = resolvePath(mi.def.dir, this.source);
      if (dir === undefined || !ctx.moduleDef(dir)) {
        ctx.diag(decl.file, line, 'warning', `module ${this.name}: local source "${this.source}" not found in the repository; treated as an opaque module`);
      } else if (mi.ancestry.includes(dir)) {
        ctx.diag(decl.file, line, 'warning', `module ${this.name}: "${this.source}" calls a module that is already being expanded (a cycle); treated as an opaque module`);
      } else if (mi.ancestry.length >= MAX_MODULE_DEPTH) {
        ctx.diag(decl.file, line, 'warning', `module ${this.name}: modules nested deeper than ${MAX_MODULE_DEPTH} levels; treated as an opaque module`);
      } else this.localDir = dir;
    } else if (this.source === undefined) {
      ctx.diag(decl.file, line, 'warning', `module ${this.name}: source is not a literal string; treated as an opaque module`);
    }
  }

  get file(): string {
    return this.decl.file;
  }

  get block(): Block {
    return this.decl.node;
  }

  expansion(): Expansion {
    if (this.ex === PENDING) return { mode: 'count', keys: null, count: null, why: `a reference cycle through the count of ${this.id}` };
    if (this.ex) return this.ex;
    this.ex = PENDING;
    const ex = expand(this.mi.ctx, this.file, this.block.body, this.mi, this.id);
    this.ex = ex;
    return ex;
  }

  /** Number of instances to evaluate (a representative one when the count is unknown). */
  evalCount(): number {
    const ex = this.expansion();
    return ex.keys === null ? 1 : Math.min(ex.keys.length, INSTANCE_EVAL_CAP);
  }

  /** The inputs of instance i, evaluated in the caller (with that instance's count.index / each). */
  reader(i: number): BodyReader {
    let r = this.readers.get(i);
    if (!r) {
      r = new BodyReader(this.mi.ctx, this.file, this.block.body, instanceScope(this.mi, this.expansion(), i), i === 0 ? undefined : this.reader(0));
      this.readers.set(i, r);
    }
    return r;
  }

  /** Child module instances of a local module. */
  children(): ModuleInstance[] {
    if (this.kids) return this.kids;
    this.kids = [];
    if (this.localDir === undefined) return this.kids;
    const def = this.mi.ctx.moduleDef(this.localDir)!;
    const ex = this.expansion();
    const n = this.evalCount();
    const ctx = this.mi.ctx;
    const room = Math.max(0, MAX_MODULE_INSTANCES - ctx.moduleInstances);
    const make = Math.min(n, room);
    // Instances that are not evaluated make every count inside unknown (never an undercount).
    const known = this.mi.multiplicityKnown && ex.keys !== null && ex.keys.length <= INSTANCE_EVAL_CAP && make === n;
    if (ex.keys !== null && ex.keys.length > INSTANCE_EVAL_CAP) {
      ctx.diag(this.file, ex.site?.start ?? this.block.range.start.line, 'warning', `module ${this.id} has ${ex.keys.length} instances; only the first ${INSTANCE_EVAL_CAP} are evaluated`);
    }
    if (make < n || !known) ctx.truncatedCalls.add(this.id);
    if (make < n) {
      ctx.diag(this.file, this.block.range.start.line, 'warning', `more than ${MAX_MODULE_INSTANCES} module instances in this stack; the rest are not evaluated`);
    }
    for (let i = 0; i < make; i++) {
      ctx.moduleInstances++;
      this.kids.push(
        new ModuleInstance(ctx, def, `${this.id}.`, { kind: 'call', call: this, index: i }, [...this.mi.ancestry, def.dir], known, `${this.id}${instanceSuffix(ex, i)}`),
      );
    }
    return this.kids;
  }

  /** The value of `module.x` in an expression. */
  value(): Val {
    if (this.val === PENDING) return unknown(`a reference cycle through ${this.id}`, { refs: this.refSet });
    if (this.val) return this.val;
    this.val = PENDING;
    const ex = this.expansion();
    let v: Val;
    if (this.localDir === undefined) {
      const out = (i: number): Val => ({ t: 'lazy', obj: new OpaqueOutputs(this, `${this.id}${instanceSuffix(ex, i)}`, i), refs: this.refSet });
      if (ex.keys === null) v = unknown(`${this.id} (its ${ex.mode} is unknown)`, { refs: this.refSet });
      else if (ex.mode === 'single') v = out(0);
      else if (ex.mode === 'count') v = list(ex.keys.map((_, i) => out(i)), { own: this.refSet });
      else v = obj(new Map(ex.keys.map((k, i) => [String(k), out(i)])), { own: this.refSet });
    } else {
      const kids = this.children();
      const lazy = (m: ModuleInstance): Val => ({ t: 'lazy', obj: m.outputsObject });
      if (ex.keys === null) {
        // Unknown instance count: the representative instance's outputs carry the references.
        let refs: Refs | undefined;
        for (const m of kids) for (const name of m.def.outputs.keys()) refs = unionRefs(refs, m.output(name).refs);
        v = unknown(`${this.id} (its ${ex.mode} is unknown)`, { refs });
      } else if (ex.mode === 'single') v = kids[0] ? lazy(kids[0]) : unknown(`${this.id}`);
      else if (ex.mode === 'count') v = list(kids.map(lazy));
      else v = obj(new Map(kids.map((m, i) => [String(ex.keys![i]), lazy(m)])));
    }
    this.val = v;
    return v;
  }

  /** Every resource address inside a local module (for `depends_on = [module.x]`). */
  allResourceAddrs(into: Set<string>, depth = 0): void {
    if (this.localDir === undefined) {
      into.add(this.id);
      return;
    }
    if (depth > MAX_MODULE_DEPTH) return;
    for (const m of this.children()) {
      for (const r of m.resources.values()) into.add(r.addr);
      for (const c of m.calls.values()) c.allResourceAddrs(into, depth + 1);
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
    let v = this.memo.get(name);
    if (!v) {
      v =
        registryOutput(this.call.source, this.call.reader(this.index), this.id, name, this.call.refSet) ??
        unknown(`${this.call.id}.${name}`, { refs: this.call.refSet, sym: `${this.id}.${name}` });
      this.memo.set(name, v);
    }
    return v;
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
    const m = this.vars.get(name);
    if (m === PENDING) return unknown(`a reference cycle through var.${name}`);
    if (m) return m;
    this.vars.set(name, PENDING);
    const cuts = this.ctx.ev.cuts;
    const v = this.computeVariable(name);
    if (cuts === this.ctx.ev.cuts) this.vars.set(name, v);
    else this.vars.delete(name);
    return v;
  }

  private computeVariable(name: string): Val {
    const decl = this.def.variables.get(name);
    if (!decl) return errorV(`an undeclared variable var.${name}`);
    const body = decl.node.body;
    const typeExpr = attr(body, 'type')?.expr;
    let given: Val | undefined;
    if (this.input.kind === 'root') given = this.input.values.get(name);
    else {
      const r = this.input.call.reader(this.input.index);
      if (r.has(name) && !MODULE_META.has(name)) given = r.field(name);
    }
    const def = attr(body, 'default');
    const nullable = asBool(literalValue(attr(body, 'nullable')?.expr)) !== false;
    const typeSite = typeExpr ? siteOf(decl.file, attr(body, 'type')!.range) : undefined;
    const evalDefault = (e: Expr): Val => this.ctx.ev.eval(e, { env: this }, typeSite);
    if (given && !(given.t === 'null' && !nullable && def)) return convert(given, typeExpr, evalDefault);
    if (def) {
      const site = siteOf(decl.file, def.range, 'default');
      return convert(this.ctx.ev.guard(site, () => this.ctx.ev.eval(def.expr, { env: this }, site)), typeExpr, evalDefault);
    }
    const where = this.input.kind === 'root' ? '' : ` (not set by ${this.input.call.id})`;
    return unknown(`var.${name}, which has no value${where}`, { site: siteOf(decl.file, decl.node.range) });
  }

  local(name: string): Val {
    const m = this.locs.get(name);
    if (m === PENDING) {
      const decl = this.def.locals.get(name)!;
      this.ctx.diag(decl.file, decl.node.range.start.line, 'warning', `local.${name} refers to itself (a reference cycle); treated as unknown`);
      return unknown(`a reference cycle through local.${name}`);
    }
    if (m) return m;
    const decl = this.def.locals.get(name);
    if (!decl) return errorV(`an undeclared local.${name}`);
    this.locs.set(name, PENDING);
    const site = siteOf(decl.file, decl.node.range, name);
    const cuts = this.ctx.ev.cuts;
    const v = this.ctx.ev.guard(site, () => this.ctx.ev.eval(decl.node.expr, { env: this }, site));
    if (cuts === this.ctx.ev.cuts) this.locs.set(name, v);
    else this.locs.delete(name);
    return v;
  }

  output(name: string): Val {
    const m = this.outs.get(name);
    if (m === PENDING) return unknown(`a reference cycle through output ${name} of ${this.label}`);
    if (m) return m;
    const decl = this.def.outputs.get(name);
    const value = decl && attr(decl.node.body, 'value');
    if (!decl || !value) return errorV(`a missing output ${name} of ${this.label}`);
    this.outs.set(name, PENDING);
    const site = siteOf(decl.file, value.range);
    const cuts = this.ctx.ev.cuts;
    const v = this.ctx.ev.guard(site, () => this.ctx.ev.eval(value.expr, { env: this }, site));
    if (cuts === this.ctx.ev.cuts) this.outs.set(name, v);
    else this.outs.delete(name);
    return v;
  }

  resource(type: string, name: string): Val | undefined {
    const r = this.resources.get(`${type}.${name}`);
    if (r) return r.value();
    if (this.def.data.has(`${type}.${name}`)) return undefined;
    return undefined;
  }

  module(name: string): Val | undefined {
    return this.calls.get(name)?.value();
  }

  path(name: string): Val {
    if (name === 'module') return str(this.def.dir);
    if (name === 'root' || name === 'cwd') return str(this.ctx.rootDir);
    return errorV(`path.${name}`);
  }
}

/** A literal expression's value without evaluation context. */
function literalValue(e: Expr | undefined): Val {
  if (!e) return NULL;
  if (e.kind === 'literal') {
    if (e.value === null) return NULL;
    if (typeof e.value === 'string') return str(e.value);
    if (typeof e.value === 'number') return num(e.value);
    return { t: 'bool', v: e.value };
  }
  return unknown();
}
