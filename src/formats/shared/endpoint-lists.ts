/**
 * Endpoint lists: a value that names several servers a client may use in its place (issue 9): a
 * ZooKeeper connect string `zk1:2181,zk2:2181,zk3:2181/kafka`, Kafka `bootstrap.servers`, a MongoDB
 * replica-set URI `mongodb://a:27017,b:27017/db?replicaSet=rs0`, a JDBC or libpq multi-host URL
 * `jdbc:postgresql://pg1:5432,pg2:5432/app`, Redis Sentinel, Elasticsearch, Cassandra, etcd and NATS
 * lists `http://es1:9200,http://es2:9200`, a JSON array of them. Each host is an alternative: the client
 * keeps working while one of them does.
 *
 * Not lists of alternatives: peer and quorum configuration (`server.1=zoo1:2888:3888`,
 * `1@controller:9093`, `etcd1=http://etcd1:2380`): every member is needed there, by the server itself.
 * Work is linear and capped: at most MAX_SCAN characters and MAX_ENTRIES entries are read.
 */

const MAX_SCAN = 8192;
const MAX_ENTRIES = 64;

/** Variables that configure a cluster's own members (peers, voters), not a client's choice of servers. */
const PEER_KEY = /(QUORUM|VOTERS|INITIAL_CLUSTER|PEERS?($|_)|ADVERTISED|LISTENERS)/i;

/** `[scheme://][user[:pass]@]host[:port][/path][?query]` as one entry of a list. */
const ENTRY = /^(?:([A-Za-z][A-Za-z0-9+.-]{0,31}):\/\/)?(?:[^@/\s]{0,256}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9_.-]{0,252})(?::(\d{1,5}))?(\/[^\s]*)?(\?[^\s]*)?$/;

/** The scheme prefixes of URLs whose authority may hold several hosts (`mongodb://a,b/db`). */
const MULTI_HOST_URL = /^((?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^/?#\s]{1,4096})(.*)$/s;

export interface EndpointList {
  /** The hosts, lower case, in the order written, unique. */
  hosts: string[];
}

/**
 * The hosts of a value written as a list of alternative endpoints, or undefined when the value is not
 * one (a sentence, a peer list, a single URL with other words). A value naming one endpoint is a list
 * of one. `bareWords`: the caller's variable is named for hosts, so `es01,es02` counts.
 */
export function endpointListIn(key: string, value: string, bareWords: boolean): EndpointList | undefined {
  if (PEER_KEY.test(key)) return undefined;
  let v = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  v = v.trim();
  if (v === '') return undefined;
  // A JSON array of strings: `["http://es1:9200", "http://es2:9200"]`.
  const array = /^\[(.*)\]$/s.exec(v);
  if (array) v = array[1]!.replace(/["']/g, ' ');
  const multi = MULTI_HOST_URL.exec(v);
  if (multi && multi[2]!.includes(',') && !/[\s;]/.test(multi[2]!)) {
    // `PLAINTEXT://k1:9092,PLAINTEXT://k2:9092` is a list of URLs, read below.
    const hosts = multiHostUrl(multi[2]!);
    if (hosts) return hosts;
  }
  const parts = v.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > MAX_ENTRIES) return undefined;
  const hosts: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const host = entryHost(parts[i]!, bareWords, i === parts.length - 1);
    if (host === undefined) return undefined;
    if (!hosts.includes(host)) hosts.push(host);
  }
  return { hosts };
}

/** `user:pass@h1:27017,h2:27017`: the authority of a multi-host URL. */
function multiHostUrl(authority: string): EndpointList | undefined {
  const at = authority.lastIndexOf('@');
  const list = at >= 0 ? authority.slice(at + 1) : authority;
  const parts = list.split(',');
  if (parts.length > MAX_ENTRIES) return undefined;
  const hosts: string[] = [];
  for (const p of parts) {
    const m = /^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9_.-]{0,252})(?::\d{1,5})?$/.exec(p.trim());
    if (!m) return undefined;
    const h = m[1]!.toLowerCase();
    if (!hosts.includes(h)) hosts.push(h);
  }
  return { hosts };
}

/**
 * The host of one entry: a URL, `host:port`, or a bare host name when the variable is named for hosts.
 * Only the last entry may carry a path without a scheme (a ZooKeeper chroot: `zk3:2181/kafka`).
 */
function entryHost(part: string, bareWords: boolean, last: boolean): string | undefined {
  // Peer forms: `server.1=zoo1:2888:3888`, `1@controller:9093`, `etcd1=http://etcd1:2380`, `zoo1:2888:3888`.
  if (/^[^:/?]*=/.test(part) || /^\d+@/.test(part) || /:\d+:\d+/.test(part)) return undefined;
  const m = ENTRY.exec(part);
  if (!m) return undefined;
  const [, scheme, host, port, path, query] = m;
  if (!scheme && port === undefined && !bareWords) return undefined;
  if (!scheme && port === undefined && (path !== undefined || query !== undefined)) return undefined;
  if (!scheme && path !== undefined && !last) return undefined;
  return host!.toLowerCase();
}
