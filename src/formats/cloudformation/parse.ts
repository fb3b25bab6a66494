/** One entry point for reading a template or parameter file: size and binary checks, then YAML or JSON. */
import type { Diagnostic } from '../../model/index.js';
import { CLOUDFORMATION_TEMPLATE_LIMITS as LIMITS } from '../../model/yaml/index.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import type { Node } from './tree.js';

export interface Parsed {
  root?: Node;
  syntax: 'yaml' | 'json';
  diagnostics: Diagnostic[];
}

export function isJsonText(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) return true;
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''));
  return first?.[0] === '{' || first?.[0] === '[';
}

export function parseSource(file: string, text: string): Parsed {
  const syntax = isJsonText(file, text) ? 'json' : 'yaml';
  if (text.length > LIMITS.maxBytes) {
    return { syntax, diagnostics: [{ file, line: 1, severity: 'error', message: `the file is larger than ${LIMITS.maxBytes / 1024 / 1024} MiB (CloudFormation accepts 1 MB); it is not read` }] };
  }
  if (text.includes('\u0000')) {
    return { syntax, diagnostics: [{ file, line: 1, severity: 'error', message: 'the file is binary, not a template; it is not read' }] };
  }
  const body = text.replace(/^\uFEFF/, '');
  return { syntax, ...(syntax === 'json' ? parseJson(file, body, LIMITS) : parseYaml(file, body, LIMITS)) };
}
