/**
 * One pull request review per push, with one comment per new finding on a line of the diff.
 * A finding is never commented twice (its fingerprint is remembered, and `onPosted` hands each
 * comment to the store as soon as GitHub has it). Findings that cannot sit on the diff, or are
 * below `comments.min_severity`, are left to the summary. Threads of findings that went away are
 * settled separately (threads.ts), so a refused resolution cannot cost the new comments.
 */
import type { Finding, Review, Severity } from '../../model/index.js';
import { atOrAbove, plural } from '../../report/format.js';
import type { PostedComment } from '../../store/types.js';
import type { ChangedFile } from '../fetch/changes.js';
import { describeError, type GitHubApi, type RepoCoords } from '../types.js';
import { commentBody, findingFromMarker } from './finding-text.js';
import { parsePatch, type Hunk } from './hunks.js';
import { placeFinding, type Placement } from './placement.js';
import { append } from '../../model/index.js';

/** More than this many new comments in one push would be noise: the rest go to the summary. */
export const MAX_COMMENTS_PER_REVIEW = 50;

/** A comment GitHub holds for a finding; `commentId` 0 when it was posted but its id could not be read back. */
export interface Posted {
  fingerprint: string;
  commentId: number;
}

export interface CommentResult {
  /** Comments created now (or found from an interrupted earlier attempt), already handed to `onPosted`. */
  posted: Posted[];
  /** Open findings with no comment on the diff (this push or earlier): the summary says so. */
  uncommented: Finding[];
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

/** The open findings whose review comments this app wrote on the PR, by fingerprint (bots only). */
export async function markedComments(gh: GitHubApi, coords: RepoCoords, pullNumber: number): Promise<Map<string, number>> {
  const existing = (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
    ...coords,
    pull_number: pullNumber,
    per_page: 100,
  })) as ReviewComment[];
  const out = new Map<string, number>();
  for (const c of existing) {
    const fp = findingFromMarker(c.body);
    if (fp && c.user?.type === 'Bot' && !out.has(fp)) out.set(fp, c.id);
  }
  return out;
}

export async function publishReviewComments(
  gh: GitHubApi,
  coords: RepoCoords,
  opts: {
    pullNumber: number;
    headSha: string;
    review: Review;
    files: readonly ChangedFile[];
    /** What was commented on the PR before (from the store, or found by marker where there is none). */
    posted: readonly Pick<PostedComment, 'fingerprint' | 'resolved'>[];
    suggestions: boolean;
    /** Findings below this severity get no inline comment. */
    minSeverity: Severity;
    /** A retried job looks for comments an interrupted attempt already made. */
    recover: boolean;
    /** Remembers comments as soon as they exist, before anything else is attempted. */
    onPosted: (posted: readonly Posted[]) => Promise<void>;
  },
): Promise<CommentResult> {
  const open = opts.review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
  const known = new Map<string, Pick<PostedComment, 'resolved'>>(opts.posted.map((p) => [p.fingerprint, p]));
  const result: CommentResult = { posted: [], uncommented: [] };
  const remember = async (found: readonly Posted[]) => {
    const fresh = found.filter((p) => !result.posted.some((q) => q.fingerprint === p.fingerprint));
    if (fresh.length === 0) return;
    append(result.posted, fresh);
    for (const p of fresh) known.set(p.fingerprint, { resolved: false });
    await opts.onPosted(fresh);
  };

  if (opts.recover) {
    const marked = await markedComments(gh, coords, opts.pullNumber);
    await remember([...marked].filter(([fp]) => !known.has(fp)).map(([fingerprint, commentId]) => ({ fingerprint, commentId })));
  }

  const hunks = hunksByFile(opts.files);
  const toPost: { finding: Finding; place: Placement }[] = [];
  for (const f of open) {
    if (known.has(f.fingerprint)) continue;
    const place = toPost.length < MAX_COMMENTS_PER_REVIEW && atOrAbove(f.severity, opts.minSeverity) ? placeFinding(f, hunks, opts.suggestions) : undefined;
    if (place) toPost.push({ finding: f, place });
    else result.uncommented.push(f);
  }
  // Findings commented on an earlier push whose thread was settled, and that came back, stay in the summary.
  for (const f of open) if (opts.posted.some((p) => p.fingerprint === f.fingerprint && p.resolved)) result.uncommented.push(f);

  if (toPost.length > 0) {
    let review: number | undefined;
    try {
      review = await createReview(gh, coords, opts.pullNumber, opts.headSha, toPost);
    } catch (err) {
      const status = (err as { status?: number }).status;
      // A 5xx or a lost connection may come after GitHub stored the review: look before anything is posted again.
      if (status === undefined || status >= 500) await remember(await lookUp(gh, coords, opts.pullNumber, toPost).catch(() => []));
      const missing = toPost.filter((t) => !result.posted.some((p) => p.fingerprint === t.finding.fingerprint));
      append(result.uncommented, missing.map((t) => t.finding));
      if (missing.length > 0) {
        result.error = `GitHub refused the review comments (${describeError(err)}); ${plural(missing.length, 'finding')} ${missing.length === 1 ? 'is' : 'are'} listed in the summary instead.`;
      }
      return result;
    }
    // The review exists: whatever happens next, its comments are remembered.
    let created: Posted[];
    try {
      created = await reviewComments(gh, coords, opts.pullNumber, review);
    } catch {
      created = await lookUp(gh, coords, opts.pullNumber, toPost).catch(() => []);
    }
    const unread = toPost.filter((t) => !created.some((p) => p.fingerprint === t.finding.fingerprint)).map((t) => ({ fingerprint: t.finding.fingerprint, commentId: 0 }));
    await remember([...created, ...unread]);
  }
  return result;
}

/** The comments of `toPost` found on the PR by their markers. */
async function lookUp(gh: GitHubApi, coords: RepoCoords, pullNumber: number, toPost: readonly { finding: Finding }[]): Promise<Posted[]> {
  const marked = await markedComments(gh, coords, pullNumber);
  return toPost.flatMap((t) => {
    const id = marked.get(t.finding.fingerprint);
    return id === undefined ? [] : [{ fingerprint: t.finding.fingerprint, commentId: id }];
  });
}

async function createReview(gh: GitHubApi, coords: RepoCoords, pullNumber: number, headSha: string, toPost: { finding: Finding; place: Placement }[]): Promise<number> {
  const comments = toPost.map(({ finding, place }) => ({
    path: place.path,
    line: place.line,
    side: 'RIGHT' as const,
    ...(place.startLine !== undefined ? { start_line: place.startLine, start_side: 'RIGHT' as const } : {}),
    body: commentBody(finding, place),
  }));
  const body = `**SPOF review**: ${plural(toPost.length, 'new finding')} on this push. The **SPOF review** check and the summary comment list every finding.`;
  const { data: review } = await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    ...coords,
    pull_number: pullNumber,
    commit_id: headSha,
    event: 'COMMENT',
    body,
    comments,
  });
  return Number(review.id);
}

async function reviewComments(gh: GitHubApi, coords: RepoCoords, pullNumber: number, reviewId: number): Promise<Posted[]> {
  // At most MAX_COMMENTS_PER_REVIEW comments: one page.
  const { data: created } = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments', {
    ...coords,
    pull_number: pullNumber,
    review_id: reviewId,
    per_page: 100,
  });
  const out: Posted[] = [];
  for (const c of created) {
    const fp = findingFromMarker(c.body);
    if (fp) out.push({ fingerprint: fp, commentId: Number(c.id) });
  }
  return out;
}
