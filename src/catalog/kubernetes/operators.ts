import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { asStrings, bool, judgement, num, redundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { K8S_RECOVERY } from './recovery.js';
import { judgeQuorum, weakestPart } from './operator-counts.js';
import { countOf, judgeReplicas } from './replicas.js';

/*
 * Data systems run by operators, judged from the plain count field of their custom resource. The
 * operator creates the pods, so their placement is its business: zones stay unknown.
 */

const dbFailover = { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle };
const quorumRecovery = { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.quorumLost };

const cnpgCluster: CatalogEntry = {
  id: 'k8s-cnpg-cluster',
  title: 'CloudNativePG cluster',
  role: 'database',
  types: { kubernetes: ['postgresql.cnpg.io/Cluster'] },
  attributes: { instances: { kubernetes: 'spec.instances' } },
  judge: (r) => judgeReplicas(r, { key: 'instances', absent: 1, failover: true }),
  recovery: dbFailover,
  impact: 'PostgreSQL reads and writes fail until the operator brings the instance back or its data is restored',
};

const zalandoPostgresql: CatalogEntry = {
  id: 'k8s-zalando-postgresql',
  title: 'Zalando Postgres cluster',
  role: 'database',
  types: { kubernetes: ['acid.zalan.do/postgresql'] },
  attributes: { numberOfInstances: { kubernetes: 'spec.numberOfInstances' } },
  judge: (r) => judgeReplicas(r, { key: 'numberOfInstances', absent: 1, failover: true }),
  recovery: dbFailover,
  impact: 'PostgreSQL reads and writes fail until Patroni brings the instance back or its data is restored',
};

const rabbitmqCluster: CatalogEntry = {
  id: 'k8s-rabbitmq-cluster',
  title: 'RabbitMQ cluster',
  role: 'queue',
  types: { kubernetes: ['rabbitmq.com/RabbitmqCluster'] },
  attributes: { replicas: { kubernetes: 'spec.replicas' } },
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: 1 }),
  recovery: { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.operatorSingle },
  impact: 'publishers and consumers stop, and messages not on durable storage are lost',
};

/**
 * Strimzi Kafka: brokers from `spec.kafka.replicas` and, in ZooKeeper mode, the ZooKeeper ensemble
 * (a quorum) from `spec.zookeeper.replicas`; the weaker of the two decides. With node pools the
 * counts live in the KafkaNodePool resources and the Kafka resource only passes failure through.
 */
const strimziKafka: CatalogEntry = {
  id: 'k8s-strimzi-kafka',
  title: 'Strimzi Kafka cluster',
  role: 'queue',
  types: { kubernetes: ['kafka.strimzi.io/Kafka'] },
  attributes: { replicas: { kubernetes: 'spec.kafka.replicas' }, zookeeperReplicas: { kubernetes: 'spec.zookeeper.replicas' } },
  applies: (r) => r.get('replicas') !== undefined || r.get('zookeeperReplicas') !== undefined,
  judge(r) {
    const zk = countOf(num(r, 'zookeeperReplicas'), null);
    if (zk !== null && zk < 3) {
      return judgement(redundancy(zk, null, null, { quorum: true }), ['zookeeperReplicas'], { key: 'zookeeperReplicas', value: 3, note: 'an odd number, so a majority survives one failure' });
    }
    const brokers = judgeReplicas(r, { key: 'replicas', absent: null });
    if (zk !== null) brokers.decisive.push('zookeeperReplicas');
    return brokers;
  },
  recovery: { redundant: { rto: 'seconds (leaders move to in-sync replicas)', rpo: '0 with acks=all and min.insync.replicas >= 2', rtoMaxSeconds: 60, rpoMaxSeconds: 0 }, single: K8S_RECOVERY.operatorSingle },
  impact: 'producers and consumers of its partitions stop',
};

/** A Strimzi node pool: brokers, or KRaft controllers (a quorum) when its roles include `controller`. */
const strimziNodePool: CatalogEntry = {
  id: 'k8s-strimzi-node-pool',
  title: 'Strimzi Kafka node pool',
  role: 'queue',
  types: { kubernetes: ['kafka.strimzi.io/KafkaNodePool'] },
  attributes: { replicas: { kubernetes: 'spec.replicas' }, roles: { kubernetes: 'spec.roles' } },
  judge(r) {
    const roles = asStrings(r.get('roles'));
    const controller = Array.isArray(roles) && roles.includes('controller');
    return judgeReplicas(r, { key: 'replicas', absent: null, quorum: controller });
  },
  recovery: { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.quorumLost },
  impact: 'the brokers or KRaft controllers of the pool stop: producers and consumers of their partitions stop',
};

/**
 * A Strimzi Kafka Connect cluster: `spec.replicas` distributed workers of one group (Strimzi's default is 3).
 * An ingestion cluster (DESIGN: "Pipelines"): nothing names it, yet every connector it runs (change data
 * capture, sinks) stops with its last worker. More replicas are the fix: the group shares the connectors.
 */
const strimziConnect: CatalogEntry = {
  id: 'k8s-strimzi-kafka-connect',
  title: 'Strimzi Kafka Connect cluster',
  role: 'compute',
  types: { kubernetes: ['kafka.strimzi.io/KafkaConnect'] },
  attributes: { replicas: { kubernetes: 'spec.replicas' } },
  pipeline: { part: 'ingestion', note: 'the workers of one Connect cluster share its connectors and take over a failed worker\'s tasks' },
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: 3 }),
  recovery: recovery('workerGroupRebalance', 'workerRestart'),
  impact: 'its connectors stop: change data capture and sink tasks pause until a worker is back, and sources that keep a limited change log (binlog, WAL) may move past the last offset',
};

const confluent = (id: string, title: string, kind: string, quorum: boolean, impact: string): CatalogEntry => ({
  id,
  title,
  role: 'queue',
  types: { kubernetes: [`platform.confluent.io/${kind}`] },
  attributes: { replicas: { kubernetes: 'spec.replicas' } },
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: null, quorum }),
  recovery: quorum ? quorumRecovery : { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.operatorSingle },
  impact,
});

/** Spotahome Redis failover: Redis replicas (default 3) watched by a Sentinel quorum (default 3). */
const redisFailover: CatalogEntry = {
  id: 'k8s-redis-failover',
  title: 'Redis failover (Spotahome operator)',
  role: 'cache',
  types: { kubernetes: ['databases.spotahome.com/RedisFailover'] },
  attributes: { replicas: { kubernetes: 'spec.redis.replicas' }, sentinelReplicas: { kubernetes: 'spec.sentinel.replicas' } },
  judge(r) {
    const sentinels = countOf(num(r, 'sentinelReplicas'), 3);
    if (sentinels !== null && sentinels < 3) {
      return judgement(redundancy(sentinels, null, null, { quorum: true }), ['sentinelReplicas'], { key: 'sentinelReplicas', value: 3, note: 'an odd number, so a majority survives one failure' });
    }
    return judgeReplicas(r, { key: 'replicas', absent: 3, failover: true });
  },
  recovery: { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'cache and session reads fail, and whatever it stores without persistence is lost',
};

const otRedis = (id: string, title: string, kind: string, judge: (r: ResourceView) => Judgement, quorum = false): CatalogEntry => ({
  id,
  title,
  role: 'cache',
  types: { kubernetes: [`redis.redis.opstreelabs.in/${kind}`] },
  attributes: {
    clusterSize: { kubernetes: 'spec.clusterSize' },
    leaders: { kubernetes: 'spec.redisLeader.replicas' },
    followers: { kubernetes: 'spec.redisFollower.replicas' },
  },
  judge,
  recovery: quorum ? quorumRecovery : { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'cache and session reads fail, and whatever it stores without persistence is lost',
});

/**
 * OT Redis Cluster: `clusterSize` masters (overridden by `redisLeader.replicas`), each followed by a replica
 * (`redisFollower.replicas`, default `clusterSize`). A master's replica is promoted only when a majority of
 * the masters agree, so the masters are a majority system (3 survive one loss, 2 none); without followers a
 * master's slots are lost with it.
 */
function judgeOtRedisCluster(r: ResourceView): Judgement {
  const leaderKey = r.get('leaders') !== undefined ? 'leaders' : 'clusterSize';
  const masters = judgeQuorum(r, leaderKey, 3);
  const followers = countOf(num(r, 'followers'), masters.redundancy.instances);
  if (followers === null) return weakestPart([masters, judgement(redundancy(null, null, null), ['followers'])]);
  if (followers > 0) return { ...masters, decisive: [...masters.decisive, 'followers'] };
  const fix = { key: 'followers', value: masters.redundancy.instances ?? 3, note: 'a replica for every master, so a failed master is replaced' };
  return weakestPart([masters, judgement(redundancy(1, null, false), ['followers'], fix)]);
}

/** Redis Enterprise database: `replication: true` keeps a replica of every shard that takes over. */
const redisEnterpriseDatabase: CatalogEntry = {
  id: 'k8s-redis-enterprise-database',
  title: 'Redis Enterprise database',
  role: 'cache',
  types: { kubernetes: ['app.redislabs.com/RedisEnterpriseDatabase'] },
  attributes: { replication: { kubernetes: 'spec.replication' } },
  judge(r) {
    const rep = bool(r, 'replication');
    if (rep === UNKNOWN) return judgement(redundancy(null, null, null), ['replication']);
    const on = rep === true;
    return judgement(redundancy(on ? 2 : 1, null, on), ['replication'], on ? undefined : { key: 'replication', value: true });
  },
  recovery: { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'reads and writes of the database fail until its shard is recovered',
};

/** SAP Valkey operator: without Sentinel the primary is a single node (read replicas do not take over). */
const sapValkey: CatalogEntry = {
  id: 'k8s-sap-valkey',
  title: 'Valkey (SAP operator)',
  role: 'cache',
  types: { kubernetes: ['cache.cs.sap.com/Valkey'] },
  attributes: { replicas: { kubernetes: 'spec.replicas' }, sentinel: { kubernetes: 'spec.sentinel.enabled' } },
  judge(r) {
    const sentinel = bool(r, 'sentinel');
    if (sentinel === true) return judgeReplicas(r, { key: 'replicas', absent: 1, failover: true });
    if (sentinel === UNKNOWN) return judgement(redundancy(null, null, null), ['sentinel']);
    return judgement(redundancy(1, null, false), ['sentinel'], { key: 'sentinel', value: true, note: 'with spec.replicas 3, so a replica is promoted when the primary fails' });
  },
  recovery: { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'writes fail until the primary is back, and whatever it stores without persistence is lost',
};

const mongodbCommunity: CatalogEntry = {
  id: 'k8s-mongodb-community',
  title: 'MongoDB replica set (Community operator)',
  role: 'database',
  types: { kubernetes: ['mongodbcommunity.mongodb.com/MongoDBCommunity'] },
  attributes: { members: { kubernetes: 'spec.members' } },
  judge: (r) => judgeReplicas(r, { key: 'members', absent: null, quorum: true }),
  recovery: quorumRecovery,
  impact: 'the replica set loses its primary: writes fail until a majority is back',
};

export const K8S_OPERATOR_ENTRIES: CatalogEntry[] = [
  cnpgCluster,
  zalandoPostgresql,
  rabbitmqCluster,
  strimziKafka,
  strimziNodePool,
  strimziConnect,
  confluent('k8s-confluent-kafka', 'Confluent Kafka', 'Kafka', false, 'producers and consumers of its partitions stop'),
  confluent('k8s-confluent-zookeeper', 'Confluent ZooKeeper', 'Zookeeper', true, 'the ensemble loses its majority and the Kafka brokers stop coordinating'),
  confluent('k8s-confluent-kraft', 'Confluent KRaft controllers', 'KRaftController', true, 'the controller quorum is lost: the Kafka cluster cannot change leaders or metadata'),
  redisFailover,
  otRedis('k8s-ot-redis', 'Redis standalone (OT operator)', 'Redis', () => judgement(redundancy(1, null, false), [])),
  otRedis('k8s-ot-redis-replication', 'Redis replication (OT operator)', 'RedisReplication', (r) => judgeReplicas(r, { key: 'clusterSize', absent: null, failover: true })),
  otRedis('k8s-ot-redis-cluster', 'Redis cluster (OT operator)', 'RedisCluster', judgeOtRedisCluster),
  otRedis('k8s-ot-redis-sentinel', 'Redis Sentinel (OT operator)', 'RedisSentinel', (r) => judgeReplicas(r, { key: 'clusterSize', absent: null, quorum: true }), true),
  redisEnterpriseDatabase,
  {
    id: 'k8s-redis-enterprise-cluster',
    title: 'Redis Enterprise cluster',
    role: 'cache',
    types: { kubernetes: ['app.redislabs.com/RedisEnterpriseCluster'] },
    attributes: { nodes: { kubernetes: 'spec.nodes' } },
    judge: (r) => judgeReplicas(r, { key: 'nodes', absent: 3, quorum: true }),
    recovery: quorumRecovery,
    impact: 'the cluster loses its majority and stops managing its databases',
  },
  sapValkey,
  mongodbCommunity,
];
