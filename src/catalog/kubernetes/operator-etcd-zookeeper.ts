import type { CatalogEntry } from '../entry.js';
import { K8S_RECOVERY } from './recovery.js';
import { judgeQuorum } from './operator-counts.js';

/** A coordination ensemble run by an operator: a majority system of `path` members (`absent` when unset). */
const ensemble = (id: string, title: string, type: string, path: string, absent: number | null, impact: string): CatalogEntry => ({
  id,
  title,
  role: 'database',
  types: { kubernetes: [type] },
  attributes: { members: { kubernetes: path } },
  judge: (r) => judgeQuorum(r, 'members', absent),
  recovery: { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.quorumLost },
  impact,
});

const ETCD_IMPACT = 'the ensemble loses its majority: reads and writes of its keys fail and its clients stop coordinating';
const ZOOKEEPER_IMPACT = 'the ensemble loses its majority: its clients (Kafka, Solr, ...) stop coordinating';

/**
 * etcd and ZooKeeper operators: the CoreOS etcd-operator and the etcd-io operator (`spec.size`, required),
 * the Ænix etcd-operator (`spec.replicas`, default 3) and the Pravega ZooKeeper operator (`spec.replicas`,
 * default 3). Each is a majority system: n members survive floor((n-1)/2) failures.
 */
export const ETCD_ZOOKEEPER_OPERATOR_ENTRIES: readonly CatalogEntry[] = [
  ensemble('k8s-etcd-cluster', 'etcd cluster (operator)', 'etcd.database.coreos.com/EtcdCluster', 'spec.size', null, ETCD_IMPACT),
  ensemble('k8s-etcd-io-cluster', 'etcd cluster (etcd-io operator)', 'operator.etcd.io/EtcdCluster', 'spec.size', null, ETCD_IMPACT),
  ensemble('k8s-aenix-etcd-cluster', 'etcd cluster (Ænix operator)', 'etcd.aenix.io/EtcdCluster', 'spec.replicas', 3, ETCD_IMPACT),
  ensemble('k8s-zookeeper-cluster', 'ZooKeeper ensemble (Pravega operator)', 'zookeeper.pravega.io/ZookeeperCluster', 'spec.replicas', 3, ZOOKEEPER_IMPACT),
];
