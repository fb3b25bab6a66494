import type { Kysely } from 'kysely';
import { severityRank, type Finding, type Review, type Severity } from '../../model/index.js';
import type { Database } from '../schema.js';
import type { InventorySpofRecord, RepoRef } from '../types.js';
import { fromTimestamp, fromTimestampOrNull, safeText, toTimestamp } from '../values.js';

/**
 * The dashboard's derived rows, rewritten from the facts whenever a fact of theirs is written:
 * - `dashboard_changes` + `change_facets`: one row per flagged change (a PR with at least one
 *   finding, not resolved and not suppressed, in any of its reviews), from the PR's reviews,
 *   acceptances and outcomes (`refreshChange`, called by saveReview, recordAcceptance,
 *   revokeAcceptances and recordOutcomes in the same transaction);
 * - `spof_history` + `spof_history_teams`: each default-branch SPOF from the inventory it appeared
 *   in to the one it was gone from (`recordSpofHistory`, called by saveInventory).
 * Derived rows hold no fact of their own: `rebuildDashboard` recreates them all from the facts.
 */

type Db = Kysely<Database>;

/** Whether a finding of a stored review counts: resolved SPOFs and suppressed findings flag nothing. */
export function flags(f: Finding): boolean {
  return f.kind !== 'resolved-spof' && !f.suppressed;
}

export async function refreshChange(db: Db, repoId: number, prNumber: number): Promise<void> {
  const reviews = await db.selectFrom('reviews').select(['id', 'job_id', 'installation_id', 'owner', 'repo', 'head_sha', 'review_json', 'created_at'])
    .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).orderBy('job_id').orderBy('id').execute();
  const parsed = reviews.map((r) => ({ ...r, flagged: (JSON.parse(r.review_json) as Review).findings.filter(flags) }));
  const firstFlagged = parsed.find((r) => r.flagged.length > 0);
  const latest = parsed.at(-1);
  if (!firstFlagged || !latest) {
    await db.deleteFrom('change_facets').where('repo_id', '=', repoId).where('pr_number', '=', prNumber).execute();
    await db.deleteFrom('dashboard_changes').where('repo_id', '=', repoId).where('pr_number', '=', prNumber).execute();
    return;
  }
  const open = latest.flagged;
  // A change with nothing open shows what it carried: the last version of every finding it ever had.
  const shown = open.length > 0 ? open : [...new Map(parsed.flatMap((r) => r.flagged).map((f) => [f.fingerprint, f])).values()];
  const owners = await ownersOfPull(db, repoId, prNumber);

  // Fixed: the first review of the trailing run of reviews with nothing open.
  let fixedAt: Date | null = null;
  if (open.length === 0) {
    for (let i = parsed.length - 1; i >= 0 && parsed[i]!.flagged.length === 0; i--) fixedAt = fromTimestamp(parsed[i]!.created_at);
  }

  const acceptance = await coverage(db, repoId, prNumber, open.map((f) => f.fingerprint));
  const closed = await closedOutcome(db, repoId, prNumber);

  const counts: Partial<Record<Severity, number>> = {};
  for (const f of shown) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const row = {
    installation_id: Number(latest.installation_id), repo_id: repoId, owner: latest.owner, repo: latest.repo, pr_number: prNumber,
    head_sha: latest.head_sha, job_id: latest.job_id, counts_json: JSON.stringify(counts),
    top_rank: Math.max(...shown.map((f) => severityRank(f.severity))), open_findings: open.length,
    accepted: acceptance ? 1 : 0, accepted_until: acceptance?.until ? toTimestamp(acceptance.until) : null,
    accepted_by: acceptance ? acceptance.by.join(', ') : null, accept_reason: acceptance?.reason ?? null,
    first_flagged_at: toTimestamp(fromTimestamp(firstFlagged.created_at)), last_reviewed_at: toTimestamp(fromTimestamp(latest.created_at)),
    fixed_at: fixedAt ? toTimestamp(fixedAt) : null,
    closed_outcome: closed?.outcome ?? null, closed_at: closed ? toTimestamp(closed.at) : null, merge_sha: closed?.mergeSha ?? null,
  };
  const { repo_id: _r, pr_number: _p, ...updatable } = row;
  await db.insertInto('dashboard_changes').values(row)
    .onConflict((oc) => oc.columns(['repo_id', 'pr_number']).doUpdateSet(updatable)).execute();

  const facets = new Set<string>();
  for (const f of shown) {
    facets.add(`severity\n${f.severity}`).add(`kind\n${f.kind}`).add(`rule\n${safeText(f.rule)}`);
    for (const o of owners.get(f.fingerprint) ?? []) facets.add(`team\n${o}`);
  }
  await db.deleteFrom('change_facets').where('repo_id', '=', repoId).where('pr_number', '=', prNumber).execute();
  const values = [...facets].map((k) => {
    const [facet, value] = k.split('\n') as [string, string];
    return { repo_id: repoId, pr_number: prNumber, facet, value };
  });
  for (let i = 0; i < values.length; i += 500) {
    await db.insertInto('change_facets').values(values.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
  }
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
async function coverage(db: Db, repoId: number, prNumber: number, open: readonly string[]) {
  if (open.length === 0) return undefined;
  const rows = await db.selectFrom('acceptances').select(['fingerprints_json', 'accepted_by', 'note', 'expires_at', 'created_at'])
    .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).where('revoked_at', 'is', null).orderBy('id').execute();
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
async function closedOutcome(db: Db, repoId: number, prNumber: number) {
  const rows = await db.selectFrom('finding_outcomes').select(['outcome', 'closed_at', 'merge_sha'])
    .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).execute();
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
  const now = new Map(spofs.map((s) => [safeText(s.fingerprint), s]));
  const gone = open.filter((o) => !now.has(o.fingerprint)).map((o) => o.id);
  const stamp = toTimestamp(at);
  for (let i = 0; i < gone.length; i += 500) {
    await db.updateTable('spof_history').set({ resolved_at: stamp }).where('id', 'in', gone.slice(i, i + 500)).execute();
  }
  const known = new Set(open.map((o) => o.fingerprint));
  const first = !(await db.selectFrom('inventories').select('id').where('repo_id', '=', ref.repoId).where('ref', '=', branch)
    .where('created_at', '<', stamp).limit(1).executeTakeFirst());
  const appeared = [...now].filter(([fingerprint]) => !known.has(fingerprint)).map(([fingerprint, s]) => ({
    installation_id: ref.installationId, repo_id: ref.repoId, owner: ref.owner, repo: ref.repo, ref: branch, fingerprint,
    severity: s.severity, owners_json: JSON.stringify((s.owners ?? []).map(safeText)), baseline: first ? 1 : 0, appeared_at: stamp, resolved_at: null,
  }));
  for (let i = 0; i < appeared.length; i += ROWS_PER_INSERT) {
    const batch = appeared.slice(i, i + ROWS_PER_INSERT);
    const ids = new Map((await db.insertInto('spof_history').values(batch).returning(['id', 'fingerprint']).execute()).map((r) => [r.fingerprint, r.id]));
    // One row per SPOF and team, however often its owners name the team (trends count SPOFs per team).
    const teams = batch.flatMap((row) => [...new Set(JSON.parse(row.owners_json) as string[])].map((team) => ({ spof_id: ids.get(row.fingerprint)!, repo_id: ref.repoId, team })));
    for (let j = 0; j < teams.length; j += ROWS_PER_INSERT) await db.insertInto('spof_history_teams').values(teams.slice(j, j + ROWS_PER_INSERT)).execute();
  }
}

/** Rows per insert statement: 12 parameters each stays far under both databases' limits. */
const ROWS_PER_INSERT = 500;

async function rebuildSpofHistory(db: Db, repoId: number, branch: string): Promise<void> {
  const ids = db.selectFrom('spof_history').select('id').where('repo_id', '=', repoId).where('ref', '=', branch);
  await db.deleteFrom('spof_history_teams').where('spof_id', 'in', ids).execute();
  await db.deleteFrom('spof_history').where('repo_id', '=', repoId).where('ref', '=', branch).execute();
  const inventories = await db.selectFrom('inventories').select(['installation_id', 'repo_id', 'owner', 'repo', 'spofs_json', 'created_at'])
    .where('repo_id', '=', repoId).where('ref', '=', branch).orderBy('created_at').orderBy('id').execute();
  for (const inv of inventories) {
    const ref = { installationId: Number(inv.installation_id), repoId, owner: inv.owner, repo: inv.repo };
    await advance(db, ref, branch, JSON.parse(inv.spofs_json) as InventorySpofRecord[], fromTimestamp(inv.created_at));
  }
}

/** Every derived row again from the facts (the migration that introduced them; a repair). */
export async function rebuildDashboard(db: Db): Promise<void> {
  const pulls = await db.selectFrom('reviews').select(['repo_id', 'pr_number']).distinct().where('pr_number', 'is not', null).execute();
  for (const p of pulls) await refreshChange(db, Number(p.repo_id), p.pr_number!);
  const refs = await db.selectFrom('inventories').select(['repo_id', 'ref']).distinct().execute();
  for (const r of refs) await rebuildSpofHistory(db, Number(r.repo_id), r.ref);
  const inventories = await db.selectFrom('inventories').select(['id', 'spofs_json']).where('spof_count', '=', 0).execute();
  for (const inv of inventories) {
    const n = (JSON.parse(inv.spofs_json) as unknown[]).length;
    if (n > 0) await db.updateTable('inventories').set({ spof_count: n }).where('id', '=', inv.id).execute();
  }
}
