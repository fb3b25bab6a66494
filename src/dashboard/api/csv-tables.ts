/** The CSV form of each `/api/v1` list: one row per change, finding, SPOF, week, acceptance or team. */
import type { AcceptanceRow, ChangeDetail, ChangeRow, InventoryRow, TeamSummary, Trends, TrendWeek } from '../../store/dashboard/types.js';
import { csv } from './csv.js';

const join = (values: readonly string[] | undefined) => (values ?? []).join(' ');

export function changesCsv(rows: readonly ChangeRow[]): string {
  return csv(
    ['repository', 'pr', 'status', 'top_severity', 'critical', 'high', 'medium', 'low', 'kinds', 'rules', 'teams', 'head_sha', 'first_flagged_at', 'last_reviewed_at', 'closed_at', 'accepted_by', 'acceptance_reason', 'acceptance_expires_at'],
    rows.map((r) => [
      `${r.owner}/${r.repo}`,
      r.prNumber,
      r.status,
      r.topSeverity,
      r.counts.critical ?? 0,
      r.counts.high ?? 0,
      r.counts.medium ?? 0,
      r.counts.low ?? 0,
      join(r.kinds),
      join(r.rules),
      join(r.teams),
      r.headSha,
      r.firstFlaggedAt,
      r.lastReviewedAt,
      r.closedAt,
      r.acceptance?.by,
      r.acceptance?.reason,
      r.acceptance?.expiresAt,
    ]),
  );
}

export function findingsCsv(detail: ChangeDetail): string {
  const repo = `${detail.change.owner}/${detail.change.repo}`;
  return csv(
    ['repository', 'pr', 'fingerprint', 'state', 'severity', 'kind', 'rule', 'component', 'stack', 'file', 'line', 'title', 'teams'],
    detail.findings.map((f) => [repo, detail.change.prNumber, f.fingerprint, f.state, f.severity, f.kind, f.rule, f.componentId, f.stack, f.file, f.line, f.title, join(f.teams)]),
  );
}

export function inventoryCsv(rows: readonly InventoryRow[]): string {
  return csv(
    ['repository', 'ref', 'sha', 'recorded_at', 'fingerprint', 'severity', 'rule', 'component', 'stack', 'file', 'line', 'title', 'blast_radius', 'recovery', 'teams'],
    rows.flatMap((r) => r.spofs.map((s) => [`${r.owner}/${r.repo}`, r.ref, r.sha, r.recordedAt, s.fingerprint, s.severity, s.rule, s.componentId, s.stack, s.file, s.line, s.title, s.blastRadius, s.recovery, join(s.teams)])),
  );
}

export function trendsCsv(trends: Trends): string {
  const week = (series: string, w: TrendWeek) => [series, w.week, w.newSpofs, w.resolved, w.acceptedNew, w.acceptancesExpired, w.inventorySize, w.medianHoursToFix];
  return csv(
    ['series', 'week', 'new_spofs', 'resolved', 'accepted_new', 'acceptances_expired', 'inventory_size', 'median_hours_to_fix'],
    [
      ...trends.weeks.map((w) => week('all', w)),
      ...trends.byRepo.flatMap((r) => r.weeks.map((w) => week(`repo:${r.owner}/${r.repo}`, w))),
      ...trends.byTeam.flatMap((t) => t.weeks.map((w) => week(`team:${t.team}`, w))),
    ],
  );
}

export function acceptancesCsv(rows: readonly AcceptanceRow[]): string {
  return csv(
    ['repository', 'pr', 'accepted_by', 'via', 'reason', 'accepted_at', 'expires_at', 'revoked_at', 'revoked_by', 'since', 'teams', 'fingerprints'],
    rows.map((r) => [`${r.owner}/${r.repo}`, r.prNumber, r.acceptedBy, r.via, r.reason, r.acceptedAt, r.expiresAt, r.revokedAt, r.revokedBy, r.since, join(r.teams), join(r.fingerprints)]),
  );
}

export function teamsCsv(rows: readonly TeamSummary[]): string {
  return csv(['team', 'open', 'accepted', 'default_branch_spofs', 'repositories'], rows.map((t) => [t.team, t.open, t.accepted, t.defaultBranchSpofs, join(t.repos)]));
}
