import { UNKNOWN, type Judgement, type ResourceView } from '../entry.js';
import { bool, capZones, judgement, num, redundancy, type Maybe } from '../judging/index.js';
import { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY } from './keys.js';

export interface ReplicaCount {
  /** Entry attribute key of the replica count. */
  key: string;
  /** The count when the field is unset (Kubernetes defaults `replicas` to 1); null when it must be set. */
  absent: number | null;
  /** The operator promotes a replica when the primary fails (database operators). */
  failover?: boolean;
  /** Always a majority system, whatever the image (ZooKeeper or KRaft controller resources). */
  quorum?: boolean;
}

/** The count as a whole number of instances, or null when it cannot be known. */
export function countOf(v: Maybe<number>, absent: number | null): number | null {
  if (v === UNKNOWN) return null;
  if (v === undefined) return absent;
  return Math.max(0, Math.floor(v));
}

/**
 * Instances of a replicated workload: the autoscaler's floor when one targets it (it overrides
 * `spec.replicas`), else the count (1 when unset). Zones come from placement (the format reads spread
 * and pinning); a quorum system needs an odd count of at least 3 to tolerate a failure. Replicas of an
 * image that does not replicate its data are independent servers: they count as one, and more of them
 * is no fix.
 */
export function judgeReplicas(r: ResourceView, spec: ReplicaCount): Judgement {
  const auto = num(r, AUTOSCALE_MIN_KEY);
  const key = auto !== undefined ? AUTOSCALE_MIN_KEY : spec.key;
  // KEDA may scale to zero when idle; when it serves, at least one replica runs.
  const declared = auto !== undefined ? (auto === UNKNOWN ? null : Math.max(1, Math.floor(auto))) : countOf(num(r, spec.key), spec.absent);
  const independent = bool(r, INDEPENDENT_KEY) === true;
  const instances = independent && declared !== null ? Math.min(declared, 1) : declared;
  const quorum = spec.quorum === true || bool(r, QUORUM_KEY) === true;
  const failover = spec.failover ? (instances === null ? null : instances >= 2) : null;
  const red = redundancy(instances, capZones(r.zones([PINNED_KEY]), instances), failover, { quorum });
  const want = quorum ? 3 : 2;
  const decisive = [key];
  if (instances === null || instances >= want || independent) return judgement(red, decisive);
  return judgement(red, decisive, { key, value: want, note: quorum ? 'an odd number, so a majority survives one failure' : undefined });
}
