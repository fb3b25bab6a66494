/**
 * The worker loop. Webhook handlers only record a job in the store and return; workers claim
 * jobs (with a short lease renewed by a heartbeat), run them, and finish them. A job whose worker
 * died is claimed again when its lease lapses (15 s after the last heartbeat), and at once by the
 * same replica restarted; so every unfinished review resumes and no check run stays in progress.
 * Shutdown is bounded: jobs still running when the bound passes go back to the queue, unpublished.
 * Any failure ends the job's check run with a readable reason.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import type { Logger } from 'probot';
import type { Config } from '../../config/types.js';
import { DEFAULT_MAX_READ_MB, parseMaxReadMb } from '../../model/index.js';
import type { ReviewJob, Store } from '../../store/types.js';
import { isInventoryJob } from '../../store/job-queue.js';
import { loadConfig } from '../config.js';
import { CHECK_NAME, createCheckRun, endCheckRun } from '../publish/check-run.js';
import { describeError, type GitHub } from '../types.js';
import { JobLost, type JobContext } from './context.js';
import { engineFor, type Engine } from './engine-pool.js';
import { runInventory } from './inventory-job.js';
import { runReview } from './review-job.js';

export interface RunnerOptions {
  /** Jobs run at once by this process. */
  concurrency: number;
  /** How long a claimed job stays ours without a heartbeat: a dead worker's job is retaken this long after its last beat. */
  leaseMs: number;
  /** How often a running job renews its lease (kept under half the lease). */
  heartbeatMs: number;
  /** How often the store is polled for jobs from other replicas or lapsed leases. */
  pollMs: number;
  /** A job interrupted this many times (crashes) is given up with a neutral check. */
  maxAttempts: number;
  /**
   * This replica's name, the same across its restarts (REPLICA_ID, else the host name). Leases are
   * held as `<workerId>#<run>`; a restart ends the leases of its earlier run at once. Replicas
   * running at the same time need different names.
   */
  workerId: string;
  /** How long a shutdown waits for running jobs before giving them back to the queue. */
  shutdownMs: number;
  /**
   * Worker threads for the engine (0: on the workers' event loop); at most `concurrency` are busy. Default:
   * one core fewer than the machine has (at least one), so that a core is left for acknowledgements,
   * the store and the workers' own thread: on 2 cores, 4 threads made the acknowledgement p99
   * worse (176 ms) than 1 or 2 (141, 133 ms) with no more reviews completed (bench:app).
   */
  engineThreads: number;
  /** Cached file contents are deleted this many days after they were fetched (BLOB_CACHE_DAYS). */
  blobCacheDays: number;
  /** How often expired blobs are looked for. */
  housekeepingMs: number;
  /** The most one review reads, in MB (SPOF_REVIEW_MAX_READ_MB). */
  maxReadMb: number;
}

export const DEFAULT_RUNNER: RunnerOptions = {
  concurrency: 4,
  leaseMs: 15_000,
  heartbeatMs: 5_000,
  pollMs: 2_000,
  maxAttempts: 3,
  workerId: hostname(),
  shutdownMs: 25_000,
  engineThreads: Math.max(1, availableParallelism() - 1),
  blobCacheDays: 30,
  housekeepingMs: 3_600_000,
  maxReadMb: DEFAULT_MAX_READ_MB,
};

/** Runner settings from the environment: REPLICA_ID, LEASE_MS, HEARTBEAT_MS, SHUTDOWN_TIMEOUT_MS, ENGINE_THREADS, BLOB_CACHE_DAYS, SPOF_REVIEW_MAX_READ_MB (checked at start). */
export function runnerOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<RunnerOptions> {
  const ms = (v: string | undefined) => (v?.trim() ? Number(v.trim()) : undefined);
  const out: Partial<RunnerOptions> = {};
  if (env.REPLICA_ID?.trim()) out.workerId = env.REPLICA_ID.trim();
  const lease = ms(env.LEASE_MS);
  const beat = ms(env.HEARTBEAT_MS);
  const shutdown = ms(env.SHUTDOWN_TIMEOUT_MS);
  if (lease) out.leaseMs = lease;
  if (beat) out.heartbeatMs = beat;
  if (shutdown) out.shutdownMs = shutdown;
  const threads = env.ENGINE_THREADS?.trim();
  if (threads) out.engineThreads = Number(threads);
  const days = ms(env.BLOB_CACHE_DAYS);
  if (days) out.blobCacheDays = days;
  const mb = env.SPOF_REVIEW_MAX_READ_MB?.trim() ? parseMaxReadMb(env.SPOF_REVIEW_MAX_READ_MB) : undefined;
  if (typeof mb === 'number') out.maxReadMb = mb;
  return out;
}

/** What the runner reports as jobs run (the server's metrics). */
export interface JobObserver {
  /** A review job ended: its check run's conclusion, or `error` when it failed without one. */
  reviewed(conclusion: string, seconds: number): void;
  /** A GitHub request of a job answered (`status` 0: no answer); the rate limit left, when GitHub said. */
  requested(installationId: number, status: number, rateLimitRemaining: number | undefined): void;
  /** The workers' thread stopped unexpectedly and is being started again. */
  workersRestarted?(): void;
}

/** What the webhook handlers and the server need of the workers, on the event loop (JobRunner) or on their own thread (RunnerThread). */
export interface Workers {
  readonly options: RunnerOptions;
  /** Jobs running now on this replica. */
  readonly running: number;
  start(): void;
  /** Looks for work now (after an enqueue). */
  kick(): void;
  /** Stops claiming; running jobs get `boundMs` to finish, then go back to the queue. */
  stop(boundMs?: number): Promise<void>;
  /** Resolves when no job is running and none is waiting (tests, benches). */
  idle(): Promise<void>;
  /** Why the workers cannot take jobs, or undefined when they can (readiness). */
  notAlive(now?: number): string | undefined;
}

/** Why workers that last looked for jobs at `lastPoll` count as stuck (three polls and 5 s late), or undefined. */
export function lateWorkers(lastPoll: number, pollMs: number, now = Date.now()): string | undefined {
  const late = now - lastPoll;
  return late > 3 * pollMs + 5_000 ? `the workers have not looked for jobs for ${late} ms` : undefined;
}

interface ActiveJob {
  job: ReviewJob;
  done: Promise<void>;
  /** Stops the job (nothing more is published) and gives it back to the queue. */
  giveBack(): Promise<void>;
}

export class JobRunner implements Workers {
  private readonly active = new Map<number, ActiveJob>();
  private timer: NodeJS.Timeout | undefined;
  private housekeeping: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private ready: Promise<void> = Promise.resolve();
  readonly options: RunnerOptions;
  /** The lease owner of this run: the replica name and a per-run suffix. */
  readonly owner: string;
  private engine: Engine | undefined;
  /** When the loop last looked for work (readiness: a loop stuck on the store is not ready). */
  private lastPoll = Date.now();

  /** The engine jobs use (created with the first job, or warmed at start). */
  get engineInUse(): Engine | undefined {
    return this.engine;
  }

  private engineNow(): Engine {
    return (this.engine ??= engineFor(Math.min(this.options.engineThreads, this.options.concurrency)));
  }

  /** Starts the engine's threads before the first job (the workers' thread does, at start). */
  warmEngine(): void {
    if (this.options.concurrency > 0) this.engineNow().warm();
  }

  constructor(
    private readonly store: Store,
    private readonly auth: (installationId: number) => Promise<GitHub>,
    private readonly log: Logger,
    options: Partial<RunnerOptions> = {},
    private readonly observer?: JobObserver,
  ) {
    this.options = { ...DEFAULT_RUNNER, ...options };
    this.owner = `${this.options.workerId}#${randomUUID().slice(0, 8)}`;
  }

  /** Starts polling; unfinished jobs of an earlier run are claimed like any other, this replica's own at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.ready = this.store.expireEarlierRuns(this.options.workerId, this.owner).then(
      (n) => {
        if (n > 0) this.log.info(`${n} job(s) left running by an earlier run of this replica (${this.options.workerId}) resume now`);
      },
      (err) => this.log.warn({ err: { message: describeError(err) } }, 'could not look for jobs of an earlier run'),
    );
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.housekeeping = setInterval(() => void this.expireBlobs(), this.options.housekeepingMs);
    this.housekeeping.unref();
    void this.expireBlobs();
    this.kick();
  }

  /** Deletes cached blobs older than `blobCacheDays`; every replica may do it, deleting twice is harmless. */
  async expireBlobs(now = new Date()): Promise<number> {
    try {
      const n = await this.store.expireBlobs(new Date(now.getTime() - this.options.blobCacheDays * 86_400_000));
      if (n > 0) this.log.info({ blobs: n, days: this.options.blobCacheDays }, 'expired cached blobs deleted');
      return n;
    } catch (err) {
      this.log.warn({ err: { message: describeError(err) } }, 'could not delete expired cached blobs');
      return 0;
    }
  }

  /**
   * Stops claiming and waits for the running jobs, at most `shutdownMs`: the jobs still running then
   * are stopped without publishing more and go back to the queue for the next worker.
   */
  async stop(boundMs = this.options.shutdownMs): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.housekeeping) clearInterval(this.housekeeping);
    await this.pumping;
    const all = () => Promise.allSettled([...this.active.values()].map((a) => a.done)).then(() => undefined);
    if (await within(all(), boundMs)) {
      await this.engine?.close();
      this.engine = undefined;
      return;
    }
    const left = [...this.active.values()];
    this.log.warn(`shutdown: ${left.length} job(s) still running after ${boundMs} ms go back to the queue`);
    await Promise.allSettled(left.map((a) => a.giveBack()));
    // They stop at their next GitHub request or store step; do not wait long for one busy computing.
    await within(all(), Math.min(2_000, boundMs));
    await this.engine?.close();
    this.engine = undefined;
  }

  /** Why the workers cannot take jobs (stopped, or the loop stuck on the store for three polls), or undefined when they can. */
  notAlive(now = Date.now()): string | undefined {
    return this.stopped ? 'the workers are stopped' : lateWorkers(this.lastPoll, this.options.pollMs, now);
  }

  /** When the loop last looked for work (epoch ms). */
  get lastPolled(): number {
    return this.lastPoll;
  }

  /** Running jobs (this replica). */
  get running(): number {
    return this.active.size;
  }

  /** Looks for work now (after an enqueue). */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err) => this.log.error({ err: { message: describeError(err) } }, 'claiming jobs failed'))
      .finally(() => {
        this.pumping = undefined;
        this.lastPoll = Date.now();
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no job is running and none is waiting (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      await this.pumping;
      if (this.active.size === 0) {
        if (!this.pumping) return;
        continue;
      }
      await Promise.allSettled([...this.active.values()].map((a) => a.done));
    }
  }

  private async pump(): Promise<void> {
    await this.ready;
    while (!this.stopped && this.active.size < this.options.concurrency) {
      const job = await this.store.claim(this.owner, this.options.leaseMs);
      if (!job) return;
      const control = new AbortController();
      const entry: ActiveJob = {
        job,
        done: Promise.resolve(),
        giveBack: async () => {
          control.abort();
          const back = await this.store.release(job.id, this.owner).catch(() => false);
          this.log.info({ jobId: job.id }, back ? 'job returned to the queue' : 'job was no longer ours to return');
        },
      };
      entry.done = this.run(job, control.signal).finally(() => {
        this.active.delete(job.id);
        this.kick();
      });
      this.active.set(job.id, entry);
    }
  }

  private async run(job: ReviewJob, stopped: AbortSignal): Promise<void> {
    const log = this.log.child({ jobId: job.id, repo: `${job.owner}/${job.repo}`, sha: job.headSha.slice(0, 12), trigger: job.trigger });
    let lost = false;
    const gone = () => lost || stopped.aborted;
    const beat = setInterval(() => {
      if (gone()) return;
      this.store.heartbeat(job.id, this.owner, this.options.leaseMs).then(
        (ok) => {
          if (!ok) lost = true;
        },
        (err) => log.warn({ err: { message: describeError(err) } }, 'heartbeat failed'),
      );
    }, Math.max(10, Math.min(this.options.heartbeatMs, Math.floor(this.options.leaseMs / 2))));
    beat.unref();
    const started = Date.now();
    let requests = 0;
    const seconds = () => (Date.now() - started) / 1000;
    let gh: GitHub | undefined;
    let config: Config | undefined;
    try {
      gh = await this.auth(job.installationId);
      // A job given back or taken over makes no more requests, retries included: the retry and
      // throttling plugins retry inside this hook, so every attempt goes through `attempt`, which
      // refuses once the job is gone (an AbortError, as fetch throws when aborted: Octokit retries
      // none), and the shutdown's abort cancels the one in flight. Both ride on this request's options
      // object itself: the inner hooks were bound to it, and a copy passed down would be ignored
      // (a given-back job's retries reached GitHub 1, 5 and 14 s after the shutdown that way).
      const attempt = (url: string | URL | Request, init?: RequestInit): Promise<Response> =>
        gone() ? Promise.reject(new DOMException(`job ${job.id} was given back or taken over`, 'AbortError')) : globalThis.fetch(url, init);
      gh.hook.wrap('request', async (request, options) => {
        if (gone()) throw new JobLost(job.id);
        requests++;
        options.request = { ...options.request, signal: stopped, fetch: attempt };
        try {
          const response = await request(options);
          this.observer?.requested(job.installationId, response.status, remaining(response.headers));
          return response;
        } catch (err) {
          const r = (err as { status?: unknown; response?: { headers?: Record<string, unknown> } });
          this.observer?.requested(job.installationId, typeof r.status === 'number' ? r.status : 0, remaining(r.response?.headers));
          throw err;
        }
      });
      const ctx: JobContext = {
        job,
        gh,
        coords: { owner: job.owner, repo: job.repo },
        store: this.store,
        log,
        engine: this.engineNow(),
        maxReadMb: this.options.maxReadMb,
        alive: () => {
          if (gone()) throw new JobLost(job.id);
        },
      };
      if (job.attempts > this.options.maxAttempts) throw new GaveUp(job.attempts - 1);
      log.debug('job started');
      let outcome: Awaited<ReturnType<typeof runReview>> | Awaited<ReturnType<typeof runInventory>>;
      try {
        outcome = isInventoryJob(job.trigger) ? await runInventory(ctx) : await runReview(ctx);
      } finally {
        config = ctx.config;
      }
      clearInterval(beat);
      if (gone() || !(await this.store.heartbeat(job.id, this.owner, this.options.leaseMs))) throw new JobLost(job.id);
      await this.store.finish(job.id, 'done');
      // The one line a job leaves at `info`.
      const took = { requests, durationMs: Date.now() - started };
      if ('disabled' in outcome) log.info(`${job.owner}/${job.repo} turned spof-review off (enabled: false): nothing done`);
      else if ('conclusion' in outcome) {
        this.observer?.reviewed(outcome.conclusion, seconds());
        log.info({ pr: outcome.prNumber, conclusion: outcome.conclusion, findings: outcome.findings, commented: outcome.commented, resolved: outcome.resolved, ...took }, `review of ${job.owner}/${job.repo}${outcome.prNumber !== null ? `#${outcome.prNumber}` : ''}: ${outcome.conclusion}, ${outcome.findings} finding(s)`);
      } else log.info({ spofs: outcome.spofs, blobsFetched: outcome.blobsFetched, ...took }, `inventory of ${job.owner}/${job.repo}: ${outcome.spofs} SPOF(s)`);
    } catch (err) {
      clearInterval(beat);
      if (err instanceof JobLost || gone()) {
        log.info(stopped.aborted ? 'job stopped by the shutdown: back in the queue' : 'job superseded or taken over: stopped without publishing');
        return;
      }
      const reason = describeError(err);
      const conclusion = isInventoryJob(job.trigger) ? null : (config?.on_error ?? 'neutral');
      if (!isInventoryJob(job.trigger)) this.observer?.reviewed('error', seconds());
      log.error({ pr: job.prNumber, conclusion, requests, durationMs: Date.now() - started, err: { message: reason } }, 'job failed');
      if (gh) await this.endCheck(gh, job, reason, err instanceof GaveUp, config).catch((e) => log.error({ err: { message: describeError(e) } }, 'could not end the check run'));
      await this.store.finish(job.id, 'failed', reason).catch((e) => log.error({ err: { message: describeError(e) } }, 'could not record the failure'));
    }
  }

  /**
   * Never leave a check in progress: end it (or create it ended) with the reason. Nothing was
   * judged, so the conclusion is the config's `on_error` (neutral unless the repository chose to
   * fail closed); a config the job did not get to read is read now, and defaults to neutral.
   */
  private async endCheck(gh: GitHub, job: ReviewJob, reason: string, gaveUp: boolean, known: Config | undefined): Promise<void> {
    if (isInventoryJob(job.trigger)) return;
    const coords = { owner: job.owner, repo: job.repo };
    const config = known ?? (await loadConfig(gh, coords).then((c) => c.config, () => undefined));
    if (config && !config.enabled) return;
    const conclusion = config?.on_error ?? 'neutral';
    const current = await this.store.job(job.id);
    const checkRunId = current?.checkRunId ?? job.checkRunId ?? (await createCheckRun(gh, coords, job.headSha, String(job.id)));
    await endCheckRun(gh, coords, checkRunId, conclusion, {
      title: gaveUp ? 'SPOF review gave up on this commit' : 'SPOF review could not complete',
      summary: [
        `The ${CHECK_NAME} of ${job.headSha} did not complete: ${reason}`,
        '',
        gaveUp
          ? 'It was interrupted repeatedly, so it will not be retried automatically. Use "Re-run" to try again.'
          : conclusion === 'failure'
            ? 'Nothing was judged, and this repository fails closed (`on_error: failure`). Use "Re-run" to try again.'
            : 'Nothing was judged, so the check is neutral rather than failing. Use "Re-run" to try again.',
      ].join('\n'),
    });
  }
}

function remaining(headers: Record<string, unknown> | undefined): number | undefined {
  const v = Number(headers?.['x-ratelimit-remaining']);
  return headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(v) ? v : undefined;
}

/** True when `p` settled within `ms`. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

class GaveUp extends Error {
  constructor(attempts: number) {
    super(`interrupted ${attempts} times`);
  }
}
