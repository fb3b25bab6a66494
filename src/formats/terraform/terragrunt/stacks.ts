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
import { dirOf } from '../../shared/paths.js';
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

/**
 * The directories a partly loaded repository must add for its units to be evaluated: every directory
 * above a unit (`find_in_parent_folders()` looks there), those of the files it reads or names, and the
 * module it runs.
 */
export function unitReferencedDirs(files: FileSet, options: FormatOptions): string[] {
  const dirs = new Set<string>();
  for (const file of files.paths().filter(isUnitConfig)) {
    for (let dir = dirOf(file); dir !== '.'; ) {
      dir = dirOf(dir);
      dirs.add(dir);
    }
    const unit = evaluateUnit(new Ctx(files, file, []), file, unitEnv(file, options));
    for (const f of [...unit.reads, ...unit.wanted]) dirs.add(dirOf(f));
    if (unit.source.kind === 'local') dirs.add(unit.source.dir);
  }
  return [...dirs];
}
