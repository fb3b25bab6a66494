/**
 * The Probot app: webhook handlers that record jobs, and the worker loop that runs them.
 * `npm start` runs it through `server.ts`; tests load it into a Probot with `probot.load()`.
 */
import type { ApplicationFunction, Probot } from 'probot';
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
import { JobRunner, type JobObserver, type RunnerOptions } from './jobs/runner.js';
import type { GitHub } from './types.js';

export interface AppOptions {
  store: Store;
  runner?: Partial<RunnerOptions>;
  /** Start the worker loop (default true). */
  work?: boolean;
  /** Told of every job's outcome and GitHub request (the server's metrics). */
  observer?: JobObserver;
  /** Receives the runner (tests wait on it; the server stops it on shutdown). */
  onRunner?: (runner: JobRunner) => void;
}

export function spofReviewApp(options: AppOptions): ApplicationFunction {
  return (app: Probot) => {
    const runner = new JobRunner(options.store, async (id) => (await app.auth(id)) as unknown as GitHub, app.log.child({ name: 'spof-review' }), options.runner, options.observer);
    const deps: HandlerDeps = { store: options.store, kick: () => runner.kick() };
    onPullRequest(app, deps);
    onCheckRun(app, deps);
    onCheckSuite(app, deps);
    onMergeGroup(app, deps);
    onPush(app, deps);
    onLabel(app, deps);
    onIssueComment(app, deps);
    onPullClosed(app, deps);
    onInstallation(app, deps);
    options.onRunner?.(runner);
    if (options.work !== false) runner.start();
  };
}
