/**
 * Who a GitHub user access token belongs to and what it reaches through this app: `GET /user`,
 * `GET /user/installations` (for a token issued to a GitHub App, only that app's installations
 * the user can reach; installations of any other app id are dropped in case the token is another
 * app's or a personal one), `GET /user/installations/{id}/repositories` (only the repositories the
 * user can see, paginated) and `GET /user/teams` (refused without the organization's members
 * permission: teams are then unknown, never guessed).
 */
import type { ProbotOctokit } from 'probot';
import type { Viewer } from './viewer.js';

export type OctokitClass = typeof ProbotOctokit;
type Octokit = InstanceType<OctokitClass>;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** An Octokit for one user's token (or none, for the OAuth endpoints), on github.com or GHES. A page waits for no retries. */
export function userOctokit(Octokit: OctokitClass, baseUrl: string, token?: string): Octokit {
  return new Octokit({ ...(token ? { auth: { token } } : {}), baseUrl, log: quiet, retry: { enabled: false }, throttle: { enabled: false } } as ConstructorParameters<OctokitClass>[0]);
}

/** GitHub refused the token (revoked, expired, or not a token). */
export class TokenRefused extends Error {}

export async function loadViewer(octokit: Octokit, appId: number | undefined): Promise<Viewer> {
  let user: { login: string; id: number };
  try {
    user = (await octokit.request('GET /user')).data as { login: string; id: number };
  } catch (err) {
    if ((err as { status?: number }).status === 401) throw new TokenRefused('GitHub refused the token');
    throw err;
  }
  // A token GitHub will not list app installations for (a personal access token, another kind of
  // token) reaches none: an empty scope, never an error page.
  const installations = ((await octokit.paginate('GET /user/installations', { per_page: 100 }).catch((err: unknown) => {
    if ((err as { status?: number }).status === 403) return [];
    throw err;
  })) as unknown as { id: number; app_id: number; account: { login: string } | null }[]);
  const ours = installations.filter((i) => appId === undefined || i.app_id === appId);
  const repos = new Map<number, { owner: string; repo: string; installationId: number }>();
  for (const installation of ours) {
    const list = (await octokit.paginate('GET /user/installations/{installation_id}/repositories', { installation_id: installation.id, per_page: 100 })) as unknown as {
      id: number;
      name: string;
      owner: { login: string };
    }[];
    for (const r of list) repos.set(r.id, { owner: r.owner.login, repo: r.name, installationId: installation.id });
  }
  return { login: user.login, userId: user.id, scope: { repoIds: [...repos.keys()].sort((a, b) => a - b), names: repos }, repos, teams: await userTeams(octokit, ours) };
}

async function userTeams(octokit: Octokit, installations: { account: { login: string } | null }[]): Promise<string[] | undefined> {
  const orgs = new Set(installations.map((i) => i.account?.login.toLowerCase()).filter(Boolean));
  try {
    const teams = (await octokit.paginate('GET /user/teams', { per_page: 100 })) as unknown as { slug: string; organization: { login: string } }[];
    return teams.filter((t) => orgs.has(t.organization.login.toLowerCase())).map((t) => `${t.organization.login}/${t.slug}`).sort();
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404) return undefined;
    throw err;
  }
}
