/**
 * JSON templates -> tree, with jsonc-parser offsets for lines. Strict JSON (no comments, no trailing
 * commas), as CloudFormation reads it.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../../model/index.js';
import { LineIndex } from '../shared/lines.js';
import { makeMap, type MapEntry, type Node } from './tree.js';

class TooLarge extends Error {}

export interface ParseLimits {
  /** Nodes visited. */
  maxNodes: number;
  maxDepth: number;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: '":" is expected',
  CommaExpected: '"," is expected',
  CloseBraceExpected: '"}" is expected',
  CloseBracketExpected: '"]" is expected',
  EndOfFileExpected: 'nothing may follow the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

export function parseJson(file: string, text: string, limits: ParseLimits): { root?: Node; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch (err) {
    // jsonc-parser recurses per nesting level.
    if (!(err instanceof RangeError)) throw err;
    diagnostics.push({ file, line: 1, severity: 'error', message: 'the template is not read: it is nested too deeply' });
    return { diagnostics };
  }
  if (errors.length) {
    // The first error is the cause; the rest usually follow from it.
    const e = errors[0]!;
    const code = printParseErrorCode(e.error);
    const before = /,\s*$/.exec(text.slice(Math.max(0, e.offset - 4096), e.offset));
    if (before && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
      const comma = e.offset - before[0].length;
      diagnostics.push({ file, line: lines.line(comma), severity: 'error', message: 'invalid JSON: a trailing comma (JSON allows none)' });
    } else {
      diagnostics.push({ file, line: lines.line(e.offset), severity: 'error', message: `invalid JSON: ${MESSAGES[code] ?? code}` });
    }
    return { diagnostics };
  }
  if (!tree) return { diagnostics };
  const budget = { n: limits.maxNodes };
  const convert = (n: JsonNode, depth: number): Node => {
    if (--budget.n < 0) throw new TooLarge('the template has too many nodes');
    if (depth > limits.maxDepth) throw new TooLarge(`the template is nested deeper than ${limits.maxDepth} levels`);
    const line = lines.line(n.offset);
    const endLine = lines.endLine(n.offset, n.offset + n.length);
    switch (n.type) {
      case 'object': {
        const entries: MapEntry[] = [];
        const keys = new Set<string>();
        for (const prop of n.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k || !v) continue;
          const key = String(k.value);
          const keyLine = lines.line(k.offset);
          if (keys.has(key)) diagnostics.push({ file, line: keyLine, severity: 'warning', message: `duplicate key "${key}": the last one is used` });
          keys.add(key);
          const value = convert(v, depth + 1);
          value.key = key;
          value.keyLine = keyLine;
          entries.push({ key, keyLine, value });
        }
        return makeMap(line, endLine, entries);
      }
      case 'array':
        return { kind: 'seq', line, endLine, items: (n.children ?? []).map((c) => convert(c, depth + 1)) };
      case 'string':
        return { kind: 'scalar', value: String(n.value), quoted: true, line, endLine };
      case 'number':
      case 'boolean':
        return { kind: 'scalar', value: n.value as number | boolean, quoted: false, line, endLine };
      default:
        return { kind: 'scalar', value: null, quoted: false, line, endLine };
    }
  };
  try {
    return { root: convert(tree, 0), diagnostics };
  } catch (err) {
    if (!(err instanceof TooLarge) && !(err instanceof RangeError)) throw err;
    diagnostics.push({ file, line: 1, severity: 'error', message: `the template is not read: ${err instanceof TooLarge ? err.message : 'it is nested too deeply'}` });
    return { diagnostics };
  }
}
