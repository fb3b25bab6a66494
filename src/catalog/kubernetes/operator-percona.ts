import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { bool, judgement, redundancy } from '../judging/index.js';
import { K8S_RECOVERY } from './recovery.js';
import { itemCount, judgeCountSum, judgeQuorum, listItems, weakestPart } from './operator-counts.js';
import { judgeReplicas } from './replicas.js';
import { append } from '../../model/index.js';

const quorumRecovery = { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.quorumLost };

/** The proxy pods of a Percona cluster (HAProxy, ProxySQL, mongos) when they are enabled: clients go through them. */
function proxies(r: ResourceView, parts: readonly { enabled?: string; size: string }[]): Judgement[] {
  const out: Judgement[] = [];
  for (const p of parts) {
    const on = p.enabled === undefined ? true : bool(r, p.enabled);
    if (on === UNKNOWN) out.push(judgement(redundancy(null, null, null), [p.enabled!]));
    else if (on === true) out.push(judgeReplicas(r, { key: p.size, absent: null }));
  }
  return out;
}

/**
 * Percona XtraDB Cluster: `spec.pxc.size` Galera members (a majority system; the operator's default is
 * 3), reached through HAProxy or ProxySQL pods when one is enabled. The weaker part decides.
 */
const perconaXtraDB: CatalogEntry = {
  id: 'k8s-percona-xtradb-cluster',
  title: 'Percona XtraDB Cluster',
  role: 'database',
  types: { kubernetes: ['pxc.percona.com/PerconaXtraDBCluster'] },
  attributes: {
    size: { kubernetes: 'spec.pxc.size' },
    haproxyEnabled: { kubernetes: 'spec.haproxy.enabled' },
    haproxySize: { kubernetes: 'spec.haproxy.size' },
    proxysqlEnabled: { kubernetes: 'spec.proxysql.enabled' },
    proxysqlSize: { kubernetes: 'spec.proxysql.size' },
  },
  judge: (r) =>
    weakestPart([
      judgeQuorum(r, 'size', 3),
      ...proxies(r, [
        { enabled: 'haproxyEnabled', size: 'haproxySize' },
        { enabled: 'proxysqlEnabled', size: 'proxysqlSize' },
      ]),
    ]),
  recovery: quorumRecovery,
  impact: 'MySQL writes fail until the Galera cluster has a majority again, and clients of its proxies lose their connections',
};

/**
 * The voting members of one MongoDB replica set written at `path` (`spec.replsets.0`): its `size`
 * data-bearing members plus an enabled arbiter's `size` (default 1), a majority system.
 */
function replicaSet(path: string, item: Readonly<Record<string, unknown>>): Judgement {
  const counts = [{ key: `${path}.size`, count: itemCount(item, 'size', null) }];
  const arbiter = item['arbiter'];
  if (arbiter !== null && typeof arbiter === 'object' && !Array.isArray(arbiter)) {
    const a = arbiter as Record<string, unknown>;
    if (a['enabled'] === true || a['enabled'] === 'true') counts.push({ key: `${path}.arbiter.size`, count: itemCount(a, 'size', 1) });
  }
  return judgeCountSum(counts, true);
}

/**
 * Percona Server for MongoDB: every replica set of `spec.replsets` (and, when sharded, the config
 * server replica set) is a majority system; the mongos routers are what clients connect to. The weakest
 * part decides: one replica set without a majority makes its data unwritable.
 */
const perconaMongoDB: CatalogEntry = {
  id: 'k8s-percona-server-mongodb',
  title: 'Percona Server for MongoDB',
  role: 'database',
  types: { kubernetes: ['psmdb.percona.com/PerconaServerMongoDB'] },
  attributes: {
    shardingEnabled: { kubernetes: 'spec.sharding.enabled' },
    configsvrSize: { kubernetes: 'spec.sharding.configsvrReplSet.size' },
    mongosSize: { kubernetes: 'spec.sharding.mongos.size' },
  },
  judge(r) {
    const sets = listItems(r, 'spec.replsets');
    if (sets === UNKNOWN) return judgement(redundancy(null, null, null, { quorum: true }), ['spec.replsets']);
    const parts = sets.map((s) => replicaSet(s.path, s.item));
    const sharded = bool(r, 'shardingEnabled');
    if (sharded === UNKNOWN) parts.push(judgement(redundancy(null, null, null), ['shardingEnabled']));
    else if (sharded === true) append(parts, [judgeQuorum(r, 'configsvrSize', null), ...proxies(r, [{ size: 'mongosSize' }])]);
    return weakestPart(parts);
  },
  recovery: quorumRecovery,
  impact: 'the replica set loses its primary: writes to its data fail until a majority is back',
};

export const PERCONA_OPERATOR_ENTRIES: readonly CatalogEntry[] = [perconaXtraDB, perconaMongoDB];
