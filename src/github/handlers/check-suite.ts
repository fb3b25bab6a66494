/**
 * check_suite.rerequested ("Re-run all checks"): review the suite's head SHA again. For PRs from
 * forks `pull_requests` is empty; the job finds the PR from the head SHA.
 */
import type { AppEvents } from '../events.js';
import { isMergeQueueBranch } from './check-run.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onCheckSuite(events: AppEvents, deps: HandlerDeps): void {
  events.on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    const ref = refOf(context.payload);
    if (!ref) return;
    const pr = suite.pull_requests[0];
    const { created } = await deps.store.enqueue(
      isMergeQueueBranch(suite.head_branch)
        ? { ...ref, prNumber: null, headSha: suite.head_sha, baseSha: null, ref: `refs/heads/${suite.head_branch}`, trigger: 'merge_group', deliveryId: context.id }
        : { ...ref, prNumber: pr?.number ?? null, headSha: suite.head_sha, baseSha: pr?.base.sha ?? null, trigger: 'rerequested', deliveryId: context.id },
    );
    if (created) deps.kick();
  });
}
