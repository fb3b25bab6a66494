/**
 * Kind to data: an uninstalled app (installation.deleted) or a repository taken out of the
 * installation (installation_repositories.removed) leaves nothing stored behind. GitHub sends
 * both events to every app; they need no subscription.
 */
import type { Probot } from 'probot';
import type { HandlerDeps } from './deps.js';

export function onInstallation(app: Probot, deps: HandlerDeps): void {
  app.on('installation.deleted', async (context) => {
    const removed = await deps.store.purgeInstallation(context.payload.installation.id);
    context.log.info({ installation: context.payload.installation.id, removed }, 'installation deleted: its data was purged');
  });

  app.on('installation_repositories.removed', async (context) => {
    for (const repo of context.payload.repositories_removed) {
      const removed = await deps.store.purgeRepository(repo.id);
      context.log.info({ installation: context.payload.installation.id, repoId: repo.id, removed }, 'repository removed from the installation: its data was purged');
    }
  });
}
