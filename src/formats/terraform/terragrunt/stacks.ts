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
import { evaluateUnit, unitVarFiles, type EvaluatedUnit } from './unit.js';

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
    const varFiles = unitVarFiles(unit.dir, moduleDir, paths);
    out.push({ id: unit.dir, file: unit.file, moduleDir, reads: [...new Set([...unit.reads, ...varFiles])].sort() });
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

const BACKEND = /^\s*(backend\s+"[^"]*"\s*\{|cloud\s*\{)/m;

/**
 * In a repository with Terragrunt units, Terraform directories are the modules units run (Terragrunt
 * generates their backend): one that no unit runs is a root module of its own only when it evidently is
 * one (a backend or cloud block, a lock file or var files beside it), not a module library's default
 * settings judged as if deployed.
 */
export function evidentRootDirs(files: FileSet, dirs: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const p of files.paths()) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (name === '.terraform.lock.hcl' || name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) out.add(dirOf(p));
  }
  for (const [dir, list] of dirs) {
    if (out.has(dir)) continue;
    if (list.some((p) => BACKEND.test(files.read(p) ?? ''))) out.add(dir);
  }
  return out;
}
