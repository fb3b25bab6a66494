import type { Redundancy, Zones } from '../../model/index.js';
import type { CatalogEntry } from '../entry.js';
import { connector, passive } from '../entry-builders.js';
import { enumOf, isUnknown, judgement, num, oneZone, redundancy, str, unknownRedundancy, zonesFromNames, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { enabledCopy } from '../safeguards.js';

/** Cloud SQL availability type: REGIONAL keeps a synchronous standby in another zone; ZONAL does not. */
export function cloudSqlRedundancy(availability: Maybe<string>, zone: Maybe<string>, secondaryZone: Maybe<string>): Redundancy {
  if (isUnknown(availability)) return unknownRedundancy();
  if (availability === 'regional') {
    const named = typeof zone === 'string' && typeof secondaryZone === 'string' ? zonesFromNames([zone, secondaryZone]) : null;
    const zones: Zones = named !== null && named.count === 2 ? named : { count: 2 };
    return redundancy(2, zones, true);
  }
  return redundancy(1, isUnknown(zone) ? { count: 1 } : oneZone(zone), false);
}

const sqlInstance: CatalogEntry = {
  id: 'gcp-sql-instance',
  title: 'Cloud SQL instance',
  role: 'database',
  types: { terraform: ['google_sql_database_instance'] },
  // A read replica (or a cross-region replica) copies its primary; promotion makes it a primary.
  copyOf: { keys: ['master_instance_name'] },
  safeguards: [
    enabledCopy('backups', 'automated backups', 'settings.backup_configuration.enabled', false, 'enable settings.backup_configuration again'),
    enabledCopy('point-in-time-recovery', 'point-in-time recovery', 'settings.backup_configuration.point_in_time_recovery_enabled', false, 'enable point-in-time recovery again'),
  ],
  judge(r) {
    // Provider default: ZONAL.
    const availability = enumOf(r, 'settings.availability_type') ?? 'zonal';
    const zone = str(r, 'settings.location_preference.zone');
    const red = cloudSqlRedundancy(availability, zone, str(r, 'settings.location_preference.secondary_zone'));
    const fix = availability === 'zonal' ? { key: 'settings.availability_type', value: 'REGIONAL', note: 'adds a standby in another zone (needs backups / binary logging)' } : undefined;
    return judgement(red, ['settings.availability_type'], fix);
  },
  recovery: recovery('multiAzFailover', 'snapshotRestore'),
  impact: 'reads and writes fail until the instance is recovered or restored from a backup',
};

const alloydbInstance: CatalogEntry = {
  id: 'gcp-alloydb-instance',
  title: 'AlloyDB instance',
  role: 'database',
  types: { terraform: ['google_alloydb_instance'] },
  judge(r) {
    const kind = enumOf(r, 'instance_type');
    if (isUnknown(kind)) return judgement(unknownRedundancy(), ['instance_type']);
    if (kind === 'read_pool') {
      // A read pool spreads its nodes over the zones of the region (provider default node_count: 1).
      const nodes = num(r, 'read_pool_config.node_count') ?? 1;
      if (isUnknown(nodes)) return judgement(unknownRedundancy(), ['read_pool_config.node_count']);
      return judgement(redundancy(nodes, nodes === 0 ? null : { count: Math.min(nodes, 2) }, nodes >= 2), ['read_pool_config.node_count']);
    }
    // Primary instances default to REGIONAL availability (a standby in another zone).
    const availability = enumOf(r, 'availability_type') ?? 'regional';
    const red = cloudSqlRedundancy(availability, undefined, undefined);
    const fix = availability === 'zonal' ? { key: 'availability_type', value: 'REGIONAL' } : undefined;
    return judgement(red, ['availability_type'], fix);
  },
  recovery: recovery('multiAzFailover', 'snapshotRestore'),
  impact: 'reads and writes fail until the instance is recovered',
};

export const GCP_SQL_ENTRIES: readonly CatalogEntry[] = [
  sqlInstance,
  alloydbInstance,
  connector('gcp-alloydb-cluster', 'AlloyDB cluster', { terraform: ['google_alloydb_cluster'] }),
  passive('gcp-sql-configuration', 'Cloud SQL database / user / certificate', {
    terraform: ['google_sql_database', 'google_sql_user', 'google_sql_ssl_cert', 'google_alloydb_user'],
  }),
];
