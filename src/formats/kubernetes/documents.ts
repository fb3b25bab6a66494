/**
 * Multi-document YAML (and JSON, a subset of it) read into plain trees with line positions.
 *
 * Untrusted input: the text is screened before the `yaml` parser sees it (size, flow nesting,
 * chains of `- - -` that the parser handles badly), aliases are expanded under a node budget (an
 * alias bomb stops at the budget instead of filling memory), and conversion depth is capped. A
 * document with syntax errors becomes a diagnostic and is left out; the others are kept.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YNode } from 'yaml';
import type { Diagnostic } from '../../model/index.js';
import type { KField, KMap, KNode, Scalar } from './tree.js';

export const LIMITS = {
  /** Larger files are CRD bundles or generated dumps, not reviewed manifests; the parser is ~2 µs/byte. */
  maxBytes: 2 * 1024 * 1024,
  /** Flow collections (`[`, `{`) nested deeper than this are refused before parsing. */
  maxFlowDepth: 256,
  /** Compact sequence indicators (`- - - a`) on one line: the parser's cost explodes on long chains. */
  maxDashChain: 64,
  /** Nesting of the converted tree. */
  maxDepth: 128,
  /** Nodes created for one file, aliases expanded. */
  maxNodes: 1_000_000,
  /** Nodes created by expanding aliases in one file (the `maxAliasCount` idea, counted in nodes). */
  maxAliasNodes: 50_000,
} as const;

export interface ParsedDocument {
  /** The document's root node (null for an empty document). */
  root: KNode | null;
  /** First line of the document's content. */
  line: number;
}

export interface ParsedFile {
  docs: ParsedDocument[];
  diagnostics: Diagnostic[];
}

class Budget {
  nodes = 0;
  aliasNodes = 0;
  exceeded: string | undefined;
}

/** Why a text is refused before parsing, or undefined when it can be parsed. */
export function screen(text: string): { line: number; message: string } | undefined {
  if (text.length > LIMITS.maxBytes) return { line: 1, message: `file larger than ${LIMITS.maxBytes / 1024 / 1024} MiB, not read` };
  if (text.includes('\u0000')) return { line: 1, message: 'binary content (NUL bytes), not read' };
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
        if (++dashes > LIMITS.maxDashChain) return { line, message: `more than ${LIMITS.maxDashChain} nested sequence indicators on one line, not read` };
      } else if (c !== 32 && c !== 9) inDashChain = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > LIMITS.maxFlowDepth) return { line, message: `collections nested more than ${LIMITS.maxFlowDepth} levels deep, not read` };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Parse every document of a manifest file. Never throws. `lineOffset` shifts lines for YAML embedded
 * in another file (an inline kustomize patch), so positions point into the file that holds it.
 */
export function parseDocuments(file: string, text: string, lineOffset = 0): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const refused = screen(text);
  if (refused) return { docs: [], diagnostics: [{ file, line: refused.line + lineOffset, severity: 'error', message: refused.message }] };
  const lc = new LineCounter();
  let ydocs;
  try {
    // uniqueKeys off: the parser's duplicate check is quadratic; duplicates are reported during conversion.
    ydocs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  } catch (err) {
    return { docs: [], diagnostics: [{ file, line: 1 + lineOffset, severity: 'error', message: `YAML could not be parsed: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const lineOf = (offset: number) => lc.linePos(Math.max(0, Math.min(offset, text.length))).line + lineOffset;
  const list = Array.isArray(ydocs) ? ydocs : [];
  const budget = new Budget();
  const docs: ParsedDocument[] = [];
  for (const d of list) {
    if (d.errors.length) {
      const e = d.errors[0]!;
      const more = d.errors.length > 1 ? ` (and ${d.errors.length - 1} more error${d.errors.length > 2 ? 's' : ''})` : '';
      diagnostics.push({ file, line: lineOf(e.pos[0]), severity: 'error', message: `YAML syntax error, document skipped: ${firstLine(e.message)}${more}` });
      continue;
    }
    const contents = d.contents as YNode | null;
    if (!contents) continue;
    const conv = new Converter(file, lineOf, budget, diagnostics);
    const root = conv.node(contents, 0, false);
    if (budget.exceeded) {
      diagnostics.push({ file, line: lineOf(contents.range?.[0] ?? 0), severity: 'error', message: `${budget.exceeded}; the rest of the file was not read` });
      break;
    }
    docs.push({ root, line: lineOf(contents.range?.[0] ?? 0) });
  }
  return { docs, diagnostics };
}

function firstLine(s: string): string {
  const l = s.split('\n')[0] ?? s;
  return l.length > 200 ? `${l.slice(0, 200)}...` : l;
}

class Converter {
  /** Anchors seen so far in document order: an alias refers to the last one of its name before it. */
  private readonly anchors = new Map<string, YNode>();
  private readonly expanding = new Set<YNode>();
  private depthReported = false;

  constructor(
    private readonly file: string,
    private readonly lineOf: (offset: number) => number,
    private readonly budget: Budget,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private span(n: YNode): { file: string; line: number; endLine: number } {
    const r = n.range;
    if (!r) return { file: this.file, line: 1, endLine: 1 };
    const line = this.lineOf(r[0]);
    // The value ends at r[1]; a block collection's end offset sits at the start of the next line.
    let endLine = this.lineOf(Math.max(r[0], r[1] - 1));
    if (endLine < line) endLine = line;
    return { file: this.file, line, endLine };
  }

  /** Convert a node; `viaAlias` counts the nodes against the alias budget. Returns null when cut off. */
  node(n: YNode, depth: number, viaAlias: boolean): KNode | null {
    if (this.budget.exceeded) return null;
    if (++this.budget.nodes > LIMITS.maxNodes) {
      this.budget.exceeded = `more than ${LIMITS.maxNodes} YAML nodes`;
      return null;
    }
    if (viaAlias && ++this.budget.aliasNodes > LIMITS.maxAliasNodes) {
      this.budget.exceeded = `YAML aliases expand to more than ${LIMITS.maxAliasNodes} nodes (an alias bomb?)`;
      return null;
    }
    if (depth > LIMITS.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.diagnostics.push({ file: this.file, line: this.span(n).line, severity: 'warning', message: `nesting deeper than ${LIMITS.maxDepth} levels was not read` });
      }
      return null;
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, n);
    if (isAlias(n)) {
      const target = this.anchors.get(n.source);
      if (!target || this.expanding.has(target)) return null;
      this.expanding.add(target);
      try {
        return this.node(target, depth, true);
      } finally {
        this.expanding.delete(target);
      }
    }
    if (isScalar(n)) {
      const v = n.value;
      const value: Scalar =
        v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'bigint' ? Number(v) : String(v);
      return { t: 'scalar', value, ...this.span(n) };
    }
    if (isSeq(n)) {
      const items: KNode[] = [];
      for (const it of n.items) {
        const c = this.node(it as YNode, depth + 1, viaAlias);
        if (c) items.push(c);
        if (this.budget.exceeded) break;
      }
      return { t: 'seq', items, ...this.span(n) };
    }
    if (isMap(n)) {
      const m: KMap = { t: 'map', fields: new Map(), ...this.span(n) };
      const merges: KNode[] = [];
      for (const pair of n.items) {
        const keyNode = pair.key as YNode | null;
        let key: string | undefined;
        if (keyNode && isScalar(keyNode) && keyNode.value !== null && typeof keyNode.value !== 'object') key = String(keyNode.value);
        if (key === undefined) continue;
        const valueNode = pair.value as YNode | null;
        const keyLine = keyNode?.range ? this.lineOf(keyNode.range[0]) : m.line;
        const value: KNode | null = valueNode ? this.node(valueNode, depth + 1, viaAlias) : { t: 'scalar', value: null, file: this.file, line: keyLine, endLine: keyLine };
        if (this.budget.exceeded) break;
        if (!value) continue;
        if (key === '<<' && !(keyNode && isScalar(keyNode) && keyNode.type !== 'PLAIN')) {
          merges.push(value);
          continue;
        }
        if (m.fields.has(key)) {
          this.diagnostics.push({ file: this.file, line: keyLine, severity: 'warning', message: `duplicate key "${key}": the last one is used` });
        }
        const f: KField = { key, keyLine, value };
        m.fields.set(key, f);
      }
      // YAML 1.1 merge keys (`<<: *defaults`), honoured by Kubernetes' YAML reader: explicit keys win.
      for (const src of merges) {
        const maps = src.t === 'map' ? [src] : src.t === 'seq' ? src.items.filter((x): x is KMap => x.t === 'map') : [];
        for (const sm of maps) for (const [k, f] of sm.fields) if (!m.fields.has(k)) m.fields.set(k, f);
      }
      return m;
    }
    return null;
  }
}
