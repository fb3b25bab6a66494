/**
 * `jsondecode()` and `yamldecode()` for Terragrunt configurations (`yamldecode(file("env.yaml"))` is a
 * common way to share settings between units). YAML read from a file keeps the line of every key, so a
 * finding cites the line that set the value.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { MAX_COLLECTION, NULL, bool, errorV, list, num, obj, str, type Site, type Val } from '../values.js';

/** A plain JSON-like value as a Val, every part at `site`. */
export function plainToVal(value: unknown, site: Site | undefined, depth = 0): Val {
  if (depth > 64) return errorV('a value nested too deeply');
  if (value === null || value === undefined) return site ? { t: 'null', site } : NULL;
  if (typeof value === 'string') return str(value, site);
  if (typeof value === 'number') return num(value, site);
  if (typeof value === 'boolean') return bool(value, site);
  if (Array.isArray(value)) return list(value.slice(0, MAX_COLLECTION + 1).map((item) => plainToVal(item, site, depth + 1)), { site });
  if (typeof value === 'object') {
    const fields = new Map<string, Val>();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) fields.set(key, plainToVal(field, site, depth + 1));
    return obj(fields, { site });
  }
  return errorV('a value that is not JSON');
}

export function jsonDecode(text: string, site: Site | undefined): Val {
  try {
    return plainToVal(JSON.parse(text), site);
  } catch {
    return errorV('jsondecode() of text that is not JSON');
  }
}

/** YAML text as a Val; with `file`, each key's value is sited at its own line there. */
export function yamlDecode(text: string, site: Site | undefined, file?: string): Val {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length) return errorV('yamldecode() of text that is not YAML');
  const lineOf = (node: Node | null | undefined, fallback: Site | undefined): Site | undefined => {
    if (!file || !node?.range) return fallback;
    const start = lines.linePos(node.range[0]).line;
    const end = Math.max(start, lines.linePos(Math.max(node.range[0], node.range[1] - 1)).line);
    return { file, start, end };
  };
  const convert = (node: unknown, at: Site | undefined, depth: number): Val => {
    if (depth > 64) return errorV('a value nested too deeply');
    if (isMap(node)) {
      const fields = new Map<string, Val>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) return errorV('a YAML key that is not a string');
        const keySite = file && isScalar(pair.key) && pair.key.range ? lineOf(pair.key, at) : at;
        const valueSite = pair.value && (pair.value as Node).range && keySite ? { ...keySite, end: Math.max(keySite.end, lineOf(pair.value as Node, keySite)!.end), name: key } : keySite;
        fields.set(key, convert(pair.value, valueSite, depth + 1));
      }
      return obj(fields, { site: at });
    }
    if (isSeq(node)) return list(node.items.map((item) => convert(item, lineOf(item as Node, at), depth + 1)), { site: at });
    if (isScalar(node)) return plainToVal(node.value, at, depth);
    if (node === null || node === undefined) return at ? { t: 'null', site: at } : NULL;
    return errorV('a YAML value that is not data');
  };
  return convert(doc.contents, site, 0);
}
