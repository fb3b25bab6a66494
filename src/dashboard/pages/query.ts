import { SEVERITIES, type Severity } from '../../model/finding.js';
import type { AcceptanceFilter, ChangeFilter, ChangeStatus, PageRequest, TrendFilter } from '../../store/dashboard/types.js';
import { weekOf } from '../../store/dashboard/weeks.js';
import type { Viewer } from '../viewer.js';

export const CHANGE_STATUSES: readonly ChangeStatus[] = ['open', 'accepted', 'fixed-before-merge', 'merged-with-risk', 'abandoned'];
export const FINDING_KINDS = ['new-spof', 'redundancy-reduced', 'blast-radius-grown'] as const;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/**
 * The flagged-changes filter as query parameters — the page's GET form and `/api/v1/changes` use
 * the same names, so a shared link and a CSV download show the same rows:
 * `repo=owner/name`, `team`, `severity`, `kind`, `rule`, `status`, `since`, `until` (dates or
 * ISO timestamps), `cursor`, `limit`. Each may repeat or hold a comma-separated list.
 */
export interface ChangeQuery {
  filter: ChangeFilter;
  page: PageRequest;
  /** A value that is not one of the allowed ones (unknown severity, bad date), to show the user. */
  problems: string[];
  /**
   * True when a named repository is not one the viewer can see: the answer is no rows, whether
   * the repository does not exist or exists out of scope (which must not be told apart).
   */
  matchesNothing: boolean;
}

function values(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function oneOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], problems: string[]): T[] | undefined {
  const out: T[] = [];
  for (const v of values(params, name)) {
    if ((allowed as readonly string[]).includes(v)) out.push(v as T);
    else problems.push(`${name} "${v}" is not one of ${allowed.join(', ')}`);
  }
  return out.length > 0 ? out : undefined;
}

/** A date (`2026-12-01`) or timestamp; a bare `until` date includes that whole day. */
function bound(params: URLSearchParams, name: 'since' | 'until', problems: string[]): string | undefined {
  const v = params.get(name)?.trim();
  if (!v) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const t = Date.parse(dateOnly ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(t)) {
    problems.push(`${name} "${v}" is not a date (YYYY-MM-DD)`);
    return undefined;
  }
  const ms = dateOnly && name === 'until' ? t + 86_400_000 - 1 : t;
  return new Date(ms).toISOString();
}

export function parseChangeQuery(params: URLSearchParams, viewer: Viewer): ChangeQuery {
  const problems: string[] = [];
  const filter: ChangeFilter = {};
  let matchesNothing: boolean;

  const repos = repoIds(params, viewer);
  if (repos.repoIds) filter.repoIds = repos.repoIds;
  matchesNothing = repos.matchesNothing;
  const teams = values(params, 'team');
  if (teams.length > 0) filter.teams = teams;
  const severities = oneOf<Severity>(params, 'severity', SEVERITIES, problems);
  if (severities) filter.severities = severities;
  const kinds = oneOf(params, 'kind', FINDING_KINDS, problems);
  if (kinds) filter.kinds = kinds;
  const rules = values(params, 'rule');
  if (rules.length > 0) filter.rules = rules;
  const statuses = oneOf(params, 'status', CHANGE_STATUSES, problems);
  if (statuses) filter.statuses = statuses;
  const since = bound(params, 'since', problems);
  if (since) filter.since = since;
  const until = bound(params, 'until', problems);
  if (until) filter.until = until;

  const rawLimit = params.get('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (rawLimit !== null) {
    const n = Number(rawLimit);
    if (Number.isInteger(n) && n >= 1) limit = Math.min(n, MAX_PAGE_SIZE);
    else problems.push(`limit "${rawLimit}" is not a positive whole number`);
  }
  const cursor = params.get('cursor') ?? undefined;
  const page: PageRequest = cursor ? { limit, cursor } : { limit };
  return { filter, page, problems, matchesNothing };
}

/** The query without paging: what "Download CSV" and the next-page link build on. */
export function filterParams(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if (k === 'cursor' || k === 'format' || v.trim() === '') continue;
    out.append(k, v);
  }
  return out;
}

function repoIds(params: URLSearchParams, viewer: Viewer): { repoIds?: number[]; matchesNothing: boolean } {
  const names = values(params, 'repo');
  if (names.length === 0) return { matchesNothing: false };
  const byName = new Map<string, number>();
  for (const [id, r] of viewer.repos) byName.set(`${r.owner}/${r.repo}`.toLowerCase(), id);
  const ids = names.map((n) => byName.get(n.toLowerCase())).filter((id): id is number => id !== undefined);
  return { repoIds: ids, matchesNothing: ids.length === 0 };
}

/** `repo`, `team` — the inventory page's and `/api/v1/inventory`'s filter. */
export function parseInventoryQuery(params: URLSearchParams, viewer: Viewer): { filter: { repoIds?: number[]; teams?: string[] }; matchesNothing: boolean } {
  const { repoIds: ids, matchesNothing } = repoIds(params, viewer);
  const teams = values(params, 'team');
  return { filter: { ...(ids ? { repoIds: ids } : {}), ...(teams.length > 0 ? { teams } : {}) }, matchesNothing };
}

/** `repo`, `team`, `state` (active, expired, revoked) — the risk register's and `/api/v1/acceptances`'. */
export function parseAcceptanceQuery(params: URLSearchParams, viewer: Viewer): { filter: AcceptanceFilter; problems: string[]; matchesNothing: boolean } {
  const problems: string[] = [];
  const { filter, matchesNothing } = parseInventoryQuery(params, viewer);
  const state = oneOf(params, 'state', ['active', 'expired', 'revoked'] as const, problems)?.[0];
  return { filter: { ...filter, ...(state ? { state } : {}) }, problems, matchesNothing };
}

/** `repo`, `team`, `from`, `to` (dates; each taken to its week's Monday) — the trends page's and `/api/v1/trends`'. */
export function parseTrendQuery(params: URLSearchParams, viewer: Viewer): { filter: TrendFilter; problems: string[]; matchesNothing: boolean } {
  const problems: string[] = [];
  const { filter: base, matchesNothing } = parseInventoryQuery(params, viewer);
  const filter: TrendFilter = { ...base };
  for (const name of ['from', 'to'] as const) {
    const v = params.get(name)?.trim();
    if (!v) continue;
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(t)) problems.push(`${name} "${v}" is not a date (YYYY-MM-DD)`);
    else filter[name] = weekOf(new Date(t));
  }
  return { filter, problems, matchesNothing };
}
