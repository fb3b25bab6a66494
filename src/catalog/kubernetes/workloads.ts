import type { CatalogEntry, RecoveryEstimate } from '../entry.js';
import { connector } from '../entry-builders.js';
import { bool, capZones, judgement, redundancy } from '../judging/index.js';
import { PINNED_KEY } from './keys.js';
import { K8S_RECOVERY } from './recovery.js';
import { judgeReplicas } from './replicas.js';

/*
 * Pod-template workloads. Instances are replicas (the autoscaler's floor when one targets the workload);
 * zones are unknown unless a required zone spread or pinning says otherwise. The role of a workload
 * that runs a well-known image (PostgreSQL, Redis, etcd, ...) comes from the image (see images.ts).
 */

const REPLICAS = { replicas: { kubernetes: 'spec.replicas' } };
const reschedule: { redundant: RecoveryEstimate; single: RecoveryEstimate } = { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.reschedule };

const replicated = (id: string, title: string, types: string[], impact: string, recovery = reschedule): CatalogEntry => ({
  id,
  title,
  role: 'compute',
  types: { kubernetes: types },
  attributes: REPLICAS,
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: 1 }),
  recovery,
  impact,
});

const deployment = replicated('k8s-deployment', 'Deployment', ['Deployment'], 'its pods stop serving until Kubernetes reschedules them on another node');
const replicaSet = replicated('k8s-replicaset', 'ReplicaSet', ['ReplicaSet'], 'its pods stop serving until Kubernetes reschedules them on another node');
const replicationController = replicated(
  'k8s-replication-controller',
  'ReplicationController',
  ['ReplicationController'],
  'its pods stop serving until Kubernetes reschedules them on another node',
);
const statefulSet = replicated(
  'k8s-statefulset',
  'StatefulSet',
  ['StatefulSet'],
  'its pods stop serving until they are rescheduled and their volumes re-attached',
  { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.rescheduleStateful },
);
const rollout = replicated('k8s-argo-rollout', 'Argo Rollout', ['argoproj.io/Rollout'], 'its pods stop serving until Kubernetes reschedules them on another node');

/** One pod per eligible node: redundant by node count, unless pinned to a single node. */
const daemonSet: CatalogEntry = {
  id: 'k8s-daemonset',
  title: 'DaemonSet',
  role: 'compute',
  types: { kubernetes: ['DaemonSet'] },
  judge(r) {
    const pinned = bool(r, PINNED_KEY) === true;
    const instances = pinned ? 1 : 2;
    return judgement(redundancy(instances, capZones(r.zones([PINNED_KEY]), instances), null), pinned ? [PINNED_KEY] : []);
  },
  recovery: reschedule,
  impact: 'the node-level service it provides stops on the node it is pinned to',
};

/** A bare Pod is never recreated elsewhere: one instance, manual recovery. */
const pod: CatalogEntry = {
  id: 'k8s-pod',
  title: 'Pod',
  role: 'compute',
  types: { kubernetes: ['Pod'] },
  judge: (r) => judgement(redundancy(1, capZones(r.zones([PINNED_KEY]), 1) ?? { count: 1 }, false), []),
  recovery: { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.barePod },
  impact: 'it stays down: a bare Pod is not recreated when its node fails',
};

/**
 * A workload described by a Helm chart's values (templates are not rendered): `replicaCount` or
 * `replicas` of a values block, the floor of its enabled autoscaler.
 */
const helmValues: CatalogEntry = {
  id: 'k8s-helm-values',
  title: 'Helm chart workload',
  role: 'compute',
  types: { kubernetes: ['helm:values'] },
  attributes: { replicas: { kubernetes: 'replicaCount' } },
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: 1 }),
  recovery: reschedule,
  impact: 'its pods stop serving until Kubernetes reschedules them on another node',
};

/** Batch work: nothing waits on a Job to serve, failure passes through to whatever selects its pods. */
const job = connector('k8s-job', 'Job', { kubernetes: ['Job', 'CronJob'] });

export const K8S_WORKLOAD_ENTRIES: CatalogEntry[] = [deployment, replicaSet, replicationController, statefulSet, rollout, daemonSet, pod, helmValues, job];
