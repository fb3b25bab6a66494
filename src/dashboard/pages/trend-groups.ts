import type { TrendWeek } from '../../store/dashboard/types.js';

/** How many teams (or repositories) get a line of their own in a per-team (per-repository) chart. */
export const TOP_GROUPS = 8;

/** What a per-group chart draws of each week. */
export type GroupMeasure = 'inventorySize' | 'newSpofs';

export interface TrendGroup {
  name: string;
  weeks: readonly TrendWeek[];
}

/** One line of a per-group chart: a group, or the sum of those not drawn on their own (`rest`). */
export interface GroupLine {
  name: string;
  rest: boolean;
  values: Record<GroupMeasure, number[]>;
}

const MEASURES: readonly GroupMeasure[] = ['inventorySize', 'newSpofs'];

/**
 * The lines of the per-group charts: the `top` groups with the most default-branch SPOFs at the
 * last week's end (then the most new over the weeks, then by name), and the others summed into one
 * line named by `restName`. Groups with nothing to draw are left out; a single group left over is
 * drawn as itself, since a line named "1 other" says less. The per-team sum counts a SPOF owned by
 * two teams for each, as each team's line does.
 */
export function groupLines(groups: readonly TrendGroup[], restName: (n: number) => string, top = TOP_GROUPS): GroupLine[] {
  const values = (g: TrendGroup) => Object.fromEntries(MEASURES.map((m) => [m, g.weeks.map((w) => w[m])])) as Record<GroupMeasure, number[]>;
  const last = (g: TrendGroup) => g.weeks.at(-1)?.inventorySize ?? 0;
  const added = (g: TrendGroup) => g.weeks.reduce((n, w) => n + w.newSpofs, 0);
  const ranked = groups
    .filter((g) => g.weeks.some((w) => w.inventorySize > 0 || w.newSpofs > 0))
    .sort((a, b) => last(b) - last(a) || added(b) - added(a) || a.name.localeCompare(b.name));
  const own = ranked.length <= top + 1 ? ranked : ranked.slice(0, top);
  const others = ranked.slice(own.length);
  const lines = own.map((g) => ({ name: g.name, rest: false, values: values(g) }));
  if (others.length === 0) return lines;
  const sum = (m: GroupMeasure) => others[0]!.weeks.map((_, i) => others.reduce((n, g) => n + (g.weeks[i]?.[m] ?? 0), 0));
  return [...lines, { name: restName(others.length), rest: true, values: Object.fromEntries(MEASURES.map((m) => [m, sum(m)])) as Record<GroupMeasure, number[]> }];
}
