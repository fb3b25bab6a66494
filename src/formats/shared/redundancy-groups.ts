/**
 * Catalog edge hints that every format applies the same way: whether `reverse` / `association` edges are
 * alternatives, and `redundancyGroup` (Route 53 failover records sharing name + type) turning a
 * dependency on one member into a dependency on the group.
 */
import type { Component, Dependency } from '../../model/index.js';
import { UNKNOWN, type CatalogEntry, type ResourceView } from '../../catalog/entry.js';

export type RedundancyGroupSpec = NonNullable<CatalogEntry['redundancyGroup']>;

/** The entry's redundancy-group hint (named `redundancyGroup`; `alternatives` in early drafts). */
export function redundancyGroupOf(entry: CatalogEntry | undefined): RedundancyGroupSpec | undefined {
  if (!entry) return undefined;
  const e = entry as unknown as { redundancyGroup?: RedundancyGroupSpec; alternatives?: RedundancyGroupSpec };
  return e.redundancyGroup ?? e.alternatives;
}

/** Whether the deps an entry creates through `reverse` / `association` are interchangeable for their needer. */
export function edgesAreAlternatives(entry: CatalogEntry | undefined): boolean {
  return (entry?.edges as { alternatives?: boolean } | undefined)?.alternatives === true;
}

/**
 * The one group of interchangeable targets of a resource (a target group's ASGs, instances and ECS
 * services, from `reverse` / `association` edges marked as alternatives): it fails when all fail.
 */
export function targetsGroup(needer: string): string {
  return `${needer}:targets`;
}

export interface GroupCandidate {
  id: string;
  entry: CatalogEntry | undefined;
  view: ResourceView | undefined;
}

export interface RedundancyGroup {
  id: string;
  k: number;
  members: string[];
}

/** Resources whose entry has a `redundancyGroup` and whose values at its keys are equal (and known). */
export function findRedundancyGroups(candidates: readonly GroupCandidate[]): RedundancyGroup[] {
  const buckets = new Map<string, { k: number; members: string[] }>();
  for (const c of candidates) {
    const alt = redundancyGroupOf(c.entry);
    // Items of one resource's list are grouped by the format, as its dependencies (see `list`).
    if (!alt || !c.view || alt.list !== undefined) continue;
    if (alt.when !== undefined) {
      const w = c.view.get(alt.when);
      if (w === undefined || w === null || w === UNKNOWN) continue;
    }
    const vals = alt.keys.map((k: string) => valueOf(c.view!, k, alt.byExpression === true));
    if (vals.some((v) => v === undefined || v === UNKNOWN)) continue;
    const key = `${c.entry!.id}\u0000${JSON.stringify(vals)}`;
    const b = buckets.get(key);
    if (b) b.members.push(c.id);
    else buckets.set(key, { k: alt.k, members: [c.id] });
  }
  const out: RedundancyGroup[] = [];
  for (const [key, b] of buckets) {
    if (b.members.length < 2) continue;
    out.push({ id: `alternatives:${key.replace('\u0000', ':')}`, k: b.k, members: b.members });
  }
  return out;
}

/** The value at a key; with `byExpression`, an unknown one as the expression written (`${aws_lb_listener.web.id}`). */
function valueOf(view: ResourceView, key: string, byExpression: boolean): unknown {
  const value = view.get(key);
  if (value !== UNKNOWN || !byExpression) return value;
  // Terraform shows a reference as text (`${aws_lb_listener.web.id}`), CloudFormation as written (`{"Ref": "Listener"}`).
  const shown = view.site(key)?.value;
  return shown === undefined || shown === null ? UNKNOWN : `expression ${typeof shown === 'string' ? shown : JSON.stringify(shown)}`;
}

/** A dependency on one member of a redundancy group is a dependency on the group (k of its members). */
export function dependOnGroups(deps: Dependency[], groups: readonly RedundancyGroup[]): Dependency[] {
  const altOf = new Map<string, RedundancyGroup>();
  for (const g of groups) for (const m of g.members) altOf.set(m, g);
  if (!altOf.size) return deps;
  const out: Dependency[] = [];
  const seen = new Set<string>();
  const push = (d: Dependency) => {
    const k = `${d.from}\u0000${d.to}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  for (const d of deps) {
    const alt = altOf.get(d.to);
    if (!alt || d.group || alt.members.includes(d.from)) {
      push(d);
      continue;
    }
    for (const m of alt.members) push({ ...d, to: m, group: { id: alt.id, k: alt.k } });
  }
  return out;
}

/**
 * Mark the members of each group (`Component.alternativeOf`): the analysis does not count a failed member
 * as failed while k members of its group still serve (a failover record whose primary target fails).
 */
export function markAlternatives(components: readonly Component[], groups: readonly RedundancyGroup[]): void {
  const of = new Map<string, RedundancyGroup>();
  for (const g of groups) for (const m of g.members) of.set(m, g);
  for (const c of components) {
    const g = of.get(c.id);
    if (g) c.alternativeOf = { group: g.id, k: g.k };
  }
}
