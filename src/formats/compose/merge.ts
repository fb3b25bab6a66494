/**
 * Compose's merge rules, for override files (`docker-compose.override.yml`), `extends` and several
 * documents in one file: mappings merge key by key, the later file wins on scalars, sequences are
 * appended without duplicates, and the list forms of `environment`, `labels`, `depends_on`,
 * `networks`, `extra_hosts`, `sysctls` are read as maps so that both forms merge. `!reset` removes a
 * value, `!override` replaces it whole. Some sequences replace rather than append (`command`).
 */
import { mapNode, scalar, seqNode, type CEntry, type CMap, type CNode, type CSeq } from './tree.js';

/** Service keys whose list form is `KEY=VALUE` / `name` items of a map. */
const LIST_AS_MAP_EQ = new Set(['environment', 'labels', 'extra_hosts', 'sysctls', 'annotations']);
const LIST_AS_MAP_NAMES = new Set(['depends_on', 'networks']);
/** Sequences that are one value (a command line), replaced rather than appended. */
const REPLACED = new Set(['command', 'entrypoint', 'test', 'dns_search']);

/** The list form `["A=1", "B"]` of a mapping key, as a map (`B` maps to null). */
export function listAsMap(key: string, n: CNode): CNode {
  if (n.kind !== 'seq') return n;
  const eq = LIST_AS_MAP_EQ.has(key);
  if (!eq && !LIST_AS_MAP_NAMES.has(key)) return n;
  const entries = new Map<string, CEntry>();
  for (const item of n.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const s = String(item.value);
    // `extra_hosts` items are `host:ip` (or `host=ip`), the other lists `KEY=VALUE`; a bare name maps to null.
    const cut = !eq ? -1 : key === 'extra_hosts' ? s.search(/[=:]/) : s.indexOf('=');
    const k = (cut >= 0 ? s.slice(0, cut) : s).trim();
    if (k === '') continue;
    const value = scalar(cut >= 0 ? s.slice(cut + 1) : null, item.src);
    if (item.origin) value.origin = item.origin;
    if (item.unresolved) value.unresolved = item.unresolved;
    entries.set(k, { key: item.src, value });
  }
  return mapNode(entries, n.src, n.tag);
}

/**
 * `over` merged onto `base` (either may be absent). `key` is the mapping key both sit under, which
 * decides the list-as-map and replace rules. Returns undefined when `!reset` removes the value.
 */
export function merge(base: CNode | undefined, over: CNode | undefined, key = ''): CNode | undefined {
  if (over === undefined) return base;
  if (over.tag === '!reset') return undefined;
  if (base === undefined || over.tag === '!override') return untagged(over);
  const b = listAsMap(key, base);
  const o = listAsMap(key, over);
  if (b.kind === 'map' && o.kind === 'map') return mergeMaps(b, o);
  if (b.kind === 'seq' && o.kind === 'seq' && !REPLACED.has(key)) return appendUnique(b, o);
  return o;
}

function untagged(n: CNode): CNode {
  if (n.tag === undefined) return n;
  const { tag: _tag, ...rest } = n;
  return rest as CNode;
}

export function mergeMaps(base: CMap, over: CMap): CMap {
  const entries = new Map(base.entries);
  for (const [k, e] of over.entries) {
    const merged = merge(base.entries.get(k)?.value, e.value, k);
    if (merged === undefined) {
      entries.delete(k);
      continue;
    }
    // A merged collection stays where the base wrote it; a replaced value is where the override writes it.
    const kept = merged.kind === 'map' && base.entries.get(k)?.value.kind === 'map';
    entries.set(k, { key: kept ? base.entries.get(k)!.key : e.key, value: merged });
  }
  return mapNode(entries, base.src, base.tag);
}

function appendUnique(base: CSeq, over: CSeq): CSeq {
  const seen = new Set(base.items.map(identity));
  const list = [...base.items];
  for (const item of over.items) {
    const id = identity(item);
    if (id !== undefined && seen.has(id)) continue;
    if (id !== undefined) seen.add(id);
    list.push(item);
  }
  return seqNode(list, base.src, base.tag);
}

function identity(n: CNode): string | undefined {
  return n.kind === 'scalar' ? `${typeof n.value}:${String(n.value)}` : undefined;
}
