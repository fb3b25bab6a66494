/** push to the default branch: record the branch's SPOF inventory (dashboard). Other pushes are PR business. */
import type { AppEvents } from '../events.js';
import { refOf, type HandlerDeps } from './deps.js';

const ZERO = /^0+$/;

export function onPush(events: AppEvents, deps: HandlerDeps): void {
  events.on('push', async (context) => {
    const p = context.payload;
    const ref = refOf(p);
    if (!ref || p.deleted || ZERO.test(p.after) || p.ref !== `refs/heads/${p.repository.default_branch}`) return;
    const { created } = await deps.store.enqueue({ ...ref, prNumber: null, headSha: p.after, baseSha: null, ref: p.ref, trigger: 'push', deliveryId: context.id });
    if (created) deps.kick();
  });
}
