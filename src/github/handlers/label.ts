/**
 * pull_request.labeled with the config's `accept_label`: the same as pressing `Accept risk`.
 * Only PRs whose latest review has open findings are worth reading the config for.
 */
import type { Probot } from 'probot';
import { loadConfig } from '../config.js';
import { openFindings, recordAcceptance } from '../jobs/acceptance.js';
import type { GitHub } from '../types.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onLabel(app: Probot, deps: HandlerDeps): void {
  app.on('pull_request.labeled', async (context) => {
    const pr = context.payload.pull_request;
    const ref = refOf(context.payload);
    const label = context.payload.label?.name;
    if (!ref || !label || pr.state !== 'open') return;
    const latest = await deps.store.latestReview(ref.repoId, pr.number);
    if (!latest || latest.headSha !== pr.head.sha || openFindings(latest.review).length === 0) return;
    const { config } = await loadConfig(context.octokit as unknown as GitHub, { owner: ref.owner, repo: ref.repo });
    if (label !== config.accept_label) return;
    if (!(await recordAcceptance(deps.store, ref, pr.number, pr.head.sha, context.payload.sender.login, 'label'))) return;
    const { created } = await deps.store.enqueue({ ...ref, prNumber: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, trigger: 'label', deliveryId: context.id });
    if (created) deps.kick();
  });
}
