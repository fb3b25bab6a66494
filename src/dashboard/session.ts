/**
 * The session and sign-in cookies. Both are sealed (seal.ts), httpOnly, SameSite=Lax (the OAuth
 * callback is a top-level navigation from GitHub, which Lax lets through), Secure and `__Host-`
 * prefixed when the app is reached over TLS (BASE_URL https, or the request or its proxy says so).
 * The session holds the user's GitHub token: it is never readable by scripts and never logged.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DashboardConfig } from './config.js';
import { seal, unseal } from './seal.js';

export interface Session {
  login: string;
  userId: number;
  token: string;
  /** Expiring user tokens (an app setting): when the token expires and how to get the next one. */
  refreshToken?: string;
  tokenExpiresAt?: number;
  /** The synchronizer token state-changing forms echo. */
  csrf: string;
  /** Epoch ms after which the session is over. */
  until: number;
}

/** The pre-session of a sign-in: the OAuth `state` the callback must bring back, and where to go after. */
export interface SignIn {
  state: string;
  to: string;
  until: number;
}

const SIGN_IN_SECONDS = 600;

export function secureRequest(c: Context, config: DashboardConfig): boolean {
  if (config.baseUrl?.startsWith('https://')) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function names(secure: boolean) {
  // `__Host-`: only ever set by this host over TLS with Path=/ (no subdomain can plant one).
  return secure ? { session: '__Host-spof-session', signIn: '__Host-spof-signin' } : { session: 'spof-session', signIn: 'spof-signin' };
}

function options(secure: boolean, maxAge: number) {
  return { path: '/', httpOnly: true, secure, sameSite: 'Lax' as const, maxAge };
}

export function readSession(c: Context, config: DashboardConfig, now = Date.now()): Session | undefined {
  const value = unseal(config.sessionKey, 'session', getCookie(c, names(secureRequest(c, config)).session)) as Session | undefined;
  if (!value || typeof value.token !== 'string' || typeof value.csrf !== 'string' || typeof value.until !== 'number' || value.until <= now) return undefined;
  return value;
}

export function writeSession(c: Context, config: DashboardConfig, session: Session, now = Date.now()): void {
  const secure = secureRequest(c, config);
  setCookie(c, names(secure).session, seal(config.sessionKey, 'session', session), options(secure, Math.max(1, Math.ceil((session.until - now) / 1000))));
}

export function newSession(config: DashboardConfig, user: { login: string; userId: number }, token: { token: string; refreshToken?: string; expiresAt?: string }, now = Date.now()): Session {
  return {
    login: user.login,
    userId: user.userId,
    token: token.token,
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    ...(token.expiresAt ? { tokenExpiresAt: Date.parse(token.expiresAt) } : {}),
    csrf: randomBytes(32).toString('base64url'),
    until: now + config.sessionSeconds * 1000,
  };
}

export function clearSession(c: Context, config: DashboardConfig): void {
  const secure = secureRequest(c, config);
  deleteCookie(c, names(secure).session, { path: '/', secure });
}

export function startSignIn(c: Context, config: DashboardConfig, to: string, now = Date.now()): SignIn {
  const signIn: SignIn = { state: randomBytes(24).toString('base64url'), to, until: now + SIGN_IN_SECONDS * 1000 };
  const secure = secureRequest(c, config);
  setCookie(c, names(secure).signIn, seal(config.sessionKey, 'sign-in', signIn), options(secure, SIGN_IN_SECONDS));
  return signIn;
}

/** The sign-in this browser started (and forgets it: a state is used once). */
export function takeSignIn(c: Context, config: DashboardConfig, now = Date.now()): SignIn | undefined {
  const secure = secureRequest(c, config);
  const value = unseal(config.sessionKey, 'sign-in', getCookie(c, names(secure).signIn)) as SignIn | undefined;
  deleteCookie(c, names(secure).signIn, { path: '/', secure });
  if (!value || typeof value.state !== 'string' || typeof value.to !== 'string' || typeof value.until !== 'number' || value.until <= now) return undefined;
  return value;
}
