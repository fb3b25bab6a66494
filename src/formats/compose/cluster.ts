/**
 * Several services that are members of one cluster: compose files often declare a ZooKeeper ensemble
 * or Kafka brokers as `zoo1`, `zoo2`, `zoo3`, one service each. Members are services of the same
 * clustering image (`ImageKind.cluster`) that name each other in their configuration
 * (`ZOOKEEPER_SERVERS: zoo1:2888:3888;zoo2:...`, `discovery.seed_hosts=es02,es03`), or that share a
 * coordinator (brokers registered in the same ZooKeeper). A cluster survives what its size survives,
 * so each member counts the cluster's instances, and members do not fail each other.
 */
import type { ImageKind } from '../../catalog/images.js';
import type { Relation } from './relations.js';

export interface ClusterInput {
  name: string;
  kind: ImageKind | undefined;
  /** The subcommand it runs (`weed master` vs `weed admin`): different subcommands are different roles, not peers. */
  subcommand?: string | undefined;
  /**
   * The group it works in, as its configuration names it (`CONNECT_GROUP_ID`): services of one pipeline
   * software sharing a group are workers of one cluster, whether or not they name each other.
   */
  group?: string | undefined;
}

export interface Clusters {
  /** Service -> the members of its cluster (sorted), for services in a cluster of two or more. */
  members: Map<string, string[]>;
  /** Relations between members of one cluster: peers, not needs. */
  peers: Set<Relation>;
}

export function findClusters(services: readonly ClusterInput[], relations: readonly Relation[]): Clusters {
  const kindOf = new Map(services.map((s) => [s.name, s.kind]));
  const subcommandOf = new Map(services.map((s) => [s.name, s.subcommand]));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
  };
  const clustering = (name: string): ImageKind | undefined => {
    const k = kindOf.get(name);
    return k?.cluster ? k : undefined;
  };

  // Peers first, so that a coordinator is known by its whole ensemble in the second pass.
  for (const r of relations) {
    const from = clustering(r.from);
    if (r.kind === 'hostname' && from && kindOf.get(r.to) === from && subcommandOf.get(r.from) === subcommandOf.get(r.to)) union(r.from, r.to);
  }
  const byGroup = new Map<string, string>();
  for (const s of services) {
    if (s.group === undefined) continue;
    const first = byGroup.get(s.group);
    if (first === undefined) byGroup.set(s.group, s.name);
    else union(first, s.name);
  }
  const coordinated = new Map<string, string>();
  for (const r of relations) {
    const from = clustering(r.from);
    const to = kindOf.get(r.to);
    if (r.kind !== 'hostname' || !from || to === from || !to?.quorum) continue;
    // The same coordinator (a ZooKeeper ensemble) for two services of one clustering image: one cluster.
    const key = `${from.id}\u0000${find(r.to)}`;
    const first = coordinated.get(key);
    if (first === undefined) coordinated.set(key, r.from);
    else union(first, r.from);
  }

  const groups = new Map<string, string[]>();
  for (const s of services) {
    const root = find(s.name);
    const list = groups.get(root);
    if (list) list.push(s.name);
    else groups.set(root, [s.name]);
  }
  const members = new Map<string, string[]>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort();
    for (const name of list) members.set(name, sorted);
  }
  const peers = new Set<Relation>();
  for (const r of relations) {
    const m = members.get(r.from);
    if (m && m.includes(r.to)) peers.add(r);
  }
  return { members, peers };
}
