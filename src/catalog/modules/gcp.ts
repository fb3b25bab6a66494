import type { CatalogEntry, ResourceView } from '../entry.js';
import { enumOf, isUnknown, judgement, str } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { cloudSqlRedundancy } from '../gcp/sql.js';

/**
 * terraform-google-modules/sql-db/google submodules (registry namespace also GoogleCloudPlatform):
 * `availability_type` defaults to ZONAL (postgresql, mssql) or REGIONAL (mysql, safer_mysql). An explicit
 * null reaches the resource as null: the provider default ZONAL.
 */
function sqlDbModule(submodule: string, moduleDefault: 'regional' | 'zonal', title: string): CatalogEntry {
  return {
    id: `tf-module-gcp-sql-db-${submodule.replace(/_/g, '-')}`,
    title,
    role: 'database',
    types: {
      terraform: [
        `module:terraform-google-modules/sql-db/google//modules/${submodule}`,
        `module:googlecloudplatform/sql-db/google//modules/${submodule}`,
      ],
    },
    judge(r: ResourceView) {
      const raw = r.get('availability_type');
      const availability = raw === null ? 'zonal' : (enumOf(r, 'availability_type') ?? moduleDefault);
      const red = cloudSqlRedundancy(availability, str(r, 'zone'), str(r, 'secondary_zone'));
      const fix = !isUnknown(availability) && availability !== 'regional' ? { key: 'availability_type', value: 'REGIONAL', note: 'adds a standby in another zone' } : undefined;
      return judgement(red, ['availability_type'], fix);
    },
    recovery: recovery('multiAzFailover', 'snapshotRestore'),
    impact: 'reads and writes fail until the instance is recovered or restored from a backup',
  };
}

export const GCP_MODULE_ENTRIES: readonly CatalogEntry[] = [
  sqlDbModule('postgresql', 'zonal', 'Cloud SQL PostgreSQL module (sql-db)'),
  sqlDbModule('mysql', 'regional', 'Cloud SQL MySQL module (sql-db)'),
  sqlDbModule('safer_mysql', 'regional', 'Cloud SQL safer MySQL module (sql-db)'),
  sqlDbModule('mssql', 'zonal', 'Cloud SQL SQL Server module (sql-db)'),
];
