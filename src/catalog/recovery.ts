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
} as const satisfies Record<string, RecoveryEstimate>;

export type RecoveryPattern = keyof typeof RECOVERY;

/** The `recovery` field of a catalog entry: the estimate with and without the redundancy it looks for. */
export function recovery(redundant: RecoveryPattern, single: RecoveryPattern): { redundant: RecoveryEstimate; single: RecoveryEstimate } {
  return { redundant: RECOVERY[redundant], single: RECOVERY[single] };
}

/** Recovery of the regional managed services (both sides are the same: they have no single form). */
export const REGIONAL_RECOVERY = recovery('regional', 'regional');
