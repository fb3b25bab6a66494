import type { RecoveryEstimate } from './entry.js';

/**
 * Typical recovery per redundancy pattern, shared by catalog entries so the same pattern gives the same
 * words everywhere. Estimates are orders of magnitude from the providers' documentation, not promises;
 * `*MaxSeconds` are the upper bounds used for `policy.rto` / `policy.rpo` checks (absent = unbounded).
 */

const MIN = 60;
const HOUR = 3600;

export const RECOVERY = {
  /** Regional managed service: replicated across zones by the provider. */
  regional: { rto: '0 (the provider serves from the other zones)', rpo: '0', rtoMaxSeconds: 0, rpoMaxSeconds: 0 },
  /** Synchronous standby in another zone, promoted automatically (RDS Multi-AZ, Cloud SQL HA, Azure HA). */
  multiAzFailover: { rto: '1-2 min (automatic failover to the standby)', rpo: '0 (synchronous replication)', rtoMaxSeconds: 2 * MIN, rpoMaxSeconds: 0 },
  /** Aurora / DocumentDB / Neptune: a reader is promoted; storage is shared across three zones. */
  clusterReplicaFailover: { rto: '< 1 min (a replica is promoted)', rpo: '0 (shared cluster storage)', rtoMaxSeconds: MIN, rpoMaxSeconds: 0 },
  /** Aurora-like cluster with a single instance: the instance is re-created, storage survives. */
  clusterInstanceRecreate: { rto: '~10 min (the instance is re-created)', rpo: '0 (shared cluster storage)', rtoMaxSeconds: 15 * MIN, rpoMaxSeconds: 0 },
  /** A single read replica (a promotable copy): its readers fall back to the source or wait for a new copy; no data is lost. */
  replicaRecreate: { rto: 'minutes to hours (readers fall back to the source, or the replica is re-created)', rpo: '0 (the source keeps the data)', rpoMaxSeconds: 0 },
  /** Single database: rebuilt from a snapshot / point-in-time restore. */
  snapshotRestore: { rto: 'hours (restore from snapshot)', rpo: 'up to the backup interval (about 5 min with point-in-time recovery)' },
  /** Managed database that heals an instance failure inside its zone but not a zone failure. */
  zonalDatabase: { rto: 'minutes for an instance failure; hours (restore elsewhere) for a zone failure', rpo: '0 for an instance failure; up to the backup interval for a zone failure' },
  /** Cache / in-memory store with a replica promoted automatically. */
  cacheReplicaFailover: { rto: '< 1 min (a replica is promoted)', rpo: 'seconds (asynchronous replication)', rtoMaxSeconds: MIN, rpoMaxSeconds: 10 },
  /** Single cache node: replaced by the provider, contents lost. */
  cacheNodeReplace: { rto: 'minutes (the node is replaced)', rpo: 'all cached data (cold cache) or since the last snapshot', rtoMaxSeconds: 30 * MIN },
  /** Stateless replicas behind a load balancer or a scheduler. */
  loadBalanced: { rto: '0 (healthy instances keep serving)', rpo: 'n/a (stateless)', rtoMaxSeconds: 0, rpoMaxSeconds: 0 },
  /** A single replaceable instance (ASG of 1, one task, one node): replaced automatically. */
  instanceReplace: { rto: 'minutes (the instance is replaced)', rpo: 'n/a (stateless); local state is lost', rtoMaxSeconds: 15 * MIN, rpoMaxSeconds: 0 },
  /** A single virtual machine. */
  singleVm: { rto: 'minutes to hours (reboot, auto-recovery or rebuild)', rpo: 'since the last disk snapshot' },
  /** Zonal managed network component (NAT gateway): survives host failure, not a zone failure. */
  zonalGateway: { rto: 'until the zone recovers or a gateway is added in another zone', rpo: 'n/a', rpoMaxSeconds: 0 },
  /** Zone-redundant network component (one gateway per zone, multi-zone load balancer). */
  zoneRedundantGateway: { rto: '0 (traffic uses the other zones)', rpo: 'n/a', rtoMaxSeconds: 0, rpoMaxSeconds: 0 },
  /** Zonal managed storage (EFS One Zone, EBS, LRS). */
  zonalStorage: { rto: 'until the zone recovers, or hours to restore a backup elsewhere', rpo: 'since the last backup or replica' },
  /** Message broker with a standby or a cluster across zones. */
  brokerFailover: { rto: '1-2 min (the standby takes over)', rpo: '0 for persistent messages', rtoMaxSeconds: 2 * MIN, rpoMaxSeconds: 0 },
  /** Single message broker. */
  brokerSingle: { rto: 'minutes to hours (broker restarted or re-created)', rpo: 'undelivered messages not on durable storage' },
  /** Replicated log (Kafka): partition leadership moves to an in-sync replica. */
  logReplicated: { rto: 'seconds (leaders move to in-sync replicas)', rpo: '0 with acks=all and min.insync.replicas >= 2', rtoMaxSeconds: MIN, rpoMaxSeconds: 0 },
  /** Single broker log. */
  logSingle: { rto: 'minutes to hours (the broker is replaced)', rpo: 'messages not yet replicated or backed up' },
  /** Search cluster with shard replicas across nodes / zones. */
  searchReplicated: { rto: 'seconds to minutes (replica shards promoted)', rpo: '0 for acknowledged writes', rtoMaxSeconds: 5 * MIN, rpoMaxSeconds: 0 },
  /** Single-node search domain. */
  searchSingle: { rto: 'hours (node replaced, indices restored from snapshot)', rpo: 'since the last automated snapshot (hourly)', rpoMaxSeconds: HOUR },
  /** DNS failover between health-checked records. */
  dnsFailover: { rto: 'health-check interval + TTL (1-3 min)', rpo: 'as the targets', rtoMaxSeconds: 3 * MIN },
  /** A plain DNS record: as available as what it points at. */
  dnsSingle: { rto: 'as the target (DNS itself is global)', rpo: 'as the target' },
  /** Managed control plane replicated across zones (regional GKE, EKS). */
  controlPlaneRegional: { rto: '0 (replicas in other zones)', rpo: '0', rtoMaxSeconds: 0, rpoMaxSeconds: 0 },
  /** Single-zone control plane (zonal GKE). */
  controlPlaneZonal: { rto: 'minutes for upgrades and repairs; until the zone recovers for a zone outage', rpo: '0 (etcd backed up by the provider)', rpoMaxSeconds: 0 },
  /** Several active schedulers sharing one state store (Airflow 2+, MWAA, Composer): the others keep scheduling. */
  schedulersActive: { rto: 'seconds (the other schedulers keep scheduling)', rpo: 'n/a (run state is in the metadata database)', rtoMaxSeconds: MIN, rpoMaxSeconds: 0 },
  /** A lone scheduler or orchestrator: restarted or replaced; nothing due meanwhile starts until it is back. */
  schedulerRestart: { rto: 'minutes (it is restarted or replaced; runs due meanwhile start late)', rpo: 'n/a (run state is in its database; work due meanwhile is late, not lost)', rtoMaxSeconds: 15 * MIN, rpoMaxSeconds: 0 },
  /** One active instance and a standby waiting on a lock or a leader election (RedBeat, Flink / Spark HA). */
  standbyTakeover: { rto: 'seconds to a minute (the standby takes the lock or the leadership)', rpo: 'n/a (state is in the HA store)', rtoMaxSeconds: MIN, rpoMaxSeconds: 0 },
  /** A plain cron runner: jobs due while it is down do not run (cron does not catch up). */
  cronRestart: { rto: 'minutes (the runner is restarted or replaced)', rpo: 'jobs due while it is down are skipped (cron does not catch up)' },
  /** Workers of one group (Kafka Connect, a Prefect work pool): the group moves the work to the survivors. */
  workerGroupRebalance: { rto: 'seconds to a minute (the group moves its tasks to the other workers)', rpo: '0 (progress is committed outside the worker: Kafka offsets, run state)', rtoMaxSeconds: MIN, rpoMaxSeconds: 0 },
  /** A lone ingestion worker: restarted, it resumes from committed offsets while the source still keeps them. */
  workerRestart: { rto: 'minutes (the worker is restarted and resumes from its committed offsets)', rpo: '0 while the sources keep their change logs (binlog, WAL, topic retention) until it is back' },
  /** Aggregators behind shippers that fail over (Logstash, Fluentd, Vector): the shippers send to the others. */
  aggregatorPeers: { rto: '0 (shippers send to the other instances)', rpo: '0 for events the shippers still hold', rtoMaxSeconds: 0, rpoMaxSeconds: 0 },
  /** A lone aggregator: shippers buffer while it is down, then drop or block. */
  aggregatorRestart: { rto: 'minutes (it is restarted or replaced)', rpo: 'events beyond what the shippers buffer are dropped' },
} as const satisfies Record<string, RecoveryEstimate>;

export type RecoveryPattern = keyof typeof RECOVERY;

/** The `recovery` field of a catalog entry: the estimate with and without the redundancy it looks for. */
export function recovery(redundant: RecoveryPattern, single: RecoveryPattern): { redundant: RecoveryEstimate; single: RecoveryEstimate } {
  return { redundant: RECOVERY[redundant], single: RECOVERY[single] };
}

/** Recovery of the regional managed services (both sides are the same: they have no single form). */
export const REGIONAL_RECOVERY = recovery('regional', 'regional');
