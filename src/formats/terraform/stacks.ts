/**
 * Which directories are root modules (stacks), and which files each stack reads: its own
 * configuration, its automatic var files, the var files the config names for it, and every local
 * module it calls (transitively).
 */
import { configuredFiles, type OutsideFile } from '../shared/configured-files.js';
import type { FileSet } from '../../model/index.js';
import type { FormatOptions, Stack } from '../format.js';
import type { Expr, HclFile } from './hcl/ast.js';
import {
  autoVarFileRank,
  baseName,
  dirOf,
  isAutoVarFile,
  isIgnored,
  isLocalSource,
  isTfConfig,
  isTfvars,
  parseFile,
  relativeTo,
  resolvePath,
} from './files.js';
import { evidentRootDirs, planUnits } from './terragrunt/stacks.js';
import { append } from '../../model/index.js';

/** A string literal expression's value (`"./modules/db"`), or undefined. */
export function literalString(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  if (e.kind === 'template' && e.parts.every((p) => typeof p === 'string')) return e.parts.join('');
  return undefined;
}

/** The local module directories a parsed file calls. */
export function localModuleCalls(file: HclFile, dir: string): string[] {
  const out: string[] = [];
  for (const b of file.body.blocks) {
    if (b.type !== 'module') continue;
    const src = literalString(b.body.attributes.find((a) => a.name === 'source')?.expr);
    if (src === undefined || !isLocalSource(src)) continue;
    const target = resolvePath(dir, src);
    if (target !== undefined) out.push(target);
  }
  return out;
}

/** The config files of every module directory (.tf, .tf.json), sorted. */
export function moduleDirectories(paths: readonly string[]): Map<string, string[]> {
  const dirs = new Map<string, string[]>();
  for (const p of paths) {
    if (!isTfConfig(p) || isIgnored(p)) continue;
    const d = dirOf(p);
    const list = dirs.get(d);
    if (list) list.push(p);
    else dirs.set(d, [p]);
  }
  for (const list of dirs.values()) list.sort();
  return dirs;
}

/**
 * Extra var files (config `terraform.var_files`) for a stack, in precedence order: the order of the
 * config entries and their globs, lexical within a glob. Globs match the repo-relative path or the
 * path relative to the stack directory.
 */
export function configuredVarFiles(stackId: string, candidates: readonly string[], options: FormatOptions, outside?: (o: OutsideFile) => void): string[] {
  return configuredFiles(stackId, stackId, options.terraformVarFiles ?? [], candidates, isTfvars, outside);
}

/** The automatic var files of a stack directory, in Terraform's precedence order. */
export function autoVarFiles(dir: string, paths: readonly string[]): string[] {
  return paths
    .filter((p) => isTfvars(p) && isAutoVarFile(p) && dirOf(p) === dir && !isIgnored(p))
    .sort((a, b) => autoVarFileRank(a) - autoVarFileRank(b) || (baseName(a) < baseName(b) ? -1 : baseName(a) > baseName(b) ? 1 : 0));
}

export function terraformStacks(paths: readonly string[], files: FileSet, options: FormatOptions): Stack[] {
  const dirs = moduleDirectories(paths);
  const calls = new Map<string, string[]>();
  const called = new Set<string>();
  for (const [dir, list] of dirs) {
    const targets = new Set<string>();
    for (const p of list) {
      const text = files.read(p);
      // Only files that can call a module need parsing here (the rest is parsed when extracted).
      if (text === undefined || !text.includes('module')) continue;
      for (const t of localModuleCalls(parseFile(p, text), dir)) if (dirs.has(t)) targets.add(t);
    }
    calls.set(dir, [...targets]);
    for (const t of targets) if (t !== dir) called.add(t);
  }
  // Terragrunt units: the modules they run are called, not stacks of their own.
  const units = planUnits(paths, files, options);
  const unitDirs = new Set(units.map((u) => u.id));
  for (const u of units) if (u.moduleDir !== undefined && u.moduleDir !== u.id) called.add(u.moduleDir);
  const roots = units.length ? evidentRootDirs(files, dirs) : undefined;
  /** A module directory's files and those of every local module it calls, transitively (cycles guarded by `visited`). */
  const closure = (dir: string, out: Set<string>) => {
    const visited = new Set<string>();
    const queue = [dir];
    while (queue.length) {
      const m = queue.shift()!;
      if (visited.has(m)) continue;
      visited.add(m);
      for (const f of dirs.get(m) ?? []) out.add(f);
      append(queue, (calls.get(m) ?? []));
    }
  };
  const varPaths = paths.filter((p) => isTfvars(p) && !isIgnored(p));
  const stacks: Stack[] = [];
  for (const dir of [...dirs.keys()].sort()) {
    if (called.has(dir) || unitDirs.has(dir) || (roots && !roots.has(dir))) continue;
    const out = new Set<string>();
    closure(dir, out);
    for (const v of autoVarFiles(dir, varPaths)) out.add(v);
    for (const v of configuredVarFiles(dir, varPaths, options)) out.add(v);
    stacks.push({ format: 'terraform', id: dir, files: [...out].sort() });
  }
  for (const u of units) {
    const out = new Set<string>(u.reads);
    if (u.moduleDir !== undefined) closure(u.moduleDir, out);
    stacks.push({ format: 'terraform', id: u.id, files: [...out].sort() });
  }
  return stacks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
