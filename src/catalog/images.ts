import { STATEFUL_ROLES, type Role } from '../model/index.js';
import type { CatalogEntry, Judgement, PipelineRole, RecoveryEstimate, ResourceView } from './entry.js';
import { judgement, redundancy } from './judging/index.js';
import { PIPELINE_KINDS, pipelineByImage, pipelineKey } from './pipeline-images.js';
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
  /** A scheduler, orchestrator or ingestion worker (`pipeline-images.ts`): it matters without dependents. */
  pipeline?: PipelineRole;
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
  // Variants of the images above that their command or environment reveal (see `runtimeKey`).
  'mongo-replset': {
    id: 'image-mongodb-replica-set',
    cluster: true,
    title: 'MongoDB replica set',
    role: 'database',
    quorum: true,
    impact: 'without a majority of its voting members the replica set elects no primary: writes stop',
    recovery: { redundant: RECOVERY.multiAzFailover, single: RECOVERY.snapshotRestore },
  },
  galera: {
    id: 'image-galera',
    cluster: true,
    title: 'Galera cluster (MariaDB / Percona XtraDB)',
    role: 'database',
    quorum: true,
    impact: 'without a majority of its nodes the cluster is no longer a primary component: reads and writes stop',
    recovery: { redundant: RECOVERY.multiAzFailover, single: RECOVERY.snapshotRestore },
  },
  patroni: {
    // Leader election goes through Patroni's store (etcd, Consul, the Kubernetes API): its members fail
    // over to each other, so they are one replicated PostgreSQL, not a majority system themselves.
    id: 'image-patroni',
    cluster: true,
    title: 'PostgreSQL with Patroni',
    role: 'database',
    impact: 'writes stop until Patroni promotes a replica; with no replica left, until the member is back',
    recovery: { redundant: RECOVERY.multiAzFailover, single: RECOVERY.snapshotRestore },
  },
  'kafka-controller': {
    id: 'image-kafka-kraft-controller',
    cluster: true,
    title: 'Kafka KRaft controllers',
    role: 'queue',
    quorum: true,
    impact: 'the controller quorum loses its majority: no partition leader elections or metadata changes, and brokers fence themselves',
    recovery: { redundant: RECOVERY.logReplicated, single: RECOVERY.logSingle },
  },
  nexus: {
    id: 'image-nexus',
    title: 'Nexus Repository',
    role: 'storage',
    impact: 'artifact downloads and uploads fail, and builds that pull through it stop',
    recovery: { redundant: RECOVERY.searchReplicated, single: RECOVERY.zonalStorage },
  },
  ...PIPELINE_KINDS,
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
  'kubernetes-zookeeper': 'zookeeper',
  'etcd-amd64': 'etcd',
  'etcd-arm64': 'etcd',
  'mariadb-galera': 'galera',
  'percona-xtradb-cluster': 'galera',
  spilo: 'patroni',
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
  // Zalando's Spilo is published per PostgreSQL major version: spilo-15, spilo-16.
  const name = imageName(image).replace(/^spilo-\d+$/, 'spilo');
  const key = ALIASES[name] ?? name;
  // Pipeline software is told by the images it publishes, not by any image of that name (`acme/vector`).
  if (Object.hasOwn(PIPELINE_KINDS, key) || !Object.hasOwn(KINDS, key)) return pipelineByImage(image);
  return key;
}

/** What one container runs, as its definition says: image, command and arguments, environment. */
export interface ContainerRuntime {
  image?: string;
  /** `command` / `entrypoint` then `args`, as written (a shell script is one word). */
  words: readonly string[];
  env: readonly { name: string; value: string }[];
  /** Configuration files it mounts, as text, when the format reads them (a Kubernetes ConfigMap's data). */
  files?: string;
}

/** Server programs that name what runs when the image does not (an in-house image, `sh -c "start-zookeeper ..."`). */
const PROGRAMS: Record<string, string> = {
  etcd: 'etcd',
  'start-zookeeper': 'zookeeper',
  'zkServer.sh': 'zookeeper',
  'zookeeper-server-start.sh': 'zookeeper',
  mongod: 'mongo',
  patroni: 'patroni',
  'kafka-server-start.sh': 'kafka',
};

/** Variables only the server of that software reads (its clients set endpoints, not these). */
const SERVER_ENV: readonly [RegExp, string][] = [
  [/^ZOO_(MY_ID|SERVERS)$/, 'zookeeper'],
  [/^ETCD_INITIAL_CLUSTER$/, 'etcd'],
  [/^PATRONI_(SCOPE|NAME|KUBERNETES_LABELS)$/, 'patroni'],
  [/^MARIADB_GALERA_CLUSTER_(ADDRESS|NAME)$/, 'galera'],
];

/** The first program of each shell command in the words: `sh -c "exec start-zookeeper --servers=3"` -> start-zookeeper. */
function programs(words: readonly string[]): string[] {
  const out: string[] = [];
  const first = words[0];
  if (first !== undefined) out.push(first.trim().split(/\s+/)[0] ?? '');
  for (const word of words) {
    if (!/\s/.test(word.trim())) continue;
    for (const command of word.split(/&&|\|\||[;|\n]/)) {
      const tokens = command.trim().split(/\s+/).filter((t) => !/^\w+=/.test(t));
      const program = tokens[0] === 'exec' ? tokens[1] : tokens[0];
      if (program) out.push(program);
    }
  }
  return out.map((p) => p.replace(/^["']|["']$/g, '').split('/').pop() ?? p);
}

/**
 * What a container runs: the image's software, else the server program its command starts or the
 * variables only that server reads; then the variant its configuration selects, since that decides
 * how its replicas survive failures: `mongod --replSet` is a replica set (a majority system), MariaDB
 * with `wsrep` a Galera cluster, PostgreSQL under Patroni a replicated pair, Kafka with the KRaft
 * `controller` role a controller quorum.
 */
export function runtimeKey(rt: ContainerRuntime): string | undefined {
  // A scheduler or a Connect worker is told by its subcommand, even in an image of other software (`kafka`).
  const pipeline = pipelineKey(rt, rt.image ? imageName(rt.image) : undefined, programs(rt.words));
  if (pipeline !== undefined) return pipeline;
  let key = imageKey(rt.image);
  if (key === undefined) key = programs(rt.words).map((p) => PROGRAMS[p]).find((k) => k !== undefined);
  if (key === undefined) key = SERVER_ENV.find(([name]) => rt.env.some((e) => name.test(e.name)))?.[1];
  const text = rt.words.join(' ');
  const env = (pattern: RegExp) => rt.env.some((e) => pattern.test(e.name));
  if (key === 'mongo' && (/--replSet\b/.test(text) || env(/^(MONGO_REPLSET|MONGODB_REPLICA_SET_NAME|MONGODB_REPLICA_SET_MODE)$/))) return 'mongo-replset';
  if ((key === 'mysql' || key === 'mariadb') && (/\bwsrep[-_]/.test(text) || env(/^(WSREP_|MARIADB_GALERA_)/))) return 'galera';
  if (key === 'postgres' && (programs(rt.words).includes('patroni') || env(/^PATRONI_/))) return 'patroni';
  if ((key === 'kafka' || key === undefined) && kraftController(rt)) return 'kafka-controller';
  return key;
}

/**
 * Kafka in KRaft mode running only the `controller` role, from its environment or arguments. A node that
 * is also a broker stays a Kafka broker here (what its clients lose is the broker); the Kubernetes
 * format still counts its replicas as a majority system.
 */
function kraftController(rt: ContainerRuntime): boolean {
  const roles = rt.env.find((e) => /^KAFKA_(CFG_)?PROCESS_ROLES$/.test(e.name))?.value ?? /\bprocess\.roles=([\w,]+)/.exec(rt.words.join(' '))?.[1];
  return roles !== undefined && roles.replace(/\s/g, '') === 'controller';
}

export function runtimeKind(rt: ContainerRuntime): ImageKind | undefined {
  return kindOfKey(runtimeKey(rt));
}

/** The kind of a canonical key (`imageKey`, `runtimeKey`). */
export function kindOfKey(key: string | undefined): ImageKind | undefined {
  return key === undefined ? undefined : KINDS[key];
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
  const independent = countsAsOne(kind);
  const quorum = kind?.quorum ?? false;
  const target = quorum ? 3 : 2;
  return (r) => {
    const declared = r.count;
    const instances = declared === null ? null : independent ? Math.min(declared, 1) : declared;
    const fix = !independent && instances !== null && instances < target ? { key: 'replicas', value: target } : undefined;
    return judgement(redundancy(instances, null, null, { quorum }), ['replicas'], fix);
  };
}

/**
 * Whether replicas of this image count as one instance: independent servers (PostgreSQL, Redis), or a
 * singleton by design whose second copy runs the work twice (Celery beat, a Flink JobManager without HA).
 */
export function countsAsOne(kind: ImageKind | undefined): boolean {
  return replicasAreIndependent(kind) || kind?.pipeline?.singleton !== undefined;
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
  ...(kind.pipeline ? { pipeline: kind.pipeline } : {}),
}));
