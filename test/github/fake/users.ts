/**
 * The user side of the GitHub stand-in, for the dashboard: users, the app's installations and
 * which of their repositories each user may see, the OAuth web flow (`/login/oauth/authorize`,
 * `POST /login/oauth/access_token`, with expiring tokens and refresh when asked), user access
 * tokens, `GET /user`, `GET /user/installations`, `GET /user/installations/{id}/repositories`,
 * `GET /user/teams` and `DELETE /applications/{client_id}/token`. As on GitHub, a user token only
 * lists installations of the app it was issued for that the user can reach, and only the
 * repositories of each the user can see.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Reply } from './github.js';

export interface FakeInstallation {
  id: number;
  appId: number;
  account: string;
  repos: { id: number; owner: string; name: string }[];
}

export interface FakeUser {
  login: string;
  id: number;
  /** Repository ids the user can see, per installation id. */
  access: Map<number, number[]>;
  /** Teams as `org/slug`; undefined: `GET /user/teams` answers 403 (no `members: read`). */
  teams?: string[];
}

interface Token {
  login: string;
  appId: number;
  expiresAt?: number;
}

export class FakeUsers {
  readonly installations = new Map<number, FakeInstallation>();
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, Token>();
  readonly refreshTokens = new Map<string, Token>();
  /** The app's OAuth client (Probot's setup writes these as GITHUB_CLIENT_ID / GITHUB_CLIENT_SECRET). */
  client = { id: 'Iv1.dashboardclient0', secret: 'dashboard-client-secret-0123456789abcdef', appId: 4242 };
  /** Who the authorize page signs in: a browser signed in to GitHub as this user, or nobody. */
  signedIn: string | undefined;
  /** User tokens expire after this many seconds (the app's "expire user authorization tokens"); undefined: never. */
  tokenLifetimeSeconds: number | undefined;
  /** Every `redirect_uri` the authorize page and the token exchange were given. */
  readonly redirectUris: string[] = [];
  private readonly codes = new Map<string, { login: string; redirectUri: string | undefined }>();

  installation(i: FakeInstallation): FakeInstallation {
    this.installations.set(i.id, i);
    return i;
  }

  user(u: { login: string; id: number; access: Record<number, number[]>; teams?: string[] }): FakeUser {
    const user: FakeUser = { login: u.login, id: u.id, access: new Map(Object.entries(u.access).map(([k, v]) => [Number(k), v])), ...(u.teams ? { teams: u.teams } : {}) };
    this.users.set(u.login, user);
    return user;
  }

  /** A user access token issued to the app's client for `login`, as the web flow would hand out. */
  tokenFor(login: string, appId = this.client.appId): string {
    const token = `ghu_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, { login, appId, ...(this.tokenLifetimeSeconds !== undefined ? { expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 } : {}) });
    return token;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** github.com/login/oauth/authorize: the signed-in user authorizes the app and is sent back with a code. */
  authorize(uri: string, res: ServerResponse): void {
    const url = new URL(uri, 'http://github');
    const redirect = url.searchParams.get('redirect_uri') ?? undefined;
    if (redirect) this.redirectUris.push(redirect);
    if (url.searchParams.get('client_id') !== this.client.id) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such application');
    if (!this.signedIn) return void res.writeHead(401, { 'content-type': 'text/plain' }).end('sign in to GitHub first');
    if (!redirect) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('redirect_uri missing (the app registers one)');
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { login: this.signedIn, redirectUri: redirect });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  /** `POST /login/oauth/access_token`: a code or a refresh token for a user access token. Errors answer 200 with `error`, as GitHub does. */
  oauth(method: string, path: string, form: Record<string, string>): Reply {
    const json = (data: unknown): Reply => [200, data, { 'content-type': 'application/json; charset=utf-8', date: new Date().toUTCString() }];
    const error = (code: string, description: string) => json({ error: code, error_description: description, error_uri: 'https://docs.github.com/apps/oauth' });
    if (method !== 'POST' || path !== '/login/oauth/access_token') return [404, { message: 'Not Found' }];
    if (form.client_id !== this.client.id || form.client_secret !== this.client.secret) return error('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.');
    let login: string;
    if (form.grant_type === 'refresh_token') {
      const old = this.refreshTokens.get(form.refresh_token ?? '');
      if (!old) return error('bad_refresh_token', 'The refresh token passed is incorrect or expired.');
      this.refreshTokens.delete(form.refresh_token!);
      login = old.login;
    } else {
      const code = this.codes.get(form.code ?? '');
      if (!code) return error('bad_verification_code', 'The code passed is incorrect or expired.');
      this.codes.delete(form.code!);
      if (form.redirect_uri !== undefined) this.redirectUris.push(form.redirect_uri);
      if (code.redirectUri !== undefined && form.redirect_uri !== undefined && form.redirect_uri !== code.redirectUri) return error('redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
      login = code.login;
    }
    const token = this.tokenFor(login);
    if (this.tokenLifetimeSeconds === undefined) return json({ access_token: token, token_type: 'bearer', scope: '' });
    const refresh = `ghr_${randomBytes(30).toString('base64url')}`;
    this.refreshTokens.set(refresh, { login, appId: this.client.appId });
    return json({ access_token: token, expires_in: this.tokenLifetimeSeconds, refresh_token: refresh, refresh_token_expires_in: 15_897_600, token_type: 'bearer', scope: '' });
  }

  /** The REST routes of a user token (and the app's token revocation); undefined for any other route. */
  route(method: string, path: string, query: URLSearchParams, headers: Record<string, string | string[] | undefined>, base: string, body: unknown): Reply | undefined {
    const json = (status: number, data: unknown, extra: Record<string, string> = {}): Reply => [status, data, { 'content-type': 'application/json; charset=utf-8', ...extra }];
    let m: RegExpExecArray | null;
    if (method === 'DELETE' && (m = /^\/applications\/([^/]+)\/token$/.exec(path))) {
      const basic = Buffer.from(String(headers.authorization ?? '').replace(/^basic /i, ''), 'base64').toString();
      if (m[1] !== this.client.id || basic !== `${this.client.id}:${this.client.secret}`) return json(404, { message: 'Not Found' });
      this.revoke(String((body as { access_token?: unknown } | undefined)?.access_token ?? ''));
      return [204, undefined, {}];
    }
    if (!(path === '/user' || path.startsWith('/user/')) || method !== 'GET') return undefined;
    const presented = /^(?:token|bearer) (\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    const token = presented ? this.tokens.get(presented) : undefined;
    if (!token || (token.expiresAt !== undefined && token.expiresAt < Date.now())) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const user = this.users.get(token.login);
    if (!user) return json(401, { message: 'Bad credentials' });
    const page = <T>(items: T[], wrap?: (slice: T[]) => unknown): Reply => {
      const perPage = Number(query.get('per_page') ?? 30);
      const n = Number(query.get('page') ?? 1);
      const slice = items.slice((n - 1) * perPage, n * perPage);
      const more = n * perPage < items.length;
      return json(200, wrap ? wrap(slice) : slice, more ? { link: `<${base}${path}?per_page=${perPage}&page=${n + 1}>; rel="next"` } : {});
    };
    // A user token lists only the installations of the app it was issued for that the user can reach.
    const reachable = [...user.access.keys()].map((id) => this.installations.get(id)).filter((i): i is FakeInstallation => i !== undefined && i.appId === token.appId);
    if (path === '/user') return json(200, { login: user.login, id: user.id, type: 'User', html_url: `https://github.com/${user.login}` });
    if (path === '/user/installations') {
      return page(reachable, (slice) => ({
        total_count: reachable.length,
        installations: slice.map((i) => ({ id: i.id, app_id: i.appId, target_type: 'Organization', account: { login: i.account, id: 9000 + i.id, type: 'Organization' }, repository_selection: 'selected', permissions: {} })),
      }));
    }
    if ((m = /^\/user\/installations\/(\d+)\/repositories$/.exec(path))) {
      const inst = reachable.find((i) => i.id === Number(m![1]));
      if (!inst) return json(404, { message: 'Not Found' });
      const visible = new Set(user.access.get(inst.id) ?? []);
      const repos = inst.repos.filter((r) => visible.has(r.id));
      return page(repos, (slice) => ({
        total_count: repos.length,
        repository_selection: 'selected',
        repositories: slice.map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner}/${r.name}`, owner: { login: r.owner, id: 1, type: 'Organization' }, private: true, html_url: `https://github.com/${r.owner}/${r.name}` })),
      }));
    }
    if (path === '/user/teams') {
      if (!user.teams) return json(403, { message: 'Resource not accessible by integration' });
      const teams = user.teams.map((t, i) => {
        const [org, slug] = t.split('/') as [string, string];
        return { id: 700 + i, slug, name: slug, organization: { login: org, id: 1 } };
      });
      return page(teams);
    }
    return json(404, { message: 'Not Found' });
  }
}
