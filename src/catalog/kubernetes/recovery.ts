import type { RecoveryEstimate } from '../entry.js';
import { RECOVERY } from '../recovery.js';

/**
 * Recovery of Kubernetes workloads. A pod on a failed node is replaced only after the node is marked
 * unreachable and its pods evicted (node-monitor grace period plus the default 300 s toleration), so a
 * single replica is down for minutes; the others keep serving meanwhile.
 */
export const K8S_RECOVERY = {
  replicas: RECOVERY.loadBalanced,
  reschedule: {
    rto: 'about 5-6 min after a node failure (the pod is evicted and rescheduled); seconds for a crashed container',
    rpo: 'n/a (stateless); data not on a persistent volume is lost',
    rtoMaxSeconds: 6 * 60 + 30,
    rpoMaxSeconds: 0,
  },
  rescheduleStateful: {
    rto: 'about 5-6 min after a node failure, longer while its volume detaches and re-attaches (same zone only)',
    rpo: '0 for data on the persistent volume',
  },
  barePod: {
    rto: 'manual: a bare Pod is not recreated when its node fails',
    rpo: 'data not on a persistent volume is lost',
  },
  operatorFailover: {
    rto: '< 1 min (the operator promotes a replica)',
    rpo: 'seconds (asynchronous replication; 0 with synchronous replicas)',
    rtoMaxSeconds: 60,
    rpoMaxSeconds: 10,
  },
  operatorSingle: {
    rto: 'minutes after a pod failure; hours if its volume is lost (restore from backup)',
    rpo: 'since the last backup if the volume is lost',
  },
  quorum: {
    rto: 'seconds (a new leader is elected among the surviving majority)',
    rpo: '0 (committed writes are on a majority)',
    rtoMaxSeconds: 30,
    rpoMaxSeconds: 0,
  },
  quorumLost: {
    rto: 'until the failed member is back (no majority, no writes)',
    rpo: '0 while the remaining members keep their data; since the last snapshot otherwise',
  },
  volume: {
    rto: 'minutes (the volume detaches and re-attaches to another node in the same zone)',
    rpo: '0 (the disk survives a node failure); until the zone recovers for a zone failure',
  },
  volumeShared: {
    rto: 'about 5-6 min after the node fails, for every replica at once (they all sit on the node the volume is attached to)',
    rpo: '0 for data on the volume',
  },
} as const satisfies Record<string, RecoveryEstimate>;
