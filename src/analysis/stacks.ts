import { formatSection } from '../config/format-sections.js';
import type { Config } from '../config/types.js';
import { FORMATS, type FormatOptions, type FormatPlugin, type Stack } from '../formats/index.js';
import { globMatcher, type Diagnostic, type FileSet, append } from '../model/index.js';
import type { Snapshot, StackDependency } from './api.js';
import { Budget } from './budget.js';

export interface PlannedStack {
  plugin: FormatPlugin;
  stack: Stack;
}

/** Every format's options, each taken from its own section of the config. */
export function formatOptions(config: Config): FormatOptions {
  const options: FormatOptions = {};
  for (const { settings } of FORMATS) if (settings) Object.assign(options, settings.options(formatSection(config, settings)));
  return options;
}

/** The paths of a file set that the config lets in. */
export function includedPaths(files: FileSet, config: Config): string[] {
  const include = globMatcher(config.paths.include);
  const exclude = config.paths.exclude.length ? globMatcher(config.paths.exclude) : () => false;
  return files.paths().filter((p) => include(p) && !exclude(p));
}

/** Assign each path to the format that claims it (or sniffs it), then let each format group its stacks. */
export function planStacks(files: FileSet, config: Config): PlannedStack[] {
  const byFormat = new Map<FormatPlugin, string[]>();
  for (const path of includedPaths(files, config)) {
    let owner = FORMATS.find((f) => f.claims(path));
    if (!owner) {
      const sniffers = FORMATS.filter((f) => f.sniff);
      if (sniffers.length) {
        const text = files.read(path);
        if (text !== undefined) owner = sniffers.find((f) => f.sniff!(path, text));
      }
    }
    if (!owner) continue;
    const list = byFormat.get(owner);
    if (list) list.push(path);
    else byFormat.set(owner, [path]);
  }
  const options = formatOptions(config);
  const planned: PlannedStack[] = [];
  for (const [plugin, paths] of byFormat) {
    for (const stack of plugin.stacks(paths, files, options)) planned.push({ plugin, stack });
  }
  return planned;
}

/** The stacks with a file under `within` (repo-relative directory), or every stack. */
export function planWithin(files: FileSet, config: Config, within: string | undefined): PlannedStack[] {
  const plan = planStacks(files, config);
  if (within === undefined || within === '.') return plan;
  return plan.filter(({ stack }) => stack.files.some((f) => f.startsWith(`${within}/`)));
}

/** Extract the given stacks into one snapshot. A crash in a format is a bug, but it must not lose the review. */
export function extractStacks(planned: readonly PlannedStack[], files: FileSet, config: Config, budget: Budget = Budget.unlimited()): Snapshot {
  const options = formatOptions(config);
  const snapshot: Snapshot = { components: [], dependencies: [], diagnostics: [], files: 0 };
  const seenFiles = new Set<string>();
  for (const { plugin, stack } of planned) {
    for (const f of stack.files) seenFiles.add(f);
    let extraction;
    try {
      extraction = plugin.extract(stack, files, options);
    } catch (err) {
      snapshot.diagnostics.push(internalError(stack, err));
      continue;
    }
    budget.charge(extraction.components.length + extraction.dependencies.length);
    append(snapshot.components, extraction.components);
    for (const d of extraction.dependencies) {
      const placed: StackDependency = { ...d, format: plugin.name, stack: stack.id };
      snapshot.dependencies.push(placed);
    }
    append(snapshot.diagnostics, extraction.diagnostics);
    for (const m of extraction.moves ?? []) (snapshot.moves ??= []).push({ ...m, format: plugin.name, stack: stack.id });
  }
  snapshot.files = seenFiles.size;
  return snapshot;
}

function internalError(stack: Stack, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return {
    file: stack.files[0] ?? stack.id,
    line: 1,
    severity: 'error',
    message: `internal error while reading ${stack.format} stack ${stack.id}: ${message} (please report this)`,
  };
}

/** Whether a stack reads exactly the same files, with the same content, in both snapshots. */
export function stackUnchanged(base: Stack, baseFiles: FileSet, head: Stack, headFiles: FileSet): boolean {
  if (base.files.length !== head.files.length) return false;
  const sortedBase = [...base.files].sort();
  const sortedHead = [...head.files].sort();
  for (let i = 0; i < sortedBase.length; i++) {
    const p = sortedBase[i]!;
    if (p !== sortedHead[i]) return false;
    if (baseFiles.read(p) !== headFiles.read(p)) return false;
  }
  return true;
}

export function stackKey(s: Stack): string {
  return `${s.format}\u0000${s.id}`;
}
