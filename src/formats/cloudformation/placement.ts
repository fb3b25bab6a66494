/**
 * How CloudFormation values place a resource, for the shared zone collector: zone properties,
 * `Fn::Select` over `Fn::GetAZs` (distinct indices are distinct zones), or the zones of referenced
 * subnets (and subnet groups) in the template.
 */
import { plainPlacement, type Placement, type PlacementReader } from '../shared/zones.js';
import type { Val } from './values.js';

/** Property names that hold zones directly. */
const ZONE_FIELD = /^(AvailabilityZones?|AvailabilityZoneIds?|AvailabilityZoneName|PreferredAvailabilityZones?|PreferredCacheClusterAZs|LocationName)$/;

/** `propsOf(id)`: the evaluated properties of a resource of the template (undefined when it is not one). */
export function cloudFormationPlacement(propsOf: (id: string) => Val | undefined): PlacementReader<Val, string> {
  return {
    source: 'template',
    isZoneField: (name) => ZONE_FIELD.test(name),
    placementFields: ['SubnetId', 'SubnetIds', 'Subnets', 'VPCZoneIdentifier', 'SubnetMappings', 'DBSubnetGroupName', 'CacheSubnetGroupName', 'SubnetGroupName'],
    zoneFieldsOfResource: ['AvailabilityZone', 'AvailabilityZoneId', 'AvailabilityZoneName', 'AvailabilityZones'],
    read: placementOf,
    fieldsOf(id) {
      const props = propsOf(id);
      if (!props) return undefined;
      return (name) => (props.t === 'obj' ? props.fields.get(name) : undefined);
    },
    idOf: (id) => id,
  };
}

function placementOf(value: Val): Placement<Val, string> {
  if (value.t !== 'unknown') return plainPlacement(value);
  if (value.sym && !value.allZones) return { kind: 'zone symbol', symbol: value.sym };
  if (value.allZones) return { kind: 'all zones' };
  // A referenced resource (`!Ref PrivateSubnetA`, `!GetAtt Subnet.AvailabilityZone`): its own placement.
  if (value.res) return { kind: 'resource', resource: value.res };
  return { kind: 'unknown', why: value.why };
}
