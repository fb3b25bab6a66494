/**
 * YAML text -> position-aware tree (`tree.ts`), with interpolation applied to string scalars.
 * Hostile input is bounded: the text size, the nesting depth and the expanded size of the tree
 * (an alias bomb expands to billions of nodes) all have limits, and going over one is a diagnostic.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../../model/index.js';
import { interpolate, type Env } from './interpolate.js';
import { mapNode, scalar, seqNode, type CEntry, type CMap, type CNode, type CScalar, type Src } from './tree.js';

/** Larger compose files are not read (the biggest real ones are tens of KB). */
export const MAX_TEXT = 2 * 1024 * 1024;
/** Nodes of the expanded tree, aliases counted at each use. */
export const MAX_EXPANDED = 200_000;
const MAX_DEPTH = 64;
const MAX_ALIASES = 10_000;

class Limit extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const COMPOSE_TAGS = new Set(['!reset', '!override']);

export interface Parsed {
  roots: CNode[];
  diagnostics: Diagnostic[];
}

// Parse cache: sniffing, stacks() and extract(), base and head read the same files. Trees are never
// mutated after parsing, so they are shared.
/** Bounded by text size; a tree takes roughly ten times the memory of its text. */
const CACHE_LIMIT_CHARS = 8 * 1024 * 1024;
const cache = new Map<string, { content: string; parsed: Parsed }>();
let cachedChars = 0;

/** Parse one compose file (cached). Multiple documents are merged in order by the caller's rules (`merge`). */
export function parseYaml(file: string, content: string, env: Env): Parsed {
  const key = `${file}\u0000${envKey(env)}`;
  const hit = cache.get(key);
  if (hit && hit.content === content) {
    cache.delete(key);
    cache.set(key, hit);
    return { roots: hit.parsed.roots, diagnostics: [...hit.parsed.diagnostics] };
  }
  const parsed = parseUncached(file, content, env);
  if (content.length <= CACHE_LIMIT_CHARS / 8) {
    if (hit) cachedChars -= hit.content.length;
    cache.delete(key);
    cache.set(key, { content, parsed });
    cachedChars += content.length;
    for (const [k, v] of cache) {
      if (cachedChars <= CACHE_LIMIT_CHARS) break;
      cache.delete(k);
      cachedChars -= v.content.length;
    }
  }
  return { roots: parsed.roots, diagnostics: [...parsed.diagnostics] };
}

/** What an env contributes to a parse: its values (sites matter for fixes). */
function envKey(env: Env): string {
  if (env.size === 0) return '';
  let k = '';
  for (const [name, v] of env) k += `${name}=${v.value}@${v.site.file}:${v.site.line}\u0001`;
  return k;
}

function parseUncached(file: string, content: string, env: Env): Parsed {
  const diagnostics: Diagnostic[] = [];
  if (content.length > MAX_TEXT) {
    diagnostics.push({ file, line: 1, severity: 'warning', message: `not read: ${(content.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_TEXT / 1024 / 1024} MB limit for a compose file` });
    return { roots: [], diagnostics };
  }
  if (content.includes('\u0000')) {
    diagnostics.push({ file, line: 1, severity: 'warning', message: 'not read: binary content' });
    return { roots: [], diagnostics };
  }
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(content, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (err) {
    diagnostics.push({ file, line: 1, severity: 'error', message: `could not parse YAML: ${firstLine(err)}` });
    return { roots: [], diagnostics };
  }
  if (!Array.isArray(docs)) docs = [];
  const roots: CNode[] = [];
  // Errors found at the end of input (an unclosed quote) point past the last line: keep them on it.
  const lastLine = Math.max(1, lc.lineStarts.length - (content.endsWith('\n') ? 1 : 0));
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const e of doc.errors.slice(0, 3)) {
        const line = Math.min(lc.linePos(e.pos[0]).line, lastLine);
        diagnostics.push({ file, line, severity: 'error', message: `invalid YAML: ${firstLine(e)}` });
      }
      // A compose file that does not parse is not used at all, as docker compose refuses it.
      return { roots: [], diagnostics };
    }
    if (!doc.contents) continue;
    try {
      const root = new Converter(file, lc, doc, env).convert(doc.contents as YamlNode, 0);
      if (root) roots.push(root);
    } catch (err) {
      if (!(err instanceof Limit)) throw err;
      diagnostics.push({ file, line: err.line, severity: 'error', message: `not read: ${err.message}` });
      return { roots: [], diagnostics };
    }
  }
  return { roots, diagnostics };
}

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return (m.split('\n')[0] ?? m).replace(/ at line \d+, column \d+:?$/, '');
}

class Converter {
  /** Anchored nodes already converted: aliases share them. */
  private readonly done = new Map<YamlNode, CNode | undefined>();
  private readonly active = new Set<YamlNode>();
  private aliases = 0;

  constructor(
    private readonly file: string,
    private readonly lc: LineCounter,
    private readonly doc: Document.Parsed,
    private readonly env: Env,
  ) {}

  private src(offset: number | undefined, end?: number): Src {
    const s: Src = { file: this.file, line: offset === undefined ? 1 : this.lc.linePos(offset).line };
    if (end !== undefined) s.end = this.lc.linePos(Math.max(offset ?? 0, end - 1)).line;
    return s;
  }

  convert(node: YamlNode, depth: number): CNode | undefined {
    if (depth > MAX_DEPTH) throw new Limit(`nested deeper than ${MAX_DEPTH} levels`, this.src(node.range?.[0]).line);
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) throw new Limit(`more than ${MAX_ALIASES} aliases`, this.src(node.range?.[0]).line);
      const target = node.resolve(this.doc) as YamlNode | undefined;
      if (!target) return undefined;
      if (this.active.has(target)) throw new Limit(`alias *${node.source} refers to its own anchor`, this.src(node.range?.[0]).line);
      if (this.done.has(target)) return this.done.get(target);
      return this.convert(target, depth);
    }
    const anchored = 'anchor' in node && typeof node.anchor === 'string';
    if (anchored) this.active.add(node);
    const out = this.build(node, depth);
    if (anchored) {
      this.active.delete(node);
      this.done.set(node, out);
    }
    if (out && out.size > MAX_EXPANDED) {
      throw new Limit(`expands to more than ${MAX_EXPANDED} nodes (alias expansion)`, out.src.line);
    }
    return out;
  }

  private build(node: YamlNode, depth: number): CNode | undefined {
    const tag = typeof node.tag === 'string' && COMPOSE_TAGS.has(node.tag) ? node.tag : undefined;
    const range = node.range;
    if (isScalar(node)) {
      const v = node.value;
      const src = this.src(range?.[0]);
      let out: CScalar;
      if (typeof v === 'string') {
        const r = interpolate(v, this.env);
        out = scalar(r.value, src);
        if (r.origin) out.origin = r.origin;
        if (r.unresolved.length) out.unresolved = r.unresolved;
      } else if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
        out = scalar(v, src);
      } else if (typeof v === 'bigint') {
        out = scalar(Number(v), src);
      } else {
        out = scalar(v === undefined ? null : String(v), src);
      }
      if (tag) out.tag = tag;
      return out;
    }
    if (isSeq(node)) {
      const list: CNode[] = [];
      let size = 1;
      for (const item of node.items) {
        const c = this.convert(item as YamlNode, depth + 1);
        if (!c) continue;
        size += c.size;
        if (size > MAX_EXPANDED) throw new Limit(`expands to more than ${MAX_EXPANDED} nodes (alias expansion)`, c.src.line);
        list.push(c);
      }
      return seqNode(list, this.src(range?.[0], range?.[1]), tag);
    }
    if (isMap(node)) {
      const entries = new Map<string, CEntry>();
      const merged: CMap[] = [];
      let size = 1;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YamlNode | null;
        const keyValue = k && isScalar(k) ? k.value : undefined;
        const value = pair.value === null ? undefined : this.convert(pair.value as YamlNode, depth + 1);
        const keySrc = this.src((k as YamlNode | null)?.range?.[0] ?? range?.[0]);
        if (keyValue === '<<' || (typeof keyValue === 'symbol' && keyValue.description === '<<')) {
          // Merge keys: the merged maps fill in what the map does not set itself, earlier ones first.
          if (value?.kind === 'map') merged.push(value);
          else if (value?.kind === 'seq') for (const m of value.items) if (m.kind === 'map') merged.push(m);
          continue;
        }
        if (keyValue === undefined || keyValue === null || typeof keyValue === 'object' || typeof keyValue === 'symbol') continue;
        const v = value ?? scalar(null, keySrc);
        size += v.size;
        if (size > MAX_EXPANDED) throw new Limit(`expands to more than ${MAX_EXPANDED} nodes (alias expansion)`, keySrc.line);
        entries.set(String(keyValue), { key: keySrc, value: v });
      }
      for (const m of merged) {
        for (const [key, e] of m.entries) {
          if (entries.has(key)) continue;
          size += e.value.size;
          if (size > MAX_EXPANDED) throw new Limit(`expands to more than ${MAX_EXPANDED} nodes (alias expansion)`, e.key.line);
          entries.set(key, e);
        }
      }
      return mapNode(entries, this.src(range?.[0], range?.[1]), tag);
    }
    return undefined;
  }
}
