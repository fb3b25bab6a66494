/**
 * The app: webhook handlers that record jobs, and the worker loop that runs them, on a Probot
 * (GitHub sign-in as the app, its Octokit and logger). `npm start` runs it through `server.ts`,
 * which hands verified deliveries to `events`; tests call `events.receive` directly.
 */
import type { Probot } from 'probot';
import { appEvents, type AppEvents } from './events.js';
import type { Store } from '../store/types.js';
import { onCheckRun } from './handlers/check-run.js';
import { onCheckSuite } from './handlers/check-suite.js';
import type { HandlerDeps } from './handlers/deps.js';
import { onInstallation } from './handlers/installation.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onLabel } from './handlers/label.js';
import { onMergeGroup } from './handlers/merge-group.js';
import { onPullClosed } from './handlers/pull-closed.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import { JobRunner, type JobObserver, type RunnerOptions, type Workers } from './jobs/runner.js';
import { RunnerThread } from './jobs/runner-thread.js';
import type { ClientTiming } from './octokit.js';
import type { GitHub } from './types.js';

export interface AppOptions {
  store: Store;
  runner?: Partial<RunnerOptions>;
  /** Start the worker loop (default true). */
  work?: boolean;
  /** Told of every job's outcome and GitHub request (the server's metrics). */
  observer?: JobObserver;
  /**
   * Run the workers on a thread of their own, signed in to GitHub as the app from `env` with
   * spof-review's Octokit (`octokit`: its timings). Without it they run on the event loop with the
   * app's Octokit (tests: nock sees only this thread's requests).
   */
  thread?: { env: NodeJS.ProcessEnv; octokit?: ClientTiming };
}

export interface SpofReviewApp {
  events: AppEvents;
  runner: Workers;
}

/** `app` must be ready (`await app.ready()`): its logger and Octokit are made asynchronously. */
export function spofReviewApp(app: Probot, options: AppOptions): SpofReviewApp {
  const github = async (id: number) => (await app.auth(id)) as unknown as GitHub;
  const runner: Workers = options.thread
    ? new RunnerThread(options.store, options.thread, app.log, options.runner, options.observer)
    : new JobRunner(options.store, github, app.log.child({ name: 'spof-review' }), options.runner, options.observer);
  const deps: HandlerDeps = { store: options.store, kick: () => runner.kick(), github };
  const events = appEvents(app.log);
  onPullRequest(events, deps);
  onCheckRun(events, deps);
  onCheckSuite(events, deps);
  onMergeGroup(events, deps);
  onPush(events, deps);
  onLabel(events, deps);
  onIssueComment(events, deps);
  onPullClosed(events, deps);
  onInstallation(events, deps);
  if (options.work !== false) runner.start();
  return { events, runner };
}
