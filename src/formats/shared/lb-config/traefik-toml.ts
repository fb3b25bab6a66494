/**
 * Traefik's file provider in TOML: `[[http.services.NAME.loadBalancer.servers]]` tables with `url`
 * (or `address` for TCP/UDP), or `servers = [ { url = "..." }, ... ]` inline under
 * `[http.services.NAME.loadBalancer]`. Only those tables are read: a line scanner, not a TOML parser.
 */
import { LB_LIMITS, boundedLines, hostOfAddress, type LbConfig, type Pool } from './pool.js';

const HEADER = /^\s*\[{1,2}\s*([^\]]{1,512}?)\s*\]{1,2}\s*(#.*)?$/;
const SERVERS_TABLE = /^(http|tcp|udp)\.services\.("[^"]{1,256}"|[A-Za-z0-9_-]{1,256})\.loadBalancer(\.servers)?$/;
const ADDRESS = /\b(url|address)\s*=\s*"([^"]{1,2048})"/g;

export function parseTraefikToml(text: string): LbConfig {
  const read = boundedLines(text);
  if ('problem' in read) return { kind: 'traefik', pools: [], problem: read.problem };
  const pools = new Map<string, Pool>();
  let current: { pool: Pool; servers: boolean } | undefined;
  let inline = false;
  for (let i = 0; i < read.lines.length; i++) {
    const line = read.lines[i]!;
    const header = HEADER.exec(line);
    if (header) {
      inline = false;
      const m = SERVERS_TABLE.exec(header[1]!.replace(/\s+/g, ''));
      if (!m) {
        current = undefined;
        continue;
      }
      const name = `service ${m[2]!.replace(/"/g, '')}`;
      let pool = pools.get(`${m[1]}\u0000${name}`);
      if (!pool && pools.size < LB_LIMITS.maxPools) pools.set(`${m[1]}\u0000${name}`, (pool = { name, line: i + 1, servers: [] }));
      current = pool ? { pool, servers: m[3] !== undefined } : undefined;
      continue;
    }
    if (!current) continue;
    if (!current.servers && /^\s*servers\s*=\s*\[/.test(line)) inline = true;
    if (!current.servers && !inline) continue;
    const code = line.replace(/#[^"]*$/, '');
    ADDRESS.lastIndex = 0;
    for (let m = ADDRESS.exec(code); m; m = ADDRESS.exec(code)) {
      if (current.pool.servers.length < LB_LIMITS.maxServers) current.pool.servers.push({ host: hostOfAddress(m[2]!), address: m[2]!, line: i + 1 });
    }
    if (inline && /\]\s*(#.*)?$/.test(code) && !/\[\s*$/.test(code) && (code.match(/\[/g)?.length ?? 0) <= (code.match(/\]/g)?.length ?? 0)) inline = false;
  }
  return { kind: 'traefik', pools: [...pools.values()] };
}

export function looksLikeTraefikToml(text: string): boolean {
  return /\[\[?\s*(http|tcp|udp)\.services\./.test(text) && /loadBalancer/.test(text);
}
