import type { Zones } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { asStrings, bool, capZones, isUnknown, judgement, num, oneZone, redundancy, str, unknownRedundancy, zonesFromNames } from '../judging/index.js';
import { recovery } from '../recovery.js';

const GCP_ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
const GCP_REGION = /^[a-z]+-[a-z]+\d+$/;

/** `us-central1-a` is a zone, `us-central1` a region; anything else is not a location we can read. */
export function gcpLocationKind(location: string): 'zone' | 'region' | undefined {
  if (GCP_ZONE.test(location)) return 'zone';
  if (GCP_REGION.test(location)) return 'region';
  return undefined;
}

/* -- google_container_cluster ------------------------------------------------------------------- */

const cluster: CatalogEntry = {
  id: 'gcp-gke-cluster',
  title: 'GKE cluster (control plane)',
  role: 'compute',
  types: { terraform: ['google_container_cluster'] },
  judge(r) {
    const autopilot = bool(r, 'enable_autopilot');
    if (autopilot === true) return judgement(redundancy(3, { count: 3 }, true), ['enable_autopilot'], undefined, { regional: true });
    const location = str(r, 'location');
    if (location === undefined || isUnknown(location)) return judgement(unknownRedundancy(), ['location']);
    const kind = gcpLocationKind(location);
    // A regional cluster replicates the control plane in three zones; a zonal one has a single replica.
    if (kind === 'region') return judgement(redundancy(3, { count: 3 }, true), ['location']);
    if (kind === 'zone') {
      return judgement(redundancy(1, oneZone(location), false), ['location'], {
        key: 'location',
        value: location.replace(/-[a-z]$/, ''),
        note: 'a regional cluster (replaces the cluster); its control plane runs in three zones',
      });
    }
    return judgement(unknownRedundancy(), ['location']);
  },
  recovery: recovery('controlPlaneRegional', 'controlPlaneZonal'),
  impact: 'the Kubernetes API is unavailable during upgrades and zone outages: no deployments, scaling or self-healing',
  serves: 'everything deployed onto this cluster',
};

/* -- google_container_node_pool ----------------------------------------------------------------- */

/**
 * The zones a node pool runs in: its node_locations, else the cluster's node_locations (a multi-zonal
 * cluster: a zonal location whose nodes run in several zones), else its location (a zone, or a region's
 * default three zones).
 */
function nodePoolZones(r: ResourceView): Zones | null | 'unknown' {
  const names = asStrings(r.get('node_locations'));
  if (isUnknown(names)) return 'unknown';
  if (Array.isArray(names) && names.length > 0) return zonesFromNames(names);
  // The referenced cluster's node_locations (the view resolves a referenced resource to its zone fields).
  const inherited = r.zones(['cluster']);
  if (inherited !== null && inherited.count > 0) return inherited;
  const location = str(r, 'location');
  if (isUnknown(location)) return 'unknown';
  if (location === undefined) return r.zones(['cluster']) ?? 'unknown';
  const kind = gcpLocationKind(location);
  if (kind === 'zone') return oneZone(location);
  if (kind === 'region') return { count: 3 };
  return 'unknown';
}

function judgeNodePool(r: ResourceView): Judgement {
  const zones = nodePoolZones(r);
  const decisive = ['node_count', 'autoscaling.min_node_count', 'node_locations'];
  // Node counts are per zone, except autoscaling.total_min_node_count.
  const totalMin = num(r, 'autoscaling.total_min_node_count');
  const autoscaling = r.get('autoscaling') !== undefined;
  let perZone = autoscaling ? num(r, 'autoscaling.min_node_count') : num(r, 'node_count');
  if (perZone === undefined && !autoscaling) perZone = num(r, 'initial_node_count');
  if (autoscaling && perZone === undefined && totalMin === undefined) perZone = 0;
  if (isUnknown(totalMin) || isUnknown(perZone)) return judgement(unknownRedundancy(), decisive);
  if (totalMin !== undefined) {
    const z = zones === 'unknown' ? null : capZones(zones, totalMin);
    return judgement(redundancy(totalMin, totalMin === 1 ? { count: 1 } : z, totalMin >= 2), ['autoscaling.total_min_node_count', 'node_locations']);
  }
  if (perZone === undefined || zones === 'unknown' || zones === null) return judgement(unknownRedundancy(), decisive);
  const n = perZone * zones.count;
  const fix = n < 2 ? { key: autoscaling ? 'autoscaling.min_node_count' : 'node_count', value: 2, note: 'or run the pool in several zones' } : undefined;
  return judgement(redundancy(n, n === 0 ? null : zones, n >= 2), decisive, fix);
}

const nodePool: CatalogEntry = {
  id: 'gcp-gke-node-pool',
  title: 'GKE node pool',
  role: 'compute',
  types: { terraform: ['google_container_node_pool'] },
  judge: judgeNodePool,
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'pods scheduled only on this pool stop until a node is replaced',
  serves: 'every pod scheduled onto this node pool',
};

export const GKE_ENTRIES: readonly CatalogEntry[] = [cluster, nodePool];
