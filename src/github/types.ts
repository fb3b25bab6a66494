import type { ProbotOctokit } from 'probot';

/** An installation-authenticated client (Probot's Octokit: retry and throttling plugins on). */
export type GitHub = InstanceType<typeof ProbotOctokit>;

/**
 * What fetching and publishing use of a client: requests, pagination, GraphQL. The app's Probot
 * client has more; the GitHub Action's token client (src/action/client.ts) has just these.
 */
export type GitHubApi = Pick<GitHub, 'request' | 'paginate' | 'graphql'>;

/** Where a repository's API lives. */
export interface RepoCoords {
  owner: string;
  repo: string;
}

/** An error message safe to show in a check run or a log: no tokens, no request headers. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'status' in err && typeof (err as { status: unknown }).status === 'number') {
    const e = err as { status: number; message?: string; request?: { method?: string; url?: string } };
    const where = e.request?.method && e.request.url ? ` (${e.request.method} ${e.request.url.replace(/[?#].*$/, '')})` : '';
    return `GitHub API error ${e.status}${where}: ${firstLine(e.message ?? '')}`;
  }
  // A GraphQL refusal (`FORBIDDEN`) arrives as HTTP 200 with an `errors` list; its message's first line says only that.
  const listed = err && typeof err === 'object' && 'errors' in err ? (err as { errors: unknown }).errors : undefined;
  if (Array.isArray(listed) && listed.length > 0) {
    const parts = listed.slice(0, 3).map((x: { type?: unknown; message?: unknown }) => [typeof x?.type === 'string' ? x.type : '', typeof x?.message === 'string' ? firstLine(x.message) : ''].filter(Boolean).join(': '));
    return `GitHub GraphQL error: ${parts.filter(Boolean).join('; ') || 'no message'}`;
  }
  if (err instanceof Error) return firstLine(err.message) || err.name;
  return String(err);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 500);
}
