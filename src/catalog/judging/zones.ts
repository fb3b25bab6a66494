import type { Zones } from '../../model/index.js';
import type { ResourceView } from '../entry.js';
import { str, type Maybe } from './values.js';

/*
 * Convention: `count` / `for_each` copies multiply `instances` only where the copies are interchangeable
 * (VMs, NAT gateways, subnets, mount targets). Two `aws_db_instance` copies are two databases, each judged
 * on its own configuration.
 */

/** Exactly one zone, with its name when known. */
export function oneZone(name?: Maybe<string>): Zones {
  return typeof name === 'string' && name !== '' ? { count: 1, names: [name] } : { count: 1 };
}

/** Zones from a list of zone names (GCP node_locations, Azure zones, module `azs`). */
export function zonesFromNames(names: readonly string[]): Zones | null {
  const distinct = [...new Set(names.filter((n) => n !== ''))];
  return distinct.length === 0 ? null : { count: distinct.length, names: distinct };
}

/** At most `max` zones (n instances cannot span more than n zones); names are dropped when cut. */
export function capZones(z: Zones | null, max: number | null): Zones | null {
  if (z === null || max === null) return z;
  if (max <= 0) return null;
  if (z.count <= max) return z;
  return { count: max };
}

/** At least `min` zones when the provider guarantees it (an ALB always spans two zones). */
export function atLeastZones(z: Zones | null, min: number): Zones {
  if (z !== null && z.count >= min) return z;
  return { count: min };
}

/**
 * Zones of a resource placed by `keys`: resolved placement first; a single instance spans exactly
 * one zone even when it cannot be named; otherwise unknown (several instances, unresolved placement).
 */
export function placedZones(r: ResourceView, keys: readonly string[], instances: number | null): Zones | null {
  const z = r.zones(keys);
  if (z !== null) return capZones(z, instances);
  if (instances === 1) return { count: 1 };
  return null;
}

/** Zones of `n` copies placed by a zone-name attribute: one literal zone holds every copy. */
export function copiesZones(r: ResourceView, key: string, n: number): Zones | null {
  const resolved = r.zones([key]);
  if (resolved !== null) return capZones(resolved, n);
  const zone = str(r, key);
  if (typeof zone === 'string') return oneZone(zone);
  return placedZones(r, [key], n);
}
