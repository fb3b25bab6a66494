import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { batches, fromTimestamp } from '../values.js';
import { weekStart } from './weeks.js';

/**
 * `spof_weeks`: a repository's SPOF lifetimes (spof_history, a few rows per SPOF) as counts per ISO
 * week, for the repository and for each team, so trends read a few rows per repository and week
 * instead of every lifetime. Rewritten for the whole repository whenever its history is written
 * (a repository has a few dozen lifetimes: reading them again costs less than keeping deltas right
 * across out-of-order inventories and rebuilds).
 */

type Db = Kysely<Database>;
type Row = Insertable<Database['spof_weeks']>;

const DAY = 86_400_000;
/** Rows per insert statement: 6 parameters each stays far under both databases' limits. */
const ROWS_PER_INSERT = 500;

/** The day number (days since 1970-01-01) of the Monday starting the week that holds `at`. */
export function weekDay(at: Date): number {
  return weekStart(at).getTime() / DAY;
}

export async function rollUpSpofWeeks(db: Db, repoId: number): Promise<void> {
  await db.deleteFrom('spof_weeks').where('repo_id', '=', repoId).execute();
  const spofs = await db.selectFrom('spof_history').select(['id', 'baseline', 'appeared_at', 'resolved_at']).where('repo_id', '=', repoId).execute();
  if (spofs.length === 0) return;
  const teams = await db.selectFrom('spof_history_teams').select(['spof_id', 'team']).where('repo_id', '=', repoId).execute();
  const teamsOf = new Map<number, string[]>();
  for (const t of teams) {
    const list = teamsOf.get(Number(t.spof_id));
    if (list) list.push(t.team);
    else teamsOf.set(Number(t.spof_id), [t.team]);
  }
  const rows = new Map<string, Row>();
  const count = (team: string | null, day: number, what: 'appeared' | 'appeared_new' | 'resolved') => {
    const key = JSON.stringify([team, day]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { repo_id: repoId, team, week_day: day, appeared: 0, appeared_new: 0, resolved: 0 }));
    row[what] = (row[what] ?? 0) + 1;
  };
  for (const s of spofs) {
    for (const team of [null, ...(teamsOf.get(Number(s.id)) ?? [])]) {
      const appeared = weekDay(fromTimestamp(s.appeared_at));
      count(team, appeared, 'appeared');
      if (Number(s.baseline) === 0) count(team, appeared, 'appeared_new');
      if (s.resolved_at !== null) count(team, weekDay(fromTimestamp(s.resolved_at)), 'resolved');
    }
  }
  const all = [...rows.values()];
  for (const batch of batches(all, ROWS_PER_INSERT)) await db.insertInto('spof_weeks').values(batch).execute();
}
