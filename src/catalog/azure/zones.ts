import type { Zones } from '../../model/index.js';
import type { ResourceView } from '../entry.js';
import { asStrings, isUnknown, str, zonesFromNames } from '../judging/index.js';

/**
 * Azure availability zones of a resource from a `zones` list (or a single `zone`). Without zones Azure
 * gives no zone spread guarantee: the resource is treated as one failure domain. 'unknown' when not evaluable.
 */
export function azureZones(r: ResourceView, listKey: string, singleKey?: string): Zones | 'unknown' {
  const names = asStrings(r.get(listKey));
  if (isUnknown(names)) return 'unknown';
  if (Array.isArray(names) && names.length > 0) return zonesFromNames(names) ?? { count: 1 };
  if (singleKey !== undefined) {
    const zone = str(r, singleKey);
    if (isUnknown(zone)) return 'unknown';
    if (typeof zone === 'string' && zone !== '') return { count: 1, names: [zone] };
  }
  return { count: 1 };
}
