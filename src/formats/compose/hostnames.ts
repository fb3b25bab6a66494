/**
 * Host names in configuration values: `postgres://app:secret@db:5432/app`, `zoo1:2181,zoo2:2181`,
 * `INTERNAL://kafka1:19092`, `1@controller:9093`, `Host=db;Port=5432`, and bare `redis` when the
 * variable's name says it holds a host (`REDIS_HOST=redis`). A bare word under another name
 * (`MODE=api`) is not taken for a host: that would invent dependencies.
 */

/** Variable names that hold hosts or addresses. */
export const HOST_KEY =
  /(HOST|ADDR|SERVER|URL|URI|ENDPOINT|BROKER|BOOTSTRAP|DSN|CONN|NODES?$|SEEDS?|PEERS?|CLUSTER|UPSTREAM|BACKEND|MASTER|PRIMARY|REPLICA|SENTINEL|ZOOKEEPER|QUORUM|VOTERS|JOIN|DISCOVERY|REMOTE|PROXY|TARGET|_SVC|SERVICE_NAME|CONTACT_POINTS)/i;
/** Keys inside connection strings whose value is a host (`Server=db;...`, `host=db port=5432`). */
const HOST_FIELD = /^(host|hostname|server|address|addr|data source|datasource)$/i;
const MAX_SCAN = 8192;

/** The host names a value mentions (lower case, in order, unique). `key` is the variable's name. */
export function hostnamesIn(key: string, value: string): string[] {
  const v = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  const keyIsHost = HOST_KEY.test(key);
  const out: string[] = [];
  const add = (h: string | undefined) => {
    if (h && !out.includes(h)) out.push(h);
  };
  // `=` separates too: `server.1=zoo1:2888:3888`, `Host=db`.
  const tokens = v.split(/[\s,;|()[\]{}"'<>=`]+/);
  const bare: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '') continue;
    const structured = hostOfStructured(t);
    if (structured !== undefined) {
      add(structured);
      continue;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(t)) continue;
    if (HOST_FIELD.test(i > 0 ? tokens[i - 1]! : '')) add(t.toLowerCase());
    else bare.push(t.toLowerCase());
  }
  // Bare words count under a host-named variable when the value is a plain list of them
  // (`es01,es02`), not the other words of a URL (`?sslmode=disable`).
  if (keyIsHost && out.length === 0) for (const b of bare) add(b);
  return out;
}

/** The host of `scheme://[user@]host[:port][/path]` or `[user@]host:port`, undefined for other tokens. */
function hostOfStructured(token: string): string | undefined {
  let t = token;
  const scheme = /^[A-Za-z][A-Za-z0-9+.:-]*:\/\//.exec(t);
  if (scheme) t = t.slice(scheme[0].length);
  const slash = t.indexOf('/');
  const authority = slash >= 0 ? t.slice(0, slash) : t;
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)(?::(\d+))?/.exec(hostPort);
  if (!m) return undefined;
  // Without a scheme, only `host:port` is an address: `api:debug`, `a/b` are not.
  if (!scheme && m[2] === undefined) return undefined;
  return m[1]!.toLowerCase();
}
