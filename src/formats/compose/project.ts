/**
 * Loads one compose project the way `docker compose` would: the file, its override file, the `.env`
 * beside it for interpolation, `include:`d files, and `extends` (same file or `file:`), merged by
 * compose's rules. Reads only through the FileSet; every file it reads is recorded, so the stack is
 * re-reviewed when any of them changes.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { dirOf, join } from './files.js';
import { EMPTY_ENV, parseEnvFile, type Env, type EnvVar } from './interpolate.js';
import { merge, mergeMaps } from './merge.js';
import { mountedConfigs, type MountedConfig } from './mounts.js';
import { entry, get, isMap, items, mapNode, text, type CEntry, type CMap, type CNode, type Src } from './tree.js';
import { parseYaml } from './yaml.js';
import { append } from '../../model/index.js';

export interface ServiceDef {
  name: string;
  /** The service after overrides and `extends`. */
  node: CMap;
  /** Where the service's key is written and where its block ends (in the file that defines it first). */
  header: Src;
  /** The service's block as written at `header`, before merging: where a missing field is inserted. */
  written: CMap | undefined;
  /** Every block that writes this service (its file, override file): lines a fix may rewrite. */
  blocks: Src[];
}

export interface Project {
  /** The stack id: the compose file. */
  file: string;
  services: Map<string, ServiceDef>;
  /** `env_file` contents by path. */
  envFiles: Map<string, Map<string, EnvVar>>;
  /** Every file read (existing ones only). */
  files: Set<string>;
  /** Load-balancer configuration each service mounts from the repository, by service name. */
  mounted: Map<string, MountedConfig[]>;
  /** Compose files this project reads besides its own file and override: `include`d and `extends` files. */
  referenced: Set<string>;
  /** The top-level `version` of the project's own file, when written. */
  version?: { value: string; src: Src };
  diagnostics: Diagnostic[];
}

const MAX_INCLUDE_DEPTH = 5;
const MAX_EXTENDS_DEPTH = 10;

export function loadProject(file: string, override: string | undefined, files: FileSet): Project {
  const project: Project = {
    file,
    services: new Map(),
    envFiles: new Map(),
    mounted: new Map(),
    files: new Set(),
    referenced: new Set(),
    diagnostics: [],
  };
  new Loader(project, files).load(file, override, [file]);
  return project;
}

class Loader {
  /** Parsed compose files by path + env (the same file may be read with another project's `.env`). */
  private readonly parsed = new Map<string, CMap | undefined>();
  private readonly envs = new Map<string, Env>();

  constructor(
    private readonly project: Project,
    private readonly files: FileSet,
  ) {}

  private diag(file: string, line: number, severity: Diagnostic['severity'], message: string): void {
    this.project.diagnostics.push({ file, line, severity, message });
  }

  private read(path: string): string | undefined {
    const t = this.files.read(path);
    if (t !== undefined) this.project.files.add(path);
    return t;
  }

  /** The `.env` of a project directory (compose reads it for interpolation only). */
  private envOf(dir: string): Env {
    const cached = this.envs.get(dir);
    if (cached) return cached;
    const path = join(dir, '.env');
    const t = path === undefined ? undefined : this.read(path);
    let env: Env = EMPTY_ENV;
    if (path !== undefined && t !== undefined) {
      const parsed = parseEnvFile(path, t);
      append(this.project.diagnostics, parsed.diagnostics);
      env = parsed.vars;
    }
    this.envs.set(dir, env);
    return env;
  }

  /** One compose file as a top-level map (documents merged), or undefined when absent or unusable. */
  private parse(path: string, env: Env, from?: Src): CMap | undefined {
    const key = `${path}\u0000${env === EMPTY_ENV ? '' : dirKey(env)}`;
    if (this.parsed.has(key)) return this.parsed.get(key);
    const t = this.read(path);
    let out: CMap | undefined;
    if (t === undefined) {
      if (from) this.diag(from.file, from.line, 'warning', `${path} is not among the reviewed files: what it defines is not seen`);
    } else {
      const { roots, diagnostics } = parseYaml(path, t, env);
      append(this.project.diagnostics, diagnostics);
      for (const r of roots) {
        if (!isMap(r)) {
          this.diag(path, r.src.line, 'error', 'not a compose file: the top level is not a mapping');
          continue;
        }
        out = out ? mergeMaps(out, r) : r;
      }
    }
    this.parsed.set(key, out);
    return out;
  }

  load(file: string, override: string | undefined, chain: string[]): Map<string, ServiceDef> {
    const env = this.envOf(dirOf(file));
    let root = this.parse(file, env);
    const written = new Map<string, CEntry>();
    const blocks = new Map<string, Src[]>();
    const collect = (r: CMap | undefined) => {
      const services = get(r, 'services');
      if (!isMap(services)) return;
      for (const [name, e] of services.entries) {
        if (!written.has(name)) written.set(name, e);
        const block = { file: e.key.file, line: e.key.line, end: Math.max(e.key.line, e.value.src.end ?? e.value.src.line) };
        blocks.set(name, [...(blocks.get(name) ?? []), block]);
      }
    };
    collect(root);
    const version = chain.length === 1 ? get(root, 'version') : undefined;
    if (version?.kind === 'scalar' && version.value !== null) this.project.version = { value: String(version.value), src: version.src };
    if (override !== undefined) {
      const over = this.parse(override, env);
      collect(over);
      if (over) root = root ? mergeMaps(root, over) : over;
    }
    const defs = new Map<string, ServiceDef>();
    const servicesNode = get(root, 'services');
    if (servicesNode !== undefined && !isMap(servicesNode) && !(servicesNode.kind === 'scalar' && servicesNode.value === null)) {
      this.diag(servicesNode.src.file, servicesNode.src.line, 'error', '`services` is not a mapping of service names to services');
    }
    if (isMap(servicesNode)) {
      for (const [name, e] of servicesNode.entries) {
        const w = written.get(name) ?? e;
        const node = isMap(e.value) ? e.value : mapNode(new Map(), e.value.src);
        if (!isMap(e.value) && !(e.value.kind === 'scalar' && e.value.value === null)) {
          this.diag(e.key.file, e.key.line, 'error', `service ${name} is not a mapping`);
        }
        const own = blocks.get(name) ?? [];
        const header: Src = own[0] ?? { file: w.key.file, line: w.key.line };
        defs.set(name, { name, node, header, written: isMap(w.value) ? w.value : undefined, blocks: own });
      }
      for (const def of defs.values()) {
        const ext = get(def.node, 'extends');
        if (ext === undefined) continue;
        const resolved = this.extend(def.node, ext, servicesNode, env, [`${def.header.file}#${def.name}`]);
        if (resolved) def.node = resolved;
      }
    }
    for (const inc of this.includes(root, file)) {
      if (chain.includes(inc.path) || chain.length > MAX_INCLUDE_DEPTH) {
        this.diag(inc.from.file, inc.from.line, 'warning', `include of ${inc.path} not followed: ${chain.includes(inc.path) ? 'it includes itself' : 'includes nested too deep'}`);
        continue;
      }
      this.project.referenced.add(inc.path);
      if (this.files.read(inc.path) === undefined) {
        this.diag(inc.from.file, inc.from.line, 'warning', `included ${inc.path} is not among the reviewed files: its services are not seen`);
        continue;
      }
      for (const [name, def] of this.load(inc.path, undefined, [...chain, inc.path])) {
        if (defs.has(name)) {
          this.diag(inc.from.file, inc.from.line, 'error', `service ${name} from ${inc.path} is already defined: docker compose refuses the include`);
          continue;
        }
        defs.set(name, def);
      }
    }
    if (chain.length === 1) {
      for (const [name, def] of defs) this.project.services.set(name, def);
      this.readEnvFiles();
      this.readMounts(get(root, 'configs'));
    }
    return defs;
  }

  private includes(root: CMap | undefined, file: string): { path: string; from: Src }[] {
    const out: { path: string; from: Src }[] = [];
    for (const item of items(get(root, 'include'))) {
      const paths = item.kind === 'map' ? get(item, 'path') : item;
      const list = paths?.kind === 'seq' ? paths.items : paths ? [paths] : [];
      for (const p of list) {
        const rel = text(p);
        if (rel === undefined) continue;
        const path = join(dirOf(p.src.file ?? file), rel);
        if (path === undefined) {
          this.diag(p.src.file, p.src.line, 'warning', `include ${rel} is outside the repository: its services are not seen`);
          continue;
        }
        out.push({ path, from: p.src });
      }
    }
    return out;
  }

  /** The service merged onto what it extends; undefined when the base cannot be found. */
  private extend(node: CMap, ext: CNode, siblings: CMap, env: Env, chain: string[]): CMap | undefined {
    const service = ext.kind === 'map' ? text(get(ext, 'service')) : text(ext);
    const fileNode = ext.kind === 'map' ? get(ext, 'file') : undefined;
    const rel = text(fileNode);
    if (service === undefined) {
      this.diag(ext.src.file, ext.src.line, 'warning', 'extends without a service name is ignored');
      return undefined;
    }
    let scope = siblings;
    let scopeFile = ext.src.file;
    if (rel !== undefined) {
      const path = join(dirOf(fileNode!.src.file), rel);
      if (path === undefined) {
        this.diag(fileNode!.src.file, fileNode!.src.line, 'warning', `extends file ${rel} is outside the repository: the service is read without it`);
        return undefined;
      }
      this.project.referenced.add(path);
      const other = get(this.parse(path, env, fileNode!.src), 'services');
      if (!isMap(other)) return undefined;
      scope = other;
      scopeFile = path;
    }
    const key = `${scopeFile}#${service}`;
    if (chain.includes(key) || chain.length > MAX_EXTENDS_DEPTH) {
      this.diag(ext.src.file, ext.src.line, 'warning', `extends ${service} not followed: ${chain.includes(key) ? 'it extends itself' : 'chain too long'}`);
      return undefined;
    }
    const base = entry(scope, service)?.value;
    if (!isMap(base)) {
      this.diag(ext.src.file, ext.src.line, 'warning', `extends names service ${service}, which is not defined${rel !== undefined ? ` in ${rel}` : ''}`);
      return undefined;
    }
    const baseExt = get(base, 'extends');
    const resolvedBase = baseExt !== undefined ? (this.extend(base, baseExt, scope, env, [...chain, key]) ?? base) : base;
    const merged = merge(without(resolvedBase, 'extends'), without(node, 'extends'));
    return isMap(merged) ? merged : undefined;
  }

  /** The load-balancer files services mount: part of the stack, so a change to one alone is reviewed. */
  private readMounts(configs: CNode | undefined): void {
    for (const def of this.project.services.values()) {
      const list = mountedConfigs(def, configs, this.files);
      if (!list.length) continue;
      this.project.mounted.set(def.name, list);
      for (const m of list) {
        this.project.files.add(m.path);
        if (m.config.problem) this.diag(m.path, m.config.problem.line, 'warning', `${m.config.kind} configuration mounted by services.${def.name}: ${m.config.problem.message}; its servers may be missing`);
      }
    }
  }

  /** Read the `env_file`s of every service (their values can name other services as hosts). */
  private readEnvFiles(): void {
    for (const def of this.project.services.values()) {
      const node = get(def.node, 'env_file');
      const list = node?.kind === 'seq' ? node.items : node ? [node] : [];
      for (const item of list) {
        const pathNode = item.kind === 'map' ? get(item, 'path') : item;
        const rel = text(pathNode);
        if (rel === undefined || pathNode === undefined) continue;
        const required = item.kind === 'map' ? text(get(item, 'required')) !== 'false' : true;
        const path = join(dirOf(pathNode.src.file), rel);
        if (path === undefined || this.project.envFiles.has(path)) continue;
        const t = this.read(path);
        if (t === undefined) {
          if (required) this.diag(pathNode.src.file, pathNode.src.line, 'warning', `env_file ${rel} is not among the reviewed files: service names used as hosts in it are not seen`);
          continue;
        }
        const parsed = parseEnvFile(path, t);
        append(this.project.diagnostics, parsed.diagnostics);
        this.project.envFiles.set(path, parsed.vars);
      }
    }
  }
}

function without(m: CMap, key: string): CMap {
  if (!m.entries.has(key)) return m;
  const entries = new Map(m.entries);
  entries.delete(key);
  return mapNode(entries, m.src, m.tag);
}

const envKeys = new WeakMap<Env, string>();
let nextEnvKey = 1;
/** A short identity for an env (cache key part). */
function dirKey(env: Env): string {
  let k = envKeys.get(env);
  if (!k) envKeys.set(env, (k = String(nextEnvKey++)));
  return k;
}
