import type { CatalogEntry } from '../entry.js';
import { firstOf, isUnknown, judgement, num, redundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * Cloud Composer (managed Airflow). Schedulers are counted where the configuration writes them:
 * `workloads_config.scheduler.count` (Composer 2 and 3), `software_config.scheduler_count` (Composer 1 with
 * Airflow 2). Unwritten, the count depends on the environment size and image: unknown, not guessed.
 */
const composerEnvironment: CatalogEntry = {
  id: 'gcp-composer-environment',
  title: 'Cloud Composer environment',
  role: 'compute',
  types: { terraform: ['google_composer_environment'] },
  pipeline: {
    part: 'scheduler',
    fix: 'run 2 or more schedulers (`config.workloads_config.scheduler.count = 2`; Airflow 2 schedulers share the work)',
  },
  judge(r) {
    const { key, value } = firstOf(r, ['config.workloads_config.scheduler.count', 'config.software_config.scheduler_count'], num);
    if (value === undefined || isUnknown(value)) return judgement(unknownRedundancy(), value === undefined ? [] : [key]);
    const instances = Math.max(0, Math.floor(value));
    return judgement(redundancy(instances, null, null), [key], instances === 1 ? { key, value: 2 } : undefined);
  },
  recovery: recovery('schedulersActive', 'schedulerRestart'),
  impact: 'no DAG run is scheduled and no queued task is started until Composer restarts the scheduler (tasks already running finish)',
};

export const COMPOSER_ENTRIES: readonly CatalogEntry[] = [composerEnvironment];
