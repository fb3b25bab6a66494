/**
 * One subnet is one zone, even when the zone cannot be named: a resource placed in exactly one subnet
 * (`vpc_zone_identifier = [var.subnet_id]` with `type = string`, one `aws_subnet`, one subnet of an
 * imported VPC module) is in exactly one zone. Only for fields that list subnets or zones themselves,
 * never subnet groups (a group spans zones), and only when each element is known to be one value: an
 * unknown list (`["${var.subnet_ids}"]` in Terraform 0.11) stays unknown.
 */
import type { Val } from './values.js';

/** Attribute names whose elements are each one subnet or one zone. */
const ONE_PLACE_PER_ELEMENT = /(^|_)(subnet_id|subnet_ids|subnets|vpc_zone_identifier|availability_zones?|zones?)$/;

export function listsSubnetsOrZones(attribute: string): boolean {
  return ONE_PLACE_PER_ELEMENT.test(attribute);
}

/**
 * Adds the distinct places (subnets or zones) a placement value lists to `into`; false when one of its
 * elements is not known to be one place (an unknown list, an object, a nested structure).
 */
export function addSinglePlaces(value: Val, into: Set<unknown>): boolean {
  if (value.t === 'null') return true;
  if (value.t === 'list') {
    if (value.blocks) return false;
    return value.items.every((item) => item.t !== 'list' && addSinglePlaces(item, into));
  }
  switch (value.t) {
    case 'str':
    case 'num':
      into.add(`${value.t}:${value.v}`);
      return true;
    case 'lazy':
      into.add(value.obj.id);
      return true;
    case 'unknown':
      if (!value.scalar || value.err) return false;
      into.add(value.inst ? value.inst.id : (value.sym ?? value));
      return true;
    default:
      return false;
  }
}
