import type { YamlLimits } from './limits.js';

/** Why a text is not parsed at all, and the line that shows it. */
export interface YamlRefusal {
  reason: 'size' | 'binary' | 'flowDepth' | 'dashChain' | 'nesting';
  line: number;
}

/**
 * Nesting the screen lets through when a reader sets no `maxNesting`. The `yaml` parser recurses per
 * level and overflows the stack near 900 block levels, 800 flow levels, 2,000 `- ` on one line
 * (measured on Node 20): past this many levels a text is refused before the parser sees it.
 */
export const DEFAULT_MAX_NESTING = 256;

/** The message a refusal stands for, in the words every reader uses. */
export function nestingMessage(limits: YamlLimits): string {
  return `nesting deeper than ${limits.maxNesting ?? DEFAULT_MAX_NESTING} levels: not parsed`;
}

/**
 * Why a text is refused before the parser sees it (size, NUL bytes, nesting the parser cannot take),
 * or undefined. Nesting is estimated line by line in one pass: the block levels open (an indentation
 * stack), the `- ` and `? ` indicators that open the line, and the flow collections open (`[`, `{`
 * outside quotes and comments); block scalars (`|`, `>`) and comments do not count. The estimate
 * stays within a small factor of the parser's depth both ways, which is all a guard against its
 * overflow needs; the tree builder's own `maxDepth` is exact.
 */
export function screenYaml(text: string, limits: YamlLimits): YamlRefusal | undefined {
  if (text.length > limits.maxBytes) return { reason: 'size', line: 1 };
  if (text.includes('\u0000')) return { reason: 'binary', line: 1 };
  const maxNesting = limits.maxNesting ?? DEFAULT_MAX_NESTING;
  const maxFlowDepth = limits.maxFlowDepth ?? Infinity;
  const maxDashChain = limits.maxDashChain ?? Infinity;
  const indents: number[] = [];
  let flow = 0;
  /** Block levels open when the current flow collection opened. */
  let flowBase = 0;
  let quote = 0; // the quote character of a quoted scalar running across lines, else 0
  let blockScalarIndent = -1; // the indentation a block scalar's lines are deeper than, else -1
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - start;
    const blank = i >= end || text.charCodeAt(i) === 13;
    const next = end + 1;
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) {
        start = next;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (quote === 0 && flow === 0) {
      if (blank || text.charCodeAt(i) === 35 /* # */) {
        start = next;
        continue;
      }
      if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i))) indents.length = 0;
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
    } else if (flow > 0 && quote === 0 && indent === 0 && isLetter(text.charCodeAt(i))) {
      // A top-level key ends any flow collection (the parser reports the unclosed one): unbalanced brackets do not add up.
      flow = 0;
    }
    let dashes = 0;
    if (quote === 0 && flow === 0) {
      for (;;) {
        const c = text.charCodeAt(i);
        if ((c !== 45 /* - */ && c !== 63) /* ? */ || !isBreakOrSpace(text, i + 1, end)) break;
        dashes++;
        if (c === 45 && dashes > maxDashChain) return { reason: 'dashChain', line };
        i++;
        while (i < end && text.charCodeAt(i) === 32) i++;
      }
    }
    if (flow === 0) flowBase = indents.length + dashes;
    if (flowBase + flow > maxNesting) return { reason: 'nesting', line };
    // The rest of the line: quotes, comments, flow brackets, a block scalar's indicator.
    let valueStart = true;
    let prev = 32;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === 92 /* \ */ && quote === 34) i++;
        else if (c === quote) {
          if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        }
        prev = 1;
        continue;
      }
      if (c === 35 /* # */ && (prev === 32 || prev === 9)) break;
      const tokenStart = flow > 0 ? prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58 : valueStart;
      if ((c === 34 || c === 39) && tokenStart) quote = c;
      else if ((c === 91 || c === 123) && (flow > 0 || valueStart)) {
        if (++flow > maxFlowDepth) return { reason: 'flowDepth', line };
        if (flowBase + flow > maxNesting) return { reason: 'nesting', line };
      } else if ((c === 93 || c === 125) && flow > 0) flow--;
      else if ((c === 124 || c === 62) /* | > */ && flow === 0 && valueStart) blockScalarIndent = indent;
      if (flow === 0) valueStart = c === 32 || c === 9 ? valueStart : c === 58 /* : */ && isBreakOrSpace(text, i + 1, end);
      prev = c;
    }
    start = next;
  }
  return undefined;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isBreakOrSpace(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 13;
}
