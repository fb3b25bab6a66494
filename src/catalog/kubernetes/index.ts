import type { CatalogEntry } from '../entry.js';
import { K8S_NETWORK_ENTRIES } from './network.js';
import { K8S_OPERATOR_ENTRIES } from './operators.js';
import { K8S_WORKLOAD_ENTRIES } from './workloads.js';

export const KUBERNETES_ENTRIES: CatalogEntry[] = [...K8S_WORKLOAD_ENTRIES, ...K8S_OPERATOR_ENTRIES, ...K8S_NETWORK_ENTRIES];

export { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY, SHARED_BY_KEY } from './keys.js';
