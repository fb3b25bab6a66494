/**
 * The dashboard against the GitHub stand-in on a loopback port (as GHES: GHE_HOST/GHE_PROTOCOL),
 * with the scene every access test uses: two users, three installations of this app (and one of
 * another app), repositories visible to one user, to the other, or to both.
 */
import { ProbotOctokit } from 'probot';
import { dashboardApp, type DashboardOptions } from '../../src/dashboard/app.js';
import { dashboardConfig } from '../../src/dashboard/config.js';
import type { DashboardQueries } from '../../src/store/dashboard/types.js';
import { FakeGitHub } from '../github/fake/github.js';
import { checkAnswer } from './openapi-check.js';

export const APP_ID = 4242;

/** Repositories by installation: ids chosen so a leak is recognizable in any answer. */
export const REPOS = {
  acmeShared: { id: 1001, owner: 'acme', name: 'shared-infra' },
  acmeAliceOnly: { id: 1002, owner: 'acme', name: 'payments' },
  acmeBobOnly: { id: 1003, owner: 'acme', name: 'secret-ledger' },
  globexBoth: { id: 2001, owner: 'globex', name: 'platform' },
  globexBobOnly: { id: 2002, owner: 'globex', name: 'hr-data' },
  initechAliceOnly: { id: 3001, owner: 'initech', name: 'tps-reports' },
  otherAppRepo: { id: 9001, owner: 'acme', name: 'other-app-only' },
} as const;

export async function scene() {
  const gh = new FakeGitHub();
  const github = await gh.listen();
  const u = gh.users;
  u.client.appId = APP_ID;
  u.installation({ id: 11, appId: APP_ID, account: 'acme', repos: [REPOS.acmeShared, REPOS.acmeAliceOnly, REPOS.acmeBobOnly] });
  u.installation({ id: 22, appId: APP_ID, account: 'globex', repos: [REPOS.globexBoth, REPOS.globexBobOnly] });
  u.installation({ id: 33, appId: APP_ID, account: 'initech', repos: [REPOS.initechAliceOnly] });
  // Another GitHub App's installation the same users reach: never this dashboard's business.
  u.installation({ id: 99, appId: 777, account: 'acme', repos: [REPOS.otherAppRepo] });
  u.user({ login: 'alice', id: 501, access: { 11: [1001, 1002], 22: [2001], 33: [3001], 99: [9001] }, teams: ['acme/payments', 'acme/platform', 'unrelated-org/book-club'] });
  u.user({ login: 'bob', id: 502, access: { 11: [1001, 1003], 22: [2001, 2002], 99: [9001] } });
  const env: NodeJS.ProcessEnv = {
    APP_ID: String(APP_ID),
    GITHUB_CLIENT_ID: u.client.id,
    GITHUB_CLIENT_SECRET: u.client.secret,
    GHE_HOST: github.origin.replace(/^http:\/\//, ''),
    GHE_PROTOCOL: 'http',
    BASE_URL: 'http://dash.test',
  };
  return { gh, github, env };
}

export function dashboard(env: NodeJS.ProcessEnv, queries: DashboardQueries, extra: Partial<DashboardOptions> = {}) {
  const config = dashboardConfig(env);
  if (!config) throw new Error('dashboard off');
  const warnings: string[] = [];
  const app = dashboardApp({ config, queries, Octokit: ProbotOctokit, log: { warn: (obj, msg) => warnings.push(`${msg} ${JSON.stringify(obj)}`) }, ...extra });
  return { app, config, warnings };
}

/** A browser: keeps cookies per name, sends them back, follows nothing by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];
  constructor(
    private readonly app: { request(input: string, init?: RequestInit): Response | Promise<Response> },
    readonly origin = 'http://dash.test',
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const url = path.startsWith('http') ? path : `${this.origin}${path}`;
    const res = await checkAnswer(url, await this.app.request(url, { ...init, headers }));
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Sign in through GitHub's authorize page as whoever is signed in there; resolves to the final redirect. */
  async signIn(to = '/dashboard'): Promise<Response> {
    const login = await this.request(`/dashboard/login?to=${encodeURIComponent(to)}`);
    const authorize = login.headers.get('location')!;
    const back = await fetch(authorize, { redirect: 'manual' });
    const callback = back.headers.get('location');
    if (!callback) throw new Error(`authorize answered ${back.status}`);
    return this.request(callback);
  }
}

/** A read side that must never be reached: requests refused before the store say so by not calling it. */
export const NOT_REACHED: DashboardQueries = new Proxy({} as DashboardQueries, {
  get: (_t, name) => () => {
    throw new Error(`the store was asked (${String(name)}) for a request that must be refused before it`);
  },
});
