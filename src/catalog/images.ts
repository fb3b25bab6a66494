import { STATEFUL_ROLES, type Role } from '../model/index.js';
import type { CatalogEntry, Judgement, RecoveryEstimate, ResourceView } from './entry.js';
import { judgement, redundancy } from './judging/index.js';
import { RECOVERY } from './recovery.js';

/**
 * Well-known container images and what they are, shared by every format that runs containers
 * (Kubernetes workloads, compose services). Matched on the image's repository name, without
 * registry, namespace or tag: `docker.io/bitnami/postgresql:16` -> `postgresql`.
 */
export interface ImageKind {
  /** Stable rule id of the pattern: `image-postgres`. */
  id: string;
  title: string;
  role: Role;
  /** Majority systems: n members tolerate floor((n-1)/2) failures. */
  quorum?: boolean;
  /**
   * Several servers of this image that know each other form one cluster that replicates its data
   * (Kafka brokers, a ZooKeeper ensemble, Elasticsearch nodes). Stateful images without it (PostgreSQL,
   * Redis, ...) do not: two replicas are two independent servers, not a primary and its standby.
   */
  cluster?: boolean;
  impact: string;
  recovery: { redundant: RecoveryEstimate; single: RecoveryEstimate };
}

const db = (id: string, title: string): ImageKind => ({
  id,
  title,
  role: 'database',
  impact: 'reads and writes fail until the instance is restarted or its data restored',
  recovery: { redundant: RECOVERY.multiAzFailover, single: RECOVERY.snapshotRestore },
});

const KINDS: Record<string, ImageKind> = {
  postgres: db('image-postgres', 'PostgreSQL'),
  mysql: db('image-mysql', 'MySQL'),
  mariadb: db('image-mariadb', 'MariaDB'),
  mongo: db('image-mongodb', 'MongoDB'),
  cassandra: { ...db('image-cassandra', 'Cassandra'), cluster: true },
  cockroach: { ...db('image-cockroachdb', 'CockroachDB'), quorum: true, cluster: true },
  mssql: db('image-mssql', 'SQL Server'),
  redis: {
    id: 'image-redis',
    title: 'Redis',
    role: 'cache',
    impact: 'cache and session reads fail, and whatever it stores without persistence is lost',
    recovery: { redundant: RECOVERY.cacheReplicaFailover, single: RECOVERY.cacheNodeReplace },
  },
  memcached: {
    id: 'image-memcached',
    title: 'Memcached',
    role: 'cache',
    impact: 'cached reads miss and fall through to the backing store',
    recovery: { redundant: RECOVERY.cacheReplicaFailover, single: RECOVERY.cacheNodeReplace },
  },
  rabbitmq: {
    id: 'image-rabbitmq',
    cluster: true,
    title: 'RabbitMQ',
    role: 'queue',
    impact: 'publishers and consumers stop, and messages not on durable storage are lost',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  kafka: {
    id: 'image-kafka',
    cluster: true,
    title: 'Kafka',
    role: 'queue',
    impact: 'producers and consumers of its partitions stop',
    recovery: { redundant: RECOVERY.logReplicated, single: RECOVERY.logSingle },
  },
  nats: {
    id: 'image-nats',
    cluster: true,
    title: 'NATS',
    role: 'queue',
    impact: 'publishers and subscribers are disconnected',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  zookeeper: {
    id: 'image-zookeeper',
    cluster: true,
    title: 'ZooKeeper',
    role: 'database',
    quorum: true,
    impact: 'the ensemble loses its majority and its clients (Kafka, HBase, ...) stop coordinating',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  etcd: {
    id: 'image-etcd',
    cluster: true,
    title: 'etcd',
    role: 'database',
    quorum: true,
    impact: 'the cluster loses its majority and stops accepting writes',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.snapshotRestore },
  },
  consul: {
    id: 'image-consul',
    cluster: true,
    title: 'Consul',
    role: 'database',
    quorum: true,
    impact: 'the servers lose their majority: service discovery and KV writes stop',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.snapshotRestore },
  },
  elasticsearch: {
    id: 'image-elasticsearch',
    cluster: true,
    title: 'Elasticsearch',
    role: 'database',
    impact: 'search and indexing fail until the node is back and its shards recovered',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.searchSingle },
  },
  minio: {
    id: 'image-minio',
    cluster: true,
    title: 'MinIO',
    role: 'storage',
    impact: 'object reads and writes fail',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  // Replicated by the common charts (StatefulSet members with replication set up): their replicas form one system.
  clickhouse: {
    id: 'image-clickhouse',
    cluster: true,
    title: 'ClickHouse',
    role: 'database',
    impact: 'queries and inserts fail until the server is back and its data restored',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.snapshotRestore },
  },
  seaweedfs: {
    // Not `cluster`: one image runs the master, volume and filer roles by command, so services that
    // share it are different roles, not members of one cluster.
    id: 'image-seaweedfs',
    title: 'SeaweedFS',
    role: 'storage',
    impact: 'file and object reads and writes fail, and volumes without a replica are lost with their disk',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  scylla: { ...db('image-scylladb', 'ScyllaDB'), cluster: true },
  vault: {
    id: 'image-vault',
    cluster: true,
    title: 'Vault',
    role: 'database',
    quorum: true,
    impact: 'secrets cannot be read or issued until Vault is back and unsealed',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.snapshotRestore },
  },
  prometheus: {
    // Replicas scrape the same targets, each keeping a full copy: a pair is the usual redundancy.
    id: 'image-prometheus',
    cluster: true,
    title: 'Prometheus',
    role: 'storage',
    impact: 'metrics are not collected and alerts do not fire while it is down; its stored series are lost with its volume',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  loki: {
    id: 'image-loki',
    cluster: true,
    title: 'Loki',
    role: 'storage',
    impact: 'logs are neither ingested nor queryable, and logs not yet flushed to storage are lost',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  tempo: {
    id: 'image-tempo',
    cluster: true,
    title: 'Tempo',
    role: 'storage',
    impact: 'traces are neither ingested nor queryable, and traces not yet flushed to storage are lost',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  redpanda: {
    id: 'image-redpanda',
    cluster: true,
    title: 'Redpanda',
    role: 'queue',
    impact: 'producers and consumers of its partitions stop',
    recovery: { redundant: RECOVERY.logReplicated, single: RECOVERY.logSingle },
  },
  // One server per dataset: more replicas of the image are more independent servers with their own data.
  influxdb: db('image-influxdb', 'InfluxDB'),
  questdb: db('image-questdb', 'QuestDB'),
  victoriametrics: db('image-victoriametrics', 'VictoriaMetrics (single node)'),
  couchdb: db('image-couchdb', 'CouchDB'),
  neo4j: db('image-neo4j', 'Neo4j'),
  nexus: {
    id: 'image-nexus',
    title: 'Nexus Repository',
    role: 'storage',
    impact: 'artifact downloads and uploads fail, and builds that pull through it stop',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
};

/** Repository names that mean the same software. */
const ALIASES: Record<string, string> = {
  postgresql: 'postgres',
  'postgresql-ha': 'postgres',
  postgis: 'postgres',
  timescaledb: 'postgres',
  'mysql-server': 'mysql',
  percona: 'mysql',
  'percona-server': 'mysql',
  mongodb: 'mongo',
  'mongodb-community-server': 'mongo',
  'redis-stack': 'redis',
  'redis-stack-server': 'redis',
  valkey: 'redis',
  keydb: 'redis',
  dragonfly: 'redis',
  'cp-kafka': 'kafka',
  'kafka-kraft': 'kafka',
  'cp-zookeeper': 'zookeeper',
  opensearch: 'elasticsearch',
  'mssql-server': 'mssql',
  cockroachdb: 'cockroach',
  'nats-streaming': 'nats',
  'timescaledb-ha': 'postgres',
  pgvector: 'postgres',
  'clickhouse-server': 'clickhouse',
  scylladb: 'scylla',
  'elasticsearch-oss': 'elasticsearch',
  'victoria-metrics': 'victoriametrics',
  nexus3: 'nexus',
  influxdb2: 'influxdb',
  'valkey-cluster': 'redis',
  'kafka-native': 'kafka',
  'cp-server': 'kafka',
};

/** The repository name of an image reference: no registry host, namespace, tag or digest. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.split('/').pop() ?? noDigest;
  return (last.split(':')[0] ?? last).toLowerCase();
}

/** The canonical name of a well-known image (`bitnami/postgresql:16` -> `postgres`), undefined for others. */
export function imageKey(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const name = imageName(image);
  const key = ALIASES[name] ?? name;
  return Object.hasOwn(KINDS, key) ? key : undefined;
}

export function imageKind(image: string | undefined): ImageKind | undefined {
  const key = imageKey(image);
  return key === undefined ? undefined : KINDS[key];
}

export const IMAGE_KINDS: readonly ImageKind[] = Object.values(KINDS);

/** The catalog type a container format gives a service running a well-known image: `image:postgres`. */
export function imageType(key: string): string {
  return `image:${key}`;
}

/**
 * Judges a container workload from `ResourceView.count`, the number of containers the format found
 * declared (replicas, scale, global mode...). Replicas of a stateful image that does not cluster are
 * independent servers, each with its own data: they count as one instance, and the fix is a replicated
 * setup rather than more replicas. Quorum systems want 3 members, everything else 2.
 */
export function judgeContainer(kind: ImageKind | undefined): (r: ResourceView) => Judgement {
  const independent = replicasAreIndependent(kind);
  const quorum = kind?.quorum ?? false;
  const target = quorum ? 3 : 2;
  return (r) => {
    const declared = r.count;
    const instances = declared === null ? null : independent ? Math.min(declared, 1) : declared;
    const fix = !independent && instances !== null && instances < target ? { key: 'replicas', value: target } : undefined;
    return judgement(redundancy(instances, null, null, { quorum }), ['replicas'], fix);
  };
}

/** Whether replicas of this image are independent servers rather than members of one cluster. */
export function replicasAreIndependent(kind: ImageKind | undefined): boolean {
  return kind !== undefined && STATEFUL_ROLES.has(kind.role) && !kind.cluster;
}

/**
 * One catalog entry per well-known image, so findings name the software, its impact and recovery.
 * Container formats list their type for it (`image:<key>`); the entry judges the declared count.
 */
export const IMAGE_ENTRIES: readonly CatalogEntry[] = Object.entries(KINDS).map(([key, kind]) => ({
  id: kind.id,
  title: kind.title,
  role: kind.role,
  types: { compose: [imageType(key)] },
  attributes: { replicas: { compose: 'deploy.replicas' } },
  judge: judgeContainer(kind),
  recovery: kind.recovery,
  impact: kind.impact,
}));
