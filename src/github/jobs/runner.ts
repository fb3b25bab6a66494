/**
 * The worker loop. Webhook handlers only record a job in the store and return; workers claim
 * jobs (with a lease kept alive by heartbeats), run them, and finish them. A job whose worker died
 * is claimed again when its lease expires, so a restart resumes every unfinished review and no
 * check run stays in progress. Any failure ends the job's check run with a readable reason.
 */
import { hostname } from 'node:os';
import type { Logger } from 'probot';
import type { ReviewJob, Store } from '../../store/types.js';
import { CHECK_NAME, createCheckRun, endCheckRun } from '../publish/check-run.js';
import { describeError, type GitHub } from '../types.js';
import { JobLost, type JobContext } from './context.js';
import { runInventory } from './inventory-job.js';
import { runReview } from './review-job.js';

export interface RunnerOptions {
  /** Jobs run at once by this process. */
  concurrency: number;
  /** How long a claimed job stays ours without a heartbeat. */
  leaseMs: number;
  /** How often the store is polled for jobs from other replicas or expired leases. */
  pollMs: number;
  /** A job interrupted this many times (crashes) is given up with a neutral check. */
  maxAttempts: number;
  workerId: string;
}

export const DEFAULT_RUNNER: RunnerOptions = {
  concurrency: 4,
  leaseMs: 60_000,
  pollMs: 2_000,
  maxAttempts: 3,
  workerId: `${hostname()}:${process.pid}`,
};

export class JobRunner {
  private readonly active = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  readonly options: RunnerOptions;

  constructor(
    private readonly store: Store,
    private readonly auth: (installationId: number) => Promise<GitHub>,
    private readonly log: Logger,
    options: Partial<RunnerOptions> = {},
  ) {
    this.options = { ...DEFAULT_RUNNER, ...options };
  }

  /** Starts polling; unfinished jobs of an earlier run are claimed like any other. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops claiming and waits for the running jobs. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pumping;
    await Promise.allSettled([...this.active]);
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
      await Promise.allSettled([...this.active]);
    }
  }

  private async pump(): Promise<void> {
    while (!this.stopped && this.active.size < this.options.concurrency) {
      const job = await this.store.claim(this.options.workerId, this.options.leaseMs);
      if (!job) return;
      const run: Promise<void> = this.run(job).finally(() => {
        this.active.delete(run);
        this.kick();
      });
      this.active.add(run);
    }
  }

  private async run(job: ReviewJob): Promise<void> {
    const log = this.log.child({ jobId: job.id, repo: `${job.owner}/${job.repo}`, sha: job.headSha.slice(0, 12), trigger: job.trigger });
    let lost = false;
    const beat = setInterval(() => {
      this.store.heartbeat(job.id, this.options.workerId, this.options.leaseMs).then(
        (ok) => {
          if (!ok) lost = true;
        },
        (err) => log.warn({ err: { message: describeError(err) } }, 'heartbeat failed'),
      );
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    beat.unref();
    let gh: GitHub | undefined;
    try {
      gh = await this.auth(job.installationId);
      const ctx: JobContext = {
        job,
        gh,
        coords: { owner: job.owner, repo: job.repo },
        store: this.store,
        log,
        alive: () => {
          if (lost) throw new JobLost(job.id);
        },
      };
      if (job.attempts > this.options.maxAttempts) throw new GaveUp(job.attempts - 1);
      log.info('job started');
      if (job.trigger === 'push') await runInventory(ctx);
      else await runReview(ctx);
      clearInterval(beat);
      if (!(await this.store.heartbeat(job.id, this.options.workerId, this.options.leaseMs))) throw new JobLost(job.id);
      await this.store.finish(job.id, 'done');
      log.info('job done');
    } catch (err) {
      clearInterval(beat);
      if (err instanceof JobLost) {
        log.info('job superseded or taken over: stopped without publishing');
        return;
      }
      const reason = describeError(err);
      log.error({ err: { message: reason } }, 'job failed');
      if (gh) await this.endCheck(gh, job, reason, err instanceof GaveUp).catch((e) => log.error({ err: { message: describeError(e) } }, 'could not end the check run'));
      await this.store.finish(job.id, 'failed', reason).catch((e) => log.error({ err: { message: describeError(e) } }, 'could not record the failure'));
    }
  }

  /** Never leave a check in progress: end it (or create it ended) with the reason. */
  private async endCheck(gh: GitHub, job: ReviewJob, reason: string, gaveUp: boolean): Promise<void> {
    if (job.trigger === 'push') return;
    const coords = { owner: job.owner, repo: job.repo };
    const current = await this.store.job(job.id);
    const checkRunId = current?.checkRunId ?? job.checkRunId ?? (await createCheckRun(gh, coords, job.headSha, String(job.id)));
    await endCheckRun(gh, coords, checkRunId, 'neutral', {
      title: gaveUp ? 'SPOF review gave up on this commit' : 'SPOF review could not complete',
      summary: [
        `The ${CHECK_NAME} of ${job.headSha} did not complete: ${reason}`,
        '',
        gaveUp
          ? 'It was interrupted repeatedly, so it will not be retried automatically. Use "Re-run" to try again.'
          : 'Nothing was judged, so the check is neutral rather than failing. Use "Re-run" to try again.',
      ].join('\n'),
    });
  }
}

class GaveUp extends Error {
  constructor(attempts: number) {
    super(`interrupted ${attempts} times`);
  }
}
