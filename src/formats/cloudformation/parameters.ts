/**
 * Parameters files: the CLI shape `[{ "ParameterKey": "X", "ParameterValue": "v" }]` and the
 * template-configuration shape `{ "Parameters": { "X": "v" } }` (CodePipeline, Service Catalog).
 * Each value keeps its line, so evidence and fixes point into the file that set it.
 */
import type { Diagnostic } from '../../model/index.js';
import { parseSource } from './parse.js';
import { field, scalarString, startOf, type Node } from './tree.js';
import type { Site, Val } from './values.js';

function literal(file: string, node: Node): Val {
  const site: Site = { file, start: startOf(node), end: node.endLine, name: node.keyLine === node.line ? node.key : undefined };
  switch (node.kind) {
    case 'scalar': {
      const v = node.value;
      if (v === null) return { t: 'null', site };
      if (typeof v === 'string') return { t: 'str', v, site };
      if (typeof v === 'number') return { t: 'num', v, site };
      return { t: 'bool', v, site };
    }
    case 'seq':
      return { t: 'list', items: node.items.map((i) => literal(file, i)), site };
    case 'map':
      return { t: 'unknown', why: `a map given as a parameter value in ${file}`, site };
  }
}

export function readParameterFile(file: string, text: string): { values: Map<string, Val>; diagnostics: Diagnostic[] } {
  const values = new Map<string, Val>();
  const { root, diagnostics } = parseSource(file, text);
  if (!root) return { values, diagnostics };
  const bad = (line: number, what: string) =>
    diagnostics.push({ file, line, severity: 'warning', message: `${what}; expected [{ "ParameterKey", "ParameterValue" }] or { "Parameters": { ... } }` });
  if (root.kind === 'seq') {
    for (const item of root.items) {
      const key = scalarString(field(item, 'ParameterKey'));
      const value = field(item, 'ParameterValue');
      if (key === undefined) {
        bad(item.line, 'a parameter without ParameterKey is ignored');
        continue;
      }
      // UsePreviousValue keeps whatever the stack has: not known here.
      if (!value) {
        values.set(key, { t: 'unknown', why: `parameter ${key}, whose previous value is kept (${file})` });
        continue;
      }
      values.set(key, literal(file, value));
    }
    return { values, diagnostics };
  }
  const params = field(root, 'Parameters');
  if (params?.kind === 'map') {
    for (const e of params.entries) values.set(e.key, literal(file, e.value));
    return { values, diagnostics };
  }
  bad(root.line, 'not a parameters file');
  return { values, diagnostics };
}
