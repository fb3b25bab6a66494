import type { Redundancy } from '../../model/index.js';
import { MEMBERS_KEY, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { asNumber, bool, enumOf, isUnknown, judgement, oneZone, redundancy, str, unknownRedundancy, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { backupDays } from '../safeguards.js';

/* -- Shared pure judgements (also used by the registry module entries) --------------------------- */

/** A single RDS instance: Multi-AZ keeps a synchronous standby in another zone (provider default: false). */
export function rdsInstanceRedundancy(multiAz: Maybe<boolean>, az: Maybe<string>): Redundancy {
  if (isUnknown(multiAz)) return unknownRedundancy();
  if (multiAz === true) return redundancy(2, { count: 2 }, true);
  return redundancy(1, isUnknown(az) ? { count: 1 } : oneZone(az), false);
}

/**
 * An Aurora-style cluster (Aurora, DocumentDB, Neptune) with `members` instances over shared, three-zone
 * storage: two or more instances fail over to a reader; a lone writer is re-created. RDS places readers
 * in other zones of the subnet group (which always covers two zones), so n >= 2 spans at least two zones.
 */
export function clusterRedundancy(members: Maybe<number>): Redundancy {
  if (members === undefined || isUnknown(members)) return unknownRedundancy();
  const n = Math.max(0, Math.floor(members));
  if (n === 0) return redundancy(0, null, false);
  if (n === 1) return redundancy(1, { count: 1 }, false);
  return redundancy(n, { count: 2 }, true);
}

/** A Multi-AZ DB cluster (non-Aurora engines with `db_cluster_instance_class`): one writer, two readers, three zones. */
export function multiAzDbClusterRedundancy(): Redundancy {
  return redundancy(3, { count: 3 }, true);
}

/** Aurora Serverless v1: one capacity pool in one zone, moved to another zone by AWS after a failure. */
export function serverlessV1Redundancy(): Redundancy {
  return redundancy(1, { count: 1 }, false, { zonalManaged: true });
}

/* -- aws_db_instance ---------------------------------------------------------------------------- */

const dbInstance: CatalogEntry = {
  id: 'aws-rds-instance',
  title: 'RDS DB instance',
  role: 'database',
  types: { terraform: ['aws_db_instance'], cloudformation: ['AWS::RDS::DBInstance'] },
  attributes: {
    multiAz: { terraform: 'multi_az', cloudformation: 'MultiAZ' },
    availabilityZone: { terraform: 'availability_zone', cloudformation: 'AvailabilityZone' },
    engine: { terraform: 'engine', cloudformation: 'Engine' },
    clusterIdentifier: { terraform: 'cluster_identifier', cloudformation: 'DBClusterIdentifier' },
    replicateSourceDb: { terraform: 'replicate_source_db', cloudformation: 'SourceDBInstanceIdentifier' },
    backupRetention: { terraform: 'backup_retention_period', cloudformation: 'BackupRetentionPeriod' },
  },
  // A read replica copies its source (promotable by hand); it does not need it to serve reads.
  copyOf: { keys: ['replicateSourceDb'] },
  // Both the API and CloudFormation keep 1 day when the retention is not written.
  safeguards: [backupDays('backupRetention', 1)],
  applies(r) {
    // Aurora / Multi-AZ-cluster members are judged through their cluster (counted in its `__members`).
    if (r.get('clusterIdentifier') !== undefined) return false;
    const engine = str(r, 'engine');
    return !(typeof engine === 'string' && engine.toLowerCase().startsWith('aurora'));
  },
  judge(r) {
    const multiAz = bool(r, 'multiAz');
    const az = str(r, 'availabilityZone');
    const red = rdsInstanceRedundancy(multiAz, az);
    const decisive = multiAz === true || isUnknown(multiAz) ? ['multiAz'] : ['multiAz', 'availabilityZone'];
    const fix = multiAz === true || isUnknown(multiAz) ? undefined : { key: 'multiAz', value: true, note: 'adds a synchronous standby in another zone' };
    return judgement(red, decisive, fix);
  },
  recovery: recovery('multiAzFailover', 'snapshotRestore'),
  impact: 'reads and writes fail until the instance is recovered or a snapshot is restored',
};

/* -- aws_rds_cluster ---------------------------------------------------------------------------- */

function judgeCluster(r: ResourceView, opts: { serverlessV1: boolean }): Judgement {
  const dbClusterClass = r.get('dbClusterInstanceClass');
  if (isUnknown(dbClusterClass)) return judgement(unknownRedundancy(), ['dbClusterInstanceClass']);
  if (dbClusterClass !== undefined) {
    // Multi-AZ DB cluster (MySQL / PostgreSQL): AWS creates one writer and two readers in three zones.
    return judgement(multiAzDbClusterRedundancy(), ['dbClusterInstanceClass']);
  }
  if (opts.serverlessV1) {
    const mode = enumOf(r, 'engineMode');
    if (isUnknown(mode)) return judgement(unknownRedundancy(), ['engineMode']);
    if (mode === 'serverless') return judgement(serverlessV1Redundancy(), ['engineMode']);
  }
  return judgeMembers(r);
}

/**
 * A cluster judged by its declared member instances. The fix is a second member: one edit in Terraform
 * (the format rewrites the member resource's `count`, or describes the block to add); in CloudFormation a
 * member is a resource of its own, so no fix is offered there.
 */
function judgeMembers(r: ResourceView): Judgement {
  const members = asNumber(r.get(MEMBERS_KEY));
  const fix =
    r.format === 'terraform' && typeof members === 'number' && members < 2
      ? { key: MEMBERS_KEY, value: 2, note: 'a second instance in another zone is the failover target' }
      : undefined;
  return judgement(clusterRedundancy(members), [MEMBERS_KEY], fix);
}

const CLUSTER_IMPACT_SINGLE = 'reads and writes fail until its only instance is re-created (the cluster storage survives)';

const rdsCluster: CatalogEntry = {
  id: 'aws-rds-cluster',
  title: 'RDS / Aurora DB cluster',
  role: 'database',
  types: { terraform: ['aws_rds_cluster'], cloudformation: ['AWS::RDS::DBCluster'] },
  attributes: {
    engine: { terraform: 'engine', cloudformation: 'Engine' },
    engineMode: { terraform: 'engine_mode', cloudformation: 'EngineMode' },
    dbClusterInstanceClass: { terraform: 'db_cluster_instance_class', cloudformation: 'DBClusterInstanceClass' },
    availabilityZones: { terraform: 'availability_zones', cloudformation: 'AvailabilityZones' },
    replicationSourceIdentifier: { terraform: 'replication_source_identifier', cloudformation: 'ReplicationSourceIdentifier' },
  },
  members: {
    terraform: { types: ['aws_rds_cluster_instance'], key: 'cluster_identifier' },
    cloudformation: { types: ['AWS::RDS::DBInstance'], key: 'DBClusterIdentifier' },
  },
  // A cross-region read replica cluster copies its source cluster.
  copyOf: { keys: ['replicationSourceIdentifier'] },
  judge: (r) => judgeCluster(r, { serverlessV1: true }),
  recovery: recovery('clusterReplicaFailover', 'clusterInstanceRecreate'),
  impact: CLUSTER_IMPACT_SINGLE,
};

/** Cluster members are counted into their cluster's `__members`; as components they only pass failure through. */
const rdsClusterInstance: CatalogEntry = {
  id: 'aws-rds-cluster-instance',
  title: 'Aurora cluster instance (member of its cluster)',
  role: 'connector',
  types: { terraform: ['aws_rds_cluster_instance'] },
};

const docdbCluster: CatalogEntry = {
  id: 'aws-docdb-cluster',
  title: 'DocumentDB cluster',
  role: 'database',
  types: { terraform: ['aws_docdb_cluster'], cloudformation: ['AWS::DocDB::DBCluster'] },
  members: {
    terraform: { types: ['aws_docdb_cluster_instance'], key: 'cluster_identifier' },
    cloudformation: { types: ['AWS::DocDB::DBInstance'], key: 'DBClusterIdentifier' },
  },
  judge: judgeMembers,
  recovery: recovery('clusterReplicaFailover', 'clusterInstanceRecreate'),
  impact: CLUSTER_IMPACT_SINGLE,
};

const docdbClusterInstance: CatalogEntry = {
  id: 'aws-docdb-cluster-instance',
  title: 'DocumentDB cluster instance (member of its cluster)',
  role: 'connector',
  types: { terraform: ['aws_docdb_cluster_instance'], cloudformation: ['AWS::DocDB::DBInstance'] },
};

const neptuneCluster: CatalogEntry = {
  id: 'aws-neptune-cluster',
  title: 'Neptune cluster',
  role: 'database',
  types: { terraform: ['aws_neptune_cluster'], cloudformation: ['AWS::Neptune::DBCluster'] },
  members: {
    terraform: { types: ['aws_neptune_cluster_instance'], key: 'cluster_identifier' },
    cloudformation: { types: ['AWS::Neptune::DBInstance'], key: 'DBClusterIdentifier' },
  },
  judge: judgeMembers,
  recovery: recovery('clusterReplicaFailover', 'clusterInstanceRecreate'),
  impact: CLUSTER_IMPACT_SINGLE,
};

const neptuneClusterInstance: CatalogEntry = {
  id: 'aws-neptune-cluster-instance',
  title: 'Neptune cluster instance (member of its cluster)',
  role: 'connector',
  types: { terraform: ['aws_neptune_cluster_instance'], cloudformation: ['AWS::Neptune::DBInstance'] },
};

/**
 * An Aurora global database: a container whose member clusters (each judged on its own) replicate from the
 * primary. Created from an existing cluster (`source_db_cluster_identifier`), it names that cluster as the
 * source it copies, not as something it needs: the secondary clusters that join it do not fail with the
 * primary (they are promoted instead).
 */
const rdsGlobalCluster: CatalogEntry = {
  id: 'aws-rds-global-cluster',
  title: 'Aurora global database',
  role: 'connector',
  types: { terraform: ['aws_rds_global_cluster'], cloudformation: ['AWS::RDS::GlobalCluster'] },
  attributes: { sourceDbClusterIdentifier: { terraform: 'source_db_cluster_identifier', cloudformation: 'SourceDBClusterIdentifier' } },
  copyOf: { keys: ['sourceDbClusterIdentifier'] },
};

export const RDS_ENTRIES: readonly CatalogEntry[] = [
  dbInstance,
  rdsGlobalCluster,
  rdsCluster,
  rdsClusterInstance,
  docdbCluster,
  docdbClusterInstance,
  neptuneCluster,
  neptuneClusterInstance,
];
