/**
 * A Terragrunt unit evaluated: its configuration merged with what it includes (Terragrunt's shallow
 * merge by default: the unit's own `inputs` keys and `terraform { source }` win; `deep` merges maps;
 * `no_merge` keeps the include out), the module it runs and the inputs that set that module's variables.
 */
import { baseName, dirOf } from '../../shared/paths.js';
import { autoVarFileRank } from '../files.js';
import { autoVarFiles } from '../stacks.js';
import type { Ctx } from '../context.js';
import { isLocalSource } from '../files.js';
import { obj, unknown, type Site, type Val } from '../values.js';
import { TgConfig, type UnitScope } from './config.js';

/** Where the unit's Terraform code is. */
export type UnitSource =
  /** A directory of the repository (`../../modules/db`, `${get_repo_root()}/modules/db`). */
  | { kind: 'local'; dir: string; site: Site }
  /** A remote module (`git::...`, `tfr:///...`, a registry address): its body is not in the repository. */
  | { kind: 'remote'; source: string; site: Site }
  /** No `terraform { source }`: Terraform runs the unit's own directory. */
  | { kind: 'own' }
  /** A source that could not be evaluated. */
  | { kind: 'unknown'; why: string; site: Site };

export interface EvaluatedUnit {
  dir: string;
  file: string;
  source: UnitSource;
  /** The merged `inputs`: by variable name, each value at the line that set it; undefined when not known as a whole. */
  inputs: Map<string, Val> | undefined;
  /** What made the inputs unknown as a whole. */
  inputsWhy?: string | undefined;
  inputsSite?: Site | undefined;
  /** Every file the evaluation read. */
  reads: string[];
  /** The configurations the unit includes. */
  included: string[];
  /** Files it names that the file set does not hold. */
  wanted: string[];
}

export function evaluateUnit(ctx: Ctx, file: string, env: ReadonlyMap<string, string>): EvaluatedUnit {
  const listed = new Set(ctx.files.paths());
  const unit: UnitScope = { ctx, unitDir: dirOf(file), exists: (p) => listed.has(p), env, reads: new Set(), wanted: new Set(), loaded: new Map() };
  const config = new TgConfig(unit, file, unit.unitDir, 'unit', 0);
  unit.root = config;
  const includes = config.includes().filter((include) => include.config && include.mergeStrategy !== 'no_merge');
  // An include's merge strategy says how the unit merges onto it: `deep` merges the unit's maps into the included ones.
  const deep = includes.some((include) => include.mergeStrategy === 'deep');
  const layers = [...includes.map((include) => ({ config: include.config!, deep })), { config, deep }];

  let inputs: Map<string, Val> | undefined = new Map();
  let inputsWhy: string | undefined;
  let inputsSite: Site | undefined;
  for (const { config: layer, deep } of layers) {
    const value = layer.value('inputs');
    if (value === undefined) continue;
    const written = layer.attribute('inputs')!;
    if (value.t !== 'obj') {
      inputs = undefined;
      inputsWhy = value.t === 'unknown' ? value.why : 'inputs that are not an object';
      inputsSite = layer.siteOf(written);
      continue;
    }
    if (!inputs) continue;
    for (const [name, field] of value.fields) {
      const before = inputs.get(name);
      inputs.set(name, deep && before ? deepMerge(before, field) : field);
    }
  }

  let source: UnitSource = { kind: 'own' };
  for (const { config: layer } of layers) {
    for (const block of layer.blocks('terraform')) {
      const value = layer.blockValue(block, 'source');
      if (value === undefined) continue;
      const site = layer.siteOf(block.body.attributes.find((a) => a.name === 'source')!, 'source');
      source = sourceOf(config, value, site);
    }
  }
  const included = includes.map((include) => include.config!.file);
  return { dir: unit.unitDir, file, source, inputs, inputsWhy, inputsSite, reads: [...unit.reads].sort(), included, wanted: [...unit.wanted].sort() };
}

function sourceOf(unit: TgConfig, value: Val, site: Site): UnitSource {
  if (value.t !== 'str') return { kind: 'unknown', why: value.t === 'unknown' ? (value.why ?? 'something not known statically') : 'a value that is not a string', site };
  let text = value.v;
  // `//` splits a package from a path inside it; a local package is its directory all the same.
  const local = text.startsWith('/') || isLocalSource(text) || text === '';
  if (!local) return { kind: 'remote', source: text, site };
  text = text.replace(/\?.*$/, '').replace(/\/\/+/g, '/');
  const dir = unit.resolve(text);
  if (dir === undefined) return { kind: 'unknown', why: `a source outside the repository (${value.v})`, site };
  return { kind: 'local', dir, site };
}

function deepMerge(base: Val, over: Val): Val {
  if (base.t !== 'obj' || over.t !== 'obj') return over;
  const fields = new Map(base.fields);
  for (const [key, field] of over.fields) {
    const before = fields.get(key);
    fields.set(key, before ? deepMerge(before, field) : field);
  }
  return obj(fields, { site: over.site });
}

/** Inputs that are not known as a whole: every variable they could set is unknown, never its default. */
export class UnknownInputs extends Map<string, Val> {
  constructor(private readonly why: string | undefined) {
    super();
  }
  override get(name: string): Val {
    return super.get(name) ?? unknown(this.why ?? `the unit's inputs`);
  }
}


/**
 * The var files Terraform reads automatically where Terragrunt runs it: the module's copied first, then
 * the unit directory's files on top of it (`terraform.tfvars.json` beside `terragrunt.hcl`). They
 * override the unit's `inputs`, which reach Terraform as `TF_VAR_` variables, the lowest precedence.
 */
export function unitVarFiles(unitDir: string, moduleDir: string | undefined, paths: readonly string[]): string[] {
  const fromModule = moduleDir !== undefined && moduleDir !== unitDir ? autoVarFiles(moduleDir, paths) : [];
  const own = autoVarFiles(unitDir, paths);
  const ownNames = new Set(own.map(baseName));
  const all = [...fromModule.filter((p) => !ownNames.has(baseName(p))), ...own];
  return all.sort((a, b) => autoVarFileRank(a) - autoVarFileRank(b) || (baseName(a) < baseName(b) ? -1 : baseName(a) > baseName(b) ? 1 : 0));
}
