/**
 * Terragrunt units as stacks. Each directory with `terragrunt.hcl` is one stack (units that run the
 * same module are separate stacks): it reads its configuration, what that includes and reads
 * (`root.hcl`, `env.hcl`, a shared `.tfvars`), and the module its `terraform { source }` names.
 * A `terragrunt.hcl` that other units include (the older root convention) is not a unit.
 */
import type { FileSet } from '../../../model/index.js';
import type { FormatOptions } from '../../format.js';
import { Ctx } from '../context.js';
import { unitEnv } from './env.js';
import { isUnitConfig } from './paths.js';
import { evaluateUnit, type EvaluatedUnit } from './unit.js';

export interface PlannedUnit {
  id: string;
  file: string;
  /** The directory of Terraform code it runs (its own when it names no source); undefined for a remote or unknown source. */
  moduleDir: string | undefined;
  /** Every Terragrunt-side file it reads (its configuration, includes, read configs, var files, YAML). */
  reads: string[];
}

export function planUnits(paths: readonly string[], files: FileSet, options: FormatOptions): PlannedUnit[] {
  const configs = paths.filter(isUnitConfig).sort();
  if (!configs.length) return [];
  const evaluated: EvaluatedUnit[] = [];
  for (const file of configs) {
    // Planning only needs which files a unit reads; its diagnostics come again at extraction.
    const ctx = new Ctx(files, file, []);
    evaluated.push(evaluateUnit(ctx, file, unitEnv(file, options)));
  }
  const includedByOthers = new Set(evaluated.flatMap((unit) => unit.included.filter((f) => f !== unit.file)));
  // Two unit files in one directory (`.hcl` and `.hcl.json`): the first is the unit.
  const seen = new Set<string>();
  const out: PlannedUnit[] = [];
  for (const unit of evaluated) {
    if (includedByOthers.has(unit.file) || seen.has(unit.dir)) continue;
    seen.add(unit.dir);
    const moduleDir = unit.source.kind === 'local' ? unit.source.dir : unit.source.kind === 'own' ? unit.dir : undefined;
    out.push({ id: unit.dir, file: unit.file, moduleDir, reads: unit.reads });
  }
  return out;
}
