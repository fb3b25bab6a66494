import type { ProbotOctokit } from 'probot';

/** An installation-authenticated client (Probot's Octokit: retry and throttling plugins on). */
export type GitHub = InstanceType<typeof ProbotOctokit>;

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
  if (err instanceof Error) return firstLine(err.message) || err.name;
  return String(err);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 500);
}
