import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { bool, firstOf, isUnknown, judgement, num, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { judgeZonalPool } from './pool.js';

/**
 * An AKS node pool: `min_count` when autoscaling (azurerm v4 `auto_scaling_enabled`, v3
 * `enable_auto_scaling`), else `node_count` (Azure's default: 1). Zones from `zones`.
 */
function judgeAksPool(r: ResourceView, prefix: string): Judgement {
  const k = (key: string) => prefix + key;
  const autoscaling = firstOf(r, [k('auto_scaling_enabled'), k('enable_auto_scaling')], bool);
  if (isUnknown(autoscaling.value)) return judgement(unknownRedundancy(), [autoscaling.key]);
  const countKey = autoscaling.value === true ? k('min_count') : k('node_count');
  let count = num(r, countKey);
  if (count === undefined && autoscaling.value !== true) count = 1;
  return judgeZonalPool(r, count, countKey, k('zones'), 'replaces the node pool; the region must support availability zones');
}

/** An AKS node pool entry: the cluster's default pool (`prefix` `default_node_pool.`) or a separate pool. */
function aksPool(id: string, title: string, type: string, prefix: string, impact: string, serves: string): CatalogEntry {
  return {
    id,
    title,
    role: 'compute',
    types: { terraform: [type] },
    judge: (r) => judgeAksPool(r, prefix),
    recovery: recovery('loadBalanced', 'instanceReplace'),
    impact,
    serves,
  };
}

export const AKS_ENTRIES: readonly CatalogEntry[] = [
  aksPool('azure-aks-cluster', 'AKS cluster (default node pool)', 'azurerm_kubernetes_cluster', 'default_node_pool.', 'system pods and workloads on the default node pool stop until a node is replaced', 'everything deployed onto this cluster (its default node pool runs the system pods)'),
  aksPool('azure-aks-node-pool', 'AKS node pool', 'azurerm_kubernetes_cluster_node_pool', '', 'pods scheduled only on this pool stop until a node is replaced', 'every pod scheduled onto this node pool'),
];
