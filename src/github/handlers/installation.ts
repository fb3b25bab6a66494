/**
 * Installation events. Kind to data: an uninstalled app (installation.deleted) or a repository taken out of the
 * installation (installation_repositories.removed) leaves nothing stored behind. GitHub sends
 * both events to every app; they need no subscription.
 */
import type { AppEvents } from '../events.js';
import { DEFAULT_BRANCH_HEAD } from '../../store/types.js';
import type { HandlerDeps } from './deps.js';

export function onInstallation(events: AppEvents, deps: HandlerDeps): void {
  // Not empty on day one: each repository the app is installed on gets its default branch's
  // inventory recorded (a job per repository; the job resolves the branch and its head).
  events.on('installation.created', async (context) => {
    const p = context.payload;
    await recordInventories(deps, p.installation.id, p.installation.account, p.repositories ?? [], context.id);
    context.log.info({ installation: p.installation.id, repositories: p.repositories?.length ?? 0 }, 'installation created: inventories queued');
  });

  events.on('installation_repositories.added', async (context) => {
    const p = context.payload;
    await recordInventories(deps, p.installation.id, p.installation.account, p.repositories_added, context.id);
    context.log.info({ installation: p.installation.id, repositories: p.repositories_added.length }, 'repositories added to the installation: inventories queued');
  });

  events.on('installation.deleted', async (context) => {
    const removed = await deps.store.purgeInstallation(context.payload.installation.id);
    context.log.info({ installation: context.payload.installation.id, removed }, 'installation deleted: its data was purged');
  });

  events.on('installation_repositories.removed', async (context) => {
    for (const repo of context.payload.repositories_removed) {
      const removed = await deps.store.purgeRepository(repo.id);
      context.log.info({ installation: context.payload.installation.id, repoId: repo.id, removed }, 'repository removed from the installation: its data was purged');
    }
  });
}

interface AddedRepo {
  id: number;
  name: string;
  full_name: string;
}

async function recordInventories(deps: HandlerDeps, installationId: number, account: unknown, repos: readonly AddedRepo[], deliveryId: string): Promise<void> {
  let created = 0;
  for (const r of repos) {
    // `full_name` is owner/name; the account is the owner too, but an enterprise installation's account may not be.
    const owner = r.full_name.split('/')[0] || ((account as { login?: string } | null)?.login ?? '');
    if (!owner) continue;
    const job = await deps.store.enqueue({
      installationId, repoId: r.id, owner, repo: r.name, prNumber: null, headSha: DEFAULT_BRANCH_HEAD, baseSha: null, trigger: 'installation', deliveryId,
    });
    if (job.created) created++;
  }
  if (created > 0) deps.kick();
}
