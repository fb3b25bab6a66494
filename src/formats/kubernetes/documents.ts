/**
 * Multi-document YAML (and JSON, a subset of it) read into plain trees with line positions.
 *
 * Untrusted input is bounded by the shared YAML reader (model/yaml): the text is screened before
 * parsing, aliases expand within a node budget, and nesting is capped. What is Kubernetes' own: a
 * document with syntax errors is left out and the others are kept (as kubectl does), too deep
 * nesting is left out with a warning, `<<` merge keys, and warnings about duplicate keys.
 */
import type { Diagnostic } from '../../model/index.js';
import { KUBERNETES_YAML_LIMITS, nestingMessage, readYaml, screenYaml, type YamlNode, type YamlRefusal } from '../../model/yaml/index.js';
import type { KField, KMap, KNode } from './tree.js';

export const LIMITS = KUBERNETES_YAML_LIMITS;

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

const REFUSALS: Record<YamlRefusal['reason'], string> = {
  size: `file larger than ${LIMITS.maxBytes / 1024 / 1024} MiB, not read`,
  binary: 'binary content (NUL bytes), not read',
  flowDepth: `collections nested more than ${LIMITS.maxFlowDepth} levels deep, not read`,
  dashChain: `more than ${LIMITS.maxDashChain} nested sequence indicators on one line, not read`,
  nesting: nestingMessage(LIMITS),
};

/** Why a text is refused before parsing, or undefined when it can be parsed. */
export function screen(text: string): { line: number; message: string } | undefined {
  const refused = screenYaml(text, LIMITS);
  return refused && { line: refused.line, message: REFUSALS[refused.reason] };
}

/**
 * Parse every document of a manifest file. Never throws. `lineOffset` shifts lines for YAML embedded
 * in another file (an inline kustomize patch), so positions point into the file that holds it.
 */
export function parseDocuments(file: string, text: string, lineOffset = 0): ParsedFile {
  // uniqueKeys off: the parser's duplicate check is quadratic; duplicates are reported during conversion.
  const read = readYaml(text, { limits: LIMITS, multiDocument: true, uniqueKeys: false });
  if (read.refused) return { docs: [], diagnostics: [{ file, line: read.refused.line + lineOffset, severity: 'error', message: REFUSALS[read.refused.reason] }] };
  if (read.failed !== undefined) return { docs: [], diagnostics: [{ file, line: 1 + lineOffset, severity: 'error', message: `YAML could not be parsed: ${read.failed}` }] };
  const diagnostics: Diagnostic[] = [];
  const docs: ParsedDocument[] = [];
  for (const d of read.documents) {
    if (d.errors.length) {
      const e = d.errors[0]!;
      const more = d.errors.length > 1 ? ` (and ${d.errors.length - 1} more error${d.errors.length > 2 ? 's' : ''})` : '';
      diagnostics.push({ file, line: e.line + lineOffset, severity: 'error', message: `YAML syntax error, document skipped: ${clip(e.message)}${more}` });
      continue;
    }
    const budget = d.overLimits.find((o) => o.limit === 'nodes' || o.limit === 'aliasNodes');
    if (budget) {
      const exceeded = budget.limit === 'nodes' ? `more than ${LIMITS.maxNodes} YAML nodes` : `YAML aliases expand to more than ${LIMITS.maxAliasNodes} nodes (an alias bomb?)`;
      diagnostics.push({ file, line: d.line + lineOffset, severity: 'error', message: `${exceeded}; the rest of the file was not read` });
      break;
    }
    // Too deep nesting is said once per document. An alias inside its own anchor (`a: &a {<<: *a}`, a
    // merge-key loop) is left out, and said: kubectl refuses the document, and what it held is not reviewed.
    const deep = d.overLimits.find((o) => o.limit === 'depth');
    if (deep) diagnostics.push({ file, line: deep.line + lineOffset, severity: 'error', message: `nesting deeper than ${LIMITS.maxDepth} levels was not read` });
    for (const c of d.overLimits.filter((o) => o.limit === 'cycle').slice(0, 1)) {
      diagnostics.push({ file, line: c.line + lineOffset, severity: 'error', message: `alias *${c.alias ?? ''} inside its own anchor (a loop) was not read; kubectl refuses this document` });
    }
    if (!d.root) continue;
    docs.push({ root: new ManifestTree(file, lineOffset, diagnostics).convert(d.root), line: d.line + lineOffset });
  }
  return { docs, diagnostics };
}

function clip(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}

/** The manifest tree of a YAML tree: aliases expanded (a dangling one is left out, with an error), merge keys applied, duplicate keys warned about. */
class ManifestTree {
  constructor(
    private readonly file: string,
    private readonly lineOffset: number,
    private readonly diagnostics: Diagnostic[],
  ) {}

  convert(node: YamlNode): KNode | null {
    if (node.kind === 'alias') {
      if (node.target) return this.convert(node.target);
      // The parser lets an alias with no anchor before it pass; kubectl refuses the document.
      this.diagnostics.push({ file: this.file, line: node.line + this.lineOffset, severity: 'error', message: `alias *${node.name} refers to no anchor read before it; what it stands for was not read` });
      return null;
    }
    const span = { file: this.file, line: node.line + this.lineOffset, endLine: node.endLine + this.lineOffset };
    if (node.kind === 'scalar') return { t: 'scalar', value: node.value, ...span };
    if (node.kind === 'seq') return { t: 'seq', items: node.items.map((item) => this.convert(item)).filter((item) => item !== null), ...span };
    const m: KMap = { t: 'map', fields: new Map(), ...span };
    const merges: KNode[] = [];
    for (const entry of node.entries) {
      const keyNode = entry.key;
      if (keyNode?.kind !== 'scalar' || keyNode.value === null) continue;
      const key = String(keyNode.value);
      const keyLine = entry.keyLine + this.lineOffset;
      const value = this.convert(entry.value);
      if (value === null) continue;
      if (key === '<<' && keyNode.style === 'plain') {
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
}
