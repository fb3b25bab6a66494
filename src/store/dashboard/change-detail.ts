import type { Kysely } from 'kysely';
import type { Finding, Review } from '../../model/index.js';
import type { Database } from '../schema.js';
import { fromTimestamp, fromTimestampOrNull, toTimestamp } from '../values.js';
import { toChangeRows } from './changes.js';
import { flags, ownersOfPull } from './derive.js';
import { scopedRepoIds, statusSql } from './scope.js';
import type { ChangeDetail, ChangeStatus, FindingView, RepoScope, TimelineEvent } from './types.js';

/**
 * One flagged change: its findings (the latest review's open ones, then those an earlier review had
 * and a later one no longer did), with the text the PR got, and its timeline — reviews with what
 * appeared and what was resolved, acceptances, refusals and revocations, and the close.
 */
export async function changeDetail(db: Kysely<Database>, scope: RepoScope, repoId: number, prNumber: number, now: Date): Promise<ChangeDetail | undefined> {
  if (!scopedRepoIds(scope, [repoId]).includes(repoId)) return undefined;
  const at = toTimestamp(now);
  const row = await db.selectFrom('dashboard_changes as c').leftJoin('review_jobs as j', 'j.id', 'c.job_id')
    .selectAll('c').select(['j.check_run_id']).select(statusSql(at).as('status'))
    .where('c.repo_id', '=', repoId).where('c.pr_number', '=', prNumber).executeTakeFirst();
  if (!row) return undefined;
  const [change] = await toChangeRows(db, [row]);

  const [reviews, owners, events, outcomes, acceptances] = await Promise.all([
    db.selectFrom('reviews').select(['head_sha', 'conclusion', 'review_json', 'diagram', 'created_at'])
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).orderBy('job_id').orderBy('id').execute(),
    ownersOfPull(db, repoId, prNumber),
    db.selectFrom('acceptance_events').selectAll().where('repo_id', '=', repoId).where('pr_number', '=', prNumber).orderBy('id').execute(),
    db.selectFrom('finding_outcomes').select(['fingerprint', 'outcome', 'merge_sha', 'closed_at'])
      .where('repo_id', '=', repoId).where('pr_number', '=', prNumber).execute(),
    db.selectFrom('acceptances').select(['fingerprints_json', 'expires_at']).where('repo_id', '=', repoId).where('pr_number', '=', prNumber)
      .where('revoked_at', 'is', null).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)])).execute(),
  ]);
  const accepted = new Set(acceptances.flatMap((a) => JSON.parse(a.fingerprints_json) as string[]));
  const outcomeOf = new Map(outcomes.map((o) => [o.fingerprint, o.outcome as ChangeStatus]));
  const parsed = reviews.map((r) => ({ ...r, flagged: (JSON.parse(r.review_json) as Review).findings.filter(flags) }));

  const latest = parsed.at(-1)?.flagged ?? [];
  const open = new Set(latest.map((f) => f.fingerprint));
  const earlier = new Map<string, Finding>();
  for (const r of parsed) for (const f of r.flagged) if (!open.has(f.fingerprint)) earlier.set(f.fingerprint, f);
  const view = (f: Finding, state: FindingView['state']): FindingView => ({
    fingerprint: f.fingerprint, kind: f.kind, severity: f.severity, rule: f.rule, componentId: f.component.id, stack: f.component.stack,
    file: f.location.file, line: f.location.startLine, title: f.title, body: f.message, teams: owners.get(f.fingerprint) ?? [], state,
  });
  const findings = [
    ...latest.map((f) => view(f, outcomeOf.get(f.fingerprint) ?? (accepted.has(f.fingerprint) ? 'accepted' : 'open'))),
    ...[...earlier.values()].map((f) => view(f, outcomeOf.get(f.fingerprint) ?? 'resolved')),
  ];

  const timeline: TimelineEvent[] = [];
  let before = new Set<string>();
  for (const r of parsed) {
    const now = new Set(r.flagged.map((f) => f.fingerprint));
    timeline.push({
      at: iso(r.created_at), type: 'reviewed', headSha: r.head_sha, conclusion: r.conclusion,
      appeared: [...now].filter((fp) => !before.has(fp)), resolved: [...before].filter((fp) => !now.has(fp)),
    });
    before = now;
  }
  for (const e of events) {
    timeline.push({
      at: iso(e.created_at), type: e.action as 'accepted' | 'refused' | 'revoked', actor: e.actor, reason: e.reason,
      expiresAt: e.expires_at === null ? null : toTimestamp(fromTimestampOrNull(e.expires_at)!), fingerprints: JSON.parse(e.fingerprints_json) as string[],
    });
  }
  if (change!.closedAt !== null && outcomes.length > 0) {
    timeline.push({ at: change!.closedAt, type: 'closed', outcome: row.closed_outcome as ChangeStatus, mergeSha: row.merge_sha });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return { change: change!, findings, timeline, graph: parsed.at(-1)?.diagram ?? null };
}

const iso = (v: Date | string) => toTimestamp(fromTimestamp(v));
