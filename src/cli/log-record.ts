/**
 * `spof-review log --record`: the history replay backfills the dashboard's trends. Each reviewed
 * commit's inventory (its SPOFs, with owners by that commit's CODEOWNERS, blast radius and
 * recovery estimates) is saved in the store the app uses (`DATABASE_URL`, else the SQLite file
 * `SPOF_REVIEW_DB` or `./spof-review.db`) as an inventory of source `history`, dated by the
 * commit. Backfilled inventories feed the default branch's trends only; they are never a pull
 * request's change (no review, no finding row, no flagged change is written). The ref's SPOF history
 * is rebuilt once, when the replay ends.
 */
import type { Config } from '../config/types.js';
import { CODEOWNERS_LOCATIONS, ownerNamesLookup } from '../formats/index.js';
import type { FileSet } from '../model/index.js';
import type { KyselyStore, StoreEnv } from '../store/index.js';
import type { RepoRef } from '../store/types.js';
import type { HistoryCommit } from './history.js';

export interface RecordOptions {
  /** `owner/name` as on GitHub. */
  repository: string | undefined;
  repoId?: number;
  installationId?: number;
  /** The branch the history is of, `refs/heads/<name>`. */
  ref: string;
}

export interface HistoryRecorder {
  /** Where the inventories go, safe to print. */
  readonly where: string;
  record(entry: HistoryCommit, head: FileSet, config: Config, engine: typeof import('../analysis/index.js')): Promise<number>;
  close(): Promise<void>;
}

export class RecordError extends Error {}

export async function openRecorder(options: RecordOptions, env: StoreEnv): Promise<HistoryRecorder> {
  if (!options.repository || !/^[^/\s]+\/[^/\s]+$/.test(options.repository)) {
    throw new RecordError('--record needs the repository as owner/name (--repository, or a GitHub origin remote)');
  }
  const [owner, repo] = options.repository.split('/') as [string, string];
  const { openStore, describeStore } = await import('../store/index.js');
  const store = await openStore(env);
  try {
    const ref = await repoRef(store, owner, repo, options);
    let recorded = false;
    return {
      where: `${describeStore(env)} as ${owner}/${repo} (repository id ${ref.repoId}) ${options.ref}`,
      async record(entry, head, config, engine) {
        const spofs = engine.inventorySpofRows(engine.scan(head, config, `${owner}/${repo}`));
        const location = CODEOWNERS_LOCATIONS.find((p) => head.read(p) !== undefined);
        const owners = location ? ownerNamesLookup(head.read(location)!) : () => [];
        await store.saveInventory({
          ...ref, ref: options.ref, sha: entry.commit, source: 'history', at: new Date(entry.date),
          spofs: spofs.map((s) => ({ ...s, owners: owners(s.file) })),
        }, { deferHistory: true });
        recorded = true;
        return spofs.length;
      },
      // The ref's SPOF history once, from every inventory (even when the replay stopped early): rebuilt
      // per commit, a replay older than what the app recorded costs the square of its length.
      async close() {
        try {
          if (recorded) await store.rebuildSpofHistory(ref.repoId, options.ref);
        } finally {
          await store.close();
        }
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * GitHub's ids of the repository: those the app already recorded for `owner/name` in this store, or
 * `--repo-id` and `--installation-id` for a repository the app has not seen yet (given ids must
 * agree with recorded ones: the dashboard's access is by id).
 */
async function repoRef(store: KyselyStore, owner: string, repo: string, options: RecordOptions): Promise<RepoRef> {
  const known = await store.db.selectFrom('review_jobs').select(['installation_id', 'repo_id']).where('owner', '=', owner).where('repo', '=', repo)
    .union(store.db.selectFrom('inventories').select(['installation_id', 'repo_id']).where('owner', '=', owner).where('repo', '=', repo))
    .execute();
  const ids = [...new Set(known.map((k) => Number(k.repo_id)))];
  if (ids.length > 1) throw new RecordError(`the store knows ${owner}/${repo} under ${ids.length} repository ids (${ids.join(', ')}): give --repo-id`);
  const repoId = options.repoId ?? ids[0];
  if (repoId === undefined) throw new RecordError(`the store has nothing of ${owner}/${repo} yet: give --repo-id and --installation-id (GitHub's ids)`);
  if (ids.length === 1 && options.repoId !== undefined && options.repoId !== ids[0]) {
    throw new RecordError(`the store knows ${owner}/${repo} as repository id ${ids[0]}, not ${options.repoId}`);
  }
  const installationId = options.installationId ?? known.map((k) => Number(k.installation_id)).find((_, i) => Number(known[i]!.repo_id) === repoId);
  if (installationId === undefined) throw new RecordError(`give --installation-id for ${owner}/${repo} (the app's installation on it)`);
  return { installationId, repoId, owner, repo };
}
