/**
 * Settling the review thread of a finding that went away. REST does not expose threads, so their
 * node ids come from GraphQL (matched by the thread's first comment), then `resolveReviewThread`.
 * Some app tokens may not resolve threads (`FORBIDDEN`): the thread then gets a "Fixed in <sha>"
 * reply instead, which any token that can comment may post. Each thread is settled on its own and
 * remembered at once (`onSettled`), so one refusal neither stops the others nor repeats a reply.
 */
import type { PostedComment } from '../../store/types.js';
import { describeError, type GitHubApi, type RepoCoords } from '../types.js';
import { markedComments } from './review-comments.js';

const THREADS = `query Threads($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

const RESOLVE = `mutation Resolve($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number | null }[] } }[];
      };
    } | null;
  } | null;
}

/** Thread node id by the database id of its first comment. */
async function threadsByComment(gh: GitHubApi, coords: RepoCoords, pullNumber: number): Promise<Map<number, { id: string; isResolved: boolean }>> {
  const out = new Map<number, { id: string; isResolved: boolean }>();
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: ThreadsPage = await gh.graphql<ThreadsPage>(THREADS, { owner: coords.owner, name: coords.repo, number: pullNumber, cursor });
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const t of threads.nodes) {
      const first = t.comments.nodes[0]?.databaseId;
      if (typeof first === 'number') out.set(first, { id: t.id, isResolved: t.isResolved });
    }
    if (!threads.pageInfo.hasNextPage) break;
    cursor = threads.pageInfo.endCursor;
  }
  return out;
}

export type Settled = 'resolved' | 'replied' | 'gone';

export interface SettleResult {
  settled: { fingerprint: string; how: Settled }[];
  /** Threads neither resolved nor replied to: tried again on the next push. */
  failed: { fingerprint: string; error: string }[];
}

/** Hidden in a "Fixed in" reply (not a finding marker: the reply is no comment of a finding). */
export function fixedMarker(fingerprint: string): string {
  return `<!-- spof-review:fixed ${fingerprint.replace(/[^A-Za-z0-9_-]/g, '')} -->`;
}

/** The fingerprint a "Fixed in" reply was written for, if `body` is one. */
export function fixedFromMarker(body: string | undefined | null): string | undefined {
  return body ? /<!-- spof-review:fixed ([A-Za-z0-9_-]+) -->/.exec(body)?.[1] : undefined;
}

export async function settleFixedThreads(
  gh: GitHubApi,
  coords: RepoCoords,
  opts: { pullNumber: number; headSha: string; gone: readonly Pick<PostedComment, 'fingerprint' | 'commentId' | 'threadNodeId'>[]; onSettled: (fingerprint: string, how: Settled) => Promise<void> },
): Promise<SettleResult> {
  const out: SettleResult = { settled: [], failed: [] };
  if (opts.gone.length === 0) return out;
  const settle = async (fingerprint: string, how: Settled) => {
    await opts.onSettled(fingerprint, how);
    out.settled.push({ fingerprint, how });
  };
  // Comments whose id was never read back are found by their marker.
  let ids: Map<string, number> | undefined;
  if (opts.gone.some((c) => c.commentId === 0)) ids = await markedComments(gh, coords, opts.pullNumber).catch(() => undefined);
  let threads: Map<number, { id: string; isResolved: boolean }> | undefined;
  if (opts.gone.some((c) => !c.threadNodeId)) threads = await threadsByComment(gh, coords, opts.pullNumber).catch(() => undefined);

  for (const c of opts.gone) {
    const commentId = c.commentId !== 0 ? c.commentId : ids?.get(c.fingerprint);
    if (commentId === undefined) {
      if (ids) await settle(c.fingerprint, 'gone'); // never found on the PR: nothing to settle
      else out.failed.push({ fingerprint: c.fingerprint, error: 'its comment could not be found' });
      continue;
    }
    const thread = c.threadNodeId ? { id: c.threadNodeId, isResolved: false } : threads?.get(commentId);
    if (threads && !thread) {
      await settle(c.fingerprint, 'gone'); // deleted by someone
      continue;
    }
    if (thread?.isResolved) {
      await settle(c.fingerprint, 'resolved');
      continue;
    }
    let refused: unknown;
    if (thread) {
      try {
        await gh.graphql(RESOLVE, { threadId: thread.id });
        await settle(c.fingerprint, 'resolved');
        continue;
      } catch (err) {
        refused = err;
      }
    }
    try {
      await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
        ...coords,
        pull_number: opts.pullNumber,
        comment_id: commentId,
        body: `✅ Fixed in ${opts.headSha}: spof-review no longer finds this.\n${fixedMarker(c.fingerprint)}`,
      });
      await settle(c.fingerprint, 'replied');
    } catch (err) {
      out.failed.push({ fingerprint: c.fingerprint, error: describeError(refused ?? err) });
    }
  }
  return out;
}
