/**
 * The dashboard's filters read from a query string, once for both adapters: a page shows the
 * problems beside its results (the value at fault is ignored), `/api/v1` answers them as a 400.
 * Lists are given by repeating a parameter or comma-separated; an empty value (a form's "Any")
 * is no filter. A repository named that the viewer cannot see is reported apart from problems,
 * exactly as one that does not exist, so nothing confirms a hidden repository's existence.
 */
import { FINDING_KINDS, SEVERITIES } from '../model/finding.js';
import type { AcceptanceFilter, ChangeFilter, ChangeStatus, PageRequest, TrendFilter } from '../store/dashboard/types.js';
import { weekOf } from '../store/dashboard/weeks.js';
import type { Viewer } from './viewer.js';

export const CHANGE_STATUSES: readonly ChangeStatus[] = ['open', 'accepted', 'fixed-before-merge', 'merged-with-risk', 'abandoned'];
export const ACCEPTANCE_STATES = ['active', 'expired', 'revoked'] as const;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
const MAX_VALUES = 100;

export const CHANGE_PARAMS = ['repo', 'team', 'severity', 'kind', 'rule', 'status', 'since', 'until', 'limit', 'cursor'] as const;
export const INVENTORY_PARAMS = ['repo', 'team', 'limit', 'cursor'] as const;
export const TREND_PARAMS = ['repo', 'team', 'from', 'to'] as const;
export const ACCEPTANCE_PARAMS = ['repo', 'team', 'state'] as const;

export interface Parsed<F> {
  filter: F;
  /** Each malformed, out-of-set or unknown parameter, in words a person can act on. */
  problems: string[];
  /** `owner/name` values the viewer cannot see (or that do not exist: the two are not told apart). */
  unseenRepos: string[];
}

export type InventoryFilter = { repoIds?: number[]; teams?: string[] };

/** True when a repository filter was given and none of its repositories is visible: no rows. */
export function matchesNothing(parsed: Parsed<{ repoIds?: readonly number[] }>): boolean {
  return parsed.filter.repoIds !== undefined && parsed.filter.repoIds.length === 0;
}

export function repoId(viewer: Viewer, owner: string, repo: string): number | undefined {
  const o = owner.toLowerCase();
  const r = repo.toLowerCase();
  for (const [id, name] of viewer.repos) if (name.owner.toLowerCase() === o && name.repo.toLowerCase() === r) return id;
  return undefined;
}

/** Reads one query string, collecting what is wrong with it instead of stopping at the first. */
export class QueryReader {
  readonly problems: string[] = [];
  readonly unseenRepos: string[] = [];

  /** `allowed` is every parameter the caller reads, its own (such as the API's `format`) included. */
  constructor(
    private readonly query: URLSearchParams,
    allowed: readonly string[],
  ) {
    const takes = allowed.length === 1 ? `${allowed[0]} only` : allowed.join(', ');
    for (const name of new Set(query.keys())) {
      if (!allowed.includes(name)) this.problems.push(`unknown query parameter '${name.slice(0, 100)}'${allowed.length > 0 ? ` (this endpoint takes ${takes})` : ''}`);
    }
  }

  one(name: string): string | undefined {
    const values = this.query.getAll(name).filter((v) => v !== '');
    if (values.length > 1) {
      this.problems.push(`${name} may be given once`);
      return undefined;
    }
    return values[0];
  }

  list(name: string, pattern: RegExp, what: string): string[] | undefined {
    const values = this.query
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) return undefined;
    if (values.length > MAX_VALUES) {
      this.problems.push(`${name}: at most ${MAX_VALUES} values`);
      return undefined;
    }
    const good = values.filter((v) => pattern.test(v) || void this.problems.push(`${name}: '${v.slice(0, 100)}' is not ${what}`));
    return good.length > 0 ? [...new Set(good)] : undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    return this.list(name, new RegExp(`^(?:${allowed.join('|')})$`), `one of ${allowed.join(', ')}`) as T[] | undefined;
  }

  /** Ids of the named repositories the viewer can see; the others go to `unseenRepos`. */
  repos(viewer: Viewer): number[] | undefined {
    const names = this.list('repo', /^[\w.-]{1,100}\/[\w.-]{1,100}$/, 'owner/name');
    if (!names) return undefined;
    const ids: number[] = [];
    for (const n of names) {
      const [owner, repo] = n.split('/') as [string, string];
      const id = repoId(viewer, owner, repo);
      if (id === undefined) this.unseenRepos.push(n);
      else ids.push(id);
    }
    return ids;
  }

  teams(): string[] | undefined {
    return this.list('team', /^(?:@[A-Za-z0-9-]{1,39}|[A-Za-z0-9-]{1,39}\/[\w.-]{1,100})$/, 'org/team or @login');
  }

  /** An ISO-8601 date or date-time; a bare date as an upper bound means the end of that day. */
  instant(name: string, endOfDay = false): string | undefined {
    const v = this.one(name);
    if (v === undefined) return undefined;
    const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(v);
    const t = m ? Date.parse(m[2] ? v : `${m[1]}T00:00:00Z`) : NaN;
    if (!m || Number.isNaN(t) || new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) {
      this.problems.push(`${name} must be an ISO-8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z)`);
      return undefined;
    }
    return new Date(!m[2] && endOfDay ? t + 86_400_000 - 1 : t).toISOString();
  }

  /** `limit` and `cursor`; a malformed limit is reported and the default used. */
  page(defaultLimit = DEFAULT_LIMIT): PageRequest {
    const raw = this.one('limit');
    let limit = defaultLimit;
    if (raw !== undefined) {
      if (/^\d{1,4}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= MAX_LIMIT) limit = Number(raw);
      else this.problems.push(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    let cursor = this.one('cursor');
    if (cursor !== undefined && !/^[\x21-\x7e]{1,512}$/.test(cursor)) {
      this.problems.push('cursor must be the nextCursor of a previous page');
      cursor = undefined;
    }
    return cursor === undefined ? { limit } : { limit, cursor };
  }

  /** Two bounds the wrong way round are a problem, and neither is applied. */
  ordered(from: string | undefined, to: string | undefined, fromName: string, toName: string): [string | undefined, string | undefined] {
    if (from === undefined || to === undefined || from <= to) return [from, to];
    this.problems.push(`${fromName} must not be after ${toName}`);
    return [undefined, undefined];
  }

  result<F>(filter: F): Parsed<F> {
    return { filter, problems: this.problems, unseenRepos: this.unseenRepos };
  }
}

/**
 * `repo=owner/name`, `team`, `severity`, `kind`, `rule`, `status`, `since`, `until` (dates or
 * ISO timestamps), `cursor`, `limit` — the flagged-changes page's GET form and `/api/v1/changes`,
 * so a shared link and a CSV download show the same rows.
 */
export function readChangeFilter(q: QueryReader, viewer: Viewer): ChangeFilter {
  const [since, until] = q.ordered(q.instant('since'), q.instant('until', true), 'since', 'until');
  return compact({
    repoIds: q.repos(viewer),
    teams: q.teams(),
    severities: q.oneOf('severity', SEVERITIES),
    kinds: q.oneOf('kind', FINDING_KINDS),
    rules: q.list('rule', /^[\w.:/-]{1,100}$/, 'a rule id'),
    statuses: q.oneOf('status', CHANGE_STATUSES),
    since,
    until,
  });
}

/** `repo`, `team` — the inventory page's and `/api/v1/inventory`'s filter (which also page with `limit` and `cursor`). */
export function readInventoryFilter(q: QueryReader, viewer: Viewer): InventoryFilter {
  return compact({ repoIds: q.repos(viewer), teams: q.teams() });
}

/** `repo`, `team`, `from`, `to`: a date anywhere in a week names that week (Monday, UTC). */
export function readTrendFilter(q: QueryReader, viewer: Viewer): TrendFilter {
  const [from, to] = q.ordered(q.instant('from'), q.instant('to'), 'from', 'to');
  return compact({ repoIds: q.repos(viewer), teams: q.teams(), from: from && weekOf(new Date(from)), to: to && weekOf(new Date(to)) });
}

/** `repo`, `team`, `state` (active, expired, revoked) — the risk register's and `/api/v1/acceptances`'. */
export function readAcceptanceFilter(q: QueryReader, viewer: Viewer): AcceptanceFilter {
  let state = q.one('state');
  if (state !== undefined && !(ACCEPTANCE_STATES as readonly string[]).includes(state)) {
    q.problems.push(`state must be one of ${ACCEPTANCE_STATES.join(', ')}`);
    state = undefined;
  }
  return compact({ ...readInventoryFilter(q, viewer), state: state as AcceptanceFilter['state'] });
}

export function parseChangeQuery(params: URLSearchParams, viewer: Viewer): Parsed<ChangeFilter> & { page: PageRequest } {
  const q = new QueryReader(params, CHANGE_PARAMS);
  const filter = readChangeFilter(q, viewer);
  return { ...q.result(filter), page: q.page() };
}

export function parseInventoryQuery(params: URLSearchParams, viewer: Viewer): Parsed<InventoryFilter> & { page: PageRequest } {
  const q = new QueryReader(params, INVENTORY_PARAMS);
  const filter = readInventoryFilter(q, viewer);
  return { ...q.result(filter), page: q.page() };
}

export function parseTrendQuery(params: URLSearchParams, viewer: Viewer): Parsed<TrendFilter> {
  const q = new QueryReader(params, TREND_PARAMS);
  return q.result(readTrendFilter(q, viewer));
}

export function parseAcceptanceQuery(params: URLSearchParams, viewer: Viewer): Parsed<AcceptanceFilter> {
  const q = new QueryReader(params, ACCEPTANCE_PARAMS);
  return q.result(readAcceptanceFilter(q, viewer));
}

function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
