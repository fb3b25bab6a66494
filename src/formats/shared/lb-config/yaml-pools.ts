/**
 * Envoy and Traefik (file provider) configuration written as YAML, read through the shared line-aware
 * YAML tree: Envoy `static_resources.clusters[]` endpoints (`load_assignment` or the older `hosts`),
 * Traefik `http|tcp|udp.services.<name>.loadBalancer.servers[]` (`url` / `address`).
 */
import { readYaml, type YamlMap, type YamlNode } from '../../../model/yaml/index.js';
import { LB_LIMITS, hostOfAddress, type LbConfig, type Pool, type PoolServer } from './pool.js';

const LIMITS = { maxBytes: LB_LIMITS.maxBytes, maxDepth: LB_LIMITS.maxDepth, maxNodes: 100_000, maxAliasNodes: 10_000 } as const;

function get(node: YamlNode | null | undefined, key: string): YamlNode | undefined {
  if (!node || node.kind === 'alias') return node?.kind === 'alias' ? get(node.target, key) : undefined;
  if (node.kind !== 'map') return undefined;
  const e = node.entries.find((x) => x.key?.kind === 'scalar' && String(x.key.value) === key);
  return e?.value.kind === 'alias' ? (e.value.target ?? undefined) : e?.value;
}

function items(node: YamlNode | undefined): YamlNode[] {
  return node?.kind === 'seq' ? node.items.map((i) => (i.kind === 'alias' ? i.target : i)).filter((i): i is YamlNode => i !== null) : [];
}

function scalar(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function roots(text: string): { roots: YamlNode[]; problem?: { line: number; message: string } } {
  const read = readYaml(text, { limits: LIMITS, multiDocument: true });
  if (read.refused || read.failed) return { roots: [], problem: { line: 1, message: 'not read (over the limits or not YAML)' } };
  const out = read.documents.map((d) => d.root).filter((r): r is YamlNode => r !== null);
  const error = read.documents.flatMap((d) => d.errors)[0];
  return error ? { roots: out, problem: { line: error.line, message: error.message } } : { roots: out };
}

export function parseEnvoyYaml(text: string): LbConfig {
  const read = roots(text);
  const pools: Pool[] = [];
  for (const root of read.roots) {
    for (const cluster of items(get(get(root, 'static_resources'), 'clusters'))) {
      if (pools.length >= LB_LIMITS.maxPools) break;
      const servers: PoolServer[] = [];
      const socket = (n: YamlNode | undefined) => {
        const s = get(get(n, 'address') ?? n, 'socket_address');
        const address = scalar(get(s, 'address'));
        if (!s || address === undefined || servers.length >= LB_LIMITS.maxServers) return;
        const port = scalar(get(s, 'port_value'));
        // The line that names the server (`address: api1`), not the `socket_address:` above it.
        servers.push({ host: hostOfAddress(address), address: port ? `${address}:${port}` : address, line: get(s, 'address')?.line ?? s.line });
      };
      for (const group of items(get(get(cluster, 'load_assignment'), 'endpoints'))) {
        for (const lb of items(get(group, 'lb_endpoints'))) socket(get(get(lb, 'endpoint'), 'address'));
      }
      for (const host of items(get(cluster, 'hosts'))) socket(host);
      pools.push({ name: `cluster ${scalar(get(cluster, 'name')) ?? '?'}`, line: cluster.line, servers });
    }
  }
  return { kind: 'envoy', pools, ...(read.problem ? { problem: read.problem } : {}) };
}

export function parseTraefikYaml(text: string): LbConfig {
  const read = roots(text);
  const pools: Pool[] = [];
  for (const root of read.roots) {
    for (const protocol of ['http', 'tcp', 'udp']) {
      const services = get(get(root, protocol), 'services');
      if (services?.kind !== 'map') continue;
      for (const e of (services as YamlMap).entries) {
        if (pools.length >= LB_LIMITS.maxPools) break;
        const list = get(get(e.value, 'loadBalancer'), 'servers');
        if (!list) continue;
        const servers: PoolServer[] = [];
        for (const s of items(list).slice(0, LB_LIMITS.maxServers)) {
          const address = scalar(get(s, 'url')) ?? scalar(get(s, 'address'));
          if (address !== undefined) servers.push({ host: hostOfAddress(address), address, line: s.line });
        }
        pools.push({ name: `service ${scalar(e.key ?? undefined) ?? '?'}`, line: e.keyLine, servers });
      }
    }
  }
  return { kind: 'traefik', pools, ...(read.problem ? { problem: read.problem } : {}) };
}

export function looksLikeEnvoy(text: string): boolean {
  return /(^|\n)static_resources\s*:/.test(text) && /(load_assignment|socket_address)\s*:/.test(text);
}

export function looksLikeTraefikYaml(text: string): boolean {
  return /(^|\n)(http|tcp|udp)\s*:/.test(text) && /loadBalancer\s*:/.test(text) && /servers\s*:/.test(text);
}
