import type { CatalogEntry } from '../entry.js';
import { num } from '../judging/index.js';
import { K8S_RECOVERY } from './recovery.js';
import { judgeQuorum, weakestPart } from './operator-counts.js';
import { judgeReplicas } from './replicas.js';

/**
 * MySQL Operator `InnoDBCluster`: `spec.instances` MySQL servers in one Group Replication group (a
 * majority system: 3 members survive one failure, 2 survive none; the CRD defaults to 1), reached
 * through MySQL Router pods (`spec.router.instances`, default 1). Clients connect through the router's
 * Service (`router.instances: 0` deploys none), so a lone router takes them down as a lone member does; the weaker part decides.
 */
export const innodbCluster: CatalogEntry = {
  id: 'k8s-mysql-innodbcluster',
  title: 'MySQL InnoDB Cluster (MySQL Operator)',
  role: 'database',
  types: { kubernetes: ['mysql.oracle.com/InnoDBCluster'] },
  attributes: { instances: { kubernetes: 'spec.instances' }, routerInstances: { kubernetes: 'spec.router.instances' } },
  judge(r) {
    const members = judgeQuorum(r, 'instances', 1);
    // `router.instances: 0` deploys no router (clients connect to the members' Service): only the group counts.
    if (num(r, 'routerInstances') === 0) return members;
    return weakestPart([members, judgeReplicas(r, { key: 'routerInstances', absent: 1 })]);
  },
  recovery: { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.quorumLost },
  impact: 'MySQL writes fail until the group has a majority again, and clients of its router lose their connections',
};

export const MYSQL_OPERATOR_ENTRIES: readonly CatalogEntry[] = [innodbCluster];
