import type { Judgement, ResourceView } from '../entry.js';
import { judgement, poolRedundancy, type Maybe } from '../judging/index.js';
import { azureZones } from './zones.js';

/**
 * A pool of interchangeable Azure instances (a scale set, an AKS node pool): `count` of them over the
 * zones listed at `zonesKey`. The fix asks for a second instance first, then for zones; changing the
 * zones `replaces` the pool (the note says what that means for this resource).
 */
export function judgeZonalPool(r: ResourceView, count: Maybe<number>, countKey: string, zonesKey: string, replaces: string): Judgement {
  const zones = azureZones(r, zonesKey);
  const red = poolRedundancy(count, zones === 'unknown' ? null : zones);
  let fix: Judgement['fix'];
  if (typeof count === 'number' && count < 2) fix = { key: countKey, value: 2 };
  else if (zones !== 'unknown' && zones.count < 2) fix = { key: zonesKey, value: ['1', '2', '3'], note: replaces };
  return judgement(red, [countKey, zonesKey], fix);
}
