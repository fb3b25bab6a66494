import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { batches, fromGitHubId, fromTimestamp, toTimestamp } from '../values.js';
import { scopedRepoIds, statusSql } from './scope.js';
import type { AcceptanceFilter, AcceptanceRow, ChangeStatus, RepoScope } from './types.js';

/** The risk register: every acceptance in scope, newest first, with what became of its change since. */
export async function riskRegister(db: Kysely<Database>, scope: RepoScope, filter: AcceptanceFilter, now: Date): Promise<AcceptanceRow[]> {
  const repoIds = scopedRepoIds(scope, filter.repoIds);
  if (repoIds.length === 0) return [];
  const at = toTimestamp(now);
  let q = db.selectFrom('acceptances as a')
    .leftJoin('dashboard_changes as c', (j) => j.onRef('c.repo_id', '=', 'a.repo_id').onRef('c.pr_number', '=', 'a.pr_number'))
    .selectAll('a').select(sql<string | null>`case when c.id is null then null else ${statusSql(at)} end`.as('status'))
    .where('a.repo_id', 'in', repoIds);
  if (filter.state === 'active') q = q.where('a.revoked_at', 'is', null).where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', at)]));
  if (filter.state === 'expired') q = q.where('a.revoked_at', 'is', null).where('a.expires_at', '<=', at);
  if (filter.state === 'revoked') q = q.where('a.revoked_at', 'is not', null);
  if (filter.teams && filter.teams.length > 0) {
    const teams = filter.teams as string[];
    q = q.where((eb) => eb.exists(eb.selectFrom('change_facets as f').select(sql`1`.as('one'))
      .whereRef('f.repo_id', '=', 'a.repo_id').whereRef('f.pr_number', '=', 'a.pr_number').where('f.facet', '=', 'team').where('f.value', 'in', teams)));
  }
  const rows = await q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').execute();
  const teams = await teamsOf(db, rows.map((r) => ({ repoId: fromGitHubId(r.repo_id), prNumber: r.pr_number })));
  return rows.map((r) => ({
    installationId: fromGitHubId(r.installation_id), repoId: fromGitHubId(r.repo_id), owner: r.owner, repo: r.repo, prNumber: r.pr_number,
    fingerprints: JSON.parse(r.fingerprints_json) as string[], acceptedBy: r.accepted_by, via: r.via, reason: r.note,
    acceptedAt: iso(r.created_at), expiresAt: r.expires_at === null ? null : iso(r.expires_at),
    revokedAt: r.revoked_at === null ? null : iso(r.revoked_at), revokedBy: r.revoked_by,
    since: (r.status ?? 'open') as ChangeStatus,
    teams: teams.get(`${fromGitHubId(r.repo_id)}#${r.pr_number}`) ?? [],
  }));
}

/**
 * The teams of the given changes, read in one query per 500 repositories: those repositories' change_teams rows
 * of those PR numbers (a superset the map below narrows to the exact pairs).
 */
export async function teamsOf(db: Kysely<Database>, changes: readonly { repoId: number; prNumber: number }[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const repoIds = [...new Set(changes.map((c) => c.repoId))];
  const prNumbers = [...new Set(changes.map((c) => c.prNumber))];
  const wanted = new Set(changes.map((c) => `${c.repoId}#${c.prNumber}`));
  for (const ids of batches(repoIds, 500)) {
    let q = db.selectFrom('change_teams').select(['repo_id', 'pr_number', 'team as value'])
      .where('repo_id', 'in', ids);
    // Bounded parameter lists on both databases: past that many numbers, the repositories' facets are read whole.
    if (prNumbers.length <= MAX_PR_FILTER) q = q.where('pr_number', 'in', prNumbers);
    const rows = await q.orderBy('value').execute();
    for (const r of rows) {
      const key = `${fromGitHubId(r.repo_id)}#${r.pr_number}`;
      if (!wanted.has(key)) continue;
      out.set(key, [...(out.get(key) ?? []), r.value]);
    }
  }
  return out;
}

const MAX_PR_FILTER = 5000;

const iso = (v: Date | string) => toTimestamp(fromTimestamp(v));
