/**
 * Re-runs name a commit, not always a pull request: `check_suite.pull_requests` is empty for PRs
 * from forks. The PR is found from what the store remembers of the head SHA, else by asking
 * GitHub which pull requests have that commit. A job that knows its PR remembers the head SHA here,
 * before its check run exists (the re-runs and buttons that need it come from that check run), not
 * in the webhook's acknowledgement.
 */
import type { JobContext } from './context.js';

export interface PullRef {
  prNumber: number;
  baseSha: string;
}

interface PullSummary {
  number: number;
  state?: string;
  head?: { sha?: string };
  base?: { sha?: string };
}

export async function resolvePull(ctx: JobContext): Promise<PullRef | undefined> {
  const { job, gh, coords, store } = ctx;
  if (job.prNumber !== null) await store.mapHeadSha(job.repoId, job.headSha, job.prNumber);
  let prNumber = job.prNumber ?? (await store.prForHeadSha(job.repoId, job.headSha)) ?? null;
  if (prNumber !== null && job.baseSha) return { prNumber, baseSha: job.baseSha };
  if (prNumber === null) {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...coords, commit_sha: job.headSha, per_page: 100 });
    const pulls = data as PullSummary[];
    const pull = pulls.find((p) => p.state === 'open' && p.head?.sha === job.headSha) ?? pulls.find((p) => p.state === 'open');
    if (!pull?.base?.sha) return undefined;
    await store.mapHeadSha(job.repoId, job.headSha, pull.number);
    return { prNumber: pull.number, baseSha: pull.base.sha };
  }
  const { data } = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...coords, pull_number: prNumber });
  return { prNumber, baseSha: data.base.sha };
}
