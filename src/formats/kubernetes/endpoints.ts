/**
 * The servers a workload names as alternatives (issue 9, items 3 and 4): a list of hosts in an env
 * value, a ConfigMap key it reads or a `--flag` (`zk-a:2181,zk-b:2181,zk-c:2181`, read by the shared
 * list reader), and the pools of load-balancer files it mounts from ConfigMaps. Hosts resolve to
 * Services as single hostnames do (`svc`, `svc.ns`, the pod names `zk-0.zk-hs` of a StatefulSet's
 * headless Service, `*.svc.cluster.local`).
 *
 * Two Services of one list are one dependency group (k = 1). The servers recorded on the client
 * (`EndpointUse.targets`) are what fails behind each Service: the one workload (or operator resource)
 * it selects. A Service that selects several, or none in the stack, is no single server: it counts as
 * a name that cannot be judged, like an external one. A Service's name balances over its pods, so
 * naming it alone is naming one server only when its workload runs one instance (`byService` lets the
 * extraction, which knows instances, decide); a pod's name (`zk-0.zk-hs`) is one pod whatever the
 * replicas. The pod names of one StatefulSet (`zk-0.zk-hs,zk-1.zk-hs,zk-2.zk-hs`) name one component:
 * they are recorded as its members, alternatives within it, so a cut to `zk-0.zk-hs` is a cut to one pod.
 */
import type { Dependency, Diagnostic, EndpointUse, SourceRange } from '../../model/index.js';
import { endpointListIn } from '../shared/endpoint-lists.js';
import type { SourceLines } from '../shared/lines.js';
import { namedValues } from './endpoint-values.js';
import { hostnamesIn } from './hostnames.js';
import { mountedLbFiles } from './lb-mounts.js';
import type { ConfigMapLookup, PodWorkload } from './workloads.js';

export interface Resolver {
  /** The Service (or operator resource) id a host names, if the stack defines it, and whether it names one pod of it. */
  address(host: string): { service: string; pod?: string } | undefined;
  /** Services that select this workload: a list naming one of them is peer configuration. */
  own: { has(serviceId: string): boolean };
  /** The pod sets a Service id selects (an operator resource id is its own pod set). */
  podSets(serviceId: string): readonly string[];
  lines: SourceLines;
}

export interface WorkloadEndpoints {
  dependencies: Omit<Dependency, 'from'>[];
  uses: EndpointUse[];
  /** The uses whose hosts are all Service names (not pod names): balanced over the workload's pods. */
  byService: Set<EndpointUse>;
  /** `file\0line\0host` of hosts read as members of a list: no plain need is added for them. */
  listed: Set<string>;
  diagnostics: Diagnostic[];
}

const range = (file: string, line: number): SourceRange => ({ file, startLine: line, endLine: line });
const capped = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}...` : value);

export function endpointsOf(w: PodWorkload, configMap: ConfigMapLookup, r: Resolver): WorkloadEndpoints {
  const from = `${w.obj.kind}/${w.obj.namespace}/${w.obj.name}`;
  const out: WorkloadEndpoints = { dependencies: [], uses: [], byService: new Set(), listed: new Set(), diagnostics: [] };
  const serverOf = (serviceId: string) => {
    const sets = r.podSets(serviceId);
    return sets.length === 1 ? sets[0] : undefined;
  };
  for (const v of namedValues(w, configMap, r.lines)) {
    const named = hostnamesIn(v.value, v.key);
    if (!named.length) continue;
    const list = named.length >= 2 ? endpointListIn(v.key, v.value, v.bareWords) : undefined;
    const hosts = list && list.hosts.length >= 2 ? list.hosts : named;
    const addresses = hosts.map((h) => r.address(h));
    const services = unique(addresses.map((a) => a?.service));
    if (services.some((s) => r.own.has(s))) continue;
    const targets = unique(services.map(serverOf));
    const isList = list !== undefined && list.hosts.length >= 2;
    const group = isList && services.length >= 2 ? { id: `${from}:endpoints:${v.via}`, k: 1 } : undefined;
    if (group) {
      for (const h of hosts) out.listed.add(`${v.file}\u0000${v.itemLine}\u0000${h}`);
      for (const to of services) out.dependencies.push({ to, kind: 'hostname', location: range(v.file, v.line), group });
    }
    if (!targets.length) continue;
    const use: EndpointUse = { via: v.via, value: capped(v.value), named: hosts.length, targets, alternatives: group !== undefined && targets.length >= 2, site: range(v.file, v.line) };
    out.uses.push(use);
    // Members only of what the list reader reads as a list (or a single name): not of peer forms or sentences.
    const members = isList || hosts.length === 1 ? podsOf(targets, addresses) : undefined;
    if (members) use.members = members;
    if (!addresses.some((a) => a?.pod !== undefined)) out.byService.add(use);
  }
  // The servers of each pool of a load-balancer file the workload mounts are alternatives of that proxy.
  for (const f of mountedLbFiles(w, configMap, r.lines)) {
    const file = f.configMap.file;
    if (f.config.problem) {
      const message = `${f.config.kind} configuration in ConfigMap ${f.configMap.name} (${f.name}), mounted by ${from}: ${f.config.problem.message}; its servers may be missing`;
      out.diagnostics.push({ file, line: f.lineOf(f.config.problem.line), severity: 'warning', message });
    }
    for (const pool of f.config.pools) {
      const via = `${pool.name} in ConfigMap ${f.configMap.name} ${f.name}`;
      const services: string[] = [];
      const lines = new Map<string, number>();
      const addresses: ({ service: string; pod?: string } | undefined)[] = [];
      for (const server of pool.servers) {
        const address = server.host === undefined ? undefined : r.address(server.host);
        addresses.push(address);
        const to = address?.service;
        if (to === undefined || r.own.has(to) || services.includes(to)) continue;
        services.push(to);
        lines.set(to, f.lineOf(server.line));
      }
      if (!services.length) continue;
      const group = pool.servers.length >= 2 && services.length >= 2 ? { id: `${from}:pool:${via}`, k: 1 } : undefined;
      for (const to of services) out.dependencies.push({ to, kind: 'backend', location: range(file, lines.get(to)!), ...(group ? { group } : {}) });
      const targets = unique(services.map(serverOf));
      if (!targets.length) continue;
      const first = services.find((s) => serverOf(s) === targets[0])!;
      const value = pool.servers.map((x) => x.address).join(', ');
      const use: EndpointUse = { via, value: capped(value), named: pool.servers.length, targets, alternatives: group !== undefined && targets.length >= 2, site: range(file, lines.get(first)!) };
      const members = podsOf(targets, addresses);
      if (members) use.members = members;
      out.uses.push(use);
      if (!addresses.some((a) => a?.pod !== undefined)) out.byService.add(use);
    }
  }
  return out;
}

/** The pods named, when every name is the DNS name of a pod of the one StatefulSet targeted (`zk-0` of `zk`). */
function podsOf(targets: readonly string[], addresses: readonly ({ pod?: string } | undefined)[]): string[] | undefined {
  const [kind, , name] = targets.length === 1 ? targets[0]!.split('/') : [];
  if (kind !== 'StatefulSet' || name === undefined) return undefined;
  const pods = addresses.map((a) => a?.pod);
  const ordinal = (pod: string) => pod.startsWith(`${name}-`) && /^\d{1,5}$/.test(pod.slice(name.length + 1));
  return pods.every((p) => p !== undefined && ordinal(p)) ? unique(pods) : undefined;
}

function unique(ids: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (id !== undefined && !out.includes(id)) out.push(id);
  return out;
}
