import type { Role } from '../model/index.js';
import type { RecoveryEstimate } from './entry.js';
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
  cassandra: db('image-cassandra', 'Cassandra'),
  cockroach: { ...db('image-cockroachdb', 'CockroachDB'), quorum: true },
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
    title: 'RabbitMQ',
    role: 'queue',
    impact: 'publishers and consumers stop, and messages not on durable storage are lost',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  kafka: {
    id: 'image-kafka',
    title: 'Kafka',
    role: 'queue',
    impact: 'producers and consumers of its partitions stop',
    recovery: { redundant: RECOVERY.logReplicated, single: RECOVERY.logSingle },
  },
  nats: {
    id: 'image-nats',
    title: 'NATS',
    role: 'queue',
    impact: 'publishers and subscribers are disconnected',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  zookeeper: {
    id: 'image-zookeeper',
    title: 'ZooKeeper',
    role: 'database',
    quorum: true,
    impact: 'the ensemble loses its majority and its clients (Kafka, HBase, ...) stop coordinating',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.brokerSingle },
  },
  etcd: {
    id: 'image-etcd',
    title: 'etcd',
    role: 'database',
    quorum: true,
    impact: 'the cluster loses its majority and stops accepting writes',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.snapshotRestore },
  },
  consul: {
    id: 'image-consul',
    title: 'Consul',
    role: 'database',
    quorum: true,
    impact: 'the servers lose their majority: service discovery and KV writes stop',
    recovery: { redundant: RECOVERY.brokerFailover, single: RECOVERY.snapshotRestore },
  },
  elasticsearch: {
    id: 'image-elasticsearch',
    title: 'Elasticsearch',
    role: 'database',
    impact: 'search and indexing fail until the node is back and its shards recovered',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.searchSingle },
  },
  minio: {
    id: 'image-minio',
    title: 'MinIO',
    role: 'storage',
    impact: 'object reads and writes fail',
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
};

/** The repository name of an image reference: no registry host, namespace, tag or digest. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.split('/').pop() ?? noDigest;
  return (last.split(':')[0] ?? last).toLowerCase();
}

export function imageKind(image: string | undefined): ImageKind | undefined {
  if (!image) return undefined;
  const name = imageName(image);
  return KINDS[ALIASES[name] ?? name];
}

export const IMAGE_KINDS: readonly ImageKind[] = Object.values(KINDS);
