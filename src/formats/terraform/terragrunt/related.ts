/**
 * Which units a change touches depends on what every unit includes, reads and runs, which a reader that
 * loaded only the changed directories cannot see: in a repository with units, a change to any Terraform
 * or Terragrunt file makes every Terragrunt configuration related (they are small; a reader that caches
 * by content pays for them once per repository state).
 */
import type { PartlyLoaded } from '../../format.js';
import { isTerraformFile } from '../files.js';
import { isTerragruntHcl, isUnitConfig } from './paths.js';

export function terragruntRelatedFiles(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[] {
  if (!changed.some((p) => isTerraformFile(p) || isTerragruntHcl(p))) return [];
  const out = new Set<string>();
  for (const { files } of snapshots) {
    const paths = files.paths();
    if (!paths.some(isUnitConfig)) continue;
    for (const p of paths) if (isTerragruntHcl(p)) out.add(p);
  }
  return [...out];
}
