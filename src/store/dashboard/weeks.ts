/** ISO weeks: Monday 00:00 UTC to the next Monday. */

const DAY = 86_400_000;
export const WEEK = 7 * DAY;

export function weekStart(d: Date): Date {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY);
}

/** The date (`YYYY-MM-DD`) of the Monday starting the week that holds `d`: how a trend filter names a week. */
export function weekOf(d: Date): string {
  return weekStart(d).toISOString().slice(0, 10);
}

/** The week starts from `from`'s week to `to`'s week, inclusive. */
export function weeksBetween(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = weekStart(from).getTime(); t <= weekStart(to).getTime(); t += WEEK) out.push(new Date(t));
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
