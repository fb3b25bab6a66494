/**
 * Label selectors: a Service's plain map, and the `matchLabels` / `matchExpressions` form of
 * workloads, PodDisruptionBudgets, anti-affinity terms and topology spread constraints.
 */
import { at, isMap, seqAt, stringMap, text, textAt, type KNode } from './tree.js';

export interface Selector {
  labels: Map<string, string>;
  expressions: { key: string; operator: string; values: string[] }[];
}

/** A Service-style selector (a plain map of labels); undefined when absent or empty (it selects nothing). */
export function mapSelector(n: KNode | undefined): Selector | undefined {
  const labels = stringMap(n);
  return labels.size ? { labels, expressions: [] } : undefined;
}

/** A LabelSelector (`matchLabels` / `matchExpressions`); undefined when absent. `{}` selects everything. */
export function labelSelector(n: KNode | undefined): Selector | undefined {
  if (!isMap(n)) return undefined;
  const expressions: Selector['expressions'] = [];
  for (const e of seqAt(n, ['matchExpressions'])) {
    const key = textAt(e, ['key']);
    const operator = textAt(e, ['operator']);
    if (key === undefined || operator === undefined) continue;
    const values = seqAt(e, ['values'])
      .map((v) => text(v))
      .filter((v): v is string => v !== undefined);
    expressions.push({ key, operator, values });
  }
  return { labels: stringMap(at(n, ['matchLabels'])), expressions };
}

export function matches(s: Selector, labels: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of s.labels) if (labels.get(k) !== v) return false;
  for (const e of s.expressions) {
    const v = labels.get(e.key);
    switch (e.operator) {
      case 'In':
        if (v === undefined || !e.values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && e.values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Label sets by namespace and `key=value`, so a selector is checked against the sets that carry its
 * rarest label rather than against every set of the stack (issue 10: n Services over m pods are not
 * n x m comparisons). Answers keep the order the sets were given in.
 */
export class LabelIndex<T extends { ns: string; labels: ReadonlyMap<string, string> }> {
  private readonly byNamespace = new Map<string, T[]>();
  private readonly byLabel = new Map<string, T[]>();

  constructor(sets: readonly T[]) {
    for (const s of sets) {
      listAt(this.byNamespace, s.ns).push(s);
      for (const [k, v] of s.labels) listAt(this.byLabel, labelKey(s.ns, k, v)).push(s);
    }
  }

  /** The sets of `ns` that `sel` selects. */
  select(sel: Selector, ns: string): T[] {
    let candidates = this.byNamespace.get(ns) ?? [];
    for (const [k, v] of sel.labels) {
      const withLabel = this.byLabel.get(labelKey(ns, k, v)) ?? [];
      if (withLabel.length < candidates.length) candidates = withLabel;
    }
    return candidates.filter((s) => matches(sel, s.labels));
  }
}

/**
 * Selectors by namespace and one of their `matchLabels` (under the namespace alone when they have
 * none): the reverse of LabelIndex, for a label set checked against many selectors (a workload
 * against a stack's PodDisruptionBudgets) without comparing it with every one. Answers keep the
 * order the selectors were given in.
 */
export class SelectorIndex<T> {
  private readonly byLabel = new Map<string, { selector: Selector; value: T; order: number }[]>();
  private readonly byNamespace = new Map<string, { selector: Selector; value: T; order: number }[]>();

  constructor(entries: readonly { ns: string; selector: Selector; value: T }[]) {
    entries.forEach(({ ns, selector, value }, order) => {
      const first = selector.labels.entries().next();
      if (first.done) listAt(this.byNamespace, ns).push({ selector, value, order });
      else listAt(this.byLabel, labelKey(ns, first.value[0], first.value[1])).push({ selector, value, order });
    });
  }

  /** The values whose selectors select `labels` in `ns`. */
  selecting(ns: string, labels: ReadonlyMap<string, string>): T[] {
    const candidates = [...(this.byNamespace.get(ns) ?? [])];
    for (const [k, v] of labels) for (const e of this.byLabel.get(labelKey(ns, k, v)) ?? []) candidates.push(e);
    return candidates
      .filter((e) => matches(e.selector, labels))
      .sort((a, b) => a.order - b.order)
      .map((e) => e.value);
  }
}

/** One string per distinct selector (labels in any order give the same key). */
export function selectorKey(sel: Selector): string {
  return JSON.stringify([[...sel.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), sel.expressions]);
}

const labelKey = (ns: string, k: string, v: string) => `${ns}\u0000${k}\u0000${v}`;

function listAt<T>(m: Map<string, T[]>, key: string): T[] {
  let list = m.get(key);
  if (!list) m.set(key, (list = []));
  return list;
}
