import { globMatcher } from '../../model/glob.js';
import { relativeTo } from './paths.js';

/** A config entry naming extra files for the stacks its glob matches (`terraform.var_files`, `cloudformation.parameter_files`). */
export interface ConfiguredFilesEntry {
  stack: string;
  files: string[];
}

/**
 * The extra files config names for one stack, in precedence order: config entries in order, lexical
 * within a glob, each file once. The stack glob matches `stack`; file globs match the repo-relative
 * path or the path relative to `dir` (the stack's directory).
 */
export function configuredFiles(
  stack: string,
  dir: string,
  entries: readonly ConfiguredFilesEntry[],
  candidates: readonly string[],
  accept: (path: string) => boolean = () => true,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!stackMatches(entry.stack, stack)) continue;
    for (const glob of entry.files) {
      const match = globMatcher(glob);
      const hits = candidates
        .filter((p) => accept(p) && !seen.has(p))
        .filter((p) => {
          const rel = relativeTo(dir, p);
          return match(p) || (rel !== undefined && match(rel));
        })
        .sort();
      for (const h of hits) {
        seen.add(h);
        out.push(h);
      }
    }
  }
  return out;
}

function stackMatches(pattern: string, stack: string): boolean {
  if (!pattern || pattern === '*' || pattern === '**' || pattern === stack) return true;
  return globMatcher(pattern)(stack);
}

