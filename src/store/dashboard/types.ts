import type { Severity } from '../../model/index.js';
import type { SpofFacts } from '../../analysis/index.js';

/**
 * The dashboard's read side: what the pages and `/api/v1` show, always within a viewer's scope.
 *
 * Every query takes a `RepoScope` and reads nothing outside it — not rows, not counts, not team
 * aggregates — because the scope is exactly what the signed-in user can see on GitHub through the
 * app's installations. An empty scope answers empty results, never "everything".
 */
export interface RepoScope {
  readonly repoIds: readonly number[];
  /**
   * The repositories' current names where the caller already knows them (the dashboard does, from
   * GitHub's answer to the access check): views that list repositories take them from here instead
   * of reading the store's newest name of each.
   */
  readonly names?: ReadonlyMap<number, { readonly owner: string; readonly repo: string }>;
}

/** Where a flagged change stands. `accepted` wins over `open` while an acceptance is in force. */
export type ChangeStatus = 'open' | 'accepted' | 'fixed-before-merge' | 'merged-with-risk' | 'abandoned';

export interface ChangeFilter {
  repoIds?: readonly number[];
  /** Team slugs (`org/team`) or users (`@login`) owning the files findings point at (CODEOWNERS). */
  teams?: readonly string[];
  severities?: readonly Severity[];
  kinds?: readonly string[];
  rules?: readonly string[];
  statuses?: readonly ChangeStatus[];
  /** ISO-8601 bounds on when the change was last reviewed. */
  since?: string;
  until?: string;
}

export interface PageRequest {
  limit: number;
  /** Opaque, from the previous page's `nextCursor`. */
  cursor?: string;
}

export interface Page<T> {
  rows: T[];
  /** Rows matching the filter within the scope. */
  total: number;
  nextCursor?: string;
}

export interface RepoName {
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
}

export interface ChangeRow extends RepoName {
  prNumber: number;
  headSha: string;
  status: ChangeStatus;
  /** Findings of the latest review (or at close, the recorded outcomes), per severity. */
  counts: Partial<Record<Severity, number>>;
  topSeverity: Severity;
  kinds: string[];
  rules: string[];
  teams: string[];
  checkRunId: number | null;
  firstFlaggedAt: string;
  lastReviewedAt: string;
  closedAt: string | null;
  acceptance: { by: string; reason: string | null; expiresAt: string | null } | null;
}

export interface FindingView extends SpofFacts {
  kind: string;
  /** The text the PR got (markdown), when the stored review has it. */
  body: string | null;
  teams: string[];
  state: 'open' | 'accepted' | 'resolved' | ChangeStatus;
}

export type TimelineEvent =
  | { at: string; type: 'reviewed'; headSha: string; conclusion: string; appeared: string[]; resolved: string[] }
  | { at: string; type: 'accepted' | 'refused' | 'revoked'; actor: string; reason: string | null; expiresAt: string | null; fingerprints: string[] }
  | { at: string; type: 'closed'; outcome: ChangeStatus; mergeSha: string | null };

export interface ChangeDetail {
  change: ChangeRow;
  findings: FindingView[];
  timeline: TimelineEvent[];
  /** Mermaid source of the affected part of the graph, when the stored review has it. */
  graph: string | null;
}

export interface InventoryRow extends RepoName {
  ref: string;
  sha: string;
  recordedAt: string;
  spofs: (InventorySpof & { teams: string[] })[];
  /** Mermaid source of the SPOFs and what fails with them (null: too large to draw, not recorded, or a team filter). */
  graph: string | null;
}
/** A page of repositories' inventories; `total` counts the repositories in scope (and the filter), `spofs` their SPOFs. */
export interface InventoryPage extends Page<InventoryRow> {
  spofs: number;
}

export interface InventorySpof extends SpofFacts {
  blastRadius?: number;
  /** `RTO …; RPO …`: the catalog's recovery estimate of the component as it is. */
  recovery?: string;
  rto?: string;
  rpo?: string;
}

export interface TrendFilter {
  repoIds?: readonly number[];
  teams?: readonly string[];
  /** ISO-8601 week starts (Monday, UTC); default the last 12 weeks. */
  from?: string;
  to?: string;
}
export interface TrendWeek {
  week: string;
  /** Default-branch SPOFs in an inventory of this week and in none before (a repository's first inventory excepted). */
  newSpofs: number;
  /** Default-branch SPOFs first missing from an inventory this week. */
  resolved: number;
  /** Acceptances given this week. */
  acceptedNew: number;
  /** Acceptances whose expiry fell this week, not revoked before it. */
  acceptancesExpired: number;
  /** Default-branch SPOFs at the week's end. */
  inventorySize: number;
  /**
   * Pull requests, not default-branch SPOFs: the median hours from a PR's first flag to the first
   * review of its trailing run with nothing open, for PRs that got there this week; null when none.
   */
  medianHoursToFix: number | null;
}
export interface Trends {
  weeks: TrendWeek[];
  byRepo: { repoId: number; owner: string; repo: string; weeks: TrendWeek[] }[];
  byTeam: { team: string; weeks: TrendWeek[] }[];
}

export interface AcceptanceRow extends RepoName {
  prNumber: number;
  fingerprints: string[];
  acceptedBy: string;
  via: string;
  reason: string | null;
  acceptedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  /** What happened since: the PR's outcome, or `open`. */
  since: ChangeStatus;
  teams: string[];
}
export interface AcceptanceFilter {
  repoIds?: readonly number[];
  teams?: readonly string[];
  state?: 'active' | 'expired' | 'revoked';
}

export interface Overview {
  open: { bySeverity: Partial<Record<Severity, number>>; byRepo: { repoId: number; owner: string; repo: string; count: number }[]; byTeam: { team: string; count: number }[] };
  defaultBranchSpofs: number;
  thisWeek: { newSpofs: number; resolved: number; accepted: number };
  recent: ChangeRow[];
}

export interface TeamSummary {
  team: string;
  open: number;
  accepted: number;
  defaultBranchSpofs: number;
  repos: string[];
}

/** The read side as the dashboard adapter uses it (implemented in `src/store/dashboard/`). */
export interface DashboardQueries {
  changes(scope: RepoScope, filter: ChangeFilter, page: PageRequest): Promise<Page<ChangeRow>>;
  change(scope: RepoScope, repoId: number, prNumber: number): Promise<ChangeDetail | undefined>;
  overview(scope: RepoScope, now: Date): Promise<Overview>;
  inventory(scope: RepoScope, filter: { repoIds?: readonly number[]; teams?: readonly string[] }, page: PageRequest): Promise<InventoryPage>;
  trends(scope: RepoScope, filter: TrendFilter): Promise<Trends>;
  acceptances(scope: RepoScope, filter: AcceptanceFilter, now: Date): Promise<AcceptanceRow[]>;
  teams(scope: RepoScope): Promise<TeamSummary[]>;
}
