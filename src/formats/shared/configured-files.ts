import { globMatcher } from '../../model/glob.js';
import { relativeTo, resolvePath } from './paths.js';

/** A config entry naming extra files for the stacks its glob matches (`terraform.var_files`, `cloudformation.parameter_files`). */
export interface ConfiguredFilesEntry {
  stack: string;
  files: string[];
  /** Where the entry was written (the config file, a line per file), for diagnostics. */
  at?: { file: string; lines: number[] };
}

/** A configured file that leads outside the repository from a stack (`../../x.tfvars`, `/etc/x`): never read. */
export interface OutsideFile {
  glob: string;
  file: string;
  line: number;
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
  outside?: (o: OutsideFile) => void,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!stackMatches(entry.stack, stack)) continue;
    for (const [i, written] of entry.files.entries()) {
      // `../common.tfvars` is relative to the stack, as Terraform's -var-file is: resolved in the
      // repository, or said to be outside it (a path no file of the repository can match).
      let glob = written;
      if (written.startsWith('/') || written.split('/').includes('..')) {
        const resolved = written.startsWith('/') ? undefined : resolvePath(dir, written);
        if (resolved === undefined || resolved === '.') {
          outside?.({ glob: written, file: entry.at?.file ?? '.github/spof-review.yml', line: entry.at?.lines[i] || 1 });
          continue;
        }
        glob = resolved;
      }
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

