/**
 * Failure domains from placement values: zone names, `Fn::Select` over `Fn::GetAZs` (distinct
 * indices are distinct zones), or the zones of referenced subnets (and subnet groups) in the template.
 */
import type { Zones } from '../../model/index.js';
import type { Val } from './values.js';

/** Property names that hold zones directly. */
const ZONE_FIELD = /^(AvailabilityZones?|AvailabilityZoneIds?|AvailabilityZoneName|PreferredAvailabilityZones?|PreferredCacheClusterAZs|LocationName)$/;
/** Zone properties of a referenced resource, in the order they are read. */
const ZONE_FIELDS_OF_RESOURCE = ['AvailabilityZone', 'AvailabilityZoneId', 'AvailabilityZoneName', 'AvailabilityZones'];
/** Properties (of referenced resources, or of objects in a list) that place something in subnets. */
const PLACEMENT_FIELDS = ['SubnetId', 'SubnetIds', 'Subnets', 'VPCZoneIdentifier', 'SubnetMappings', 'DBSubnetGroupName', 'CacheSubnetGroupName', 'SubnetGroupName'];
const AWS_ZONE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const AWS_ZONE_ID = /^[a-z]{2,5}\d*-az\d+$/;

export function isZoneField(name: string): boolean {
  return ZONE_FIELD.test(name);
}

export class ZoneCollector {
  private readonly names = new Set<string>();
  private readonly syms = new Set<string>();
  private allZones = false;
  unresolved: string | undefined;
  private readonly visiting = new Set<string>();

  /** `propsOf(id)`: the evaluated properties of a resource of the template (undefined when it is not one). */
  constructor(private readonly propsOf: (id: string) => Val | undefined) {}

  add(v: Val, zoneField: boolean, depth = 0): void {
    if (depth > 16) {
      this.unresolved ??= 'a placement nested too deeply';
      return;
    }
    switch (v.t) {
      case 'null':
      case 'bool':
      case 'novalue':
        return;
      case 'str':
        if (zoneField || AWS_ZONE.test(v.v) || AWS_ZONE_ID.test(v.v)) {
          if (v.v !== '') this.names.add(v.v);
        } else this.unresolved ??= `a literal ${JSON.stringify(v.v)} whose zone is not in the template`;
        return;
      case 'num':
        if (zoneField) this.names.add(String(v.v));
        return;
      case 'list':
        for (const it of v.items) this.add(it, zoneField, depth + 1);
        return;
      case 'obj':
        for (const [k, f] of v.fields) {
          if (isZoneField(k)) this.add(f, true, depth + 1);
          else if (PLACEMENT_FIELDS.includes(k)) this.add(f, false, depth + 1);
        }
        return;
      case 'unknown':
        if (v.sym && !v.allZones) this.syms.add(v.sym);
        else if (v.allZones) this.allZones = true;
        // A referenced resource (`!Ref PrivateSubnetA`, `!GetAtt Subnet.AvailabilityZone`): its own placement.
        else if (v.res) this.instance(v.res, depth + 1);
        else this.unresolved ??= v.why;
        return;
    }
  }

  private instance(id: string, depth: number): void {
    if (this.visiting.has(id)) return;
    const props = this.propsOf(id);
    if (!props) {
      this.unresolved ??= `${id}, whose zone is not in the template`;
      return;
    }
    this.visiting.add(id);
    try {
      if (props.t === 'obj') {
        for (const f of ZONE_FIELDS_OF_RESOURCE) {
          const z = props.fields.get(f);
          if (z) return this.add(z, true, depth);
        }
        for (const f of PLACEMENT_FIELDS) {
          const p = props.fields.get(f);
          if (p) return this.add(p, false, depth);
        }
      }
      this.unresolved ??= `${id}, whose zone is not set in the template`;
    } finally {
      this.visiting.delete(id);
    }
  }

  result(): Zones | null {
    if (this.unresolved) return null;
    const known = this.names.size + this.syms.size;
    // Fn::GetAZs lists every zone of the region, and every AWS region has at least two: two never overstates.
    if (this.allZones) return { count: Math.max(2, known) };
    if (known === 0) return null;
    if (this.syms.size === 0) return { count: this.names.size, names: [...this.names].sort() };
    return { count: known };
  }
}
