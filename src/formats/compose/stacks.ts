/**
 * Compose stacks: each compose file is one, with its override file (merged onto it, not a stack of
 * its own) and every file it reads: `.env`, `env_file`s, `include`d and `extends` files. A file that
 * another compose file includes or extends is reviewed as part of that file's stack only.
 */
import type { FileSet } from '../../model/index.js';
import type { Stack } from '../format.js';
import { overrideBase } from './files.js';
import { loadProject, type Project } from './project.js';

/** Projects are loaded by `stacks()` and used again by `extract()` on the same (immutable) file set. */
const projects = new WeakMap<FileSet, Map<string, Project>>();

export function projectOf(file: string, override: string | undefined, files: FileSet): Project {
  let byFile = projects.get(files);
  if (!byFile) projects.set(files, (byFile = new Map()));
  const key = `${file}\u0000${override ?? ''}`;
  let p = byFile.get(key);
  if (!p) byFile.set(key, (p = loadProject(file, override, files)));
  return p;
}

/** The override file of a stack: the stack's second file when it is one (see `composeStacks`). */
export function stackOverride(stack: Stack): string | undefined {
  const present = new Set(stack.files);
  return stack.files.find((f) => f !== stack.id && overrideBase(f, present) === stack.id);
}

export function composeStacks(paths: readonly string[], files: FileSet): Stack[] {
  const present = new Set(paths);
  const overrides = new Map<string, string>();
  for (const p of paths) {
    const base = overrideBase(p, present);
    if (base !== undefined) overrides.set(base, p);
  }
  const attached = new Set(overrides.values());
  const candidates = paths.filter((p) => !attached.has(p)).sort();
  const loaded = new Map(candidates.map((c) => [c, projectOf(c, overrides.get(c), files)]));

  // Files another candidate includes or extends from are part of that candidate's stack.
  const referrers = new Map<string, string[]>();
  for (const [c, p] of loaded) {
    for (const r of p.referenced) {
      if (r === c || !loaded.has(r)) continue;
      const list = referrers.get(r);
      if (list) list.push(c);
      else referrers.set(r, [c]);
    }
  }
  const roots = candidates.filter((c) => !referrers.has(c));
  // Files that only reference each other (a cycle) keep their own stacks.
  for (const c of candidates) if (referrers.has(c) && !referrers.get(c)!.some((r) => roots.includes(r))) roots.push(c);

  return roots.sort().map((c) => {
    const p = loaded.get(c)!;
    const own = new Set<string>([c, ...p.files]);
    const override = overrides.get(c);
    if (override !== undefined) own.add(override);
    return { format: 'compose' as const, id: c, files: [...own].sort() };
  });
}
