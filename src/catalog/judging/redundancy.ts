import type { Redundancy, Zones } from '../../model/index.js';
import { isUnknown, type Maybe } from './values.js';
import { capZones, oneZone } from './zones.js';

export function redundancy(
  instances: number | null,
  zones: Zones | null,
  failover: boolean | null,
  extra: { quorum?: boolean; zonalManaged?: boolean } = {},
): Redundancy {
  const r: Redundancy = { instances, zones, failover, quorum: extra.quorum ?? false };
  if (extra.zonalManaged !== undefined) r.zonalManaged = extra.zonalManaged;
  return r;
}

/** What a resource the catalog does not judge offers: its declared copies, nothing else known. */
export function countOnlyRedundancy(count: number | null): Redundancy {
  return redundancy(count, null, null);
}

/** Nothing decisive could be evaluated. */
export function unknownRedundancy(extra: { zonalManaged?: boolean } = {}): Redundancy {
  return redundancy(null, null, null, extra);
}

/**
 * Regional managed services (S3, SQS, DynamoDB, Cloud Run, ...): the provider replicates them across at
 * least three zones in every region that offers them, so one instance or one zone failing does not fail them.
 */
export function regionalRedundancy(): Redundancy {
  return redundancy(3, { count: 3 }, true);
}

/** One copy the provider heals inside its zone (zonal storage, a disk): it is lost only with the zone. */
export function zonalManagedRedundancy(zone?: unknown): Redundancy {
  return redundancy(1, typeof zone === 'string' ? oneZone(zone) : { count: 1 }, false, { zonalManaged: true });
}

/**
 * A pool of interchangeable instances kept at `min` by a scheduler (ASG, node group, scale set, node pool).
 * `zones` is the resolved placement; n instances span at most n zones.
 */
export function poolRedundancy(min: Maybe<number>, zones: Zones | null): Redundancy {
  if (min === undefined || isUnknown(min)) return unknownRedundancy();
  const n = Math.max(0, Math.floor(min));
  if (n === 1) return redundancy(1, zones !== null && zones.count === 1 ? zones : { count: 1 }, false);
  return redundancy(n, capZones(zones, n), n >= 2);
}

/** Whether a judged redundancy survives one instance and one zone failing (used to decide whether to offer a fix). */
export function isRedundant(red: Redundancy): boolean {
  const inst = red.instances ?? 0;
  const zones = red.zones?.count ?? 0;
  return (inst >= 2 || red.zonalManaged === true) && zones >= 2;
}
