import type { CatalogEntry } from '../entry.js';
import { connector, passive } from '../entry-builders.js';
import { asStrings, enumOf, judgement, num, redundancy } from '../judging/index.js';
import { SHARED_BY_KEY } from './keys.js';
import { K8S_RECOVERY } from './recovery.js';

/*
 * What connects clients to pods. A Service passes failure from the pods it selects to its clients and
 * never fails by itself; Ingresses and Gateway API routes are where users arrive.
 */

const service: CatalogEntry = connector(
  'k8s-service',
  'Service',
  { kubernetes: ['Service'] },
  {
    attributes: { type: { kubernetes: 'spec.type' } },
    // A Service of type LoadBalancer or NodePort is reachable from outside the cluster.
    judge(r) {
      const t = enumOf(r, 'type');
      return judgement(redundancy(null, null, null), ['type'], undefined, { entryPoint: t === 'loadbalancer' || t === 'nodeport' });
    },
    recovery: { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.reschedule },
    impact: 'requests to the Service fail',
  },
);

const ingress = connector('k8s-ingress', 'Ingress', { kubernetes: ['Ingress'] }, { entryPoint: true });

const gatewayRoute = connector(
  'k8s-gateway-route',
  'Gateway API route',
  { kubernetes: ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] },
  { entryPoint: true },
);

/**
 * A claim on a persistent volume. A cloud disk survives the loss of a node (it re-attaches elsewhere in
 * its zone), so alone it is zonal-managed storage. ReadWriteOnce attaches to one node only: replicas of a
 * workload sharing such a claim all run on that node, so the claim is one instance they all need.
 */
const pvc: CatalogEntry = {
  id: 'k8s-pvc',
  title: 'PersistentVolumeClaim',
  role: 'storage',
  types: { kubernetes: ['PersistentVolumeClaim'] },
  attributes: { accessModes: { kubernetes: 'spec.accessModes' } },
  judge(r) {
    const modes = asStrings(r.get('accessModes'));
    const list = Array.isArray(modes) ? modes : [];
    const oneNode = list.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod') && !list.includes('ReadWriteMany');
    const sharedBy = num(r, SHARED_BY_KEY);
    if (oneNode && typeof sharedBy === 'number' && sharedBy >= 2) {
      return judgement(redundancy(1, null, false), [SHARED_BY_KEY, 'accessModes'], {
        key: 'accessModes',
        value: ['ReadWriteMany'],
        note: 'with a storage class that supports it, or run the workload as a StatefulSet with volumeClaimTemplates, one volume per replica',
      });
    }
    return judgement(redundancy(1, null, null, { zonalManaged: true }), ['accessModes']);
  },
  recovery: { redundant: K8S_RECOVERY.volume, single: K8S_RECOVERY.volumeShared },
  impact: 'every replica that mounts it stops with the node the volume is attached to',
};

const policies: CatalogEntry[] = [
  passive('k8s-hpa', 'HorizontalPodAutoscaler', { kubernetes: ['HorizontalPodAutoscaler'] }),
  passive('k8s-keda-scaled-object', 'KEDA ScaledObject', { kubernetes: ['keda.sh/ScaledObject'] }),
  passive('k8s-pdb', 'PodDisruptionBudget', { kubernetes: ['PodDisruptionBudget'] }),
];

export const K8S_NETWORK_ENTRIES: CatalogEntry[] = [service, ingress, gatewayRoute, pvc, ...policies];
