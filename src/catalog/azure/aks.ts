import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { bool, firstOf, isUnknown, judgement, num, unknownRedundancy } from '../generic.js';
import { recovery } from '../recovery.js';
import { poolRedundancy } from '../aws/ec2.js';
import { azureZones } from './zones.js';

/**
 * An AKS node pool: `min_count` when autoscaling (azurerm v4 `auto_scaling_enabled`, v3
 * `enable_auto_scaling`), else `node_count` (Azure's default: 1). Zones from `zones`.
 */
export function judgeAksPool(r: ResourceView, prefix: string): Judgement {
  const k = (key: string) => prefix + key;
  const autoscaling = firstOf(r, [k('auto_scaling_enabled'), k('enable_auto_scaling')], bool);
  if (isUnknown(autoscaling.value)) return judgement(unknownRedundancy(), [autoscaling.key]);
  const countKey = autoscaling.value === true ? k('min_count') : k('node_count');
  let count = num(r, countKey);
  if (count === undefined && autoscaling.value !== true) count = 1;
  const zones = azureZones(r, k('zones'));
  const red = poolRedundancy(count, zones === 'unknown' ? null : zones);
  const decisive = [countKey, k('zones')];
  let fix: Judgement['fix'];
  if (typeof count === 'number' && count < 2) fix = { key: countKey, value: 2 };
  else if (zones !== 'unknown' && zones.count < 2) fix = { key: k('zones'), value: ['1', '2', '3'], note: 'replaces the node pool; the region must support availability zones' };
  return judgement(red, decisive, fix);
}

const aksCluster: CatalogEntry = {
  id: 'azure-aks-cluster',
  title: 'AKS cluster (default node pool)',
  role: 'compute',
  types: { terraform: ['azurerm_kubernetes_cluster'] },
  judge: (r) => judgeAksPool(r, 'default_node_pool.'),
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'system pods and workloads on the default node pool stop until a node is replaced',
};

const aksNodePool: CatalogEntry = {
  id: 'azure-aks-node-pool',
  title: 'AKS node pool',
  role: 'compute',
  types: { terraform: ['azurerm_kubernetes_cluster_node_pool'] },
  judge: (r) => judgeAksPool(r, ''),
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'pods scheduled only on this pool stop until a node is replaced',
};

export const AKS_ENTRIES: readonly CatalogEntry[] = [aksCluster, aksNodePool];
