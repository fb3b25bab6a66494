/**
 * Alternatives written as the items of one list property (catalog `redundancyGroup.list`: a RecordSetGroup's
 * `RecordSets`). Items whose `when` key is set and whose `keys` are equal form a set: the resource needs one
 * of their targets (k of them), not all. A set with an item that names no target here (an alias to an S3
 * website, an external name) has an alternative outside the repository, so none of its targets is needed.
 * Items outside every set are plain needs.
 */
import type { CatalogEntry } from '../../catalog/entry.js';
import type { DependencySet } from '../shared/dependency-set.js';
import type { Node } from './tree.js';
import { navigate, toJs, type Val } from './values.js';

export interface ItemContext {
  from: string;
  file: string;
  /** Whether a referenced id is a target that carries failure (not a passive health check). */
  isTarget: (id: string) => boolean;
  deps: DependencySet;
}

/** Adds the dependencies of the list property `name` when the entry declares its items alternatives; false when it does not. */
export function addItemAlternatives(entry: CatalogEntry | undefined, name: string, value: Val, written: Node | undefined, ctx: ItemContext): boolean {
  const spec = entry?.redundancyGroup;
  if (!spec?.list || spec.list !== name || value.t !== 'list') return false;
  const sets = new Map<string, { targets: string[]; line: number; node: Node | undefined }[]>();
  value.items.forEach((item, i) => {
    const node = written?.kind === 'seq' ? written.items[i] : undefined;
    const at = { line: node?.line ?? written?.line ?? 1, node };
    const targets = [...(item.refs ?? [])].filter(ctx.isTarget);
    const when = spec.when === undefined ? undefined : navigate(item, spec.when);
    const key = when === undefined || when.t === 'novalue' ? '' : JSON.stringify(spec.keys.map((k) => valueOf(item, k)));
    sets.set(key, [...(sets.get(key) ?? []), { targets, ...at }]);
  });
  for (const [key, items] of sets) {
    const grouped = key !== '' && items.length > 1;
    if (grouped && items.some((it) => !it.targets.length)) continue;
    for (const it of items) {
      for (const to of it.targets) {
        const line = referenceLine(it.node, to) ?? it.line;
        ctx.deps.add({
          from: ctx.from,
          to,
          kind: 'reference',
          via: name,
          location: { file: ctx.file, startLine: line, endLine: line },
          ...(grouped ? { group: { id: `${ctx.from}:${name}:${key}`, k: spec.k } } : {}),
        });
      }
    }
  }
  return true;
}

/** The line of the `Ref` / `GetAtt` naming `id` inside an item (`DNSName: !GetAtt Standby.DNSName`), so evidence lands on it. */
function referenceLine(node: Node | undefined, id: string, depth = 0): number | undefined {
  if (!node || depth > 16) return undefined;
  if (node.kind === 'scalar') return typeof node.value === 'string' && (node.value === id || node.value.startsWith(`${id}.`)) ? node.line : undefined;
  const children = node.kind === 'seq' ? node.items : node.entries.map((e) => e.value);
  for (const child of children) {
    const line = referenceLine(child, id, depth + 1);
    if (line !== undefined) return line;
  }
  return undefined;
}

function valueOf(item: Val, key: string): unknown {
  const v = navigate(item, key);
  return v === undefined ? null : toJs(v);
}
