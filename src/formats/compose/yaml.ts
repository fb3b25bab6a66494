/**
 * YAML text -> position-aware tree (`tree.ts`), with interpolation applied to string scalars. The
 * shared YAML reader (model/yaml) bounds hostile input; what is compose's own: a file that does not
 * parse or goes over a limit is not used at all (docker compose refuses it), `<<` merge keys, the
 * `!reset` / `!override` tags, interpolation, and a parse cache.
 */
import type { Diagnostic } from '../../model/index.js';
import { COMPOSE_YAML_LIMITS, firstMessageLine, nestingMessage, readYaml, type YamlNode, type YamlOverLimit, type YamlRefusal } from '../../model/yaml/index.js';
import { interpolate, type Env } from './interpolate.js';
import { mapNode, scalar, seqNode, type CEntry, type CMap, type CNode, type CScalar } from './tree.js';

/** Compose files longer than this are not read. */
export const MAX_TEXT = COMPOSE_YAML_LIMITS.maxBytes;

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
  const read = readYaml(content, { limits: COMPOSE_YAML_LIMITS, multiDocument: true, uniqueKeys: true });
  if (read.refused) return notRead(file, { line: read.refused.line, severity: 'error', message: `not read: ${refusal(read.refused, content)}` });
  if (read.failed !== undefined) return notRead(file, { line: 1, severity: 'error', message: `could not parse YAML: ${firstMessageLine(read.failed)}` });
  const roots: CNode[] = [];
  for (const doc of read.documents) {
    if (doc.errors.length) {
      // Errors found at the end of input (an unclosed quote) point past the last line: keep them on it.
      const lastLine = Math.max(1, content.split('\n').length - (content.endsWith('\n') ? 1 : 0));
      const diagnostics = doc.errors.slice(0, 3).map((e): Diagnostic => ({ file, line: Math.min(e.line, lastLine), severity: 'error', message: `invalid YAML: ${e.message}` }));
      return { roots: [], diagnostics };
    }
    const over = doc.overLimits[0];
    if (over) return notRead(file, { line: over.line, severity: 'error', message: `not read: ${overLimit(over)}` });
    const root = doc.root && new ComposeTree(file, env).convert(doc.root);
    if (root) roots.push(root);
  }
  return { roots, diagnostics: [] };
}

function notRead(file: string, diagnostic: Omit<Diagnostic, 'file'>): Parsed {
  return { roots: [], diagnostics: [{ file, ...diagnostic }] };
}

function refusal(refused: YamlRefusal, content: string): string {
  if (refused.reason === 'binary') return 'binary content';
  if (refused.reason !== 'size') return nestingMessage(COMPOSE_YAML_LIMITS);
  return `${(content.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_TEXT / 1024 / 1024} MB limit for a compose file`;
}

function overLimit(over: YamlOverLimit): string {
  if (over.limit === 'depth') return `nested deeper than ${COMPOSE_YAML_LIMITS.maxDepth} levels`;
  if (over.limit === 'cycle') return `alias *${over.alias ?? ''} refers to its own anchor`;
  const limit = over.limit === 'nodes' ? COMPOSE_YAML_LIMITS.maxNodes : COMPOSE_YAML_LIMITS.maxAliasNodes;
  return `expands to more than ${limit} nodes (alias expansion)`;
}

/** The compose tree of a YAML tree: aliased nodes are converted once and shared; a dangling alias is nothing. */
class ComposeTree {
  private readonly shared = new Map<YamlNode, CNode>();

  constructor(
    private readonly file: string,
    private readonly env: Env,
  ) {}

  convert(node: YamlNode): CNode | undefined {
    if (node.kind === 'alias') {
      if (node.target === null) return undefined;
      let out = this.shared.get(node.target);
      if (!out) {
        out = this.convert(node.target);
        if (out) this.shared.set(node.target, out);
      }
      return out;
    }
    const tag = node.tag !== undefined && COMPOSE_TAGS.has(node.tag) ? node.tag : undefined;
    const src = { file: this.file, line: node.line };
    if (node.kind === 'scalar') {
      let out: CScalar;
      if (typeof node.value === 'string') {
        const r = interpolate(node.value, this.env);
        out = scalar(r.value, src);
        if (r.origin) out.origin = r.origin;
        if (r.unresolved.length) out.unresolved = r.unresolved;
      } else {
        out = scalar(node.value, src);
      }
      if (tag) out.tag = tag;
      return out;
    }
    const range = { ...src, end: node.endLine };
    if (node.kind === 'seq') return seqNode(node.items.flatMap((item) => this.convert(item) ?? []), range, tag);
    const entries = new Map<string, CEntry>();
    const merged: CMap[] = [];
    for (const entry of node.entries) {
      const key = entry.key?.kind === 'scalar' ? entry.key.value : null;
      const value = this.convert(entry.value);
      if (key === '<<') {
        // Merge keys: the merged maps fill in what the map does not set itself, earlier ones first.
        if (value?.kind === 'map') merged.push(value);
        else if (value?.kind === 'seq') for (const m of value.items) if (m.kind === 'map') merged.push(m);
        continue;
      }
      if (key === null) continue;
      const keySrc = { file: this.file, line: entry.keyLine };
      entries.set(String(key), { key: keySrc, value: value ?? scalar(null, keySrc) });
    }
    for (const m of merged) {
      for (const [key, e] of m.entries) if (!entries.has(key)) entries.set(key, e);
    }
    return mapNode(entries, range, tag);
  }
}
