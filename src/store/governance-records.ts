import type { Kysely, Selectable } from 'kysely';
import { refreshChange } from './dashboard/derive.js';
import type { AcceptanceEventsTable, AcceptancesTable, Database, FindingOutcomesTable } from './schema.js';
import type { Acceptance, AcceptanceEvent, AcceptanceEventInput, AcceptanceInput, FindingOutcome, RepoRef } from './types.js';
import { batches, fromTimestamp, fromTimestampOrNull, repoRefOf, safeText, safeTextOrNull, sha256, toTimestamp } from './values.js';

/** Accepted risk, its trail, and what became of a PR's findings: what a platform team governs and the dashboard shows. */

/** Characters kept of a reason or a refusal: enough to explain, bounded against hostile comments. */
const MAX_TEXT = 2000;

const bounded = (text: string | null | undefined) => safeTextOrNull(text === null || text === undefined ? null : text.slice(0, MAX_TEXT));

/**
 * Idempotent for the same (repo, PR, head SHA, who, via, fingerprints): a redelivery records one
 * acceptance. The same acceptance given again once revoked or expired is in force again, with its new reason and expiry.
 */
export async function recordAcceptance(db: Kysely<Database>, a: AcceptanceInput, now: Date): Promise<void> {
  const fingerprints = [...new Set(a.fingerprints)].sort();
  const at = toTimestamp(now);
  const expires = a.expiresAt ? toTimestamp(a.expiresAt) : null;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('acceptances').values({
      installation_id: a.installationId, repo_id: a.repoId, owner: a.owner, repo: a.repo, pr_number: a.prNumber, head_sha: a.headSha,
      fingerprints_json: JSON.stringify(fingerprints), fingerprints_hash: sha256(fingerprints.join('\n')),
      accepted_by: a.acceptedBy, via: a.via, note: bounded(a.note), expires_at: expires, revoked_at: null, revoked_by: null, created_at: at,
    }).onConflict((oc) => oc.columns(['repo_id', 'pr_number', 'head_sha', 'accepted_by', 'via', 'fingerprints_hash'])
      .doUpdateSet({ note: bounded(a.note), expires_at: expires, revoked_at: null, revoked_by: null, created_at: at })
      .where((eb) => eb.or([eb('acceptances.revoked_at', 'is not', null), eb('acceptances.expires_at', '<=', at)])))
      .execute();
    await refreshChange(trx, a.repoId, a.prNumber);
  });
}

export async function acceptances(db: Kysely<Database>, repoId: number, prNumber: number): Promise<Acceptance[]> {
  const rows = await db.selectFrom('acceptances').selectAll().where('repo_id', '=', repoId).where('pr_number', '=', prNumber).orderBy('id').execute();
  return rows.map(toAcceptance);
}

/** Revokes what is in force (not revoked, not expired) and returns it. */
export async function revokeAcceptances(db: Kysely<Database>, repoId: number, prNumber: number, revokedBy: string, now: Date): Promise<Acceptance[]> {
  const at = toTimestamp(now);
  const rows = await db.transaction().execute(async (trx) => {
    const revoked = await trx.updateTable('acceptances').set({ revoked_at: at, revoked_by: revokedBy })
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .returningAll().execute();
    await refreshChange(trx, repoId, prNumber);
    return revoked;
  });
  return rows.map(toAcceptance).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

function toAcceptance(r: Selectable<AcceptancesTable>): Acceptance {
  return {
    ...repoRefOf(r),
    prNumber: r.pr_number,
    headSha: r.head_sha,
    fingerprints: JSON.parse(r.fingerprints_json) as string[],
    acceptedBy: r.accepted_by,
    via: r.via as Acceptance['via'],
    note: r.note,
    expiresAt: fromTimestampOrNull(r.expires_at),
    revokedAt: fromTimestampOrNull(r.revoked_at),
    revokedBy: r.revoked_by,
    createdAt: fromTimestamp(r.created_at),
  };
}

export async function recordAcceptanceEvent(db: Kysely<Database>, e: AcceptanceEventInput, now: Date): Promise<void> {
  await db.insertInto('acceptance_events').values({
    installation_id: e.installationId, repo_id: e.repoId, owner: e.owner, repo: e.repo, pr_number: e.prNumber, head_sha: e.headSha,
    action: e.action, actor: e.actor, via: e.via, reason: bounded(e.reason), detail: bounded(e.detail),
    fingerprints_json: JSON.stringify([...new Set(e.fingerprints)].sort().map(safeText)), expires_at: e.expiresAt ? toTimestamp(e.expiresAt) : null,
    delivery_id: e.deliveryId, created_at: toTimestamp(now),
  }).onConflict((oc) => oc.column('delivery_id').doNothing()).execute();
}

export async function acceptanceEvents(db: Kysely<Database>, repoId: number, prNumber?: number): Promise<AcceptanceEvent[]> {
  let q = db.selectFrom('acceptance_events').selectAll().where('repo_id', '=', repoId);
  if (prNumber !== undefined) q = q.where('pr_number', '=', prNumber);
  return (await q.orderBy('id').execute()).map(toEvent);
}

function toEvent(r: Selectable<AcceptanceEventsTable>): AcceptanceEvent {
  return {
    id: r.id,
    ...repoRefOf(r),
    prNumber: r.pr_number,
    headSha: r.head_sha,
    action: r.action as AcceptanceEvent['action'],
    actor: r.actor,
    via: r.via as AcceptanceEvent['via'],
    reason: r.reason,
    detail: r.detail,
    fingerprints: JSON.parse(r.fingerprints_json) as string[],
    expiresAt: fromTimestampOrNull(r.expires_at),
    deliveryId: r.delivery_id,
    createdAt: fromTimestamp(r.created_at),
  };
}

/** Replaces the PR's outcomes in one transaction: a reader sees the old set or the new one. */
export async function recordOutcomes(
  db: Kysely<Database>,
  ref: RepoRef,
  prNumber: number,
  outcomes: readonly Omit<FindingOutcome, keyof RepoRef | 'prNumber'>[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('finding_outcomes').where('repo_id', '=', ref.repoId).where('pr_number', '=', prNumber).execute();
    const rows = outcomes.map((o) => ({
      installation_id: ref.installationId, repo_id: ref.repoId, owner: ref.owner, repo: ref.repo, pr_number: prNumber,
      fingerprint: safeText(o.fingerprint), outcome: o.outcome, accepted: o.accepted ? 1 : 0, severity: o.severity,
      rule: safeText(o.rule), component_id: safeText(o.componentId), title: safeText(o.title),
      head_sha: o.headSha, merge_sha: o.mergeSha, closed_at: toTimestamp(o.closedAt),
    }));
    // 15 parameters a row: 400 rows stay under both databases' limits.
    for (const batch of batches(rows, 400)) await trx.insertInto('finding_outcomes').values(batch).execute();
    await refreshChange(trx, ref.repoId, prNumber);
  });
}

export async function outcomes(db: Kysely<Database>, repoId: number, prNumber?: number): Promise<FindingOutcome[]> {
  let q = db.selectFrom('finding_outcomes').selectAll().where('repo_id', '=', repoId);
  if (prNumber !== undefined) q = q.where('pr_number', '=', prNumber);
  return (await q.orderBy('pr_number').orderBy('id').execute()).map(toOutcome);
}

function toOutcome(r: Selectable<FindingOutcomesTable>): FindingOutcome {
  return {
    ...repoRefOf(r),
    prNumber: r.pr_number,
    fingerprint: r.fingerprint,
    outcome: r.outcome as FindingOutcome['outcome'],
    accepted: r.accepted !== 0,
    severity: r.severity as FindingOutcome['severity'],
    rule: r.rule,
    componentId: r.component_id,
    title: r.title,
    headSha: r.head_sha,
    mergeSha: r.merge_sha,
    closedAt: fromTimestamp(r.closed_at),
  };
}
