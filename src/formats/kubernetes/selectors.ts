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
