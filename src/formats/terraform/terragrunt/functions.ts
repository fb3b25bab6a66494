/**
 * Terragrunt's functions, evaluated without running anything: path functions answer with
 * repo-relative paths written absolutely (`/prod/db`, see `paths.ts`), file readers read the
 * repository's files (and record them as read by the unit), `get_env()` answers from the config,
 * and what needs a cloud account or a shell (`get_aws_account_id()`, `run_cmd()`) is unknown.
 */
import { dirOf, baseName } from '../../shared/paths.js';
import type { Expr } from '../hcl/ast.js';
import { siteOf } from '../evaluate.js';
import { asString, errorV, obj, str, unknown, type Site, type Val } from '../values.js';
import type { TgConfig } from './config.js';
import { ConfigObject } from './config.js';
import { jsonDecode, yamlDecode } from './decode.js';
import { absolute, findInParentFolders, relativePath } from './paths.js';

type EvalArg = (e: Expr) => Val;

/** Files every reader keeps (some format reads them): one of these that is not listed does not exist. */
const CONFIGURATION_FILE = /\.(hcl|hcl\.json|tf|tf\.json|tfvars|tfvars\.json|ya?ml|json)$/i;

/** The value of a Terragrunt function call, or undefined for Terraform's own functions. */
export function terragruntFunction(config: TgConfig, name: string, args: readonly Expr[], evalArg: EvalArg, site: Site | undefined): Val | undefined {
  const unit = config.unit;
  const stringArg = (index: number): string | Val => {
    const value = evalArg(args[index]!);
    const text = asString(value);
    return text ?? (value.t === 'unknown' ? value : errorV(`${name}() of a value that is not a string`));
  };
  switch (name) {
    case 'find_in_parent_folders': {
      const wanted = args.length ? stringArg(0) : 'terragrunt.hcl';
      if (typeof wanted !== 'string') return wanted;
      const found = findInParentFolders(config.tgDir, wanted, (p) => unit.exists(p));
      if (found !== undefined) return str(absolute(found), site);
      if (args.length > 1) return evalArg(args[1]!);
      return errorV(`find_in_parent_folders("${wanted}"), which finds no ${wanted} above ${config.tgDir}`);
    }
    case 'get_terragrunt_dir':
      return str(absolute(config.tgDir), site);
    case 'get_original_terragrunt_dir':
    case 'get_path_from_repo_root':
      return name === 'get_path_from_repo_root' ? str(unit.unitDir, site) : str(absolute(unit.unitDir), site);
    case 'get_repo_root':
      return str('/', site);
    case 'get_path_to_repo_root':
      return str(relativePath(unit.unitDir, '.'), site);
    case 'get_parent_terragrunt_dir':
      return str(absolute(includeDir(config, args, evalArg)), site);
    case 'path_relative_to_include':
      return str(relativePath(includeDir(config, args, evalArg), unit.unitDir), site);
    case 'path_relative_from_include':
      return str(relativePath(unit.unitDir, includeDir(config, args, evalArg)), site);
    case 'get_env': {
      const key = args.length ? stringArg(0) : errorV('get_env() without a name');
      if (typeof key !== 'string') return key;
      const value = unit.env.get(key);
      if (value !== undefined) return str(value, site);
      return unknown(`get_env("${key}")`, { scalar: true });
    }
    case 'read_terragrunt_config': {
      const path = args.length ? stringArg(0) : errorV('read_terragrunt_config() without a path');
      if (typeof path !== 'string') return path;
      const target = config.resolve(path);
      if (target === undefined || !unit.exists(target)) {
        if (args.length > 1) return evalArg(args[1]!);
        missing(config, site, `read_terragrunt_config("${path}")`, target);
        return errorV(`read_terragrunt_config() of ${target ?? path}, which does not exist`);
      }
      if (!config.canReadDeeper) return unknown(`read_terragrunt_config() nested too deeply`);
      const read = config.load(target, 'read', dirOf(target));
      return { t: 'lazy', obj: new ConfigObject(read, `read_terragrunt_config("${path}")`) };
    }
    case 'read_tfvars_file':
      return readTfvars(config, args, stringArg, site);
    case 'file': {
      const read = readFile(config, args, stringArg, site, 'file');
      return typeof read === 'string' ? str(read, site) : read;
    }
    case 'jsondecode': {
      if (args.length !== 1) return errorV('jsondecode() with a wrong number of arguments');
      const value = evalArg(args[0]!);
      // read_tfvars_file() gives the variables themselves, each at its line (see readTfvars).
      if (value.t === 'obj' || value.t === 'list' || value.t === 'unknown') return value;
      return value.t === 'str' ? jsonDecode(value.v, site) : errorV('jsondecode() of a value that is not a string');
    }
    case 'yamldecode': {
      if (args.length !== 1) return errorV('yamldecode() with a wrong number of arguments');
      const inner = args[0]!;
      if (inner.kind === 'call' && inner.name === 'file' && inner.args.length === 1) {
        const text = readFile(config, inner.args, (i) => {
          const value = evalArg(inner.args[i]!);
          return asString(value) ?? (value.t === 'unknown' ? value : errorV('file() of a value that is not a string'));
        }, site, 'file');
        if (typeof text !== 'string') return text;
        const path = fileTarget(config, inner.args, evalArg);
        return yamlDecode(text, site, path);
      }
      const value = evalArg(inner);
      return value.t === 'str' ? yamlDecode(value.v, site) : value.t === 'unknown' ? value : errorV('yamldecode() of a value that is not a string');
    }
    case 'dirname': {
      const path = args.length === 1 ? stringArg(0) : errorV('dirname() with a wrong number of arguments');
      if (typeof path !== 'string') return path;
      const i = path.lastIndexOf('/');
      return str(i < 0 ? '.' : i === 0 ? '/' : path.slice(0, i), site);
    }
    case 'basename': {
      const path = args.length === 1 ? stringArg(0) : errorV('basename() with a wrong number of arguments');
      return typeof path === 'string' ? str(baseName(path), site) : path;
    }
    case 'mark_as_read':
      return args.length === 1 ? evalArg(args[0]!) : errorV('mark_as_read() with a wrong number of arguments');
    default:
      return undefined;
  }
}

/** The directory of the include a path function names (the first include by default); the file's own in an included file. */
function includeDir(config: TgConfig, args: readonly Expr[], evalArg: EvalArg): string {
  const wanted = args.length ? asString(evalArg(args[0]!)) : undefined;
  // In an included file: itself, unless an include of the unit is named.
  if (config.role === 'include' && wanted === undefined) return config.dir;
  if (config.resolvingIncludes) return config.unit.unitDir;
  const unitConfig = config.role === 'unit' ? config : config.unit.root;
  if (!unitConfig) return config.dir;
  const includes = unitConfig.includes();
  const found = wanted === undefined ? includes[0] : includes.find((include) => include.name === wanted);
  return found?.config?.dir ?? config.unit.unitDir;
}

function fileTarget(config: TgConfig, args: readonly Expr[], evalArg: EvalArg): string | undefined {
  const path = args.length ? asString(evalArg(args[0]!)) : undefined;
  return path === undefined ? undefined : config.resolve(path);
}

/** A file's text, recorded as read by the unit; a missing file is an error (Terragrunt fails on it too). */
function readFile(config: TgConfig, args: readonly Expr[], stringArg: (i: number) => string | Val, site: Site | undefined, fn: string): string | Val {
  const path = args.length ? stringArg(0) : errorV(`${fn}() without a path`);
  if (typeof path !== 'string') return path;
  const target = config.resolve(path);
  // Readers keep configuration files only: a template or a script that is not listed may well exist.
  if (target !== undefined && !config.unit.exists(target) && !CONFIGURATION_FILE.test(target)) return unknown(`${fn}("${path}")`);
  if (target === undefined || !config.unit.exists(target)) {
    missing(config, site, `${fn}("${path}")`, target);
    return errorV(`${fn}() of ${target ?? path}, which does not exist`);
  }
  config.unit.reads.add(target);
  const text = config.unit.ctx.files.read(target);
  return text ?? unknown(`${fn}("${path}")`);
}

/** `read_tfvars_file()`: Terragrunt returns the file as JSON text for `jsondecode()`; here the values themselves, each at its line. */
function readTfvars(config: TgConfig, args: readonly Expr[], stringArg: (i: number) => string | Val, site: Site | undefined): Val {
  const path = args.length ? stringArg(0) : errorV('read_tfvars_file() without a path');
  if (typeof path !== 'string') return path;
  const target = config.resolve(path);
  if (target === undefined || !config.unit.exists(target)) {
    missing(config, site, `read_tfvars_file("${path}")`, target);
    return errorV(`read_tfvars_file() of ${target ?? path}, which does not exist`);
  }
  config.unit.reads.add(target);
  const ctx = config.unit.ctx;
  const parsed = ctx.parse(target);
  if (!parsed) return unknown(`read_tfvars_file("${path}")`);
  const fields = new Map<string, Val>();
  const literalOnly = { env: config.scope.env, functions: () => errorV('a function call in a var file') };
  for (const attribute of parsed.body.attributes) {
    const at = siteOf(target, attribute.range, attribute.name);
    fields.set(attribute.name, ctx.ev.eval(attribute.expr, literalOnly, at));
  }
  return obj(fields, { site });
}

/**
 * A file a function names that is not there: an error inside the repository (Terragrunt fails on it too);
 * a warning for a path above the repository's root (a template whose files the consuming repository
 * holds), whose value stays unknown.
 */
function missing(config: TgConfig, site: Site | undefined, call: string, target: string | undefined): void {
  const file = site?.file ?? config.file;
  const line = site?.start ?? 1;
  if (target === undefined) {
    config.ctx.diag(file, line, 'warning', `${call}: the path leads outside the repository; what it reads is unknown`);
    return;
  }
  config.unit.wanted.add(target);
  config.ctx.diag(file, line, 'error', `${call}: ${target} does not exist in the repository; this unit's configuration is not reviewed`);
}
