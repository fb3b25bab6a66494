import type { CatalogEntry, Judgement } from '../entry.js';
import { connector, passive } from '../entry-builders.js';
import { bool, capZones, enumOf, firstOf, isUnknown, judgement, num, redundancy, regionalRedundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { judgeZonalPool } from './pool.js';
import { azureZones } from './zones.js';

const virtualMachine: CatalogEntry = {
  id: 'azure-virtual-machine',
  title: 'Azure virtual machine',
  role: 'compute',
  types: { terraform: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'] },
  judge(r) {
    // Copies made with count / for_each are interchangeable; `zone` (or legacy `zones`) places them.
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy(), ['count']);
    const literal = azureZones(r, 'zones', 'zone');
    const placed = r.zones(['zone', 'zones']) ?? (literal === 'unknown' ? null : literal);
    const zones = placed === null ? (n === 1 ? { count: 1 } : null) : capZones(placed, n);
    return judgement(redundancy(n, zones, false), ['count', 'zone']);
  },
  recovery: recovery('loadBalanced', 'singleVm'),
  impact: 'everything served by the VM fails until it is recovered or rebuilt',
};

const scaleSet: CatalogEntry = {
  id: 'azure-vm-scale-set',
  title: 'Virtual machine scale set',
  role: 'compute',
  types: {
    terraform: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  },
  judge(r) {
    // Uniform scale sets default to 0 instances; orchestrated ones have no default (unknown when absent).
    let instances = num(r, 'instances');
    if (instances === undefined && r.type !== 'azurerm_orchestrated_virtual_machine_scale_set') instances = 0;
    return judgeZonalPool(r, instances, 'instances', 'zones', 'replaces the scale set');
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests fail until the scale set replaces its only instance',
};

/** App Service plan: `worker_count` instances (Azure default 1), spread over zones with zone balancing. */
const servicePlan: CatalogEntry = {
  id: 'azure-service-plan',
  title: 'App Service plan',
  role: 'compute',
  types: { terraform: ['azurerm_service_plan', 'azurerm_app_service_plan'] },
  judge(r) {
    const sku = firstOf(r, ['sku_name', 'sku.size'], (rv, k) => enumOf(rv, k));
    // Consumption / Flex Consumption plans are run by the platform across zones.
    if (sku.value === 'y1' || sku.value === 'fc1') return judgement(regionalRedundancy(), [sku.key], undefined, { regional: true });
    const workers = firstOf(r, ['worker_count', 'sku.capacity'], num);
    const count = workers.value ?? 1;
    const balanced = firstOf(r, ['zone_balancing_enabled', 'zone_redundant'], bool);
    if (isUnknown(count) || isUnknown(balanced.value)) return judgement(unknownRedundancy(), [workers.key, balanced.key]);
    const zones = balanced.value === true ? { count: Math.min(count, 3) } : { count: 1 };
    const red = redundancy(count, count === 0 ? null : zones, count >= 2);
    let fix: Judgement['fix'];
    if (count < 2) fix = { key: workers.key, value: 2 };
    else if (balanced.value !== true) fix = { key: balanced.key, value: true, note: 'needs a Premium v2/v3 (or Isolated v2) SKU; replaces the plan' };
    return judgement(red, [workers.key, balanced.key], fix);
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'every app on the plan fails until its only worker is replaced',
};

export const AZURE_COMPUTE_ENTRIES: readonly CatalogEntry[] = [
  virtualMachine,
  scaleSet,
  servicePlan,
  connector('azure-app-service', 'App Service / Function app (runs on its plan)', {
    terraform: [
      'azurerm_linux_web_app',
      'azurerm_windows_web_app',
      'azurerm_linux_function_app',
      'azurerm_windows_function_app',
      'azurerm_app_service',
      'azurerm_function_app',
      'azurerm_linux_web_app_slot',
      'azurerm_windows_web_app_slot',
    ],
  }),
  passive('azure-vm-configuration', 'VM extension / availability set / managed disk attachment', {
    terraform: [
      'azurerm_virtual_machine_extension',
      'azurerm_virtual_machine_scale_set_extension',
      'azurerm_availability_set',
      'azurerm_proximity_placement_group',
      'azurerm_virtual_machine_data_disk_attachment',
      'azurerm_ssh_public_key',
      'azurerm_image',
      'azurerm_shared_image',
      'azurerm_shared_image_gallery',
      'azurerm_monitor_autoscale_setting',
    ],
  }),
];
