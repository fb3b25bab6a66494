/**
 * What operators create for their custom resources, so Services and hostnames can reach them: the
 * labels on the pods they run (a user's Service selects those) and the Services they create (clients
 * use those names as hostnames). Documented conventions of each operator.
 */
import type { K8sObject } from './objects.js';
import { typeOf } from './objects.js';

interface OperatorConvention {
  podLabels(name: string): Record<string, string>;
  services(name: string): string[];
}

const CONVENTIONS: Record<string, OperatorConvention> = {
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
  return c ? new Map(Object.entries(c.podLabels(o.name))) : undefined;
}

export function operatorServices(o: K8sObject): string[] {
  return CONVENTIONS[typeOf(o)]?.services(o.name) ?? [];
}
