import type { CatalogEntry } from './entry.js';
import { judgeContainer } from './images.js';
import { recovery } from './recovery.js';

/**
 * A docker-compose service whose image is not a well-known one (those are judged by the image entries
 * of `images.ts`): stateless compute, as redundant as the containers it runs.
 */
const composeService: CatalogEntry = {
  id: 'compose-service',
  title: 'Compose service',
  role: 'compute',
  types: { compose: ['service'] },
  attributes: { replicas: { compose: 'deploy.replicas' } },
  judge: judgeContainer(undefined),
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests to it fail until its container is restarted',
};

export const COMPOSE_ENTRIES: readonly CatalogEntry[] = [composeService];
