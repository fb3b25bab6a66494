/**
 * From a request to a viewer: the session cookie (pages and API) or `Authorization: Bearer`
 * (API), its user token refreshed when the app issues expiring tokens, then resolved through
 * GitHub (access.ts). The token never leaves the server side of the session and is never logged.
 */
import { deleteToken, refreshToken } from '@octokit/oauth-methods';
import type { Context } from 'hono';
import type { AccessCache } from './access.js';
import type { DashboardConfig } from './config.js';
import { TokenRefused, userOctokit, type OctokitClass } from './github-user.js';
import { clearSession, readSession, writeSession, type Session } from './session.js';
import type { Viewer } from './viewer.js';

/** Refresh a little before GitHub's expiry, so a request never carries a token that lapses in flight. */
const REFRESH_MARGIN_MS = 60_000;

export interface AuthDeps {
  config: DashboardConfig;
  access: AccessCache;
  Octokit: OctokitClass;
  log: { warn(obj: object, msg: string): void };
  now: () => number;
}

export type Resolved = { viewer: Viewer; session?: Session } | { refused: 'no-credentials' | 'refused' } | { failed: true };

/** The session's user token, refreshed if it has expired; undefined when there is none (or it cannot be refreshed). */
export async function sessionToken(c: Context, deps: AuthDeps): Promise<Session | undefined> {
  const session = readSession(c, deps.config, deps.now());
  if (!session) return undefined;
  if (session.tokenExpiresAt === undefined || session.tokenExpiresAt - REFRESH_MARGIN_MS > deps.now()) return session;
  if (!session.refreshToken) return undefined;
  try {
    const { authentication } = await refreshToken({
      clientType: 'github-app',
      clientId: deps.config.clientId,
      clientSecret: deps.config.clientSecret,
      refreshToken: session.refreshToken,
      request: oauthRequest(deps),
    });
    const next: Session = { ...session, token: authentication.token, refreshToken: authentication.refreshToken, tokenExpiresAt: Date.parse(authentication.expiresAt) };
    writeSession(c, deps.config, next, deps.now());
    return next;
  } catch (err) {
    deps.log.warn({ err: { status: (err as { status?: number }).status } }, 'dashboard: a user token could not be refreshed; the user signs in again');
    return undefined;
  }
}

/** The viewer of a request: a bearer token if one is given (API), else the session. */
export async function resolveViewer(c: Context, deps: AuthDeps, allowBearer: boolean): Promise<Resolved> {
  const header = c.req.header('authorization');
  let token: string | undefined;
  let session: Session | undefined;
  if (allowBearer && header !== undefined) {
    token = /^(?:bearer|token) +([\x21-\x7e]{1,512})$/i.exec(header.trim())?.[1];
    if (!token) return { refused: 'refused' };
  } else {
    session = await sessionToken(c, deps);
    token = session?.token;
  }
  if (!token) return { refused: 'no-credentials' };
  try {
    const viewer = await deps.access.viewer(token);
    // A session is one user's: a token that now belongs to someone else is not this session.
    if (session && viewer.userId !== session.userId) return { refused: 'refused' };
    return session ? { viewer, session } : { viewer };
  } catch (err) {
    if (err instanceof TokenRefused) {
      if (session) clearSession(c, deps.config);
      return { refused: 'refused' };
    }
    deps.log.warn({ err: { type: (err as Error).name, status: (err as { status?: number }).status } }, 'dashboard: GitHub did not answer who a user is');
    return { failed: true };
  }
}

/** Revokes a token at GitHub (sign-out); a failure is logged, the session is gone either way. */
export async function revoke(deps: AuthDeps, token: string): Promise<void> {
  deps.access.forget(token);
  try {
    await deleteToken({ clientType: 'github-app', clientId: deps.config.clientId, clientSecret: deps.config.clientSecret, token, request: oauthRequest(deps) });
  } catch (err) {
    deps.log.warn({ err: { status: (err as { status?: number }).status } }, 'dashboard: GitHub did not revoke a signed-out token');
  }
}

/** Octokit's request for the OAuth endpoints (oauth-methods derives github.com or the GHES host from its base URL). */
export function oauthRequest(deps: Pick<AuthDeps, 'config' | 'Octokit'>): Parameters<typeof refreshToken>[0]['request'] {
  return userOctokit(deps.Octokit, deps.config.apiBaseUrl).request as unknown as Parameters<typeof refreshToken>[0]['request'];
}
