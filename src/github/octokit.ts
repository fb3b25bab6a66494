/**
 * Probot's Octokit with the retry and throttling plugins kept on and tuned:
 * - 5xx responses are retried with backoff (plugin-retry);
 * - primary and secondary rate limits wait and retry (Probot only logs secondary limits; GitHub
 *   asks integrators to wait `retry-after` and try again);
 * - writes are serialized per installation: one write in flight at a time (retries and rate-limit
 *   waits included), and plugin-throttling spaces their starts (1 s, 3 s for writes that notify),
 *   which is what GitHub's secondary rate limits ask of integrators.
 * Tests and the bench shorten the waits; production keeps GitHub's recommended spacing.
 */
import { ProbotOctokit } from 'probot';
import { rateLimitHandlers } from './rate-limits.js';

export interface ClientTiming {
  /** Milliseconds per retry step (plugin-retry waits step * retryCount^2). Default 1000. */
  retryBaseMs?: number;
  /** Milliseconds per second of `retry-after` on rate limits. Default 1000. */
  rateLimitBaseMs?: number;
  /** Spacing between writes of one installation; default: the throttling plugin's (1 s, 3 s for notifying writes). */
  writeSpacingMs?: number;
}


type Schedule = (...args: unknown[]) => Promise<unknown>;

/**
 * A keyed serial queue with the shape plugin-throttling expects of a Bottleneck group
 * (`group.key(id).schedule([options], fn, ...args)`): one job at a time per key, `spacingMs` apart.
 */
export function serialGroup(spacingMs: number): { key(id?: string): { schedule: Schedule } } {
  const tails = new Map<string, Promise<unknown>>();
  return {
    key(id = '') {
      return {
        schedule: (...args: unknown[]) => {
          const [fn, ...rest] = (typeof args[0] === 'function' ? args : args.slice(1)) as [(...a: unknown[]) => unknown, ...unknown[]];
          const previous = tails.get(id) ?? Promise.resolve();
          const run = previous.then(async () => fn(...rest));
          const tail = run.then(
            () => wait(spacingMs),
            () => wait(spacingMs),
          );
          tails.set(id, tail);
          void tail.then(() => {
            if (tails.get(id) === tail) tails.delete(id);
          });
          return run;
        },
      };
    },
  };
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

interface Options {
  retry?: Record<string, unknown>;
  throttle?: Record<string, unknown>;
  [k: string]: unknown;
}

/** The write in flight (or last written) per installation. */
const writeTails = new Map<string, Promise<unknown>>();

function isWrite(options: { method?: string; url?: string; query?: unknown }): boolean {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return false;
  // Installation tokens are fetched while a write waits for one: never behind the lock.
  if (/\/app\/installations\/[^/]+\/access_tokens$/.test(options.url ?? '')) return false;
  if ((options.url ?? '').endsWith('/graphql')) return /^\s*mutation\b/.test(String(options.query ?? ''));
  return true;
}

/** Octokit plugin: one write at a time per installation, in order. */
export function serializeWrites(octokit: { hook: { wrap(name: 'request', fn: (request: (o: unknown) => Promise<unknown>, options: any) => Promise<unknown>): void } }, options: { auth?: { installationId?: number | string }; throttle?: { id?: string } }) {
  const key = String(options.auth?.installationId ?? options.throttle?.id ?? 'app');
  octokit.hook.wrap('request', (request, opts) => {
    if (!isWrite(opts)) return request(opts);
    const previous = writeTails.get(key) ?? Promise.resolve();
    const run = previous.then(() => request(opts));
    const tail = run.catch(() => undefined);
    writeTails.set(key, tail);
    void tail.then(() => {
      if (writeTails.get(key) === tail) writeTails.delete(key);
    });
    return run;
  });
  return {};
}

export function spofOctokit(timing: ClientTiming = {}): typeof ProbotOctokit {
  const groups =
    timing.writeSpacingMs === undefined
      ? {}
      : { write: serialGroup(timing.writeSpacingMs), notifications: serialGroup(timing.writeSpacingMs) };
  return ProbotOctokit.plugin(serializeWrites as never).defaults((instance: Options) => ({
    ...instance,
    retry: { ...instance.retry, retryAfterBaseValue: timing.retryBaseMs ?? 1000 },
    throttle: {
      ...instance.throttle,
      ...groups,
      retryAfterBaseValue: timing.rateLimitBaseMs ?? 1000,
      ...rateLimitHandlers,
    },
  })) as typeof ProbotOctokit;
}
