import type { Redundancy } from '../../model/index.js';
import type { Judgement } from '../entry.js';
import { regionalRedundancy } from './redundancy.js';

export function judgement(red: Redundancy, decisive: string[], fix?: Judgement['fix'], extra: Pick<Judgement, 'entryPoint' | 'regional'> = {}): Judgement {
  const j: Judgement = { redundancy: red, decisive };
  if (fix) j.fix = fix;
  if (extra.entryPoint !== undefined) j.entryPoint = extra.entryPoint;
  if (extra.regional !== undefined) j.regional = extra.regional;
  return j;
}

/** The judge of regional managed services. */
export function judgeRegional(): Judgement {
  return judgement(regionalRedundancy(), []);
}
