/**
 * Load-balancer configuration files (issue 9 item 4): the pools of servers an nginx `upstream`, an
 * HAProxy `backend` / `listen`, an Envoy cluster or a Traefik service balances over. Each server of a
 * pool is an alternative for the proxy. Parsers are small and bounded (bytes, lines, tokens, depth):
 * nothing from the file is executed, included or fetched.
 */

export interface PoolServer {
  /** Host name as written, lower case; undefined for a server no name can resolve (`unix:/sock`, a template). */
  host: string | undefined;
  /** The address as written (`app1:8080`), for evidence. */
  address: string;
  line: number;
}

export interface Pool {
  /** What the file calls it, with its kind: `upstream backend`, `backend api`, `cluster web`, `service app`. */
  name: string;
  line: number;
  servers: PoolServer[];
}

export interface LbConfig {
  kind: 'nginx' | 'haproxy' | 'envoy' | 'traefik';
  pools: Pool[];
  /** Why the file was not (fully) read, when it was not. */
  problem?: { line: number; message: string };
}

/** Over these a file is not read: proxy configuration is small (the biggest real ones are a few thousand lines). */
export const LB_LIMITS = { maxBytes: 1024 * 1024, maxLines: 20_000, maxPools: 1_000, maxServers: 1_000, maxDepth: 64 } as const;

/** `host[:port]`, `[v6]:port`, `scheme://host[:port][/path]`: the host, lower case; undefined for sockets and the like. */
export function hostOfAddress(address: string): string | undefined {
  let a = address.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\//.exec(a);
  if (scheme) a = a.slice(scheme[0].length);
  else if (/^unix:/i.test(a)) return undefined;
  const m = /^(?:[^@/\s]{0,256}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9_.-]{0,252})(?::\d{1,5})?(?:[/?#].*)?$/s.exec(a);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The text's lines, or a problem when it is over the limits. */
export function boundedLines(text: string): { lines: string[] } | { problem: { line: number; message: string } } {
  if (text.length > LB_LIMITS.maxBytes) return { problem: { line: 1, message: `over ${LB_LIMITS.maxBytes} bytes: not read` } };
  const lines = text.split(/\r?\n/);
  if (lines.length > LB_LIMITS.maxLines) return { problem: { line: 1, message: `over ${LB_LIMITS.maxLines} lines: not read` } };
  return { lines };
}
