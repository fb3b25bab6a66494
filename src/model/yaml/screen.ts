import type { YamlLimits } from './limits.js';

/** Why a text is not parsed at all, and the line that shows it. */
export interface YamlRefusal {
  reason: 'size' | 'binary' | 'flowDepth' | 'dashChain';
  line: number;
}

/** Why a text is refused before the parser sees it (size, NUL bytes, nesting the parser handles badly), or undefined. */
export function screenYaml(text: string, limits: YamlLimits): YamlRefusal | undefined {
  if (text.length > limits.maxBytes) return { reason: 'size', line: 1 };
  if (text.includes('\u0000')) return { reason: 'binary', line: 1 };
  if (limits.maxFlowDepth === undefined && limits.maxDashChain === undefined) return undefined;
  const maxFlowDepth = limits.maxFlowDepth ?? Infinity;
  const maxDashChain = limits.maxDashChain ?? Infinity;
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let dashes = 0;
  let inDashChain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = true;
      dashes = 0;
      inDashChain = true;
      continue;
    }
    // A top-level key closes any flow collection (block context), so unbalanced brackets in scripts do not add up.
    if (lineStart && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) depth = 0;
    lineStart = false;
    if (inDashChain) {
      if (c === 45 /* - */ && (i + 1 >= text.length || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10)) {
        if (++dashes > maxDashChain) return { reason: 'dashChain', line };
      } else if (c !== 32 && c !== 9) inDashChain = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > maxFlowDepth) return { reason: 'flowDepth', line };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}
