/**
 * Every template is a stack of its own (its id is the template's path). A stack also reads the
 * parameters files the config names for it, so a changed parameter value re-reviews the stack.
 */
import { configuredFiles } from '../shared/configured-files.js';
import type { FileSet } from '../../model/index.js';
import type { FormatOptions, Stack } from '../format.js';
import { dirOf } from '../shared/paths.js';
import { isTemplateName, looksLikeTemplate } from './files.js';

/**
 * Parameters files for a template, in precedence order (later files override earlier ones): config
 * entries in order, lexical within a glob. Globs match the repo-relative path or the path relative to
 * the template's directory; the stack glob matches the template path.
 */
export function parameterFiles(template: string, candidates: readonly string[], options: FormatOptions): string[] {
  return configuredFiles(template, dirOf(template), options.cloudformationParameterFiles ?? [], candidates, (p) => p !== template);
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
