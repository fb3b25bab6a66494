/**
 * A push to the default branch records the branch's SPOF inventory (`scan`) for the dashboard; so
 * does installing the app on a repository (its default branch's head, resolved here), so the
 * dashboard is not empty on day one.
 * It reads every infrastructure file once; the blob cache makes later pushes cost only the blobs
 * they changed, and it warms the cache for the reviews of PRs against that branch.
 */
import { scanTeamsToAsk } from '../../analysis/index.js';
import { includedPaths } from '../../analysis/stacks.js';
import { isCandidatePath } from '../../formats/index.js';
import { MAX_FILE_BYTES } from '../../model/index.js';
import { loadConfig } from '../config.js';
import { BlobFetcher } from '../fetch/blobs.js';
import { treeFileSet } from '../fetch/review-files.js';
import { fetchTeamMembers } from '../fetch/teams.js';
import { RepoTree } from '../fetch/trees.js';
import { DEFAULT_BRANCH_HEAD } from '../../store/types.js';
import { blobCache, readBudget, repoRef, type JobContext } from './context.js';
import { sendFiles } from './engine-work.js';
import { codeownersOf } from './owners.js';
import type { Disabled } from './review-job.js';

/** Returns how many SPOFs the branch has, for the job's log line. */
export async function runInventory(ctx: JobContext): Promise<{ spofs: number; blobsFetched: number } | Disabled> {
  const { job, gh, coords, store, log } = ctx;
  const { config } = await loadConfig(gh, coords);
  if (!config.enabled) return { disabled: true };
  const { ref, sha } = job.headSha === DEFAULT_BRANCH_HEAD ? await defaultBranchHead(ctx) : { ref: job.ref ?? 'refs/heads/unknown', sha: job.headSha };
  const tree = await RepoTree.read(gh, coords, sha);
  if (!tree.complete) log.warn('the tree listing was truncated: the inventory covers the listed part only');
  const paths = includedPaths({ paths: () => tree.paths().filter(isCandidatePath), read: () => undefined }, config);
  const blobs = new BlobFetcher(gh, coords, blobCache(store, job), readBudget(ctx));
  await blobs.load(paths.map((p) => ({ ...tree.files.get(p)!, path: p })).filter((e) => e.size <= MAX_FILE_BYTES));
  ctx.alive();
  const refused = blobs.budget.diagnostic();
  if (refused) {
    // Half a branch is not its inventory: the last one recorded stays.
    log.warn({ file: refused.file }, `the inventory was not recorded: ${refused.message}`);
    return { spofs: 0, blobsFetched: blobs.fetched };
  }
  const files = treeFileSet(tree, blobs);
  const teamMembers = await fetchTeamMembers(gh, scanTeamsToAsk(files, config));
  ctx.alive();
  const { spofs, diagram } = await ctx.engine.inventory({ files: sendFiles(files), config, repository: `${coords.owner}/${coords.repo}`, teamMembers });
  const ownersOf = await codeownersOf(tree, blobs);
  const owned = spofs.map((s) => ({ ...s, owners: ownersOf(s.file) }));
  await store.saveInventory({ ...repoRef(job), ref, sha, spofs: owned, ...(diagram ? { diagram } : {}), source: job.trigger === 'installation' ? 'installation' : 'push' });
  return { spofs: spofs.length, blobsFetched: blobs.fetched };
}

/** A repository the app was just installed on: its default branch and that branch's head now. */
async function defaultBranchHead(ctx: JobContext): Promise<{ ref: string; sha: string }> {
  const { data: repo } = await ctx.gh.request('GET /repos/{owner}/{repo}', { ...ctx.coords });
  const { data: head } = await ctx.gh.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...ctx.coords, ref: repo.default_branch, per_page: 1 });
  return { ref: `refs/heads/${repo.default_branch}`, sha: head.sha };
}
