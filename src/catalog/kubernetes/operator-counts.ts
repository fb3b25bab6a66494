import { UNKNOWN, type Judgement, type ResourceView } from '../entry.js';
import { asList, asRecord, judgement, redundancy } from '../judging/index.js';
import { countOf, judgeReplicas } from './replicas.js';

/*
 * What the operator resources that run several parts (database members and their proxies, node groups
 * of one cluster, replica sets of one sharded database) are judged with: the parts are judged one by one
 * and the one that tolerates the fewest failures decides, as the cluster fails when that part fails.
 */

const QUORUM_NOTE = 'an odd number, so a majority survives one failure';

/** How many member failures a judged part survives: floor((n-1)/2) for a majority system, n-1 otherwise. */
function tolerance(j: Judgement): number | null {
  const r = j.redundancy;
  if (r.instances === null) return null;
  return r.quorum ? Math.floor((r.instances - 1) / 2) : r.instances - 1;
}

/**
 * The part that tolerates the fewest failures. A part that cannot be evaluated decides only when every
 * known part is tolerant: a known single point of failure is not hidden behind an unknown, nor is an
 * unknown presented as tolerant.
 */
export function weakestPart(parts: readonly Judgement[]): Judgement {
  let weakest: Judgement | undefined;
  let unknown: Judgement | undefined;
  for (const part of parts) {
    const t = tolerance(part);
    if (t === null) unknown ??= part;
    else if (!weakest || t < tolerance(weakest)! || (t === tolerance(weakest) && before(part, weakest))) weakest = part;
  }
  const decided = !weakest ? unknown : unknown && tolerance(weakest)! >= 1 ? unknown : weakest;
  if (!decided) return judgement(redundancy(null, null, null), []);
  // Every part's counts are decisive (the deciding part's first), so evidence shows whichever changed.
  const decisive = [...new Set([...decided.decisive, ...parts.flatMap((p) => p.decisive)])];
  return { ...decided, decisive };
}

/**
 * Between parts that tolerate as few failures: fewer members first, else the part listed first (entries
 * list the data-holding members before their proxies, so a cut of members is not hidden behind a lone router).
 */
function before(a: Judgement, b: Judgement): boolean {
  return a.redundancy.instances! < b.redundancy.instances!;
}

/** A majority system of `count` members written at `key` (a Galera cluster, a replica set, an ensemble). */
export function judgeQuorum(r: ResourceView, key: string, absent: number | null): Judgement {
  return judgeReplicas(r, { key, absent, quorum: true });
}

/**
 * Members written in several places (the master-eligible node sets of an Elasticsearch cluster, the
 * replica tablet pools of a Vitess shard): the sum decides, each count is decisive, and the fix raises the
 * first one. A majority system needs 3; replicas that fail over need 2.
 */
export function judgeCountSum(counts: readonly { key: string; count: number | null }[], quorum: boolean): Judgement {
  const keys = counts.map((c) => c.key);
  if (counts.some((c) => c.count === null)) return judgement(redundancy(null, null, null, { quorum }), keys);
  const total = counts.reduce((sum, c) => sum + c.count!, 0);
  const red = redundancy(total, null, quorum ? null : total >= 2, { quorum });
  const want = quorum ? 3 : 2;
  const first = counts[0];
  if (total >= want || !first) return judgement(red, keys);
  return judgement(red, keys, { key: first.key, value: first.count! + want - total, ...(quorum ? { note: QUORUM_NOTE } : {}) });
}

/** The items of a list field as plain maps, with the path each is written at (`spec.nodeSets.1`); UNKNOWN when not a list of maps. */
export function listItems(r: ResourceView, path: string): { path: string; item: Readonly<Record<string, unknown>> }[] | typeof UNKNOWN {
  const list = asList(r.get(path));
  if (list === UNKNOWN) return UNKNOWN;
  if (list === undefined) return [];
  const out: { path: string; item: Readonly<Record<string, unknown>> }[] = [];
  for (const [i, value] of list.entries()) {
    const item = asRecord(value);
    if (item === undefined || item === UNKNOWN) return UNKNOWN;
    out.push({ path: `${path}.${i}`, item });
  }
  return out;
}

/** A whole count read from a plain map (a list item), `absent` when unset, null when not a number. */
export function itemCount(item: Readonly<Record<string, unknown>>, field: string, absent: number | null): number | null {
  const v = item[field];
  if (v === undefined || v === null) return absent;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isNaN(n) ? null : countOf(n, absent);
}
