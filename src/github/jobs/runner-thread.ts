/**
 * The workers on a thread of their own (the app's default). A review's GitHub I/O and publishing
 * cost the event loop ~70 ms of CPU each (40 findings: bodies, requests, responses); on the main
 * thread that time delayed webhook acknowledgements behind it. Here the main thread keeps the
 * acknowledgements, the dashboard and the store's one connection, and serves the thread's store
 * calls and log lines; the thread runs at a lower priority (JOBS_NICE) so acknowledgements come
 * first when the cores are busy. A thread that dies is started again (its jobs resume at once, as
 * after a restart of the replica); shutdown stays bounded.
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'probot';
import type { Store } from '../../store/types.js';
import { safeError } from '../log-safety.js';
import type { ClientTiming } from '../octokit.js';
import { relayLogLine, type LogLine } from './log-relay.js';
import { DEFAULT_RUNNER, lateWorkers, within, type JobObserver, type RunnerOptions, type Workers } from './runner.js';
import { answerStoreCall, type StoreAnswer, type StoreCall } from './store-relay.js';
import { startThread } from './thread-start.js';

export interface RunnerThreadData {
  /** The app's environment: the thread signs in to GitHub as the app with it (APP_ID, PRIVATE_KEY, GHE_HOST). */
  env: NodeJS.ProcessEnv;
  octokit: ClientTiming;
  runner: RunnerOptions;
  /** The app's log level: lines below it are not sent. */
  level: string;
  /** The slots of `STATUS`. */
  status: SharedArrayBuffer;
}

export type ToJobsThread = StoreAnswer | { t: 'kick' } | { t: 'idle'; id: number } | { t: 'stop'; boundMs: number };
export type FromJobsThread =
  | StoreCall
  | LogLine
  | { t: 'reviewed'; conclusion: string; seconds: number }
  | { t: 'requested'; installationId: number; status: number; remaining: number | undefined }
  | { t: 'idle'; id: number }
  | { t: 'stopped' };

/**
 * Slots of the status both threads share: the thread writes when it last looked for jobs (epoch
 * ms) and how many run; the main thread sets `kickPending` and the thread clears it when it looks.
 */
export const STATUS = { lastPoll: 0, running: 1, kickPending: 2 } as const;

/** A dead thread is started again after this long, doubling up to a minute while it keeps dying soon after its start. */
const RESTART_MS = 1_000;
const MAX_RESTART_MS = 60_000;

export class RunnerThread implements Workers {
  readonly options: RunnerOptions;
  private worker: Worker | undefined;
  private readonly status = new BigInt64Array(new SharedArrayBuffer(8 * Object.keys(STATUS).length));
  private stopping = true;
  private restartMs = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly idleWaiters = new Map<number, () => void>();
  private onStopped: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly setup: { env: NodeJS.ProcessEnv; octokit?: ClientTiming },
    private readonly log: Logger,
    options: Partial<RunnerOptions> = {},
    private readonly observer?: JobObserver,
  ) {
    this.options = { ...DEFAULT_RUNNER, ...options };
  }

  start(): void {
    if (!this.stopping) return;
    this.stopping = false;
    this.spawn();
  }

  /** The thread running the workers now, if any (diagnostics: its threadId and resource use). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  get running(): number {
    return this.worker ? Number(Atomics.load(this.status, STATUS.running)) : 0;
  }

  kick(): void {
    // One message wakes the thread for every enqueue until it looks: a burst of webhooks posts one, not fifty.
    if (this.worker && Atomics.compareExchange(this.status, STATUS.kickPending, 0n, 1n) === 0n) this.worker.postMessage({ t: 'kick' } satisfies ToJobsThread);
  }

  notAlive(now = Date.now()): string | undefined {
    if (this.stopping) return 'the workers are stopped';
    if (!this.worker) return 'the workers\' thread stopped and is being started again';
    return lateWorkers(Number(Atomics.load(this.status, STATUS.lastPoll)), this.options.pollMs, now);
  }

  idle(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.idleWaiters.set(id, resolve);
      worker.postMessage({ t: 'idle', id } satisfies ToJobsThread);
    });
  }

  async stop(boundMs = this.options.shutdownMs): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => (this.onStopped = resolve));
    worker.postMessage({ t: 'stop', boundMs } satisfies ToJobsThread);
    // The thread gives running jobs back to the queue after `boundMs`; past that and a margin, it is ended.
    if (!(await within(stopped, boundMs + 3_000))) this.log.warn('the workers\' thread did not stop in time: ended');
    this.worker = undefined;
    await worker.terminate();
    this.wakeIdle();
  }

  private spawn(): void {
    Atomics.store(this.status, STATUS.lastPoll, BigInt(Date.now()));
    Atomics.store(this.status, STATUS.running, 0n);
    Atomics.store(this.status, STATUS.kickPending, 0n);
    const data: RunnerThreadData = {
      env: this.setup.env,
      octokit: this.setup.octokit ?? {},
      runner: this.options,
      level: (this.log as { level?: string }).level ?? 'info',
      status: this.status.buffer as SharedArrayBuffer,
    };
    const worker = startThread(import.meta.url, 'runner-thread-worker', { workerData: data });
    const started = Date.now();
    worker.on('message', (m: FromJobsThread) => this.receive(worker, m));
    worker.on('error', (err) => this.log.error({ err: safeError(err) }, 'the workers\' thread failed'));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.wakeIdle();
      if (this.stopping) return;
      // A thread that ran a while before dying starts again after RESTART_MS; one that keeps dying soon after starting backs off.
      this.restartMs = Date.now() - started > MAX_RESTART_MS ? RESTART_MS : Math.min(Math.max(RESTART_MS, this.restartMs * 2), MAX_RESTART_MS);
      const wait = this.restartMs;
      this.log.error(`the workers' thread stopped (exit code ${code}); starting it again in ${wait} ms (its jobs resume then)`);
      this.observer?.workersRestarted?.();
      this.restartTimer = setTimeout(() => {
        if (!this.stopping) this.spawn();
      }, wait);
      this.restartTimer.unref();
    });
    this.worker = worker;
  }

  private receive(worker: Worker, m: FromJobsThread): void {
    switch (m.t) {
      case 'store':
        void answerStoreCall(this.store, m).then((answer) => worker.postMessage(answer satisfies ToJobsThread));
        return;
      case 'log':
        return relayLogLine(this.log, m.line);
      case 'reviewed':
        return this.observer?.reviewed(m.conclusion, m.seconds);
      case 'requested':
        return this.observer?.requested(m.installationId, m.status, m.remaining);
      case 'idle':
        this.idleWaiters.get(m.id)?.();
        this.idleWaiters.delete(m.id);
        return;
      case 'stopped':
        return this.onStopped?.();
    }
  }

  private wakeIdle(): void {
    for (const wake of this.idleWaiters.values()) wake();
    this.idleWaiters.clear();
  }
}
