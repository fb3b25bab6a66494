import type { CatalogEntry } from '../entry.js';
import { passive } from '../entry-builders.js';
import { asStrings, capZones, copiesZones, isUnknown, judgement, num, oneZone, redundancy, str, unknownRedundancy, zonalManagedRedundancy, zonesFromNames } from '../judging/index.js';
import { RECOVERY, recovery } from '../recovery.js';

const computeInstance: CatalogEntry = {
  id: 'gcp-compute-instance',
  title: 'Compute Engine VM',
  role: 'compute',
  types: { terraform: ['google_compute_instance', 'google_compute_instance_from_template'] },
  judge(r) {
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy(), ['count']);
    return judgement(redundancy(n, copiesZones(r, 'zone', n), false), ['count', 'zone']);
  },
  recovery: recovery('loadBalanced', 'singleVm'),
  impact: 'everything served by the VM fails until it is recovered or rebuilt',
};

const zonalMig: CatalogEntry = {
  id: 'gcp-instance-group-manager',
  title: 'Zonal managed instance group',
  role: 'compute',
  types: { terraform: ['google_compute_instance_group_manager'] },
  judge(r) {
    // target_size is absent when an autoscaler drives the group: unknown then.
    const size = num(r, 'target_size');
    if (size === undefined || isUnknown(size)) return judgement(unknownRedundancy(), ['target_size']);
    const zone = str(r, 'zone');
    const zones = size === 0 ? null : isUnknown(zone) ? { count: 1 } : oneZone(zone);
    const fix = size < 2 ? { key: 'target_size', value: 2 } : undefined;
    return judgement(redundancy(size, zones, size >= 2), ['target_size', 'zone'], fix);
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'a zonal group stops serving when its zone fails; with one VM, also when the VM fails',
};

const regionalMig: CatalogEntry = {
  id: 'gcp-region-instance-group-manager',
  title: 'Regional managed instance group',
  role: 'compute',
  types: { terraform: ['google_compute_region_instance_group_manager'] },
  judge(r) {
    const size = num(r, 'target_size');
    if (size === undefined || isUnknown(size)) return judgement(unknownRedundancy(), ['target_size']);
    const names = asStrings(r.get('distribution_policy_zones'));
    if (isUnknown(names)) return judgement(redundancy(size, null, size >= 2), ['target_size', 'distribution_policy_zones']);
    // Without distribution_policy_zones GCP spreads the group over (up to) three zones of the region.
    const zones = Array.isArray(names) && names.length > 0 ? zonesFromNames(names) : { count: 3 };
    const fix = size < 2 ? { key: 'target_size', value: 2 } : undefined;
    return judgement(redundancy(size, capZones(zones, size), size >= 2), ['target_size', 'distribution_policy_zones'], fix);
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests fail until the group replaces its only VM',
};

const disk: CatalogEntry = {
  id: 'gcp-compute-disk',
  title: 'Zonal persistent disk',
  role: 'storage',
  types: { terraform: ['google_compute_disk'] },
  judge(r) {
    const zone = str(r, 'zone');
    return judgement(zonalManagedRedundancy(zone), ['zone']);
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'the disk is unavailable when its zone fails; data since the last snapshot can be lost',
  // A regional disk replaced by a zonal one of the same name is the same disk made zonal.
  sameResourceAs: { terraform: ['google_compute_region_disk'] },
};

/**
 * A regional persistent disk: synchronously replicated to the two zones of `replica_zones`; when one zone
 * fails, the disk is force-attached to a VM in the other (a manual or scripted step, minutes).
 */
const regionDisk: CatalogEntry = {
  id: 'gcp-compute-region-disk',
  title: 'Regional persistent disk',
  role: 'storage',
  types: { terraform: ['google_compute_region_disk'] },
  sameResourceAs: { terraform: ['google_compute_disk'] },
  judge(r) {
    // The API takes exactly two replica zones: they are two even when their names are not known here.
    const names = asStrings(r.get('replica_zones'));
    const zones = Array.isArray(names) ? (zonesFromNames(names) ?? { count: 2 }) : { count: 2 };
    return judgement(redundancy(zones.count >= 2 ? 2 : 1, zones, false, { zonalManaged: true }), ['replica_zones']);
  },
  recovery: { redundant: { rto: 'minutes (force-attach the disk to a VM in the other zone)', rpo: '0 (synchronous replication)', rpoMaxSeconds: 0 }, single: RECOVERY.zonalStorage },
  impact: 'the disk is unavailable when its zone fails; data since the last snapshot can be lost',
};

export const GCP_COMPUTE_ENTRIES: readonly CatalogEntry[] = [
  computeInstance,
  zonalMig,
  regionalMig,
  disk,
  regionDisk,
  passive('gcp-instance-template', 'Instance template / autoscaler / attached disk', {
    terraform: [
      'google_compute_instance_template',
      'google_compute_region_instance_template',
      'google_compute_autoscaler',
      'google_compute_region_autoscaler',
      'google_compute_attached_disk',
      'google_compute_resource_policy',
      'google_compute_disk_resource_policy_attachment',
      'google_compute_snapshot',
      'google_compute_image',
      'google_compute_reservation',
    ],
  }),
];
