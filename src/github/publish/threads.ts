/**
 * Resolving the review thread of a finding that went away. REST does not expose threads, so their
 * node ids come from GraphQL (matched by the thread's first comment), then `resolveReviewThread`.
 */
import type { PostedComment } from '../../store/types.js';
import type { GitHub, RepoCoords } from '../types.js';

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
async function threadsByComment(gh: GitHub, coords: RepoCoords, pullNumber: number): Promise<Map<number, { id: string; isResolved: boolean }>> {
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

/** Resolves the threads of the given comments; threads already resolved or deleted are left alone. */
export async function resolveThreads(gh: GitHub, coords: RepoCoords, pullNumber: number, comments: readonly PostedComment[]): Promise<void> {
  const needLookup = comments.some((c) => !c.threadNodeId);
  const threads = needLookup ? await threadsByComment(gh, coords, pullNumber) : new Map<number, { id: string; isResolved: boolean }>();
  for (const c of comments) {
    const thread = c.threadNodeId ? { id: c.threadNodeId, isResolved: false } : threads.get(c.commentId);
    if (!thread || thread.isResolved) continue;
    await gh.graphql(RESOLVE, { threadId: thread.id });
  }
}
