import { LineCounter, parseAllDocuments, parseDocument, type Document, type Node as ParsedNode, type Tags } from 'yaml';
import { OverBudget, TreeBuilder, type Budget } from './build-tree.js';
import type { YamlLimits, YamlOverLimit } from './limits.js';
import { screenYaml, type YamlRefusal } from './screen.js';
import type { YamlNode } from './tree.js';

export interface YamlReadOptions {
  limits: YamlLimits;
  /** Several documents (`---`) in one text; otherwise a second document is a syntax error. */
  multiDocument?: boolean;
  /** Report duplicate keys as errors. The parser's check is quadratic: readers of large texts warn about them themselves. */
  uniqueKeys?: boolean;
  /** Tags the parser resolves (CloudFormation's short-form intrinsics). */
  customTags?: Tags;
}

/** A syntax error or warning of the parser, on its line; the message is its first line, without the parser's position. */
export interface YamlMessage {
  code: string;
  line: number;
  message: string;
}

export interface YamlDocument {
  /** The tree; null when the document is empty or was not read (syntax errors other than duplicate keys, a node budget ran out). */
  root: YamlNode | null;
  /** First line of the document's content. */
  line: number;
  errors: YamlMessage[];
  warnings: YamlMessage[];
  /** Limits the document went over, each kind once, in the order met. */
  overLimits: YamlOverLimit[];
}

export interface YamlText {
  /** Set when the text was refused before parsing; nothing else is then set. */
  refused?: YamlRefusal;
  /** The parser's message when it threw. */
  failed?: string;
  /** In order; after a document whose node budget ran out, the rest of the text is not read. */
  documents: YamlDocument[];
}

/** Reads a YAML text into line-aware trees within `limits`. Never throws. */
export function readYaml(text: string, options: YamlReadOptions): YamlText {
  const refused = screenYaml(text, options.limits);
  if (refused) return { refused, documents: [] };
  const lineCounter = new LineCounter();
  const parseOptions = {
    lineCounter,
    prettyErrors: false,
    keepSourceTokens: false,
    uniqueKeys: options.uniqueKeys ?? false,
    ...(options.customTags ? { customTags: options.customTags } : {}),
  };
  let parsed: Document.Parsed[];
  try {
    parsed = options.multiDocument ? [...parseAllDocuments(text, parseOptions)] : [parseDocument(text, parseOptions)];
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err), documents: [] };
  }
  const lineOf = (offset: number) => lineCounter.linePos(Math.max(0, Math.min(offset, text.length))).line;
  const budget: Budget = { nodes: 0, aliasNodes: 0 };
  const documents: YamlDocument[] = [];
  for (const doc of parsed) {
    const contents = doc.contents as ParsedNode | null;
    const read: YamlDocument = {
      root: null,
      line: lineOf(contents?.range?.[0] ?? 0),
      errors: doc.errors.map((e) => ({ code: e.code, line: lineOf(e.pos[0]), message: firstMessageLine(e.message) })),
      warnings: doc.warnings.map((w) => ({ code: w.code, line: lineOf(w.pos[0]), message: firstMessageLine(w.message) })),
      overLimits: [],
    };
    documents.push(read);
    // A duplicate key is the one error after which the tree is still whole.
    if (contents === null || read.errors.some((e) => e.code !== 'DUPLICATE_KEY')) continue;
    const builder = new TreeBuilder(lineOf, options.limits, budget, read.overLimits);
    try {
      read.root = builder.root(contents);
    } catch (err) {
      if (!(err instanceof OverBudget)) throw err;
      read.overLimits.push(err.over);
      break;
    }
  }
  return { documents };
}

/** The first line of a parser message, without the position the parser may append (lines are reported apart). */
export function firstMessageLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
