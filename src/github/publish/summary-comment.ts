/**
 * One summary comment per pull request, found again by a hidden marker and edited in place. It is
 * not touched when its body would not change (the hash of the last body is remembered), so
 * re-pushes that change nothing make no noise. Without a remembered comment (first review, or a
 * new store), the PR's comments are searched for the marker before posting a new one.
 */
import { createHash } from 'node:crypto';
import type { GitHubApi, RepoCoords } from '../types.js';

export const SUMMARY_MARKER = '<!-- spof-review:summary -->';

export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export interface SummaryCommentState {
  commentId: number;
  bodyHash: string;
}

export type SummaryCommentAction = 'created' | 'updated' | 'unchanged' | 'skipped';

export async function publishSummaryComment(
  gh: GitHubApi,
  coords: RepoCoords,
  opts: {
    issueNumber: number;
    /** The body without the marker. */
    body: string;
    known: SummaryCommentState | undefined;
    /** Post a new comment only when there is something to say (an existing one is always kept current). */
    worthPosting: boolean;
  },
): Promise<{ action: SummaryCommentAction; state?: SummaryCommentState }> {
  const body = `${SUMMARY_MARKER}\n${opts.body}`;
  const hash = bodyHash(body);
  if (opts.known && opts.known.bodyHash === hash) return { action: 'unchanged', state: opts.known };
  // Nothing remembered and nothing to say: the store is the memory, no search needed.
  if (!opts.known && !opts.worthPosting) return { action: 'skipped' };
  let commentId = opts.known?.commentId;
  if (commentId === undefined) commentId = (await findMarked(gh, coords, opts.issueNumber))?.id;
  if (commentId !== undefined) {
    try {
      await gh.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...coords, comment_id: commentId, body });
      return { action: 'updated', state: { commentId, bodyHash: hash } };
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      // Someone deleted it: post a fresh one below.
    }
  }
  if (!opts.worthPosting) return { action: 'skipped' };
  const { data } = await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...coords, issue_number: opts.issueNumber, body });
  return { action: 'created', state: { commentId: Number(data.id), bodyHash: hash } };
}

async function findMarked(gh: GitHubApi, coords: RepoCoords, issueNumber: number): Promise<{ id: number; body: string } | undefined> {
  const comments = (await gh.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...coords,
    issue_number: issueNumber,
    per_page: 100,
  })) as { id: number; body?: string; user?: { type?: string } | null }[];
  const c = comments.find((x) => x.user?.type === 'Bot' && x.body?.startsWith(SUMMARY_MARKER));
  return c ? { id: c.id, body: c.body ?? '' } : undefined;
}

/**
 * The summary comment a bot left on the pull request, found by its marker, as the state a store would
 * have remembered (for a caller with no store: the GitHub Action). An unchanged body is then left alone.
 */
export async function markedSummary(gh: GitHubApi, coords: RepoCoords, issueNumber: number): Promise<SummaryCommentState | undefined> {
  const found = await findMarked(gh, coords, issueNumber);
  return found ? { commentId: found.id, bodyHash: bodyHash(found.body) } : undefined;
}
