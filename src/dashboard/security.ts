/**
 * What every dashboard and API answer carries, and the check every state-changing request passes.
 * Pages run no inline script (CSP `script-src 'self'`); charts are server-rendered SVG.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { DashboardConfig } from './config.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    // Pages and answers are per user: no shared cache keeps them.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  };
}

/** The origin this app is reached at: BASE_URL's, else the request's own. */
export function ownOrigin(c: Context, config: DashboardConfig): string {
  return new URL(config.baseUrl ?? c.req.url).origin;
}

/**
 * A state-changing request is from this app's own pages: its Origin (or, failing that, Referer)
 * is this app's origin, and it echoes the session's synchronizer token.
 */
export function sameOriginRequest(c: Context, config: DashboardConfig): boolean {
  const origin = c.req.header('origin');
  const from = origin && origin !== 'null' ? origin : referrerOrigin(c.req.header('referer'));
  return from === ownOrigin(c, config);
}

function referrerOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
