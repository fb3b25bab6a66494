/**
 * The config's `accept_label`: added, it asks to accept the risk like the `Accept risk` button
 * (governance/accept.ts decides); removed, it revokes the pull request's acceptances and the check
 * is concluded again. Labels on pull requests with nothing accepted or to accept cost no config read.
 */
import type { AppEvents } from '../events.js';
import { loadConfig } from '../config.js';
import { requestAcceptance, revokeAcceptances } from '../governance/accept.js';
import { inForce, openFindings } from '../jobs/acceptance.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onLabel(events: AppEvents, deps: HandlerDeps): void {
  events.on('pull_request.labeled', async (context) => {
    const pr = context.payload.pull_request;
    const ref = refOf(context.payload);
    const label = context.payload.label?.name;
    if (!ref || !label || pr.state !== 'open') return;
    const latest = await deps.store.latestReview(ref.repoId, pr.number);
    if (!latest || latest.headSha !== pr.head.sha || openFindings(latest.review).length === 0) return;
    const gh = await deps.github(ref.installationId);
    const { config } = await loadConfig(gh, { owner: ref.owner, repo: ref.repo });
    if (!config.enabled || label !== config.accept_label) return;
    const result = await requestAcceptance(deps.store, gh, config, {
      ref, prNumber: pr.number, headSha: pr.head.sha, author: pr.user?.login ?? null, actor: context.payload.sender.login,
      via: 'label', reason: null, deliveryId: context.id,
    }, { log: context.log });
    if (!result.accepted) return;
    const { created } = await deps.store.enqueue({ ...ref, prNumber: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, trigger: 'label', deliveryId: context.id });
    if (created) deps.kick();
  });

  events.on('pull_request.unlabeled', async (context) => {
    const pr = context.payload.pull_request;
    const ref = refOf(context.payload);
    const label = context.payload.label?.name;
    if (!ref || !label) return;
    const now = new Date();
    if (!(await deps.store.acceptances(ref.repoId, pr.number)).some((a) => inForce(a, now))) return;
    const gh = await deps.github(ref.installationId);
    const { config } = await loadConfig(gh, { owner: ref.owner, repo: ref.repo });
    if (!config.enabled || label !== config.accept_label) return;
    const revoked = await revokeAcceptances(deps.store, gh, { ref, prNumber: pr.number, headSha: pr.head.sha, actor: context.payload.sender.login, label, deliveryId: context.id }, { log: context.log });
    if (!revoked || pr.state !== 'open') return;
    const { created } = await deps.store.enqueue({ ...ref, prNumber: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, trigger: 'acceptance', deliveryId: context.id });
    if (created) deps.kick();
  });
}
