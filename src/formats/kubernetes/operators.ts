/**
 * What operators create for their custom resources, so Services and hostnames can reach them: the
 * labels on the pods they run (a user's Service selects those) and the Services they create (clients
 * use those names as hostnames). Documented conventions of each operator.
 */
import type { K8sObject } from './objects.js';
import { typeOf } from './objects.js';
import { at, seqAt, stringMap, textAt } from './tree.js';

interface OperatorConvention {
  podLabels(name: string, o: K8sObject): Record<string, string>;
  services(name: string, o: K8sObject): string[];
  /**
   * The operator keeps no PodDisruptionBudget of its own for these pods, so one the user writes is their
   * only disruption protection (prometheus-operator, RabbitMQ, the CoreOS etcd operator). Operators that
   * maintain one (CloudNativePG, Strimzi, ECK, Percona, MySQL Operator, ...) are not judged by the user's.
   */
  userBudget?: boolean;
}

/** Labels the resource asks its pods to carry (`spec.podMetadata.labels`); the operator's own win over them. */
const podMetadata = (o: K8sObject): Record<string, string> => Object.fromEntries(stringMap(at(o.root, ['spec', 'podMetadata', 'labels'])));

const CONVENTIONS: Record<string, OperatorConvention> = {
  'monitoring.coreos.com/Prometheus': {
    podLabels: (n, o) => ({
      ...podMetadata(o),
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': n,
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      'operator.prometheus.io/name': n,
      prometheus: n,
    }),
    services: () => ['prometheus-operated'],
    userBudget: true,
  },
  'monitoring.coreos.com/Alertmanager': {
    podLabels: (n, o) => ({
      ...podMetadata(o),
      'app.kubernetes.io/name': 'alertmanager',
      'app.kubernetes.io/instance': n,
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      alertmanager: n,
    }),
    services: () => ['alertmanager-operated'],
    userBudget: true,
  },
  'mysql.oracle.com/InnoDBCluster': {
    podLabels: (n) => ({ component: 'mysqld', tier: 'mysql', 'mysql.oracle.com/cluster': n }),
    services: (n) => [n, `${n}-instances`],
  },
  'pxc.percona.com/PerconaXtraDBCluster': {
    podLabels: (n) => ({ 'app.kubernetes.io/instance': n, 'app.kubernetes.io/component': 'pxc', 'app.kubernetes.io/name': 'percona-xtradb-cluster' }),
    services: (n) => [`${n}-pxc`, `${n}-haproxy`, `${n}-haproxy-replicas`, `${n}-proxysql`],
  },
  'psmdb.percona.com/PerconaServerMongoDB': {
    podLabels: (n) => ({ 'app.kubernetes.io/instance': n, 'app.kubernetes.io/component': 'mongod', 'app.kubernetes.io/name': 'percona-server-mongodb' }),
    services: (n, o) => [`${n}-mongos`, ...seqAt(o.root, ['spec', 'replsets']).flatMap((rs) => (textAt(rs, ['name']) === undefined ? [] : [`${n}-${textAt(rs, ['name'])}`]))],
  },
  'elasticsearch.k8s.elastic.co/Elasticsearch': {
    podLabels: (n) => ({ 'elasticsearch.k8s.elastic.co/cluster-name': n, 'common.k8s.elastic.co/type': 'elasticsearch' }),
    services: (n) => [`${n}-es-http`, `${n}-es-internal-http`, `${n}-es-transport`],
  },
  'planetscale.com/VitessCluster': { podLabels: (n) => ({ 'planetscale.com/cluster': n }), services: () => [] },
  'etcd.database.coreos.com/EtcdCluster': { podLabels: (n) => ({ app: 'etcd', etcd_cluster: n }), services: (n) => [n, `${n}-client`], userBudget: true },
  'operator.etcd.io/EtcdCluster': { podLabels: (n) => ({ app: n, controller: n }), services: (n) => [n] },
  'etcd.aenix.io/EtcdCluster': {
    podLabels: (n) => ({ 'app.kubernetes.io/name': 'etcd', 'app.kubernetes.io/instance': n, 'app.kubernetes.io/managed-by': 'etcd-operator' }),
    services: (n) => [n, `${n}-client`],
  },
  'zookeeper.pravega.io/ZookeeperCluster': { podLabels: (n) => ({ app: n, kind: 'ZookeeperMember' }), services: (n) => [`${n}-client`, `${n}-headless`] },
  'postgresql.cnpg.io/Cluster': {
    podLabels: (n) => ({ 'cnpg.io/cluster': n }),
    services: (n) => [`${n}-rw`, `${n}-ro`, `${n}-r`],
  },
  'acid.zalan.do/postgresql': {
    podLabels: (n) => ({ 'cluster-name': n, application: 'spilo' }),
    services: (n) => [n, `${n}-repl`],
  },
  'rabbitmq.com/RabbitmqCluster': {
    podLabels: (n) => ({ 'app.kubernetes.io/name': n, 'app.kubernetes.io/component': 'rabbitmq', 'app.kubernetes.io/part-of': 'rabbitmq' }),
    services: (n) => [n],
    userBudget: true,
  },
  'kafka.strimzi.io/Kafka': {
    podLabels: (n) => ({ 'strimzi.io/cluster': n, 'strimzi.io/kind': 'Kafka' }),
    services: (n) => [`${n}-kafka-bootstrap`, `${n}-kafka-brokers`],
  },
  'platform.confluent.io/Kafka': {
    podLabels: (n) => ({ app: n, 'platform.confluent.io/type': 'kafka' }),
    services: (n) => [n],
  },
  'platform.confluent.io/Zookeeper': {
    podLabels: (n) => ({ app: n, 'platform.confluent.io/type': 'zookeeper' }),
    services: (n) => [n],
  },
  'databases.spotahome.com/RedisFailover': {
    podLabels: (n) => ({
      'app.kubernetes.io/name': n,
      'app.kubernetes.io/component': 'redis',
      'app.kubernetes.io/part-of': 'redis-failover',
      'redisfailovers.databases.spotahome.com/name': n,
      'redisfailovers-role': 'master',
    }),
    services: (n) => [`rfr-${n}`, `rfs-${n}`, `rfrm-${n}`],
  },
  'redis.redis.opstreelabs.in/Redis': { podLabels: (n) => ({ app: n }), services: (n) => [n] },
  'redis.redis.opstreelabs.in/RedisReplication': { podLabels: (n) => ({ app: n }), services: (n) => [n, `${n}-master`] },
  'redis.redis.opstreelabs.in/RedisCluster': { podLabels: (n) => ({ app: `${n}-leader` }), services: (n) => [`${n}-leader`, n] },
  'app.redislabs.com/RedisEnterpriseDatabase': { podLabels: () => ({}), services: (n) => [n] },
  'cache.cs.sap.com/Valkey': { podLabels: () => ({}), services: (n) => [`valkey-${n}`, `valkey-${n}-primary`] },
  'mongodbcommunity.mongodb.com/MongoDBCommunity': { podLabels: (n) => ({ app: `${n}-svc` }), services: (n) => [`${n}-svc`] },
};

export function operatorPodLabels(o: K8sObject): Map<string, string> | undefined {
  const c = CONVENTIONS[typeOf(o)];
  return c ? new Map(Object.entries(c.podLabels(o.name, o))) : undefined;
}

export function operatorServices(o: K8sObject): string[] {
  return CONVENTIONS[typeOf(o)]?.services(o.name, o) ?? [];
}

/** Whether a PodDisruptionBudget the user writes is the only one the operator's pods get (see `userBudget`). */
export function budgetIsUsers(o: K8sObject): boolean {
  return CONVENTIONS[typeOf(o)]?.userBudget === true;
}
