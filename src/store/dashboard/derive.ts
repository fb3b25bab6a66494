import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import { severityRank, type Finding, type Review, type Severity } from '../../model/index.js';
import type { Database } from '../schema.js';
import type { InventorySpofRecord, RepoRef } from '../types.js';
import { batches, fromTimestamp, fromTimestampOrNull, safeText, toTimestamp } from '../values.js';
import { rollUpSpofWeeks } from './spof-weeks.js';

/**
 * The dashboard's derived rows, rewritten from the facts whenever a fact of theirs is written:
 * - `dashboard_changes` + `change_facets` (+ `change_teams`, its team facets with the status columns): one row per flagged change (a PR with at least one
 *   finding, not resolved and not suppressed, in any of its reviews), from the PR's reviews,
 *   acceptances and outcomes (`refreshChange`, called by saveReview, recordAcceptance,
 *   revokeAcceptances and recordOutcomes in the same transaction; `refreshChanges` does a batch of
 *   PRs in a few statements);
 * - `spof_history` + `spof_history_teams`: each default-branch SPOF from the inventory it appeared
 *   in to the one it was gone from (`recordSpofHistory`, called by saveInventory; `rebuildSpofHistory`
 *   for a whole ref, after a replay of its history), and their counts per week in `spof_weeks`
 *   (rewritten for the repository with them, see spof-weeks.ts).
 * Derived rows hold no fact of their own: `rebuildDashboard` recreates them all from the facts.
 */

type Db = Kysely<Database>;

/** Whether a finding of a stored review counts: resolved SPOFs and suppressed findings flag nothing. */
export function flags(f: Finding): boolean {
  return f.kind !== 'resolved-spof' && !f.suppressed;
}

export async function refreshChange(db: Db, repoId: number, prNumber: number): Promise<void> {
  await refreshChanges(db, [{ repoId, prNumber }]);
}

interface Pull {
  repoId: number;
  prNumber: number;
}

/** Pull requests per refresh: each of the five facts is read once for all of them, and the rows written in a few statements. */
const PULLS_PER_BATCH = 500;
/** Rows per insert of `dashboard_changes` (21 parameters each): under both databases' limits. */
const CHANGES_PER_INSERT = 300;

/**
 * The flagged changes of `pulls` again from their facts, set by set: a batch of pull requests
 * costs the same handful of statements as one (the migration and a repair rebuild thousands).
 */
export async function refreshChanges(db: Db, pulls: readonly Pull[]): Promise<void> {
  for (const batch of batches(pulls, PULLS_PER_BATCH)) await refreshBatch(db, batch);
}

const keyOf = (repoId: number | string, prNumber: number | null) => `${Number(repoId)}#${prNumber}`;

/** The rows of exactly these pull requests: per repository, its PR numbers (both databases use their (repo_id, pr_number) indexes). */
function ofPulls(pulls: readonly Pull[]) {
  const byRepo = new Map<number, number[]>();
  for (const p of pulls) byRepo.set(p.repoId, [...(byRepo.get(p.repoId) ?? []), p.prNumber]);
  return (eb: ExpressionBuilder<any, any>) => eb.or([...byRepo].map(([repoId, prs]) => eb.and([eb('repo_id', '=', repoId), eb('pr_number', 'in', prs)])));
}

async function refreshBatch(db: Db, pulls: readonly Pull[]): Promise<void> {
  const where = ofPulls(pulls);
  const [reviews, owners, acceptances, outcomes] = await Promise.all([
    db.selectFrom('reviews').select(['repo_id', 'pr_number', 'job_id', 'installation_id', 'owner', 'repo', 'head_sha', 'review_json', 'created_at'])
      .where(where).orderBy('job_id').orderBy('id').execute(),
    db.selectFrom('findings').select(['repo_id', 'pr_number', 'fingerprint', 'owners_json'])
      .where(where).where('owners_json', 'is not', null).orderBy('review_id').orderBy('id').execute(),
    db.selectFrom('acceptances').select(['repo_id', 'pr_number', 'fingerprints_json', 'accepted_by', 'note', 'expires_at'])
      .where(where).where('revoked_at', 'is', null).orderBy('id').execute(),
    db.selectFrom('finding_outcomes').select(['repo_id', 'pr_number', 'outcome', 'closed_at', 'merge_sha']).where(where).execute(),
  ]);
  const group = <T extends { repo_id: number | string; pr_number: number | null }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const k = keyOf(r.repo_id, r.pr_number);
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  };
  const [reviewsOf, ownersOf, acceptancesOf, outcomesOf] = [group(reviews), group(owners), group(acceptances), group(outcomes)];

  const rows: DashboardChangeRow[] = [];
  const facets: { repo_id: number; pr_number: number; facet: string; value: string }[] = [];
  for (const p of pulls) {
    const k = keyOf(p.repoId, p.prNumber);
    const derived = deriveChange(p, reviewsOf.get(k) ?? [], new Map((ownersOf.get(k) ?? []).map((r) => [r.fingerprint, JSON.parse(r.owners_json!) as string[]])),
      acceptancesOf.get(k) ?? [], outcomesOf.get(k) ?? []);
    if (!derived) continue;
    rows.push(derived.row);
    for (const [facet, value] of derived.facets) facets.push({ repo_id: p.repoId, pr_number: p.prNumber, facet, value });
  }

  await db.deleteFrom('change_facets').where(where).execute();
  await db.deleteFrom('change_teams').where(where).execute();
  const flagged = new Set(rows.map((r) => keyOf(r.repo_id, r.pr_number)));
  const unflagged = pulls.filter((p) => !flagged.has(keyOf(p.repoId, p.prNumber)));
  if (unflagged.length > 0) await db.deleteFrom('dashboard_changes').where(ofPulls(unflagged)).execute();
  for (const batch of batches(rows, CHANGES_PER_INSERT)) {
    await db.insertInto('dashboard_changes').values(batch)
      .onConflict((oc) => oc.columns(['repo_id', 'pr_number']).doUpdateSet((eb) => Object.fromEntries(UPDATABLE.map((c) => [c, eb.ref(`excluded.${c}`)])))).execute();
  }
  for (const batch of batches(facets, ROWS_PER_INSERT)) {
    await db.insertInto('change_facets').values(batch).onConflict((oc) => oc.doNothing()).execute();
  }
  const changes = new Map(rows.map((r) => [keyOf(r.repo_id, r.pr_number), r]));
  const teams = facets.filter((f) => f.facet === 'team').map((f) => {
    const c = changes.get(keyOf(f.repo_id, f.pr_number))!;
    return {
      repo_id: f.repo_id, pr_number: f.pr_number, team: f.value, owner: c.owner, repo: c.repo,
      closed_outcome: c.closed_outcome ?? null, open_findings: c.open_findings, accepted: c.accepted, accepted_until: c.accepted_until ?? null,
    };
  });
  for (const batch of batches(teams, ROWS_PER_INSERT)) await db.insertInto('change_teams').values(batch).execute();
}

type DashboardChangeRow = Insertable<Database['dashboard_changes']> & { repo_id: number; pr_number: number };

const UPDATABLE = [
  'installation_id', 'owner', 'repo', 'head_sha', 'job_id', 'counts_json', 'top_rank', 'open_findings', 'accepted', 'accepted_until', 'accepted_by',
  'accept_reason', 'first_flagged_at', 'last_reviewed_at', 'fixed_at', 'closed_outcome', 'closed_at', 'merge_sha',
] as const;

interface ReviewFacts {
  job_id: number;
  installation_id: number | string;
  owner: string;
  repo: string;
  head_sha: string;
  review_json: string;
  created_at: Date | string;
}
interface AcceptanceFacts {
  fingerprints_json: string;
  accepted_by: string;
  note: string | null;
  expires_at: Date | string | null;
}
interface OutcomeFacts {
  outcome: string;
  closed_at: Date | string;
  merge_sha: string | null;
}

/**
 * A pull request's flagged change from its facts (reviews in job order, owners by fingerprint,
 * acceptances in force in the order given, outcomes); undefined when no review of it flagged anything.
 */
function deriveChange(pull: Pull, reviews: readonly ReviewFacts[], owners: ReadonlyMap<string, string[]>, acceptances: readonly AcceptanceFacts[], outcomes: readonly OutcomeFacts[]) {
  const parsed = reviews.map((r) => ({ ...r, flagged: (JSON.parse(r.review_json) as Review).findings.filter(flags) }));
  const firstFlagged = parsed.find((r) => r.flagged.length > 0);
  const latest = parsed.at(-1);
  if (!firstFlagged || !latest) return undefined;
  const open = latest.flagged;
  // A change with nothing open shows what it carried: the last version of every finding it ever had.
  const shown = open.length > 0 ? open : [...new Map(parsed.flatMap((r) => r.flagged).map((f) => [f.fingerprint, f])).values()];

  // Fixed: the first review of the trailing run of reviews with nothing open.
  let fixedAt: Date | null = null;
  if (open.length === 0) {
    for (let i = parsed.length - 1; i >= 0 && parsed[i]!.flagged.length === 0; i--) fixedAt = fromTimestamp(parsed[i]!.created_at);
  }
  const acceptance = coverage(acceptances, open.map((f) => f.fingerprint));
  const closed = closedOutcome(outcomes);

  const counts: Partial<Record<Severity, number>> = {};
  for (const f of shown) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const row: DashboardChangeRow = {
    installation_id: Number(latest.installation_id), repo_id: pull.repoId, owner: latest.owner, repo: latest.repo, pr_number: pull.prNumber,
    head_sha: latest.head_sha, job_id: latest.job_id, counts_json: JSON.stringify(counts),
    top_rank: Math.max(...shown.map((f) => severityRank(f.severity))), open_findings: open.length,
    accepted: acceptance ? 1 : 0, accepted_until: acceptance?.until ? toTimestamp(acceptance.until) : null,
    accepted_by: acceptance ? acceptance.by.join(', ') : null, accept_reason: acceptance?.reason ?? null,
    first_flagged_at: toTimestamp(fromTimestamp(firstFlagged.created_at)), last_reviewed_at: toTimestamp(fromTimestamp(latest.created_at)),
    fixed_at: fixedAt ? toTimestamp(fixedAt) : null,
    closed_outcome: closed?.outcome ?? null, closed_at: closed ? toTimestamp(closed.at) : null, merge_sha: closed?.mergeSha ?? null,
  };
  const facets = new Set<string>();
  for (const f of shown) {
    facets.add(`severity\n${f.severity}`).add(`kind\n${f.kind}`).add(`rule\n${safeText(f.rule)}`);
    for (const o of owners.get(f.fingerprint) ?? []) facets.add(`team\n${o}`);
  }
  return { row, facets: [...facets].map((k) => k.split('\n') as [string, string]) };
}

/** Owners by fingerprint as the PR's reviews recorded them (the newest record wins). */
export async function ownersOfPull(db: Db, repoId: number, prNumber: number): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('findings').select(['fingerprint', 'owners_json'])
    .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).where('owners_json', 'is not', null)
    .orderBy('review_id').orderBy('id').execute();
  return new Map(rows.map((r) => [r.fingerprint, JSON.parse(r.owners_json!) as string[]]));
}

/**
 * Whether the acceptances not revoked cover every open finding, and until when: each finding is
 * covered until the latest expiry among the acceptances naming it (never, if one never expires), the
 * change until the earliest of those. Expiry is judged when reading, against the reader's clock.
 */
function coverage(rows: readonly AcceptanceFacts[], open: readonly string[]) {
  if (open.length === 0) return undefined;
  const acceptances = rows.map((r) => ({ prints: new Set(JSON.parse(r.fingerprints_json) as string[]), by: r.accepted_by, note: r.note, expires: fromTimestampOrNull(r.expires_at) }));
  let until: Date | null = null;
  let forever = true;
  const used = new Set<(typeof acceptances)[number]>();
  for (const fp of open) {
    const covering = acceptances.filter((a) => a.prints.has(fp));
    if (covering.length === 0) return undefined;
    covering.forEach((a) => used.add(a));
    if (covering.some((a) => a.expires === null)) continue;
    const latest = new Date(Math.max(...covering.map((a) => a.expires!.getTime())));
    if (forever || latest < until!) until = latest;
    forever = false;
  }
  const list = [...used];
  return { until: forever ? null : until, by: [...new Set(list.map((a) => a.by))], reason: list.findLast((a) => a.note !== null)?.note ?? null };
}

/** The PR's outcome once closed: merged with risk if any finding was merged open, else fixed before merge, else abandoned. */
function closedOutcome(rows: readonly OutcomeFacts[]) {
  if (rows.length === 0) return undefined;
  const has = (o: string) => rows.some((r) => r.outcome === o);
  const outcome = has('merged-with-risk') ? 'merged-with-risk' : has('fixed-before-merge') ? 'fixed-before-merge' : 'abandoned';
  return { outcome, at: new Date(Math.max(...rows.map((r) => fromTimestamp(r.closed_at).getTime()))), mergeSha: rows.find((r) => r.merge_sha)?.merge_sha ?? null };
}

/**
 * Follows an inventory just saved: when it is the newest of its (repo, ref), SPOFs it has that were
 * not open appear, open ones it lacks are resolved, at its date; an inventory saved out of order
 * (history replayed after the app started) rebuilds the ref's history from all its inventories.
 */
export async function recordSpofHistory(db: Db, ref: RepoRef, branch: string, spofs: readonly InventorySpofRecord[], at: Date): Promise<void> {
  const later = await db.selectFrom('inventories').select('id').where('repo_id', '=', ref.repoId).where('ref', '=', branch)
    .where('created_at', '>', toTimestamp(at)).limit(1).executeTakeFirst();
  if (later) {
    await rebuildSpofHistory(db, ref.repoId, branch);
    return;
  }
  await advance(db, ref, branch, spofs, at);
}

async function advance(db: Db, ref: RepoRef, branch: string, spofs: readonly InventorySpofRecord[], at: Date): Promise<void> {
  const open = await db.selectFrom('spof_history').select(['id', 'fingerprint'])
    .where('repo_id', '=', ref.repoId).where('ref', '=', branch).where('resolved_at', 'is', null).execute();
  const ids = new Map(open.map((o) => [o.fingerprint, o.id]));
  const { gone, appeared } = step(ids, spofs);
  const stamp = toTimestamp(at);
  const goneIds = gone.map((fingerprint) => ids.get(fingerprint)!);
  for (const batch of batches(goneIds, ROWS_PER_INSERT)) {
    await db.updateTable('spof_history').set({ resolved_at: stamp }).where('id', 'in', batch).execute();
  }
  const first = !(await db.selectFrom('inventories').select('id').where('repo_id', '=', ref.repoId).where('ref', '=', branch)
    .where('created_at', '<', stamp).limit(1).executeTakeFirst());
  await insertSpofs(db, appeared.map(([fingerprint, s]) => spofRow(ref, branch, fingerprint, s, stamp, first)));
  await rollUpSpofWeeks(db, ref.repoId);
}

/** One inventory's step in a ref's history: the open SPOFs it lacks (resolved at its date) and those it has that were not open (appeared). */
function step(open: ReadonlyMap<string, unknown>, spofs: readonly InventorySpofRecord[]) {
  const now = new Map(spofs.map((s) => [safeText(s.fingerprint), s]));
  return { gone: [...open.keys()].filter((fingerprint) => !now.has(fingerprint)), appeared: [...now].filter(([fingerprint]) => !open.has(fingerprint)) };
}

type SpofRow = Insertable<Database['spof_history']> & { fingerprint: string; owners_json: string; repo_id: number; resolved_at: string | null };

function spofRow(ref: RepoRef, branch: string, fingerprint: string, s: InventorySpofRecord, stamp: string, first: boolean): SpofRow {
  return {
    installation_id: ref.installationId, repo_id: ref.repoId, owner: ref.owner, repo: ref.repo, ref: branch, fingerprint,
    severity: s.severity, owners_json: JSON.stringify((s.owners ?? []).map(safeText)), baseline: first ? 1 : 0, appeared_at: stamp, resolved_at: null,
  };
}

/** SPOF lifetimes and their teams, in batches that hold a fingerprint at most once (the new ids come back by fingerprint). */
async function insertSpofs(db: Db, rows: readonly SpofRow[]): Promise<void> {
  let batch: SpofRow[] = [];
  const inBatch = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const ids = new Map((await db.insertInto('spof_history').values(batch).returning(['id', 'fingerprint']).execute()).map((r) => [r.fingerprint, r.id]));
    // One row per SPOF and team, however often its owners name the team (trends count SPOFs per team).
    const teams = batch.flatMap((row) => [...new Set(JSON.parse(row.owners_json) as string[])].map((team) => ({ spof_id: ids.get(row.fingerprint)!, repo_id: row.repo_id, team })));
    for (let j = 0; j < teams.length; j += ROWS_PER_INSERT) await db.insertInto('spof_history_teams').values(teams.slice(j, j + ROWS_PER_INSERT)).execute();
    batch = [];
    inBatch.clear();
  };
  for (const row of rows) {
    if (batch.length === ROWS_PER_INSERT || inBatch.has(row.fingerprint)) await flush();
    batch.push(row);
    inBatch.add(row.fingerprint);
  }
  await flush();
}

/** Rows per insert statement: 12 parameters each stays far under both databases' limits. */
const ROWS_PER_INSERT = 500;

/** A ref's history again from all its inventories in date order, worked out in the process and written in batches. */
export async function rebuildSpofHistory(db: Db, repoId: number, branch: string): Promise<void> {
  const ids = db.selectFrom('spof_history').select('id').where('repo_id', '=', repoId).where('ref', '=', branch);
  await db.deleteFrom('spof_history_teams').where('spof_id', 'in', ids).execute();
  await db.deleteFrom('spof_history').where('repo_id', '=', repoId).where('ref', '=', branch).execute();
  const inventories = await db.selectFrom('inventories').select(['installation_id', 'repo_id', 'owner', 'repo', 'spofs_json', 'created_at'])
    .where('repo_id', '=', repoId).where('ref', '=', branch).orderBy('created_at').orderBy('id').execute();
  const firstAt = inventories[0] && fromTimestamp(inventories[0].created_at).getTime();
  const open = new Map<string, SpofRow>();
  const rows: SpofRow[] = [];
  for (const inv of inventories) {
    const ref = { installationId: Number(inv.installation_id), repoId, owner: inv.owner, repo: inv.repo };
    const at = fromTimestamp(inv.created_at);
    const stamp = toTimestamp(at);
    const { gone, appeared } = step(open, JSON.parse(inv.spofs_json) as InventorySpofRecord[]);
    for (const fingerprint of gone) {
      open.get(fingerprint)!.resolved_at = stamp;
      open.delete(fingerprint);
    }
    // The ref's first inventory is the one no other precedes (those dated the same are first too).
    for (const [fingerprint, s] of appeared) {
      const row = spofRow(ref, branch, fingerprint, s, stamp, at.getTime() === firstAt);
      rows.push(row);
      open.set(fingerprint, row);
    }
  }
  await insertSpofs(db, rows);
  await rollUpSpofWeeks(db, repoId);
}

/** Every derived row again from the facts (the migration that introduced them; a repair). */
export async function rebuildDashboard(db: Db): Promise<void> {
  const pulls = await db.selectFrom('reviews').select(['repo_id', 'pr_number']).distinct().where('pr_number', 'is not', null)
    .orderBy('repo_id').orderBy('pr_number').execute();
  await refreshChanges(db, pulls.map((p) => ({ repoId: Number(p.repo_id), prNumber: p.pr_number! })));
  const refs = await db.selectFrom('inventories').select(['repo_id', 'ref']).distinct().execute();
  for (const r of refs) await rebuildSpofHistory(db, Number(r.repo_id), r.ref);
  const inventories = await db.selectFrom('inventories').select(['id', 'spofs_json']).where('spof_count', '=', 0).execute();
  for (const inv of inventories) {
    const n = (JSON.parse(inv.spofs_json) as unknown[]).length;
    if (n > 0) await db.updateTable('inventories').set({ spof_count: n }).where('id', '=', inv.id).execute();
  }
}
