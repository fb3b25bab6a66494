import type { CatalogEntry } from '../entry.js';
import { CHART_ENTRIES } from './charts.js';
import { K8S_NETWORK_ENTRIES } from './network.js';
import { ECK_OPERATOR_ENTRIES } from './operator-eck.js';
import { ETCD_ZOOKEEPER_OPERATOR_ENTRIES } from './operator-etcd-zookeeper.js';
import { MYSQL_OPERATOR_ENTRIES } from './operator-mysql.js';
import { PERCONA_OPERATOR_ENTRIES } from './operator-percona.js';
import { PROMETHEUS_OPERATOR_ENTRIES } from './operator-prometheus.js';
import { VITESS_OPERATOR_ENTRIES } from './operator-vitess.js';
import { K8S_OPERATOR_ENTRIES } from './operators.js';
import { K8S_WORKLOAD_ENTRIES } from './workloads.js';

export const KUBERNETES_ENTRIES: CatalogEntry[] = [
  ...K8S_WORKLOAD_ENTRIES,
  ...K8S_OPERATOR_ENTRIES,
  ...PROMETHEUS_OPERATOR_ENTRIES,
  ...MYSQL_OPERATOR_ENTRIES,
  ...PERCONA_OPERATOR_ENTRIES,
  ...VITESS_OPERATOR_ENTRIES,
  ...ECK_OPERATOR_ENTRIES,
  ...ETCD_ZOOKEEPER_OPERATOR_ENTRIES,
  ...K8S_NETWORK_ENTRIES,
  ...CHART_ENTRIES,
];

export { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY, SHARED_BY_KEY } from './keys.js';
