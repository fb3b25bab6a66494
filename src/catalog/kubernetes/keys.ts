/**
 * View keys the Kubernetes format synthesizes from objects other than the one judged (they start
 * with `__`, like MEMBERS_KEY: no manifest field has such a name).
 */

/**
 * The floor an autoscaler keeps the workload at: `minReplicas` of a HorizontalPodAutoscaler (default 1)
 * or `minReplicaCount` of a KEDA ScaledObject targeting it. Absent when nothing scales it; its site is
 * the autoscaler's line, so a fix lands there.
 */
export const AUTOSCALE_MIN_KEY = '__autoscaleMin';

/** The workload runs a majority system (etcd, ZooKeeper, Consul, Kafka controllers), known from its image, labels or settings. */
export const QUORUM_KEY = '__quorum';

/** Every replica is pinned to one node (`nodeName`, a hostname nodeSelector or required node affinity). */
export const PINNED_KEY = '__pinned';

/**
 * For a PersistentVolumeClaim: the most replicas of one workload that mount it (0 when none does). A
 * ReadWriteOnce volume can attach to one node only, so every replica sharing it lives or dies with that node.
 */
export const SHARED_BY_KEY = '__sharedBy';

/**
 * The workload runs a stateful image whose replicas do not replicate data (PostgreSQL, Redis, ...; see
 * `replicasAreIndependent`): more replicas are more independent servers, not standbys, so they count as one.
 */
export const INDEPENDENT_KEY = '__independentReplicas';
