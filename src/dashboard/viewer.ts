import type { RepoScope } from '../store/dashboard/types.js';

/**
 * Who is looking: resolved from a GitHub user access token (session cookie or `Authorization:
 * Bearer`) through `GET /user`, `GET /user/installations` and
 * `GET /user/installations/{id}/repositories` — only the app's installations, only the
 * repositories GitHub lets this user see.
 */
export interface Viewer {
  login: string;
  userId: number;
  scope: RepoScope;
  /** `owner/repo` by repository id, for links and filters; exactly the scope's repositories. */
  repos: ReadonlyMap<number, { owner: string; repo: string; installationId: number }>;
  /** The user's teams (`org/slug`), or undefined when GitHub would not tell (no permission). */
  teams: readonly string[] | undefined;
}

/** Hono context variables set by the dashboard's authentication middleware. */
export interface DashboardEnv {
  Variables: {
    viewer: Viewer;
    /** The per-session CSRF token forms must echo (undefined for bearer-token API calls). */
    csrfToken: string | undefined;
  };
}
