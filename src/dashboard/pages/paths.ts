/** Where the dashboard's pages and assets live; the app mounts the renderers on these. */
export const dashboardPaths = {
  overview: '/dashboard',
  changes: '/dashboard/changes',
  teams: '/dashboard/teams',
  inventory: '/dashboard/inventory',
  trends: '/dashboard/trends',
  risks: '/dashboard/risks',
  signIn: '/dashboard/sign-in',
  signOut: '/dashboard/sign-out',
  static: '/dashboard/static',
  apiChanges: '/api/v1/changes',
  apiAcceptances: '/api/v1/acceptances',
  apiInventory: '/api/v1/inventory',
} as const;

/** The form field a state-changing form carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

export function changePath(owner: string, repo: string, prNumber: number): string {
  return `${dashboardPaths.changes}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/${prNumber}`;
}

/** `path` with the given query parameters (those without a value left out), encoded as forms encode them. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
