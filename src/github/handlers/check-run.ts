/**
 * check_run.rerequested ("Re-run" on our check): review the head SHA again.
 * check_run.requested_action `accept_risk`: ask to accept the findings (governance/accept.ts), and
 * once accepted re-conclude the same check run. Both only for the app's own `SPOF review` check runs.
 */
import type { AppEvents } from '../events.js';
import { ACCEPT_ACTION, CHECK_NAME } from '../publish/check-run.js';
import { loadConfig } from '../config.js';
import { requestAcceptance } from '../governance/accept.js';
import { refOf, type HandlerDeps } from './deps.js';

/** Merge queue branches: `gh-readonly-queue/<base branch>/pr-<n>-<sha>`; their checks belong to a merge group. */
export function isMergeQueueBranch(headBranch: string | null | undefined): boolean {
  return /^gh-readonly-queue\/.+\/pr-\d+-[0-9a-f]{7,40}$/.test(headBranch ?? '');
}

export function onCheckRun(events: AppEvents, deps: HandlerDeps): void {
  events.on('check_run.rerequested', async (context) => {
    const run = context.payload.check_run;
    const ref = refOf(context.payload);
    if (!ref || run.name !== CHECK_NAME) return;
    const branch = run.check_suite?.head_branch;
    const pr = run.pull_requests[0];
    // A merge group's base is its head commit's first parent: the job looks it up.
    const { created } = await deps.store.enqueue(
      isMergeQueueBranch(branch)
        ? { ...ref, prNumber: null, headSha: run.head_sha, baseSha: null, ref: `refs/heads/${branch}`, trigger: 'merge_group', deliveryId: context.id }
        : { ...ref, prNumber: pr?.number ?? null, headSha: run.head_sha, baseSha: pr?.base.sha ?? null, trigger: 'rerequested', deliveryId: context.id },
    );
    if (created) deps.kick();
  });

  events.on('check_run.requested_action', async (context) => {
    const run = context.payload.check_run;
    const ref = refOf(context.payload);
    if (!ref || run.name !== CHECK_NAME || context.payload.requested_action?.identifier !== ACCEPT_ACTION) return;
    const prNumber = run.pull_requests[0]?.number ?? (await deps.store.prForHeadSha(ref.repoId, run.head_sha));
    if (prNumber === undefined) return;
    const gh = await deps.github(ref.installationId);
    const { config } = await loadConfig(gh, { owner: ref.owner, repo: ref.repo });
    if (!config.enabled) return;
    // The author decides whether the presser may accept; the payload does not name them.
    const { data: pr } = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: ref.owner, repo: ref.repo, pull_number: prNumber });
    const result = await requestAcceptance(deps.store, gh, config, {
      ref, prNumber, headSha: run.head_sha, author: pr.user?.login ?? null, actor: context.payload.sender.login,
      via: 'check_run_action', reason: null, deliveryId: context.id,
    }, { log: context.log });
    if (!result.accepted) return;
    const { job, created } = await deps.store.enqueue({
      ...ref,
      prNumber,
      headSha: run.head_sha,
      baseSha: run.pull_requests[0]?.base.sha ?? null,
      trigger: 'requested_action',
      deliveryId: context.id,
    });
    // The job completes the check run the button was pressed on.
    if (created) await deps.store.setCheckRun(job.id, run.id);
    if (created) deps.kick();
  });
}
