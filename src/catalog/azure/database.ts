import type { Redundancy } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { connector } from '../entry-builders.js';
import { asList, bool, enumOf, firstOf, isUnknown, judgement, redundancy, str, unknownRedundancy, zonalManagedRedundancy, zonesFromNames, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- Azure SQL Database ------------------------------------------------------------------------- */

/**
 * Azure SQL heals an instance failure by itself (local replicas / remote storage) inside its zone;
 * `zone_redundant` (default false) spreads the replicas over three zones.
 */
export function azureSqlRedundancy(zoneRedundant: Maybe<boolean>): Redundancy {
  if (isUnknown(zoneRedundant)) return unknownRedundancy({ zonalManaged: true });
  if (zoneRedundant === true) return redundancy(3, { count: 3 }, true);
  return zonalManagedRedundancy();
}

function judgeZoneRedundant(r: ResourceView, key: string): Judgement {
  const zr = bool(r, key);
  const fix = zr === true || isUnknown(zr) ? undefined : { key, value: true, note: 'needs a Premium, Business Critical, General Purpose or Hyperscale tier in a region with zones' };
  return judgement(azureSqlRedundancy(zr), [key], fix);
}

/** An Azure SQL resource judged by its zone-redundancy flag at `key`. */
function azureSql(id: string, title: string, types: readonly string[], key: string, impact: string, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id,
    title,
    role: 'database',
    types: { terraform: types },
    judge: (r) => judgeZoneRedundant(r, key),
    recovery: recovery('multiAzFailover', 'zonalDatabase'),
    impact,
    ...extra,
  };
}

const mssqlDatabase = azureSql(
  'azure-mssql-database',
  'Azure SQL Database',
  ['azurerm_mssql_database', 'azurerm_sql_database'],
  'zone_redundant',
  'the database is unavailable when its zone fails, until it is restored elsewhere',
  // A database in an elastic pool has the pool's redundancy: it is judged through the pool.
  {
    applies: (r) => r.get('elastic_pool_id') === undefined,
    // A geo-secondary (create_mode Secondary / OnlineSecondary) copies its primary database. Other modes that
    // name a source (Copy, PointInTimeRestore, Restore) make an independent database: not a copy.
    copyOf: { keys: ['creation_source_database_id'], when: (r) => isCreateMode(r, ['secondary', 'onlinesecondary']) },
  },
);

const mssqlElasticPool = azureSql(
  'azure-mssql-elastic-pool',
  'Azure SQL elastic pool',
  ['azurerm_mssql_elasticpool'],
  'zone_redundant',
  'every database in the pool is unavailable when its zone fails',
);

const mssqlManagedInstance = azureSql(
  'azure-mssql-managed-instance',
  'Azure SQL Managed Instance',
  ['azurerm_mssql_managed_instance'],
  'zone_redundant_enabled',
  'the managed instance is unavailable when its zone fails',
);

/* -- PostgreSQL / MySQL flexible server --------------------------------------------------------- */

/** high_availability.mode: ZoneRedundant (standby in another zone), SameZone (standby in the same zone), none. */
export function flexibleServerRedundancy(mode: Maybe<string>, zone: Maybe<string>, standbyZone: Maybe<string>): Redundancy {
  if (isUnknown(mode)) return unknownRedundancy();
  const primary = typeof zone === 'string' && zone !== '' ? { count: 1, names: [zone] } : { count: 1 };
  if (mode === 'zoneredundant') {
    const named = typeof zone === 'string' && typeof standbyZone === 'string' ? zonesFromNames([zone, standbyZone]) : null;
    return redundancy(2, named !== null && named.count === 2 ? named : { count: 2 }, true);
  }
  if (mode === 'samezone') return redundancy(2, primary, true);
  return redundancy(1, primary, false);
}

function judgeFlexible(r: ResourceView): Judgement {
  const mode = enumOf(r, 'high_availability.mode');
  const red = flexibleServerRedundancy(mode, str(r, 'zone'), str(r, 'high_availability.standby_availability_zone'));
  const fix = mode === 'zoneredundant' || isUnknown(mode) ? undefined : { key: 'high_availability.mode', value: 'ZoneRedundant', note: 'needs a General Purpose or Memory Optimized SKU' };
  return judgement(red, ['high_availability.mode', 'zone'], fix);
}

/** Whether `create_mode` is one of `modes` (lower case); unknown or unset is not. */
function isCreateMode(r: ResourceView, modes: readonly string[]): boolean {
  const mode = enumOf(r, 'create_mode');
  return typeof mode === 'string' && modes.includes(mode);
}

/** A read replica server (`create_mode = "Replica"`) copies `source_server_id`; a point-in-time restore does not. */
const FLEXIBLE_REPLICA: CatalogEntry['copyOf'] = { keys: ['source_server_id'], when: (r) => isCreateMode(r, ['replica']) };

/** PostgreSQL and MySQL flexible servers share their high-availability settings and their replicas. */
function flexibleServer(id: string, title: string, type: string): CatalogEntry {
  return {
    id,
    title,
    role: 'database',
    types: { terraform: [type] },
    copyOf: FLEXIBLE_REPLICA,
    judge: judgeFlexible,
    recovery: recovery('multiAzFailover', 'snapshotRestore'),
    impact: 'reads and writes fail until the server is recovered or restored from a backup',
  };
}

const postgresFlexible = flexibleServer('azure-postgresql-flexible-server', 'Azure Database for PostgreSQL flexible server', 'azurerm_postgresql_flexible_server');
const mysqlFlexible = flexibleServer('azure-mysql-flexible-server', 'Azure Database for MySQL flexible server', 'azurerm_mysql_flexible_server');

/* -- Cosmos DB ---------------------------------------------------------------------------------- */

/**
 * A Cosmos DB account: every `geo_location` block is a region holding a full copy. Several regions survive a
 * region outage when writes move by themselves: multi-region writes (any region takes writes) or automatic
 * failover of the write region; otherwise reads survive and writes wait for a manual failover. One region
 * survives a zone outage only when zone-redundant. Instances count regions.
 */
const cosmosAccount: CatalogEntry = {
  id: 'azure-cosmosdb-account',
  title: 'Cosmos DB account',
  role: 'database',
  types: { terraform: ['azurerm_cosmosdb_account'] },
  judge(r) {
    const locations = asList(r.get('geo_location'));
    if (locations === undefined || isUnknown(locations)) return judgement(unknownRedundancy(), ['geo_location']);
    const zoneRedundant = locations.map((l) => (l !== null && typeof l === 'object' ? (l as Record<string, unknown>)['zone_redundant'] : undefined));
    if (zoneRedundant.some(isUnknown)) return judgement(unknownRedundancy(), ['geo_location.zone_redundant']);
    // The failover settings are decisive in every shape, so evidence shows them when a region comes or goes.
    const multiWrite = firstOf(r, ['multiple_write_locations_enabled', 'enable_multiple_write_locations'], bool);
    const automatic = firstOf(r, ['automatic_failover_enabled', 'enable_automatic_failover'], bool);
    const settings = [multiWrite.key, automatic.key];
    if (locations.length >= 2) {
      const moves = multiWrite.value === true || automatic.value === true ? true : isUnknown(multiWrite.value) || isUnknown(automatic.value) ? null : false;
      const fix = moves === false ? { key: automatic.key, value: true, note: 'so the write region fails over by itself' } : undefined;
      return judgement(redundancy(locations.length, { count: 3 }, moves), ['geo_location', ...settings], fix, { regional: true });
    }
    if (zoneRedundant.some((z) => z === true || z === 'true')) return judgement(redundancy(1, { count: 3 }, true), ['geo_location', ...settings], undefined, { regional: true });
    return judgement(zonalManagedRedundancy(), ['geo_location.zone_redundant', ...settings], {
      key: 'geo_location.zone_redundant',
      value: true,
      note: 'or add a second geo_location',
    }, { regional: false });
  },
  recovery: recovery('regional', 'zonalDatabase'),
  impact: 'a single-region account without zone redundancy is unavailable when the zone holding its replicas fails',
};

/**
 * An Azure SQL failover group: its databases are geo-replicated to the partner server in another region, and
 * the group's listener moves to it (automatically with an `Automatic` read-write policy). Clients use the
 * listener's name, which does not fail by itself: the group carries no failure (passive). Removing it takes
 * the other region away from its databases (see analysis/removed-support.ts).
 */
const sqlFailoverGroup: CatalogEntry = {
  id: 'azure-sql-failover-group',
  title: 'Azure SQL failover group',
  role: 'passive',
  types: { terraform: ['azurerm_mssql_failover_group', 'azurerm_sql_failover_group'] },
  failoverFor: { keys: ['databases'] },
};

export const AZURE_DATABASE_ENTRIES: readonly CatalogEntry[] = [
  mssqlDatabase,
  mssqlElasticPool,
  mssqlManagedInstance,
  postgresFlexible,
  mysqlFlexible,
  cosmosAccount,
  sqlFailoverGroup,
  connector('azure-mssql-server', 'Azure SQL logical server', { terraform: ['azurerm_mssql_server', 'azurerm_sql_server'] }),
  connector('azure-cosmosdb-child', 'Cosmos DB database / container', {
    terraform: ['azurerm_cosmosdb_sql_database', 'azurerm_cosmosdb_sql_container', 'azurerm_cosmosdb_mongo_database', 'azurerm_cosmosdb_mongo_collection'],
  }),
  connector('azure-database-child', 'Database server child (database, firewall rule, configuration)', {
    terraform: [
      'azurerm_postgresql_flexible_server_database',
      'azurerm_postgresql_flexible_server_firewall_rule',
      'azurerm_postgresql_flexible_server_configuration',
      'azurerm_mysql_flexible_database',
      'azurerm_mysql_flexible_server_firewall_rule',
      'azurerm_mysql_flexible_server_configuration',
      'azurerm_mssql_firewall_rule',
      'azurerm_mssql_virtual_network_rule',
    ],
  }),
];
