/**
 * Every template is a stack of its own (its id is the template's path). A stack also reads the
 * parameters files the config names for it, so a changed parameter value re-reviews the stack.
 */
import picomatch from 'picomatch';
import type { FileSet } from '../../model/index.js';
import type { FormatOptions, Stack } from '../format.js';
import { isTemplateName, looksLikeTemplate } from './files.js';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

function relativeTo(dir: string, path: string): string | undefined {
  if (dir === '.') return path;
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
}

/**
 * Parameters files for a template, in precedence order (later files override earlier ones): config
 * entries in order, lexical within a glob. Globs match the repo-relative path or the path relative to
 * the template's directory; the stack glob matches the template path.
 */
export function parameterFiles(template: string, candidates: readonly string[], options: FormatOptions): string[] {
  const out: string[] = [];
  const seen = new Set<string>([template]);
  const dir = dirOf(template);
  for (const entry of options.cloudformationParameterFiles ?? []) {
    if (!(entry.stack === '**' || entry.stack === '*' || entry.stack === template || picomatch(entry.stack, { dot: true })(template))) continue;
    for (const glob of entry.files) {
      const match = picomatch(glob, { dot: true });
      const hits = candidates
        .filter((p) => !seen.has(p))
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

export function cloudformationStacks(paths: readonly string[], files: FileSet, options: FormatOptions): Stack[] {
  const stacks: Stack[] = [];
  for (const p of [...paths].sort()) {
    // `*.template` is claimed by name; a file of that name that is not a template (a Jinja file) is skipped.
    if (isTemplateName(p)) {
      const text = files.read(p);
      if (text === undefined || !looksLikeTemplate(text)) continue;
    }
    stacks.push({ format: 'cloudformation', id: p, files: [p, ...parameterFiles(p, files.paths(), options)] });
  }
  return stacks;
}
