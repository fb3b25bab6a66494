/**
 * What earlier runs left on the pull request, found by the hidden markers the publishing code writes
 * (the Action has no store): the comment of each finding, and whether its thread was settled with a
 * "Fixed in" reply. One listing of the PR's review comments answers both.
 */
import { findingFromMarker } from '../github/publish/finding-text.js';
import { fixedFromMarker } from '../github/publish/threads.js';
import type { GitHubApi, RepoCoords } from '../github/types.js';

export interface MarkedComment {
  fingerprint: string;
  commentId: number;
  /** A "Fixed in" reply answers it: the finding went away once, and its thread is settled. */
  resolved: boolean;
}

interface ReviewComment {
  id: number;
  body?: string;
  user?: { type?: string } | null;
}

export async function markedFindingComments(gh: GitHubApi, coords: RepoCoords, pullNumber: number): Promise<MarkedComment[]> {
  const all = (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...coords, pull_number: pullNumber, per_page: 100 })) as ReviewComment[];
  const bots = all.filter((c) => c.user?.type === 'Bot');
  const fixed = new Set(bots.flatMap((c) => fixedFromMarker(c.body) ?? []));
  const out = new Map<string, MarkedComment>();
  for (const c of bots) {
    const fp = findingFromMarker(c.body);
    if (fp && !out.has(fp)) out.set(fp, { fingerprint: fp, commentId: c.id, resolved: fixed.has(fp) });
  }
  return [...out.values()];
}
