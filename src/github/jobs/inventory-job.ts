/**
 * A push to the default branch records the branch's SPOF inventory (`scan`) for the dashboard.
 * It reads every infrastructure file once; the blob cache makes later pushes cost only the blobs
 * they changed, and it warms the cache for the reviews of PRs against that branch.
 */
import { scan } from '../../analysis/index.js';
import { fingerprint } from '../../analysis/fingerprint.js';
import { includedPaths } from '../../analysis/stacks.js';
import { isCandidatePath } from '../../formats/index.js';
import { MAX_FILE_BYTES } from '../../model/index.js';
import { loadConfig } from '../config.js';
import { BlobFetcher } from '../fetch/blobs.js';
import { treeFileSet } from '../fetch/review-files.js';
import { RepoTree } from '../fetch/trees.js';
import { repoRef, type JobContext } from './context.js';

export async function runInventory(ctx: JobContext): Promise<void> {
  const { job, gh, coords, store, log } = ctx;
  const { config } = await loadConfig(gh, coords);
  const tree = await RepoTree.read(gh, coords, job.headSha);
  if (!tree.complete) log.warn({ jobId: job.id }, 'the tree listing was truncated: the inventory covers the listed part only');
  const paths = includedPaths({ paths: () => tree.paths().filter(isCandidatePath), read: () => undefined }, config);
  const blobs = new BlobFetcher(gh, coords, store);
  await blobs.load(paths.map((p) => tree.files.get(p)!).filter((e) => e.size <= MAX_FILE_BYTES));
  ctx.alive();
  const inventory = scan(treeFileSet(tree, blobs), config, `${coords.owner}/${coords.repo}`);
  await store.saveInventory({
    ...repoRef(job),
    ref: job.ref ?? 'refs/heads/unknown',
    sha: job.headSha,
    spofs: inventory.spofs.map((s) => ({
      fingerprint: fingerprint('new-spof', s.component.stack, s.component.id, s.component.rule),
      severity: s.severity,
      rule: s.component.rule,
      componentId: s.component.id,
      stack: s.component.stack,
      file: s.component.location.file,
      line: s.component.location.startLine,
      title: `${s.kinds.join(' + ')} SPOF: ${s.component.id}`,
    })),
  });
  log.info({ jobId: job.id, spofs: inventory.spofs.length, blobsFetched: blobs.fetched }, 'inventory recorded');
}
