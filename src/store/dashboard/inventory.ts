import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { InventorySpofRecord } from '../types.js';
import { fromGitHubId, fromTimestamp, toTimestamp } from '../values.js';
import { scopedRepoIds } from './scope.js';
import type { InventoryRow, RepoScope } from './types.js';

/** The newest inventory of each repository in scope (whatever brought it: a push, the installation, replayed history). */
export async function latestInventories(db: Kysely<Database>, scope: RepoScope, filter: { repoIds?: readonly number[]; teams?: readonly string[] }): Promise<InventoryRow[]> {
  const repoIds = scopedRepoIds(scope, filter.repoIds);
  if (repoIds.length === 0) return [];
  const rows = await newestInventories(db, repoIds)
    .select(['i.installation_id', 'i.repo_id', 'i.owner', 'i.repo', 'i.ref', 'i.sha', 'i.spofs_json', 'i.diagram', 'i.created_at'])
    .orderBy('i.owner').orderBy('i.repo').execute();
  const teams = filter.teams && filter.teams.length > 0 ? new Set(filter.teams) : undefined;
  const out: InventoryRow[] = [];
  for (const r of rows) {
    const spofs = (JSON.parse(r.spofs_json) as InventorySpofRecord[]).map(toSpof).filter((s) => !teams || s.teams.some((t) => teams.has(t)));
    if (teams && spofs.length === 0) continue;
    out.push({
      installationId: fromGitHubId(r.installation_id), repoId: fromGitHubId(r.repo_id), owner: r.owner, repo: r.repo,
      ref: r.ref, sha: r.sha, recordedAt: toTimestamp(fromTimestamp(r.created_at)), spofs,
      // Filtered to a team, the picture would show SPOFs the list leaves out.
      graph: teams ? null : r.diagram,
    });
  }
  return out;
}

/**
 * The newest inventory of each of the repositories, as `inventories as i`: of its latest date (a
 * grouped read of the (repo_id, created_at) index), the highest id. One probe per repository, not
 * one sorted lookup per inventory.
 */
export function newestInventories(db: Kysely<Database>, repoIds: readonly number[]) {
  const latest = db.selectFrom('inventories').select(['repo_id', sql<Date | string>`max(created_at)`.as('at')]).where('repo_id', 'in', repoIds).groupBy('repo_id');
  return db.selectFrom('inventories as i')
    .innerJoin(latest.as('l'), (j) => j.onRef('l.repo_id', '=', 'i.repo_id').onRef('l.at', '=', 'i.created_at'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('inventories as t').select(sql`1`.as('one'))
      .whereRef('t.repo_id', '=', 'i.repo_id').whereRef('t.created_at', '=', 'i.created_at').whereRef('t.id', '>', 'i.id'))));
}

function toSpof(s: InventorySpofRecord): InventoryRow['spofs'][number] {
  return {
    fingerprint: s.fingerprint, severity: s.severity, rule: s.rule, componentId: s.componentId, stack: s.stack, file: s.file, line: s.line, title: s.title,
    ...(s.blastRadius !== undefined ? { blastRadius: s.blastRadius } : {}),
    ...(s.rto !== undefined && s.rpo !== undefined ? { recovery: `RTO ${s.rto}; RPO ${s.rpo}`, rto: s.rto, rpo: s.rpo } : {}),
    teams: s.owners ?? [],
  };
}
