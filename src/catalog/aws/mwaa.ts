import type { CatalogEntry } from '../entry.js';
import { isUnknown, judgement, num, redundancy, str, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * Amazon MWAA (managed Airflow). Its schedulers are the environment's single point of failure when there
 * is one: Airflow 2.0.2+ environments take 2 to 5 (provider default 2), Airflow 1.10 exactly one. The
 * environment's default version is the newest, a 2.x or later.
 */
const mwaaEnvironment: CatalogEntry = {
  id: 'aws-mwaa-environment',
  title: 'Amazon MWAA environment',
  role: 'compute',
  types: { terraform: ['aws_mwaa_environment'], cloudformation: ['AWS::MWAA::Environment'] },
  attributes: {
    schedulers: { terraform: 'schedulers', cloudformation: 'Schedulers' },
    airflowVersion: { terraform: 'airflow_version', cloudformation: 'AirflowVersion' },
  },
  pipeline: {
    part: 'scheduler',
    fix: 'run 2 or more schedulers (`schedulers = 2`; Airflow 2.0.2+ environments take 2 to 5, while an Airflow 1.10 environment runs exactly one: upgrade it first)',
  },
  judge(r) {
    const version = str(r, 'airflowVersion');
    const written = num(r, 'schedulers');
    const legacy = typeof version === 'string' && /^1\./.test(version.trim());
    const count = written !== undefined ? written : isUnknown(version) ? version : legacy ? 1 : 2;
    if (isUnknown(count)) return judgement(unknownRedundancy(), ['schedulers']);
    const instances = Math.max(0, Math.floor(count));
    // The one-edit fix only where the version takes it: a 1.10 environment must be upgraded first.
    const fix = instances === 1 && !legacy ? { key: 'schedulers', value: 2 } : undefined;
    return judgement(redundancy(instances, null, null), legacy && written === undefined ? ['airflowVersion'] : ['schedulers'], fix);
  },
  recovery: recovery('schedulersActive', 'schedulerRestart'),
  impact: 'no DAG run is scheduled and no queued task is started until MWAA replaces the scheduler (tasks already running finish)',
};

export const MWAA_ENTRIES: readonly CatalogEntry[] = [mwaaEnvironment];
