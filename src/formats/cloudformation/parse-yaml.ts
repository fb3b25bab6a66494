/**
 * YAML templates -> tree, read by the shared YAML reader (model/yaml) within the template limits.
 * What is CloudFormation's own: short-form intrinsics are custom tags of the `yaml` package that keep
 * the tagged node as it is, and the conversion turns them into their long form; the first syntax error
 * rejects the template; an alias stands at its own line; duplicate keys are warned about.
 */
import type { Tags } from 'yaml';
import type { Diagnostic } from '../../model/index.js';
import { nestingMessage, readYaml, type YamlLimits, type YamlNode, type YamlOverLimit } from '../../model/yaml/index.js';
import { makeMap, type MapEntry, type Node } from './tree.js';

/** Every short form CloudFormation accepts (Rules functions included, so they parse without warnings). */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'If',
  'Select',
  'GetAZs',
  'Join',
  'Split',
  'Equals',
  'And',
  'Or',
  'Not',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'Transform',
  'Length',
  'ToJsonString',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
] as const;

const LONG_FORM: ReadonlyMap<string, string> = new Map(SHORT_FORMS.map((n) => [`!${n}`, n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`]));

/** Tags that keep the node: the conversion below reads `node.tag`. */
const CUSTOM_TAGS: Tags = SHORT_FORMS.flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => s },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (seq: unknown) => seq },
  { tag: `!${n}`, collection: 'map' as const, resolve: (map: unknown) => map },
]) as Tags;

/** What the shared reader's limits mean for a template. */
function overLimit(over: YamlOverLimit, limits: YamlLimits): string {
  if (over.limit === 'nodes' || over.limit === 'aliasNodes') return 'the template has too many nodes (YAML aliases included)';
  // An alias inside its own anchor nests without end.
  return `the template is nested deeper than ${limits.maxDepth} levels`;
}

export function parseYaml(file: string, text: string, limits: YamlLimits): { root?: Node; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read = readYaml(text, { limits, customTags: CUSTOM_TAGS, uniqueKeys: false });
  if (read.refused) {
    // parse.ts screens every template (JSON too) for size and binary content first, in its own words.
    const why = read.refused.reason === 'binary' ? 'it is binary' : read.refused.reason === 'size' ? 'it is too large' : nestingMessage(limits);
    diagnostics.push({ file, line: read.refused.line, severity: 'error', message: `the template is not read: ${why}` });
    return { diagnostics };
  }
  if (read.failed !== undefined) {
    diagnostics.push({ file, line: 1, severity: 'error', message: `cannot parse YAML: ${read.failed}` });
    return { diagnostics };
  }
  const doc = read.documents[0]!;
  if (doc.errors.length) {
    // The first error is the cause; the parser's later ones mostly follow from it.
    const e = doc.errors[0]!;
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} follow from here)` : '';
    diagnostics.push({ file, line: e.line, severity: 'error', message: `invalid YAML: ${e.message}${more}` });
    return { diagnostics };
  }
  for (const w of doc.warnings) {
    // Rain modules are reported with their resource (see template.ts).
    if (w.code === 'TAG_RESOLVE_FAILED' && !w.message.includes('!Rain::Module')) {
      diagnostics.push({ file, line: w.line, severity: 'warning', message: `${w.message}: not a CloudFormation intrinsic function; read as plain data` });
    }
  }
  const over = doc.overLimits[0];
  if (over) {
    diagnostics.push({ file, line: over.line, severity: 'error', message: `the template is not read: ${overLimit(over, limits)}` });
    return { diagnostics };
  }
  if (doc.root === null) return { diagnostics };
  const convert = (node: YamlNode): Node => {
    if (node.kind === 'alias') {
      if (node.target === null) return { kind: 'scalar', value: null, quoted: false, line: node.line, endLine: node.line };
      // The alias stands where it is written: positions point at the alias, not the anchor.
      return { ...convert(node.target), line: node.line, endLine: node.line };
    }
    const { line, endLine, tag } = node;
    const long = tag !== undefined ? LONG_FORM.get(tag) : undefined;
    let out: Node;
    if (node.kind === 'map') {
      const entries: MapEntry[] = [];
      const keys = new Set<string>();
      for (const entry of node.entries) {
        const keyNode = entry.key?.kind === 'alias' ? entry.key.target : entry.key;
        const keyLine = entry.keyLine;
        if (keyNode?.kind !== 'scalar') {
          diagnostics.push({ file, line: keyLine, severity: 'warning', message: 'a map key that is not a plain value is ignored' });
          continue;
        }
        const key = String(keyNode.value);
        if (keys.has(key)) diagnostics.push({ file, line: keyLine, severity: 'warning', message: `duplicate key "${key}": the last one is used` });
        keys.add(key);
        const value = convert(entry.value);
        value.key = key;
        value.keyLine = keyLine;
        entries.push({ key, keyLine, value });
      }
      out = makeMap(line, endLine, entries);
    } else if (node.kind === 'seq') {
      out = { kind: 'seq', line, endLine, items: node.items.map(convert) };
    } else {
      const value = node.value;
      // A tagged scalar keeps its source text (`!Ref 123` refers to "123").
      out = { kind: 'scalar', value: long !== undefined && value !== null ? String(value) : value, quoted: node.style === 'quoted', line, endLine };
    }
    if (long === undefined) {
      if (tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!')) out.tag = tag;
      return out;
    }
    // `!GetAZs` with no value means the current region, like `!GetAZs ''`.
    if (out.kind === 'scalar' && out.value === null) out.value = '';
    const wrapped = makeMap(line, endLine, [{ key: long, keyLine: line, value: out }]);
    wrapped.short = true;
    out.key = long;
    out.keyLine = line;
    return wrapped;
  };
  return { root: convert(doc.root), diagnostics };
}
