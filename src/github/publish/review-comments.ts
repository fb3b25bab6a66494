/**
 * One pull request review per push, with one comment per new finding on a line of the diff.
 * A finding is never commented twice (its fingerprint is remembered); a finding that went away
 * gets its old thread resolved. Findings that cannot sit on the diff are left to the summary.
 */
import type { Finding, Review } from '../../model/index.js';
import { plural } from '../../report/format.js';
import type { PostedComment } from '../../store/types.js';
import type { ChangedFile } from '../fetch/changes.js';
import type { GitHub, RepoCoords } from '../types.js';
import { commentBody, findingFromMarker } from './finding-text.js';
import { parsePatch, type Hunk } from './hunks.js';
import { placeFinding, type Placement } from './placement.js';
import { resolveThreads } from './threads.js';

/** More than this many new comments in one push would be noise: the rest go to the summary. */
export const MAX_COMMENTS_PER_REVIEW = 50;

export interface CommentResult {
  /** Comments created now (or found from an interrupted earlier attempt), to remember. */
  posted: { fingerprint: string; commentId: number }[];
  /** Fingerprints whose earlier comment is now resolved. */
  resolved: string[];
  /** Open findings with no comment on the diff (this push or earlier): the summary lists them. */
  outside: Finding[];
  /** Set when GitHub refused the review; the check run says so. */
  error?: string;
}

interface ReviewComment {
  id: number;
  body?: string;
  user?: { type?: string } | null;
}

export function hunksByFile(files: readonly ChangedFile[]): Map<string, Hunk[]> {
  const out = new Map<string, Hunk[]>();
  for (const f of files) if (f.patch !== undefined && f.status !== 'removed') out.set(f.path, parsePatch(f.patch));
  return out;
}

export async function publishReviewComments(
  gh: GitHub,
  coords: RepoCoords,
  opts: {
    pullNumber: number;
    headSha: string;
    review: Review;
    files: readonly ChangedFile[];
    posted: readonly PostedComment[];
    suggestions: boolean;
    /** A retried job looks for comments an interrupted attempt already made. */
    recover: boolean;
  },
): Promise<CommentResult> {
  const open = opts.review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
  const known = new Map(opts.posted.map((p) => [p.fingerprint, p]));
  const result: CommentResult = { posted: [], resolved: [], outside: [] };

  if (opts.recover) {
    const existing = (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
      ...coords,
      pull_number: opts.pullNumber,
      per_page: 100,
    })) as ReviewComment[];
    for (const c of existing) {
      const fp = findingFromMarker(c.body);
      if (fp && c.user?.type === 'Bot' && !known.has(fp)) {
        result.posted.push({ fingerprint: fp, commentId: c.id });
        known.set(fp, { fingerprint: fp, commentId: c.id } as PostedComment);
      }
    }
  }

  const hunks = hunksByFile(opts.files);
  const toPost: { finding: Finding; place: Placement }[] = [];
  for (const f of open) {
    if (known.has(f.fingerprint)) continue;
    const place = toPost.length < MAX_COMMENTS_PER_REVIEW ? placeFinding(f, hunks, opts.suggestions) : undefined;
    if (place) toPost.push({ finding: f, place });
    else result.outside.push(f);
  }
  // Findings commented on an earlier push whose line is gone from the diff stay listed in the summary.
  for (const f of open) if (known.has(f.fingerprint) && known.get(f.fingerprint)!.resolved) result.outside.push(f);

  if (toPost.length > 0) {
    try {
      result.posted.push(...(await postReview(gh, coords, opts.pullNumber, opts.headSha, toPost)));
    } catch (err) {
      if ((err as { status?: number }).status !== 422) throw err;
      // The diff moved under us (a newer push) or a line is not commentable: keep the findings in the summary.
      result.error = `GitHub refused the review comments (${(err as Error).message.split('\n')[0]}); the findings are listed in the summary.`;
      result.outside.push(...toPost.map((t) => t.finding));
    }
  }

  const openSet = new Set(open.map((f) => f.fingerprint));
  const gone = opts.posted.filter((p) => !p.resolved && !openSet.has(p.fingerprint));
  if (gone.length > 0) {
    await resolveThreads(gh, coords, opts.pullNumber, gone);
    result.resolved.push(...gone.map((p) => p.fingerprint));
  }
  return result;
}

async function postReview(
  gh: GitHub,
  coords: RepoCoords,
  pullNumber: number,
  headSha: string,
  toPost: { finding: Finding; place: Placement }[],
): Promise<{ fingerprint: string; commentId: number }[]> {
  const comments = toPost.map(({ finding, place }) => ({
    path: place.path,
    line: place.line,
    side: 'RIGHT' as const,
    ...(place.startLine !== undefined ? { start_line: place.startLine, start_side: 'RIGHT' as const } : {}),
    body: commentBody(finding, place.suggestion),
  }));
  const body = `**SPOF review**: ${plural(toPost.length, 'new finding')} on this push. Details and the findings outside the diff are in the **SPOF review** check and the summary comment.`;
  const { data: review } = await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    ...coords,
    pull_number: pullNumber,
    commit_id: headSha,
    event: 'COMMENT',
    body,
    comments,
  });
  // At most MAX_COMMENTS_PER_REVIEW comments: one page.
  const { data: created } = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments', {
    ...coords,
    pull_number: pullNumber,
    review_id: Number(review.id),
    per_page: 100,
  });
  const out: { fingerprint: string; commentId: number }[] = [];
  for (const c of created) {
    const fp = findingFromMarker(c.body);
    if (fp) out.push({ fingerprint: fp, commentId: Number(c.id) });
  }
  return out;
}
