/**
 * How Terraform values place a resource, for the shared zone collector: zone attributes of AWS, GCP and
 * Azure, subnet references, and the configured attributes of referenced resources.
 */
import { plainPlacement, type Placement, type PlacementReader } from '../shared/zones.js';
import type { LazyObject, Val } from './values.js';

/** Field names that hold zone names directly (AWS, GCP, Azure). */
const ZONE_FIELD = /(^|_)(availability_zones?|availability_zone_id|zones?|azs|location|node_locations|gce_zone)$/;

export function isZoneField(name: string): boolean {
  return ZONE_FIELD.test(name);
}

export const TERRAFORM_PLACEMENT: PlacementReader<Val, LazyObject> = {
  source: 'configuration',
  isZoneField,
  placementFields: ['subnet_id', 'subnet_ids', 'subnets', 'vpc_zone_identifier', 'subnet_mapping', 'subnet_group_name', 'db_subnet_group_name'],
  // `node_locations`: where a GKE cluster's node pools run by default.
  zoneFieldsOfResource: ['availability_zone', 'availability_zone_id', 'zone', 'zones', 'node_locations'],
  read(value, zoneField) {
    const own = placementOf(value, zoneField);
    // A configured attribute of another resource (`aws_db_subnet_group.x.name`): its placement.
    if (!zoneField && value.from && value.t !== 'unknown' && value.t !== 'null') return { kind: 'resource', resource: value.from, unlessVisiting: own };
    return own;
  },
  fieldsOf: (resource) => (name) => (resource.has(name) ? resource.get(name) : undefined),
  idOf: (resource) => resource.id,
};

function placementOf(value: Val, zoneField: boolean): Placement<Val, LazyObject> {
  switch (value.t) {
    case 'lazy':
      return { kind: 'resource', resource: value.obj };
    case 'unknown':
      if (value.inst) return { kind: 'resource', resource: value.inst };
      // A fixed element of an unknown list of zones (data.aws_availability_zones.x.names[1]): distinct
      // indexes are distinct zones, names unknown.
      if (zoneField && value.sym) return { kind: 'zone symbol', symbol: value.sym };
      return { kind: 'unknown', why: value.why ?? 'a value that could not be evaluated' };
    default:
      return plainPlacement(value);
  }
}
