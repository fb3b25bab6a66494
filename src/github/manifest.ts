/**
 * The GitHub App manifest the setup page registers (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest):
 * app.yml (name, events, permissions) plus where GitHub must send webhooks and where it sends the
 * browser back. Probot's own setup pointed the webhook at `<the address the browser used>/`: a
 * loopback address GitHub cannot reach, on a path that is not the webhook endpoint.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DEFAULT_WEBHOOK_PATH } from './webhook-route.js';

/** app.yml at the package root (beside package.json), wherever the app is started from. */
export const APP_YML = fileURLToPath(new URL('../../app.yml', import.meta.url));

export interface WebhookTarget {
  url: string;
  /** Why GitHub will not reach it, when it will not. */
  warning?: string;
}

/** Where GitHub should deliver: a smee channel (WEBHOOK_PROXY_URL) forwards to this app; else BASE_URL's webhook path. */
export function webhookTarget(env: NodeJS.ProcessEnv, seenAt: string): WebhookTarget {
  const proxy = env.WEBHOOK_PROXY_URL?.trim();
  if (proxy) return { url: proxy };
  const path = env.WEBHOOK_PATH?.trim() || DEFAULT_WEBHOOK_PATH;
  const base = env.BASE_URL?.trim().replace(/\/+$/, '');
  if (base) return { url: `${base}${path}` };
  return {
    url: `${seenAt}${path}`,
    warning: `Neither BASE_URL nor WEBHOOK_PROXY_URL is set, so GitHub would deliver webhooks to ${seenAt}${path}, which it cannot reach from the internet. Set BASE_URL to this app's public address (or WEBHOOK_PROXY_URL to a smee.io channel) in .env and start again.`,
  };
}

/** Where GitHub sends a user back after signing in to the dashboard: BASE_URL's, else the address the browser used. */
export function dashboardCallback(env: NodeJS.ProcessEnv, seenAt: string): string {
  return `${env.BASE_URL?.trim().replace(/\/+$/, '') || seenAt}/dashboard/callback`;
}

/** The manifest JSON: app.yml, the webhook target, the setup redirect on the address the browser used, the dashboard's sign-in callback. */
export function manifest(env: NodeJS.ProcessEnv, seenAt: string, appYml = readFileSync(APP_YML, 'utf8')): string {
  const app = (parse(appYml) ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    ...app,
    hook_attributes: { url: webhookTarget(env, seenAt).url, active: true },
    redirect_url: `${seenAt}/probot/setup`,
    // Sign in with GitHub (the dashboard) only returns to a registered callback URL.
    callback_urls: [dashboardCallback(env, seenAt)],
    request_oauth_on_install: false,
  });
}

/** Where the browser posts the manifest: github.com, or GHE_HOST; an organization's settings with GH_ORG. */
export function createAppUrl(env: NodeJS.ProcessEnv): string {
  const host = env.GHE_HOST?.trim() || 'github.com';
  const org = env.GH_ORG?.trim();
  return `${env.GHE_PROTOCOL?.trim() || 'https'}://${host}${org ? `/organizations/${encodeURIComponent(org)}` : ''}/settings/apps/new`;
}
