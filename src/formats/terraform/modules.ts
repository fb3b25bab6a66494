/**
 * The evaluation graph of one stack: module definitions (one per directory), module instances
 * (the root, and one per local module call instance), resources and their instances. Everything is
 * evaluated lazily and memoized, with cycle detection, so declaration order never matters and
 * every value is computed at most once.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { Evaluator, siteOf, type Env, type Scope } from './evaluate.js';
import { dirOf, isLocalSource, isTfConfig, isIgnored, parseFile, resolvePath } from './files.js';
import type { Attribute, Block, Body, Expr, HclFile } from './hcl/ast.js';
import { registryOutput } from './registry.js';
import { literalString } from './stacks.js';
import {
  MAX_COLLECTION,
  NULL,
  asBool,
  asNumber,
  asString,
  elements,
  errorV,
  list,
  num,
  obj,
  replaceRefs,
  str,
  toSet,
  unionRefs,
  unknown,
  whyUnknown,
  type LazyObject,
  type Refs,
  type Site,
  type Val,
} from './values.js';

/** Instances of one resource or module block that are evaluated one by one (dependencies, zones). */
export const INSTANCE_EVAL_CAP = 64;
/** Largest count/for_each honoured; larger ones are capped with a diagnostic. */
export const MAX_COUNT = MAX_COLLECTION;
/** Module instances per stack (nested modules with count multiply). */
export const MAX_MODULE_INSTANCES = 2_000;
export const MAX_MODULE_DEPTH = 16;

export interface Located<T> {
  file: string;
  node: T;
}

const PENDING: unique symbol = Symbol('pending');

/* ------------------------------------------------------------------------------------------------
 * Extraction context: files, diagnostics, the evaluator, module definitions.
 * ---------------------------------------------------------------------------------------------- */

export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  private readonly diagSeen = new Set<string>();
  readonly ev: Evaluator;
  private readonly parsed = new Map<string, HclFile | undefined>();
  private readonly lineCache = new Map<string, { text: string; starts: number[] }>();
  private readonly defs = new Map<string, ModuleDef | undefined>();
  private readonly dirFiles = new Map<string, string[]>();
  private allDirFiles: Map<string, string[]> | undefined;
  moduleInstances = 0;
  /** Module calls (ids) whose instances were not all evaluated: counts of everything inside are unknown. */
  readonly truncatedCalls = new Set<string>();

  constructor(
    readonly files: FileSet,
    readonly rootDir: string,
    stackFiles: readonly string[],
  ) {
    this.ev = new Evaluator((site, message) => this.diag(site?.file ?? rootDir, site?.start ?? 1, 'warning', message));
    for (const p of stackFiles) {
      if (!isTfConfig(p) || isIgnored(p)) continue;
      const d = dirOf(p);
      const l = this.dirFiles.get(d);
      if (l) l.push(p);
      else this.dirFiles.set(d, [p]);
    }
  }

  diag(file: string, line: number, severity: Diagnostic['severity'], message: string): void {
    const key = `${file}:${line}:${severity}:${message}`;
    if (this.diagSeen.has(key)) return;
    this.diagSeen.add(key);
    this.diagnostics.push({ file, line, severity, message });
  }

  text(path: string): string | undefined {
    return this.files.read(path);
  }

  /** Parse a file once; syntax errors become error diagnostics. */
  parse(path: string): HclFile | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const text = this.files.read(path);
    let file: HclFile | undefined;
    if (text !== undefined) {
      file = parseFile(path, text);
      for (const e of file.errors.slice(0, 20)) this.diag(path, e.line, 'error', `syntax error: ${e.message}`);
      if (file.errors.length > 20) this.diag(path, file.errors[20]!.line, 'error', `${file.errors.length - 20} more syntax errors`);
    }
    this.parsed.set(path, file);
    return file;
  }

  /** Line `n` (1-based) of a file, without its line break; undefined past the end. */
  line(path: string, n: number): string | undefined {
    let l = this.lineCache.get(path);
    if (!l) {
      const text = this.files.read(path) ?? '';
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      l = { text, starts };
      this.lineCache.set(path, l);
    }
    const start = l.starts[n - 1];
    if (start === undefined) return undefined;
    const next = l.starts[n];
    let end = next === undefined ? l.text.length : next - 1;
    if (end > start && l.text.charCodeAt(end - 1) === 13) end--;
    return l.text.slice(start, end);
  }

  /** The exact source text of a site's lines. */
  siteText(site: Site): string {
    const out: string[] = [];
    for (let n = site.start; n <= site.end; n++) {
      const l = this.line(site.file, n);
      if (l === undefined) break;
      out.push(l);
    }
    return out.join('\n');
  }

  /** The configuration files of a module directory: from the stack's files, else from the whole file set. */
  configFiles(dir: string): string[] {
    const own = this.dirFiles.get(dir);
    if (own) return [...own].sort();
    if (!this.allDirFiles) {
      this.allDirFiles = new Map();
      for (const p of this.files.paths()) {
        if (!isTfConfig(p) || isIgnored(p)) continue;
        const d = dirOf(p);
        const l = this.allDirFiles.get(d);
        if (l) l.push(p);
        else this.allDirFiles.set(d, [p]);
      }
    }
    return [...(this.allDirFiles.get(dir) ?? [])].sort();
  }

  moduleDef(dir: string): ModuleDef | undefined {
    if (this.defs.has(dir)) return this.defs.get(dir);
    const paths = this.configFiles(dir);
    const def = paths.length ? new ModuleDef(this, dir, paths) : undefined;
    this.defs.set(dir, def);
    return def;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Module definitions: the declarations of one directory.
 * ---------------------------------------------------------------------------------------------- */

export class ModuleDef {
  readonly variables = new Map<string, Located<Block>>();
  readonly locals = new Map<string, Located<Attribute>>();
  /** `type.name` -> block, in file order. */
  readonly resources = new Map<string, Located<Block>>();
  readonly data = new Map<string, Located<Block>>();
  readonly calls = new Map<string, Located<Block>>();
  readonly outputs = new Map<string, Located<Block>>();

  constructor(
    ctx: Ctx,
    readonly dir: string,
    paths: readonly string[],
  ) {
    const dup = (file: string, b: { range: { start: { line: number } } }, what: string) =>
      ctx.diag(file, b.range.start.line, 'warning', `duplicate ${what}; the first declaration is used`);
    for (const path of paths) {
      const f = ctx.parse(path);
      if (!f) continue;
      for (const b of f.body.blocks) {
        const [l0, l1] = b.labels;
        switch (b.type) {
          case 'resource':
            if (l0 === undefined || l1 === undefined) break;
            if (this.resources.has(`${l0}.${l1}`)) dup(path, b, `resource ${l0}.${l1}`);
            else this.resources.set(`${l0}.${l1}`, { file: path, node: b });
            break;
          case 'data':
            if (l0 === undefined || l1 === undefined) break;
            if (!this.data.has(`${l0}.${l1}`)) this.data.set(`${l0}.${l1}`, { file: path, node: b });
            break;
          case 'variable':
            if (l0 === undefined) break;
            if (this.variables.has(l0)) dup(path, b, `variable ${l0}`);
            else this.variables.set(l0, { file: path, node: b });
            break;
          case 'module':
            if (l0 === undefined) break;
            if (this.calls.has(l0)) dup(path, b, `module ${l0}`);
            else this.calls.set(l0, { file: path, node: b });
            break;
          case 'output':
            if (l0 === undefined) break;
            if (!this.outputs.has(l0)) this.outputs.set(l0, { file: path, node: b });
            break;
          case 'locals':
            for (const a of b.body.attributes) {
              if (this.locals.has(a.name)) dup(path, a, `local.${a.name}`);
              else this.locals.set(a.name, { file: path, node: a });
            }
            break;
          default:
            break;
        }
      }
    }
  }
}

export function attr(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

/* ------------------------------------------------------------------------------------------------
 * Body readers: the evaluated fields of a block body (attributes, nested and dynamic blocks).
 * ---------------------------------------------------------------------------------------------- */

/** Meta-arguments that are not configuration of the resource itself. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection']);
export const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

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
    this.memo.set(name, PENDING);
    const cuts = this.ctx.ev.cuts;
    const v = this.compute(name);
    if (cuts === this.ctx.ev.cuts) this.memo.set(name, v);
    else this.memo.delete(name);
    return v;
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

/* ------------------------------------------------------------------------------------------------
 * count / for_each
 * ---------------------------------------------------------------------------------------------- */

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

function instanceScope(env: Env, ex: Expansion, i: number): Scope {
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

function instanceSuffix(ex: Expansion, i: number): string {
  if (ex.mode === 'single') return '';
  if (ex.keys === null) return '[?]';
  const k = ex.keys[i]!;
  return typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
}

/* ------------------------------------------------------------------------------------------------
 * Resources
 * ---------------------------------------------------------------------------------------------- */

export class ResourceNode {
  /** Component id: the address without instance keys (`module.a.aws_instance.web`). */
  readonly addr: string;
  readonly type: string;
  readonly name: string;
  private ex: Expansion | typeof PENDING | undefined;
  private readonly insts = new Map<number, ResourceInstance>();
  private val: Val | typeof PENDING | undefined;
  readonly refSet: Refs;

  constructor(
    readonly mi: ModuleInstance,
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

/* ------------------------------------------------------------------------------------------------
 * Module calls and module instances
 * ---------------------------------------------------------------------------------------------- */

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
  readonly resources = new Map<string, ResourceNode>();
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

/**
 * Apply a variable's type constraint: primitive conversions (`number`, `bool`, `string`), `set(...)`,
 * collections of those, and `object({...})` attributes with `optional(type, default)` defaults.
 */
export function convert(v: Val, type: Expr | undefined, evalDefault: (e: Expr) => Val, depth = 0): Val {
  if (!type || v.t === 'unknown' || depth > 32) return v;
  if (type.kind === 'scope') {
    if (v.t === 'null') return v;
    switch (type.name) {
      case 'number': {
        const n = asNumber(v);
        return n === undefined || v.t === 'num' ? v : { t: 'num', v: n, refs: v.refs, site: v.site };
      }
      case 'bool': {
        const b = asBool(v);
        return b === undefined || v.t === 'bool' ? v : { t: 'bool', v: b, refs: v.refs, site: v.site };
      }
      case 'string': {
        const x = asString(v);
        return x === undefined || v.t === 'str' ? v : { t: 'str', v: x, refs: v.refs, site: v.site };
      }
      default:
        return v;
    }
  }
  if (type.kind !== 'call' || v.t === 'null') return v;
  const arg = type.args[0];
  switch (type.name) {
    case 'list':
    case 'set': {
      if (v.t !== 'list') return v;
      const items = arg ? v.items.map((i) => convert(i, arg, evalDefault, depth + 1)) : v.items;
      if (type.name === 'set' && !v.set) return toSet(items, v.site);
      return list(items, { site: v.site, set: v.set, own: v.own });
    }
    case 'map': {
      if (v.t !== 'obj' || !arg) return v;
      const fields = new Map<string, Val>();
      for (const [k, f] of v.fields) fields.set(k, convert(f, arg, evalDefault, depth + 1));
      return obj(fields, { site: v.site, own: v.own });
    }
    case 'tuple': {
      if (v.t !== 'list' || !arg || arg.kind !== 'tuple') return v;
      return list(
        v.items.map((i, k) => convert(i, arg.items[k], evalDefault, depth + 1)),
        { site: v.site, own: v.own },
      );
    }
    case 'object': {
      if (v.t !== 'obj' || !arg || arg.kind !== 'object') return v;
      const fields = new Map(v.fields);
      for (const item of arg.items) {
        const key = item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : item.key.kind === 'scope' ? item.key.name : undefined;
        if (key === undefined) continue;
        let t: Expr | undefined = item.value;
        const given = fields.get(key);
        if (t.kind === 'call' && t.name === 'optional') {
          const [inner, dflt] = t.args;
          t = inner;
          if (!given || given.t === 'null') {
            fields.set(key, dflt ? convert(evalDefault(dflt), inner, evalDefault, depth + 1) : { t: 'null', site: v.site });
            continue;
          }
        }
        if (given) fields.set(key, convert(given, t, evalDefault, depth + 1));
      }
      return obj(fields, { site: v.site, own: v.own });
    }
    default:
      return v;
  }
}
