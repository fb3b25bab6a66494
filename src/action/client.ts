/**
 * The Action's GitHub client: the workflow token against `GITHUB_API_URL` (GitHub Enterprise Server
 * included), with the app's retry and rate-limit behaviour and Probot's config plugin (so the repo
 * config is read exactly as the app reads it), but none of Probot itself.
 */
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { config } from '@probot/octokit-plugin-config';
import { rateLimitHandlers } from '../github/rate-limits.js';

const ActionOctokit = Octokit.plugin(paginateRest, retry, throttling, config);

export type ActionClient = InstanceType<typeof ActionOctokit>;

export function actionClient(opts: { token: string; apiUrl: string; userAgent: string }): ActionClient {
  return new ActionOctokit({
    auth: opts.token,
    baseUrl: opts.apiUrl.replace(/\/+$/, ''),
    userAgent: opts.userAgent,
    throttle: { ...rateLimitHandlers },
  });
}
