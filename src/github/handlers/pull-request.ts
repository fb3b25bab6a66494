/**
 * pull_request opened / synchronize / reopened / ready_for_review: record a review job for the
 * head SHA (the job remembers which PR the SHA belongs to, for re-runs of fork PRs). A redelivered
 * webhook finds its job already recorded and does nothing more.
 */
import type { AppEvents } from '../events.js';
import { refOf, type HandlerDeps } from './deps.js';

export const PULL_REQUEST_ACTIONS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

export function onPullRequest(events: AppEvents, deps: HandlerDeps): void {
  events.on([...PULL_REQUEST_ACTIONS], async (context) => {
    const pr = context.payload.pull_request;
    const ref = refOf(context.payload);
    // Drafts are reviewed when they become ready (ready_for_review), not on every work-in-progress push.
    if (!ref || pr.draft || pr.state !== 'open') return;
    const { created } = await deps.store.enqueue({
      ...ref,
      prNumber: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      trigger: 'pull_request',
      deliveryId: context.id,
    });
    if (created) deps.kick();
  });
}
