/** merge_group.checks_requested: review the merge group's head against its base, check run only. */
import type { AppEvents } from '../events.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onMergeGroup(events: AppEvents, deps: HandlerDeps): void {
  events.on('merge_group.checks_requested', async (context) => {
    const group = context.payload.merge_group;
    const ref = refOf(context.payload);
    if (!ref) return;
    const { created } = await deps.store.enqueue({
      ...ref,
      prNumber: null,
      headSha: group.head_sha,
      baseSha: group.base_sha,
      ref: group.head_ref,
      trigger: 'merge_group',
      deliveryId: context.id,
    });
    if (created) deps.kick();
  });
}
