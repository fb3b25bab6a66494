/**
 * Query parameters of `/api/v1`, checked before anything is read: an unknown parameter, a value
 * out of its set or a malformed date is a 400 naming it. Lists are given by repeating a parameter
 * or comma-separated. A repository named in a filter that the viewer cannot see answers exactly as
 * one that does not exist (404), so nothing confirms a repository's existence.
 */
import { FINDING_KINDS, type Severity } from '../../model/index.js';
import type { AcceptanceFilter, ChangeFilter, ChangeStatus, PageRequest, TrendFilter } from '../../store/dashboard/types.js';
import { weekOf } from '../../store/dashboard/weeks.js';
import type { Viewer } from '../viewer.js';

export class BadRequest extends Error {}
export class NotFound extends Error {}

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const STATUSES: readonly ChangeStatus[] = ['open', 'accepted', 'fixed-before-merge', 'merged-with-risk', 'abandoned'];
export const ACCEPTANCE_STATES = ['active', 'expired', 'revoked'] as const;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
const MAX_VALUES = 100;

export type Format = 'json' | 'csv';

export class Params {
  constructor(
    private readonly query: URLSearchParams,
    allowed: readonly string[],
  ) {
    for (const name of new Set(query.keys())) {
      if (name !== 'format' && !allowed.includes(name)) throw new BadRequest(`unknown query parameter '${name}'${allowed.length ? ` (this endpoint takes ${allowed.join(', ')}, format)` : ' (this endpoint takes format only)'}`);
    }
  }

  format(csvAllowed = true): Format {
    const f = this.one('format') ?? 'json';
    if (f !== 'json' && f !== 'csv') throw new BadRequest(`format must be json or csv`);
    if (f === 'csv' && !csvAllowed) throw new BadRequest('format=csv is for lists; this endpoint answers JSON only');
    return f;
  }

  one(name: string): string | undefined {
    const values = this.query.getAll(name);
    if (values.length > 1) throw new BadRequest(`${name} may be given once`);
    return values[0];
  }

  list(name: string, pattern: RegExp, what: string): string[] | undefined {
    const values = this.query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim());
    if (values.length === 0) return undefined;
    if (values.length > MAX_VALUES) throw new BadRequest(`${name}: at most ${MAX_VALUES} values`);
    for (const v of values) if (!pattern.test(v)) throw new BadRequest(`${name}: '${v.slice(0, 100)}' is not ${what}`);
    return [...new Set(values)];
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(name, /^[\w-]+$/, `one of ${allowed.join(', ')}`);
    if (!values) return undefined;
    for (const v of values) if (!allowed.includes(v as T)) throw new BadRequest(`${name}: '${v}' is not one of ${allowed.join(', ')}`);
    return values as T[];
  }

  /** Repository ids from `owner/name` values; a repository the viewer cannot see is not found. */
  repos(viewer: Viewer): number[] | undefined {
    const names = this.list('repo', /^[\w.-]{1,100}\/[\w.-]{1,100}$/, 'owner/name');
    if (!names) return undefined;
    return names.map((n) => {
      const id = repoId(viewer, n.split('/')[0]!, n.split('/')[1]!);
      if (id === undefined) throw new NotFound(`no repository ${n}`);
      return id;
    });
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
    if (!m || Number.isNaN(t) || new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) throw new BadRequest(`${name} must be an ISO-8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z)`);
    return new Date(!m[2] && endOfDay ? t + 86_400_000 - 1 : t).toISOString();
  }

  page(format: Format): PageRequest {
    const raw = this.one('limit');
    let limit = format === 'csv' ? MAX_LIMIT : DEFAULT_LIMIT;
    if (raw !== undefined) {
      if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) throw new BadRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
      limit = Number(raw);
    }
    const cursor = this.one('cursor');
    if (cursor !== undefined && !/^[\x21-\x7e]{1,512}$/.test(cursor)) throw new BadRequest('cursor must be the nextCursor of a previous page');
    return cursor === undefined ? { limit } : { limit, cursor };
  }
}

export function repoId(viewer: Viewer, owner: string, repo: string): number | undefined {
  const o = owner.toLowerCase();
  const r = repo.toLowerCase();
  for (const [id, name] of viewer.repos) if (name.owner.toLowerCase() === o && name.repo.toLowerCase() === r) return id;
  return undefined;
}

export const CHANGE_PARAMS = ['repo', 'team', 'severity', 'kind', 'rule', 'status', 'since', 'until', 'limit', 'cursor'] as const;

export function changeFilter(p: Params, viewer: Viewer): ChangeFilter {
  const since = p.instant('since');
  const until = p.instant('until', true);
  if (since && until && since > until) throw new BadRequest('since must not be after until');
  return compact({
    repoIds: p.repos(viewer),
    teams: p.teams(),
    severities: p.oneOf('severity', SEVERITIES),
    kinds: p.oneOf('kind', FINDING_KINDS),
    rules: p.list('rule', /^[\w.:/-]{1,100}$/, 'a rule id'),
    statuses: p.oneOf('status', STATUSES),
    since,
    until,
  });
}

export const TREND_PARAMS = ['repo', 'team', 'from', 'to'] as const;

/** Weeks start on Monday (UTC): a date anywhere in a week names that week. */
export function trendFilter(p: Params, viewer: Viewer): TrendFilter {
  const from = p.instant('from');
  const to = p.instant('to');
  if (from && to && from > to) throw new BadRequest('from must not be after to');
  return compact({ repoIds: p.repos(viewer), teams: p.teams(), from: from && weekOf(new Date(from)), to: to && weekOf(new Date(to)) });
}

export const ACCEPTANCE_PARAMS = ['repo', 'team', 'state'] as const;

export function acceptanceFilter(p: Params, viewer: Viewer): AcceptanceFilter {
  const state = p.one('state');
  if (state !== undefined && !(ACCEPTANCE_STATES as readonly string[]).includes(state)) throw new BadRequest(`state must be one of ${ACCEPTANCE_STATES.join(', ')}`);
  return compact({ repoIds: p.repos(viewer), teams: p.teams(), state: state as AcceptanceFilter['state'] });
}

export const INVENTORY_PARAMS = ['repo', 'team'] as const;

export function inventoryFilter(p: Params, viewer: Viewer): { repoIds?: number[]; teams?: string[] } {
  return compact({ repoIds: p.repos(viewer), teams: p.teams() });
}

function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
