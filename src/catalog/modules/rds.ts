import type { CatalogEntry, Judgement } from '../entry.js';
import { asNumber, asRecord, bool, enumOf, isUnknown, judgement, num, str, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { clusterRedundancy, multiAzDbClusterRedundancy, rdsInstanceRedundancy, serverlessV1Redundancy } from '../aws/rds.js';
import { createdBy, moduleCreated } from './common.js';

/** terraform-aws-modules/rds/aws: one aws_db_instance; inputs `multi_az` (default false), `availability_zone`. */
const rdsModule: CatalogEntry = {
  id: 'tf-module-aws-rds',
  title: 'RDS module (terraform-aws-modules/rds)',
  role: 'database',
  types: { terraform: ['module:terraform-aws-modules/rds/aws'] },
  applies: createdBy(['create_db_instance', 'putin_khuylo']),
  judge(r) {
    const multiAz = bool(r, 'multi_az') ?? false;
    const red = rdsInstanceRedundancy(multiAz, str(r, 'availability_zone'));
    const fix = multiAz === false ? { key: 'multi_az', value: true, note: 'adds a synchronous standby in another zone' } : undefined;
    return judgement(red, ['multi_az'], fix);
  },
  recovery: recovery('multiAzFailover', 'snapshotRestore'),
  impact: 'reads and writes fail until the instance is recovered or a snapshot is restored',
};

/**
 * terraform-aws-modules/rds-aurora/aws: one aws_rds_cluster_instance per key of `instances` (default {}),
 * none when engine_mode = "serverless"; autoscaling adds `autoscaling_min_capacity` readers (default 0)
 * when `autoscaling_enabled`. With `allocated_storage` and `cluster_instance_class` it builds a Multi-AZ DB
 * cluster (three instances managed by RDS).
 */
const auroraModule: CatalogEntry = {
  id: 'tf-module-aws-rds-aurora',
  title: 'Aurora module (terraform-aws-modules/rds-aurora)',
  role: 'database',
  types: { terraform: ['module:terraform-aws-modules/rds-aurora/aws'] },
  applies: createdBy(['create', 'putin_khuylo']),
  judge(r) {
    if (isUnknown(moduleCreated(r, ['create', 'putin_khuylo']))) return judgement(unknownRedundancy(), ['create']);
    const storage = r.get('allocated_storage');
    const clusterClass = r.get('cluster_instance_class');
    if (isUnknown(storage) || isUnknown(clusterClass)) return judgement(unknownRedundancy(), ['allocated_storage', 'cluster_instance_class']);
    if (storage !== undefined && clusterClass !== undefined) return judgement(multiAzDbClusterRedundancy(), ['allocated_storage', 'cluster_instance_class']);
    const mode = enumOf(r, 'engine_mode') ?? 'provisioned';
    if (isUnknown(mode)) return judgement(unknownRedundancy(), ['engine_mode']);
    if (mode === 'serverless') return judgement(serverlessV1Redundancy(), ['engine_mode']);
    const instances = asRecord(r.get('instances'));
    const autoscaling = bool(r, 'autoscaling_enabled') ?? false;
    const minReaders = num(r, 'autoscaling_min_capacity') ?? 0;
    const decisive = ['instances', 'autoscaling_enabled', 'autoscaling_min_capacity'];
    if (isUnknown(instances) || isUnknown(autoscaling) || isUnknown(minReaders)) return judgement(unknownRedundancy(), decisive);
    const n = Object.keys(instances ?? {}).length + (autoscaling ? minReaders : 0);
    let fix: Judgement['fix'];
    if (n < 2 && !autoscaling) {
      // One more entry in `instances`: RDS places it in another zone of the subnet group and fails over to it.
      const current = instances ?? {};
      const name = ['reader', 'two', 'reader-2'].find((k) => !(k in current)) ?? `instance-${Object.keys(current).length + 1}`;
      fix = { key: 'instances', value: { ...current, [name]: {} }, note: 'a reader in another zone to fail over to' };
    }
    return judgement(clusterRedundancy(asNumber(n)), decisive, fix);
  },
  recovery: recovery('clusterReplicaFailover', 'clusterInstanceRecreate'),
  impact: 'reads and writes fail until the only instance is re-created (the cluster storage survives)',
};

export const RDS_MODULE_ENTRIES: readonly CatalogEntry[] = [rdsModule, auroraModule];
