import type { CatalogEntry } from '../entry.js';
import { K8S_RECOVERY } from './recovery.js';
import { judgeReplicas } from './replicas.js';

/**
 * prometheus-operator: Prometheus servers (each replica scrapes everything on its own, so 2 survive one
 * failure) and Alertmanager routers (replicas gossip and deduplicate notifications). `spec.replicas`
 * defaults to 1 for both.
 */
const monitoring = (id: string, title: string, kind: string, impact: string): CatalogEntry => ({
  id,
  title,
  role: 'compute',
  types: { kubernetes: [`monitoring.coreos.com/${kind}`] },
  attributes: { replicas: { kubernetes: 'spec.replicas' } },
  judge: (r) => judgeReplicas(r, { key: 'replicas', absent: 1 }),
  recovery: { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.rescheduleStateful },
  impact,
});

export const PROMETHEUS_OPERATOR_ENTRIES: readonly CatalogEntry[] = [
  monitoring('k8s-prometheus', 'Prometheus (operator)', 'Prometheus', 'metrics are not scraped and alerts are not evaluated until it is back'),
  monitoring('k8s-alertmanager', 'Alertmanager (operator)', 'Alertmanager', 'alerts are not routed to anyone until it is back'),
];
