/**
 * Who needs whom in a compose project: `depends_on` (list and map forms; `required: false` is
 * optional), `links`, `network_mode: service:x` / `container:name`, `volumes_from`, and service names
 * used as hosts in `environment` and `env_file` values and in `command` / `entrypoint` arguments.
 */
import type { Dependency, DependencyKind, Diagnostic, EndpointUse, SourceRange } from '../../model/index.js';
import { endpointListIn } from '../shared/endpoint-lists.js';
import { commandArgumentsOf } from './arguments.js';
import { dirOf, join } from './files.js';
import { HOST_KEY, hostnamesIn } from './hostnames.js';
import { listAsMap } from './merge.js';
import type { Project, ServiceDef } from './project.js';
import { namesOf } from './service.js';
import { get, isMap, items, text, type Src } from './tree.js';

export const serviceId = (name: string): string => `services.${name}`;

/** A dependency found in a service, before clustering decides which are peers. */
export interface Relation {
  from: string;
  to: string;
  kind: DependencyKind;
  site: Src;
  /** The variable the host name was found in (hostname relations). */
  variable?: string;
  /** The list of alternatives it is one of (`ZOOKEEPER_CONNECT: zk1:2181,zk2:2181`): the client needs one of them. */
  group?: string;
}

function range(s: Src): SourceRange {
  return { file: s.file, startLine: s.line, endLine: s.line };
}

export function toDependency(r: Relation): Dependency {
  return { from: serviceId(r.from), to: serviceId(r.to), kind: r.kind, location: range(r.site), ...(r.group ? { group: { id: r.group, k: 1 } } : {}) };
}

/**
 * Every relation of the project's services; unknown targets of explicit relations are diagnostics.
 * `endpoints` receives, by service name, the host lists each service names (see `EndpointUse`).
 */
export function findRelations(project: Project, diagnostics: Diagnostic[], endpoints?: Map<string, EndpointUse[]>): Relation[] {
  const byName = new Map<string, string>();
  const byContainer = new Map<string, string>();
  for (const def of project.services.values()) byName.set(def.name, def.name);
  // Host names: service names first, then container names and aliases (never shadowing a service name).
  const byHost = new Map<string, string>();
  for (const def of project.services.values()) byHost.set(def.name.toLowerCase(), def.name);
  for (const def of project.services.values()) {
    const cn = text(get(def.node, 'container_name'))?.trim();
    if (cn) byContainer.set(cn, def.name);
    for (const n of namesOf(def)) if (!byHost.has(n)) byHost.set(n, def.name);
  }

  const out: Relation[] = [];
  for (const def of project.services.values()) {
    const add = (to: string | undefined, kind: DependencyKind, site: Src, written: string, field: string) => {
      if (to === undefined) {
        diagnostics.push({ file: site.file, line: site.line, severity: 'warning', message: `${field} of ${serviceId(def.name)} names ${written}, which this project does not define (a file combined with -f is not seen): that dependency is left out` });
        return;
      }
      if (to !== def.name) out.push({ from: def.name, to, kind, site });
    };

    const dependsOn = get(def.node, 'depends_on');
    if (dependsOn) {
      const m = listAsMap('depends_on', dependsOn);
      if (isMap(m)) {
        for (const [name, e] of m.entries) {
          if (text(get(e.value, 'required')) === 'false') continue;
          add(byName.get(name), 'depends_on', e.key, name, 'depends_on');
        }
      }
    }
    for (const l of items(get(def.node, 'links'))) {
      const s = text(l);
      if (s === undefined) continue;
      const target = s.split(':')[0]!.trim();
      add(byName.get(target), 'reference', l.src, target, 'links');
    }
    const nm = get(def.node, 'network_mode');
    const nmText = text(nm);
    if (nm && nmText !== undefined) {
      const m = /^(service|container):(.+)$/.exec(nmText.trim());
      if (m) add(m[1] === 'service' ? byName.get(m[2]!) : byContainer.get(m[2]!), 'reference', nm.src, m[2]!, 'network_mode');
    }
    for (const v of items(get(def.node, 'volumes_from'))) {
      const s = text(v)?.trim();
      if (s === undefined) continue;
      const container = /^container:([^:]+)/.exec(s);
      if (container) add(byContainer.get(container[1]!), 'volume', v.src, container[1]!, 'volumes_from');
      else {
        const target = s.split(':')[0]!;
        add(byName.get(target), 'volume', v.src, target, 'volumes_from');
      }
    }
    const aliases = linkAliases(def);
    const uses: EndpointUse[] = [];
    const hostsOf = (key: string, value: string, site: Src, via: string | undefined, variable?: string) => {
      const named = hostnamesIn(key, value);
      if (!named.length) return;
      const list = named.length >= 2 ? endpointListIn(key, value, HOST_KEY.test(key)) : undefined;
      const hosts = list && list.hosts.length >= 2 ? list.hosts : named;
      const targets: string[] = [];
      for (const host of hosts) {
        const to = aliases.get(host) ?? byHost.get(host);
        if (to !== undefined && to !== def.name && !targets.includes(to)) targets.push(to);
      }
      // Two or more servers of one list: the client needs one of them (unresolved names are not counted).
      const group = list && list.hosts.length >= 2 && targets.length >= 2 && via !== undefined ? `${serviceId(def.name)}:endpoints:${via}` : undefined;
      for (const to of targets) out.push({ from: def.name, to, kind: 'hostname', site, ...(variable !== undefined ? { variable } : {}), ...(group ? { group } : {}) });
      if (via !== undefined && targets.length > 0) {
        uses.push({ via, value: value.length > 200 ? `${value.slice(0, 200)}...` : value, named: hosts.length, targets: targets.map(serviceId), alternatives: group !== undefined, site: range(site) });
      }
    };
    for (const { key, value, site } of environmentOf(def, project)) hostsOf(key, value, site, key, key);
    for (const { key, value, site } of commandArgumentsOf(def)) hostsOf(key.replace(/-/g, '_'), value, site, key === '' ? undefined : `--${key}`);
    // The servers of each pool of a load-balancer file the service mounts are alternatives of that proxy.
    for (const { path, config } of project.mounted.get(def.name) ?? []) {
      for (const pool of config.pools) {
        const targets: string[] = [];
        const sites = new Map<string, Src>();
        for (const server of pool.servers) {
          const to = server.host === undefined ? undefined : (aliases.get(server.host) ?? byHost.get(server.host));
          if (to === undefined || to === def.name || targets.includes(to)) continue;
          targets.push(to);
          sites.set(to, { file: path, line: server.line });
        }
        if (!targets.length) continue;
        const via = `${pool.name} in ${path}`;
        const group = pool.servers.length >= 2 && targets.length >= 2 ? `${serviceId(def.name)}:pool:${via}` : undefined;
        for (const to of targets) out.push({ from: def.name, to, kind: 'backend', site: sites.get(to)!, ...(group ? { group } : {}) });
        uses.push({ via, value: pool.servers.map((x) => x.address).join(', '), named: pool.servers.length, targets: targets.map(serviceId), alternatives: group !== undefined, site: range(sites.get(targets[0]!)!) });
      }
    }
    if (uses.length && endpoints) endpoints.set(def.name, uses);
  }
  return out;
}

/** `links: ["db:database"]`: `database` is a host name of `db` for this service. */
function linkAliases(def: ServiceDef): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of items(get(def.node, 'links'))) {
    const [target, alias] = (text(l) ?? '').split(':');
    if (target && alias) m.set(alias.trim().toLowerCase(), target.trim());
  }
  return m;
}

/** The container's variables: `env_file` contents first, `environment` over them, each with where it is written. */
export function environmentOf(def: ServiceDef, project: Project): { key: string; value: string; site: Src }[] {
  const vars = new Map<string, { key: string; value: string; site: Src }>();
  const envFile = get(def.node, 'env_file');
  const list = envFile?.kind === 'seq' ? envFile.items : envFile ? [envFile] : [];
  for (const item of list) {
    const pathNode = item.kind === 'map' ? get(item, 'path') : item;
    const rel = text(pathNode);
    if (rel === undefined || !pathNode) continue;
    const path = join(dirOf(pathNode.src.file), rel);
    const parsed = path === undefined ? undefined : project.envFiles.get(path);
    for (const [key, v] of parsed ?? []) vars.set(key, { key, value: v.value, site: v.site });
  }
  const env = get(def.node, 'environment');
  if (env) {
    const m = listAsMap('environment', env);
    if (isMap(m)) {
      for (const [key, e] of m.entries) {
        const value = text(e.value);
        if (value !== undefined) vars.set(key, { key, value, site: e.value.src });
      }
    }
  }
  return [...vars.values()];
}
