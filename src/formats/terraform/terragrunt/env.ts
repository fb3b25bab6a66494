/** The `get_env()` values the config gives a unit: `terraform.terragrunt.env`, every entry whose glob matches, later ones winning. */
import { globMatcher } from '../../../model/glob.js';
import { dirOf } from '../../shared/paths.js';
import type { FormatOptions } from '../../format.js';

export interface TerragruntEnvEntry {
  /** A glob over unit directories (`live/prod/**`). */
  units: string;
  values: Record<string, string>;
}

export function unitEnv(unitFile: string, options: FormatOptions): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const dir = dirOf(unitFile);
  for (const entry of options.terragruntEnv ?? []) {
    const glob = entry.units;
    if (glob === '**' || glob === '*' || glob === dir || globMatcher(glob)(dir)) for (const [key, value] of Object.entries(entry.values)) out.set(key, value);
  }
  return out;
}
