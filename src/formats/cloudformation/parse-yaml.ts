/**
 * YAML templates -> tree. Short-form intrinsics are custom tags of the `yaml` package that keep
 * the tagged node as it is; the conversion turns them into their long form. Aliases are followed
 * within a node budget, so an alias bomb costs bounded work.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Tags } from 'yaml';
import type { Diagnostic } from '../../model/index.js';
import { LineIndex } from '../shared/lines.js';
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

export class TooLarge extends Error {}

export interface ParseLimits {
  /** Nodes visited, aliases expanded included. */
  maxNodes: number;
  maxDepth: number;
}

export function parseYaml(file: string, text: string, limits: ParseLimits): { root?: Node; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch (err) {
    diagnostics.push({ file, line: 1, severity: 'error', message: `cannot parse YAML: ${(err as Error).message}` });
    return { diagnostics };
  }
  if (doc.errors.length) {
    // The first error is the cause; the parser's later ones mostly follow from it.
    const e = doc.errors[0]!;
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} follow from here)` : '';
    diagnostics.push({ file, line: lines.line(e.pos[0]), severity: 'error', message: `invalid YAML: ${firstLine(e.message)}${more}` });
    return { diagnostics };
  }
  for (const w of doc.warnings) {
    // Rain modules are reported with their resource (see template.ts).
    if (w.code === 'TAG_RESOLVE_FAILED' && !w.message.includes('!Rain::Module')) {
      diagnostics.push({ file, line: lines.line(w.pos[0]), severity: 'warning', message: `${firstLine(w.message)}: not a CloudFormation intrinsic function; read as plain data` });
    }
  }
  // Anchors by name in document order: `Alias.resolve` searches the whole document on every call.
  const anchors = new Map<string, { at: number; node: unknown }[]>();
  visit(doc, (_key, node) => {
    const anchor = (node as { anchor?: string }).anchor;
    const at = (node as { range?: [number, number, number] | null }).range?.[0];
    if (anchor === undefined || at === undefined || isAlias(node)) return;
    const list = anchors.get(anchor);
    if (list) list.push({ at, node });
    else anchors.set(anchor, [{ at, node }]);
  });
  const resolveAlias = (alias: { source: string; range?: [number, number, number] | null }): unknown => {
    const at = alias.range?.[0] ?? Infinity;
    let found: unknown;
    for (const a of anchors.get(alias.source) ?? []) if (a.at < at) found = a.node;
    return found;
  };
  const budget = { n: limits.maxNodes };
  const convert = (node: unknown, depth: number): Node => {
    if (--budget.n < 0) throw new TooLarge('the template has too many nodes (YAML aliases included)');
    if (depth > limits.maxDepth) throw new TooLarge(`the template is nested deeper than ${limits.maxDepth} levels`);
    if (isAlias(node)) {
      const target = resolveAlias(node);
      const at = node.range ? lines.line(node.range[0]) : 1;
      if (!target) return { kind: 'scalar', value: null, quoted: false, line: at, endLine: at };
      // The alias stands where it is written: positions point at the alias, not the anchor.
      const copy = convert(target, depth + 1);
      return { ...copy, line: at, endLine: at };
    }
    const range = (node as { range?: [number, number, number] | null }).range;
    const line = range ? lines.line(range[0]) : 1;
    const endLine = range ? lines.endLine(range[0], range[1]) : line;
    const tag = (node as { tag?: string }).tag;
    const long = tag !== undefined ? LONG_FORM.get(tag) : undefined;
    let out: Node;
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      const keys = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key as unknown;
        const keyNode = isAlias(k) ? resolveAlias(k) : k;
        const keyRange = (k as { range?: [number, number, number] | null } | null)?.range;
        const keyLine = keyRange ? lines.line(keyRange[0]) : line;
        if (!isScalar(keyNode)) {
          diagnostics.push({ file, line: keyLine, severity: 'warning', message: 'a map key that is not a plain value is ignored' });
          continue;
        }
        const key = String(keyNode.value);
        if (keys.has(key)) diagnostics.push({ file, line: keyLine, severity: 'warning', message: `duplicate key "${key}": the last one is used` });
        keys.add(key);
        const value: Node =
          pair.value === null || pair.value === undefined
            ? { kind: 'scalar', value: null, quoted: false, line: keyLine, endLine: keyLine }
            : convert(pair.value, depth + 1);
        value.key = key;
        value.keyLine = keyLine;
        entries.push({ key, keyLine, value });
      }
      out = makeMap(line, endLine, entries);
    } else if (isSeq(node)) {
      out = { kind: 'seq', line, endLine, items: node.items.map((i) => convert(i, depth + 1)) };
    } else if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      // A tagged scalar keeps its source text (`!Ref 123` refers to "123").
      out = { kind: 'scalar', value: long !== undefined && value !== null ? String(value) : value, quoted, line, endLine };
    } else {
      out = { kind: 'scalar', value: null, quoted: false, line, endLine };
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
  if (doc.contents === null) return { diagnostics };
  try {
    return { root: convert(doc.contents, 0), diagnostics };
  } catch (err) {
    if (!(err instanceof TooLarge) && !(err instanceof RangeError)) throw err;
    diagnostics.push({ file, line: 1, severity: 'error', message: `the template is not read: ${err instanceof TooLarge ? err.message : 'it is nested too deeply'}` });
    return { diagnostics };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
