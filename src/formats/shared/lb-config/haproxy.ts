/**
 * HAProxy: `backend NAME` and `listen NAME` sections, each `server NAME ADDRESS[:PORT] [params]` line a
 * server (`disabled` ones take no traffic). A section ends where the next section keyword starts.
 * `server-template` names servers by DNS discovery: counted as a server no name resolves.
 */
import { LB_LIMITS, boundedLines, hostOfAddress, type LbConfig, type Pool } from './pool.js';

const SECTIONS = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'resolvers', 'peers', 'userlist', 'mailers', 'program', 'cache', 'ring', 'http-errors', 'fcgi-app', 'crt-store', 'traces']);

export function parseHaproxy(text: string): LbConfig {
  const read = boundedLines(text);
  if ('problem' in read) return { kind: 'haproxy', pools: [], problem: read.problem };
  const pools: Pool[] = [];
  let pool: Pool | undefined;
  for (let i = 0; i < read.lines.length; i++) {
    const words = read.lines[i]!.replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter((w) => w !== '');
    const head = words[0];
    if (head === undefined) continue;
    if (SECTIONS.has(head)) {
      pool = undefined;
      if ((head === 'backend' || head === 'listen') && words[1] && pools.length < LB_LIMITS.maxPools) {
        pool = { name: `${head} ${words[1]}`, line: i + 1, servers: [] };
        pools.push(pool);
      }
      continue;
    }
    if (!pool || pool.servers.length >= LB_LIMITS.maxServers) continue;
    if (head === 'server' && words[2] && !words.slice(3).includes('disabled')) {
      pool.servers.push({ host: hostOfAddress(words[2]), address: words[2], line: i + 1 });
    } else if (head === 'server-template' && words[3]) {
      pool.servers.push({ host: undefined, address: words[3], line: i + 1 });
    }
  }
  return { kind: 'haproxy', pools };
}

/** Whether a text reads like HAProxy configuration with a backend or listen section. */
export function looksLikeHaproxy(text: string): boolean {
  return /(^|\n)(backend|listen)\s+\S+/.test(text.slice(0, LB_LIMITS.maxBytes)) && /(^|\n)\s+server\s+\S+\s+\S+/.test(text.slice(0, LB_LIMITS.maxBytes));
}
