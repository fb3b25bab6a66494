import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { asStrings, bool, enumOf, isUnknown, judgement, oneZone, redundancy, str, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { cloudSqlRedundancy } from '../gcp/sql.js';
import { gcpLocationKind } from '../gcp/gke.js';

const GKE = 'terraform-google-modules/kubernetes-engine/google';
/** The cluster modules that take `regional` (default true) and, when zonal, `zones`. */
const GKE_REGIONAL_FLAG = [
  '',
  'private-cluster',
  'private-cluster-update-variant',
  'beta-private-cluster',
  'beta-private-cluster-update-variant',
  'beta-public-cluster',
  'beta-public-cluster-update-variant',
  'safer-cluster',
  'safer-cluster-update-variant',
  'beta-autopilot-private-cluster',
  'beta-autopilot-public-cluster',
];

/**
 * terraform-google-modules/kubernetes-engine: the cluster's control plane. `regional = false` (or a zone
 * as `location` in gke-standard-cluster) makes a zonal cluster, whose control plane is one replica in one
 * zone (`zones[0]`); regional clusters replicate it over three zones.
 */
function judgeGkeModule(r: ResourceView): Judgement {
  const location = str(r, 'location');
  const regional = location !== undefined ? (isUnknown(location) ? location : gcpLocationKind(location) === 'region' ? true : gcpLocationKind(location) === 'zone' ? false : undefined) : (bool(r, 'regional') ?? true);
  const key = location !== undefined ? 'location' : 'regional';
  if (isUnknown(regional) || regional === undefined) return judgement(unknownRedundancy(), [key]);
  if (regional) return judgement(redundancy(3, { count: 3 }, true), [key]);
  const zones = asStrings(r.get('zones'));
  const zone = typeof location === 'string' ? location : Array.isArray(zones) && typeof zones[0] === 'string' ? zones[0] : undefined;
  const fix = key === 'regional' ? { key, value: true, note: 'a regional cluster (replaces the cluster); its control plane runs in three zones' } : undefined;
  return judgement(redundancy(1, zone ? oneZone(zone) : { count: 1 }, false), [key], fix);
}

const gkeModule: CatalogEntry = {
  id: 'tf-module-gcp-kubernetes-engine',
  title: 'GKE cluster module (terraform-google-modules/kubernetes-engine) control plane',
  role: 'compute',
  types: { terraform: [...GKE_REGIONAL_FLAG.map((m) => `module:${GKE}${m ? `//modules/${m}` : ''}`), `module:${GKE}//modules/gke-standard-cluster`] },
  judge: judgeGkeModule,
  recovery: recovery('controlPlaneRegional', 'controlPlaneZonal'),
  impact: 'the Kubernetes API is unavailable during upgrades and zone outages: no deployments, scaling or self-healing',
  serves: 'everything deployed onto this cluster',
};

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
  gkeModule,
  sqlDbModule('postgresql', 'zonal', 'Cloud SQL PostgreSQL module (sql-db)'),
  sqlDbModule('mysql', 'regional', 'Cloud SQL MySQL module (sql-db)'),
  sqlDbModule('safer_mysql', 'regional', 'Cloud SQL safer MySQL module (sql-db)'),
  sqlDbModule('mssql', 'zonal', 'Cloud SQL SQL Server module (sql-db)'),
];
