/**
 * What a client does when GitHub says "slow down", shared by the app's Probot client and the GitHub
 * Action's token client: primary and secondary rate limits wait GitHub's `retry-after` and try
 * again, a few times, then the error reaches the caller (GitHub asks integrators to wait and retry).
 */

/** How many times a rate-limited request is retried before the error reaches the review. */
export const RATE_LIMIT_RETRIES = 3;

interface Limited {
  method: string;
  url: string;
}

type Warn = { log: { warn(m: string): void } };

export const rateLimitHandlers = {
  onRateLimit: (retryAfter: number, options: Limited, octokit: Warn, retryCount: number): boolean => {
    octokit.log.warn(`Rate limit hit on ${options.method} ${options.url}; retry ${retryCount + 1} in ${retryAfter}s`);
    return retryCount < RATE_LIMIT_RETRIES;
  },
  onSecondaryRateLimit: (retryAfter: number, options: Limited, octokit: Warn, retryCount: number): boolean => {
    octokit.log.warn(`Secondary rate limit hit on ${options.method} ${options.url}; retry ${retryCount + 1} in ${retryAfter}s`);
    return retryCount < RATE_LIMIT_RETRIES;
  },
};
