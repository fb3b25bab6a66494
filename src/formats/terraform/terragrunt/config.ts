/**
 * One Terragrunt configuration file evaluated statically: its locals, its top-level attributes
 * (`inputs`), its blocks (`include`, `dependency`, `terraform`), with the Terragrunt functions
 * (`functions.ts`) on top of Terraform's. A unit's own file, a file it includes (evaluated in the
 * unit's directory, as Terragrunt does) and a file read by `read_terragrunt_config()` (evaluated in
 * its own directory) are each one `TgConfig`.
 */
import { dirOf } from '../../shared/paths.js';
import type { Ctx } from '../context.js';
import { siteOf, type Env, type Scope } from '../evaluate.js';
import { attr } from '../body-reader.js';
import type { Attribute, Block, HclFile } from '../hcl/ast.js';
import { PENDING, computeOnce } from '../memo.js';
import { errorV, obj, unknown, type LazyObject, type Site, type Val } from '../values.js';
import { terragruntFunction } from './functions.js';

/** What every configuration of one unit shares: where the unit is, the files it read, its environment. */
export interface UnitScope {
  ctx: Ctx;
  /** The unit's directory (`get_terragrunt_dir()` in the unit and in what it includes). */
  unitDir: string;
  /** Whether a repo-relative file exists (is listed, read or not). */
  exists(path: string): boolean;
  /** Values of `get_env()` given by the config for this unit. */
  env: ReadonlyMap<string, string>;
  /** The unit's own configuration, once loaded (named includes are its). */
  root?: TgConfig;
  /** Every file the unit's evaluation read: its stack's files. */
  reads: Set<string>;
  /** Files it names that are not in the file set (a reader that loaded a part of the repository loads their directories). */
  wanted: Set<string>;
  /** Configurations already loaded, by path and role (a file read twice is evaluated once). */
  loaded: Map<string, TgConfig>;
}

export type Role = 'unit' | 'include' | 'read';

/** Read configurations nest (`read_terragrunt_config()` inside one): bounded. */
const MAX_READ_DEPTH = 8;

export interface IncludeRef {
  name: string;
  block: Block;
  /** The included configuration; undefined when its path could not be evaluated or does not exist. */
  config: TgConfig | undefined;
  mergeStrategy: string;
}

export class TgConfig implements Env {
  readonly parsed: HclFile | undefined;
  private readonly locs = new Map<string, Val | typeof PENDING>();
  private readonly attrs = new Map<string, Val | typeof PENDING>();
  private readonly localDecls = new Map<string, Attribute>();
  private includeRefs: IncludeRef[] | undefined;
  /** While the include paths themselves are evaluated: no include is known yet (`path_relative_to_include()` is `.`). */
  resolvingIncludes = false;
  readonly scope: Scope;

  constructor(
    readonly unit: UnitScope,
    readonly file: string,
    /** `get_terragrunt_dir()` here, and what relative paths are relative to. */
    readonly tgDir: string,
    readonly role: Role,
    readonly depth: number,
  ) {
    unit.reads.add(file);
    this.parsed = unit.ctx.parse(file);
    for (const block of this.blocks('locals')) for (const local of block.body.attributes) if (!this.localDecls.has(local.name)) this.localDecls.set(local.name, local);
    this.scope = { env: this, functions: (name, args, evalArg, site) => terragruntFunction(this, name, args, evalArg, site) };
  }

  get ctx(): Ctx {
    return this.unit.ctx;
  }

  blocks(type: string): Block[] {
    return this.parsed?.body.blocks.filter((block) => block.type === type) ?? [];
  }

  attribute(name: string): Attribute | undefined {
    return this.parsed ? attr(this.parsed.body, name) : undefined;
  }

  /** A top-level attribute's value (`inputs`); undefined when it is not written. */
  value(name: string): Val | undefined {
    const written = this.attribute(name);
    if (!written) return undefined;
    const memo = this.attrs.get(name);
    if (memo === PENDING) return unknown(`a reference cycle through ${name}`);
    if (memo) return memo;
    const site = siteOf(this.file, written.range, name);
    return computeOnce(this.attrs, name, this.ctx.ev, () => this.ctx.ev.guard(site, () => this.ctx.ev.eval(written.expr, this.scope, site)));
  }

  /** An attribute of a block evaluated here (`terraform { source }`, `include { path }`). */
  blockValue(block: Block, name: string): Val | undefined {
    const written = attr(block.body, name);
    if (!written) return undefined;
    const site = siteOf(this.file, written.range, name);
    return this.ctx.ev.guard(site, () => this.ctx.ev.eval(written.expr, this.scope, site));
  }

  siteOf(node: { range: Block['range'] }, name?: string): Site {
    return siteOf(this.file, node.range, name);
  }

  /** Every local, as `read_terragrunt_config(...).locals` and `include.x.locals` expose them. */
  localsObject(): Val {
    const fields = new Map<string, Val>();
    for (const name of this.localDecls.keys()) fields.set(name, this.local(name));
    return obj(fields);
  }

  /** The includes of a unit's own configuration, in file order (an included file's includes are not followed, as in Terragrunt). */
  includes(): IncludeRef[] {
    if (this.includeRefs) return this.includeRefs;
    this.includeRefs = [];
    if (this.role !== 'unit') return this.includeRefs;
    for (const block of this.blocks('include')) {
      const name = block.labels[0] ?? '';
      const strategy = this.blockValue(block, 'merge_strategy');
      const mergeStrategy = strategy?.t === 'str' ? strategy.v : 'shallow';
      const ref: IncludeRef = { name, block, config: undefined, mergeStrategy };
      this.includeRefs.push(ref);
      this.resolvingIncludes = true;
      const pathValue = this.blockValue(block, 'path');
      this.resolvingIncludes = false;
      const label = name ? `include "${name}"` : 'include';
      const line = (attr(block.body, 'path') ?? block).range.start.line;
      if (!pathValue || pathValue.t !== 'str') {
        const why = pathValue?.t === 'unknown' ? ` (it uses ${pathValue.why ?? 'something not known statically'})` : '';
        this.ctx.diag(this.file, line, 'error', `${label}: the path could not be evaluated${why}; this unit's configuration is not reviewed`);
        continue;
      }
      const target = this.resolve(pathValue.v);
      if (target === undefined || !this.unit.exists(target)) {
        if (target !== undefined) this.unit.wanted.add(target);
        this.ctx.diag(this.file, line, 'error', `${label}: ${target ?? pathValue.v} does not exist in the repository; this unit's configuration is not reviewed`);
        continue;
      }
      ref.config = this.load(target, 'include', this.unit.unitDir);
    }
    return this.includeRefs;
  }

  /**
   * A repo-relative path from a path value: absolute ones from the repository root, others from the
   * unit's directory, or in an included file from that file's own (where its `file()` reads). Terragrunt
   * before 0.50 answered find_in_parent_folders() with a relative path that configurations joined to
   * get_terragrunt_dir(); with the absolute answer that join reads `/unit//other/file`, the path after
   * the last `//` being the file meant.
   */
  resolve(path: string): string | undefined {
    if (path.startsWith('/')) {
      const joined = path.lastIndexOf('//');
      if (joined > 0) {
        const direct = normalize(path.slice(1));
        if (direct === undefined || !this.unit.exists(direct)) return normalize(path.slice(joined + 2));
      }
      return normalize(path.slice(1));
    }
    const base = this.role === 'include' ? this.dir : this.tgDir;
    return normalize(base === '.' ? path : `${base}/${path}`);
  }

  /** Another configuration of this unit, loaded once per path and role. */
  load(path: string, role: Role, tgDir: string): TgConfig {
    const key = `${role}\u0000${path}`;
    let config = this.unit.loaded.get(key);
    if (!config) {
      config = new TgConfig(this.unit, path, tgDir, role, this.depth + 1);
      this.unit.loaded.set(key, config);
    }
    return config;
  }

  get canReadDeeper(): boolean {
    return this.depth < MAX_READ_DEPTH;
  }

  // ---- Env: what names resolve to in a Terragrunt configuration.

  variable(name: string): Val {
    return errorV(`var.${name} in a Terragrunt configuration`);
  }

  local(name: string): Val {
    const decl = this.localDecls.get(name);
    if (!decl) return errorV(`an undeclared local.${name}`);
    const memo = this.locs.get(name);
    if (memo === PENDING) {
      this.ctx.diag(this.file, decl.range.start.line, 'warning', `local.${name} refers to itself (a reference cycle); treated as unknown`);
      return unknown(`a reference cycle through local.${name}`);
    }
    if (memo) return memo;
    const site = siteOf(this.file, decl.range, name);
    return computeOnce(this.locs, name, this.ctx.ev, () => this.ctx.ev.guard(site, () => this.ctx.ev.eval(decl.expr, this.scope, site)));
  }

  resource(type: string, name: string): Val | undefined {
    if (type === 'include') {
      const ref = this.includes().find((include) => include.name === name);
      if (!ref) return errorV(`an undeclared include.${name}`);
      if (!ref.config) return errorV(`include.${name}, which could not be read`);
      return { t: 'lazy', obj: new ConfigObject(ref.config, `include.${name}`) };
    }
    if (type === 'dependency') return this.dependency(name);
    if (type === 'feature' || type === 'values' || type === 'unit' || type === 'stack') return unknown(`${type}.${name}`, { sym: `${type}.${name}` });
    return errorV(`${type}.${name} in a Terragrunt configuration`);
  }

  module(name: string): Val | undefined {
    return errorV(`module.${name} in a Terragrunt configuration`);
  }

  path(name: string): Val {
    return errorV(`path.${name} in a Terragrunt configuration`);
  }

  /**
   * `dependency.x`: its outputs are another unit's state, unknown here. Its `mock_outputs` are not taken
   * either: they are placeholders for `plan` before that unit exists, not what is deployed, so a finding
   * from one would judge a made-up value.
   */
  private dependency(name: string): Val {
    if (!this.dependencyBlock(name)) return errorV(`an undeclared dependency.${name}`);
    const id = `dependency.${name}.outputs`;
    return obj(new Map<string, Val>([['outputs', { t: 'lazy', obj: new DependencyOutputs(id) }]]));
  }

  /** A dependency block of this configuration, else of what the unit includes. */
  private dependencyBlock(name: string): { config: TgConfig; block: Block } | undefined {
    const own = this.blocks('dependency').find((block) => block.labels[0] === name);
    if (own) return { config: this, block: own };
    for (const include of [...this.includes()].reverse()) {
      const block = include.config?.blocks('dependency').find((b) => b.labels[0] === name);
      if (block) return { config: include.config!, block };
    }
    return undefined;
  }

  /** The directory this configuration file is in. */
  get dir(): string {
    return dirOf(this.file);
  }
}

/** `include.x` / `read_terragrunt_config(...)`: a configuration read as an object. */
export class ConfigObject implements LazyObject {
  readonly type = 'terragrunt';
  constructor(
    readonly config: TgConfig,
    readonly id: string,
  ) {}
  has(name: string): boolean {
    return name === 'locals' || name === 'inputs' || this.config.attribute(name) !== undefined;
  }
  get(name: string): Val | undefined {
    if (name === 'locals') return this.config.localsObject();
    if (name === 'inputs') return this.config.value('inputs') ?? obj(new Map());
    return this.config.value(name);
  }
}

/** `dependency.x.outputs`: every output unknown, with its own name. */
class DependencyOutputs implements LazyObject {
  readonly type = 'dependency';
  constructor(readonly id: string) {}
  has(): boolean {
    return true;
  }
  get(name: string): Val {
    return unknown(`${this.id}.${name}`, { sym: `${this.id}.${name}` });
  }
}

/** A repo-relative path with `.` and `..` resolved; undefined when it leaves the repository. */
function normalize(path: string): string | undefined {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : '.';
}
