/**
 * The dashboard's settings, read from the same environment as the app. The dashboard is on when
 * the app's OAuth client is known (GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET, which the setup page
 * writes to .env) and DASHBOARD is not `off`. Sessions are sealed with a key from SESSION_SECRET, or
 * derived (HKDF-SHA256) from GITHUB_CLIENT_SECRET when it is not set: both are secrets every replica
 * shares, and rotating either signs everyone out.
 */
import { hkdfSync } from 'node:crypto';

export interface DashboardConfig {
  clientId: string;
  clientSecret: string;
  /** The app's id: installations of any other app are never counted (a token of another app or a PAT). */
  appId: number | undefined;
  /** GitHub's REST API (api.github.com, or GHES's /api/v3). */
  apiBaseUrl: string;
  /** Where browsers sign in (github.com, or the GHES host). */
  webBaseUrl: string;
  /** The app's public address (BASE_URL), without a trailing slash; the OAuth callback is under it. */
  baseUrl: string | undefined;
  /** 32 bytes: seals session and sign-in cookies (AES-256-GCM). */
  sessionKey: Buffer;
  /** How long a session lasts without signing in again. */
  sessionSeconds: number;
}

export const DEFAULT_SESSION_HOURS = 12;
const MIN_SECRET_LENGTH = 32;

/** Why the dashboard cannot run with this environment, or undefined (also when it is off). */
export function dashboardProblem(env: NodeJS.ProcessEnv): string | undefined {
  if (!dashboardEnabled(env)) return undefined;
  const secret = env.SESSION_SECRET?.trim();
  if (secret !== undefined && secret !== '' && secret.length < MIN_SECRET_LENGTH) return `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`;
  const hours = env.SESSION_HOURS?.trim();
  if (hours && !(/^\d{1,4}$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 720)) return 'SESSION_HOURS must be a whole number of hours from 1 to 720';
  const base = env.BASE_URL?.trim();
  if (base && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(base)) return 'BASE_URL must be an http(s) address';
  if (env.NODE_ENV === 'production') {
    // The OAuth callback address must not come from a request's Host header.
    if (!base) return 'BASE_URL is required for the dashboard when NODE_ENV=production (GitHub sends users back to BASE_URL/dashboard/callback); set DASHBOARD=off to run without it';
    if (!base.startsWith('https://')) return 'BASE_URL must be https when NODE_ENV=production and the dashboard is on: session cookies are only sent over TLS';
    if (!secret && (env.GITHUB_CLIENT_SECRET?.trim().length ?? 0) < MIN_SECRET_LENGTH) return 'SESSION_SECRET is required for the dashboard when NODE_ENV=production (GITHUB_CLIENT_SECRET is too short to derive a session key from)';
  }
  return undefined;
}

export function dashboardEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.DASHBOARD?.trim().toLowerCase() !== 'off' && Boolean(env.GITHUB_CLIENT_ID?.trim()) && Boolean(env.GITHUB_CLIENT_SECRET?.trim());
}

/** The dashboard's settings, or undefined when it is off. Call `dashboardProblem` first. */
export function dashboardConfig(env: NodeJS.ProcessEnv): DashboardConfig | undefined {
  if (!dashboardEnabled(env)) return undefined;
  const clientSecret = env.GITHUB_CLIENT_SECRET!.trim();
  const material = env.SESSION_SECRET?.trim() || clientSecret;
  const ghe = env.GHE_HOST?.trim();
  const protocol = env.GHE_PROTOCOL?.trim() || 'https';
  const appId = Number(env.APP_ID?.trim());
  return {
    clientId: env.GITHUB_CLIENT_ID!.trim(),
    clientSecret,
    appId: Number.isSafeInteger(appId) && appId > 0 ? appId : undefined,
    apiBaseUrl: ghe ? `${protocol}://${ghe}/api/v3` : 'https://api.github.com',
    webBaseUrl: ghe ? `${protocol}://${ghe}` : 'https://github.com',
    baseUrl: env.BASE_URL?.trim().replace(/\/+$/, '') || undefined,
    sessionKey: Buffer.from(hkdfSync('sha256', material, 'spof-review', 'dashboard session v1', 32)),
    sessionSeconds: (Number(env.SESSION_HOURS?.trim()) || DEFAULT_SESSION_HOURS) * 3600,
  };
}
