/**
 * Load-balancer configuration a service mounts from the repository (issue 9 item 4): a bind mount
 * (`./nginx.conf:/etc/nginx/nginx.conf:ro`, the long form `type: bind`, a directory such as
 * `./nginx/conf.d:/etc/nginx/conf.d`) or a compose `config` with a `file:`. The files are read
 * through the FileSet only; a directory is searched to a bounded number of files.
 */
import type { FileSet } from '../../model/index.js';
import { LB_CONFIG_SUFFIXES, readLbConfig, type LbConfig } from '../shared/lb-config/index.js';
import { dirOf, join } from './files.js';
import type { ServiceDef } from './project.js';
import { get, isMap, items, text, type CNode, type Src } from './tree.js';

export interface MountedConfig {
  path: string;
  config: LbConfig;
  /** Where the mount is written. */
  mount: Src;
}

/** Files read from one mounted directory, at most. */
const MAX_FILES_PER_DIR = 64;

function lbCandidate(path: string): boolean {
  const name = path.toLowerCase();
  return LB_CONFIG_SUFFIXES.some((s) => name.endsWith(s)) || name.endsWith('.yaml') || name.endsWith('.yml');
}

/** The repository paths a service mounts (bind mounts and file configs), with where each is written. */
function mountSources(def: ServiceDef, configs: CNode | undefined): { rel: string; from: Src }[] {
  const out: { rel: string; from: Src }[] = [];
  for (const v of items(get(def.node, 'volumes'))) {
    if (isMap(v)) {
      const source = text(get(v, 'source'));
      if (text(get(v, 'type')) === 'bind' && source !== undefined) out.push({ rel: source, from: v.src });
      continue;
    }
    const s = text(v);
    // Short form: a path (not a named volume) before the first `:`.
    const source = s?.split(':')[0];
    if (source !== undefined && /^(\.|\/|~)/.test(source)) out.push({ rel: source, from: v.src });
  }
  for (const c of items(get(def.node, 'configs'))) {
    const name = isMap(c) ? text(get(c, 'source')) : text(c);
    const file = name === undefined ? undefined : get(get(configs, name), 'file');
    const rel = text(file);
    if (rel !== undefined && file) out.push({ rel, from: file.src });
  }
  return out;
}

export function mountedConfigs(def: ServiceDef, configs: CNode | undefined, files: FileSet): MountedConfig[] {
  const out: MountedConfig[] = [];
  const seen = new Set<string>();
  const take = (path: string, mount: Src, text: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const config = readLbConfig(path, text);
    if (config && (config.pools.length > 0 || config.problem)) out.push({ path, config, mount });
  };
  for (const { rel, from } of mountSources(def, configs)) {
    const path = join(dirOf(from.file), rel);
    if (path === undefined) continue;
    const t = files.read(path);
    if (t !== undefined) {
      if (lbCandidate(path)) take(path, from, t);
      continue;
    }
    const prefix = `${path}/`;
    let n = 0;
    for (const p of files.paths()) {
      if (!p.startsWith(prefix) || !lbCandidate(p)) continue;
      if (++n > MAX_FILES_PER_DIR) break;
      const inner = files.read(p);
      if (inner !== undefined) take(p, from, inner);
    }
  }
  return out;
}
