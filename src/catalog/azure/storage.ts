import type { CatalogEntry } from '../entry.js';
import { connector } from '../entry-builders.js';
import { enumOf, isUnknown, judgement, regionalRedundancy, unknownRedundancy, zonalManagedRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { storageAccountRegions } from '../regions.js';
import { enabledCopy, retentionBlock } from '../safeguards.js';

/**
 * Storage account replication: ZRS / GZRS / RA-GZRS replicate across zones of the primary region.
 * LRS keeps three copies in one datacenter; GRS / RA-GRS are LRS in the primary region plus an
 * asynchronous copy in a paired region reached only by a (customer or Microsoft initiated) failover.
 */
const storageAccount: CatalogEntry = {
  id: 'azure-storage-account',
  title: 'Storage account',
  role: 'storage',
  types: { terraform: ['azurerm_storage_account'] },
  regions: storageAccountRegions,
  // Geo-replication copies a deletion to the paired region too; soft delete and versioning are the copies in time.
  safeguards: [
    retentionBlock('blob-soft-delete', 'blob soft delete', 'blob_properties.delete_retention_policy', 7, 'restore blob_properties.delete_retention_policy'),
    retentionBlock('container-soft-delete', 'container soft delete', 'blob_properties.container_delete_retention_policy', 7, 'restore blob_properties.container_delete_retention_policy'),
    enabledCopy('versioning', 'blob versioning', 'blob_properties.versioning_enabled', false, 'set blob_properties.versioning_enabled = true again'),
  ],
  judge(r) {
    const replication = enumOf(r, 'account_replication_type');
    if (replication === undefined || isUnknown(replication)) return judgement(unknownRedundancy(), ['account_replication_type']);
    if (replication === 'zrs' || replication === 'gzrs' || replication === 'ragzrs') {
      return judgement(regionalRedundancy(), ['account_replication_type'], undefined, { regional: true });
    }
    const fix = { key: 'account_replication_type', value: replication === 'lrs' ? 'ZRS' : 'GZRS', note: 'replicates across zones of the region' };
    return judgement(zonalManagedRedundancy(), ['account_replication_type'], fix, { regional: false });
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'data is unavailable when the zone (datacenter) holding it fails, until a failover or recovery',
};

export const AZURE_STORAGE_ENTRIES: readonly CatalogEntry[] = [
  storageAccount,
  connector('azure-storage-child', 'Storage container / share / queue / table', {
    terraform: [
      'azurerm_storage_container',
      'azurerm_storage_share',
      'azurerm_storage_queue',
      'azurerm_storage_table',
      'azurerm_storage_blob',
      'azurerm_storage_share_directory',
      'azurerm_storage_account_network_rules',
      'azurerm_storage_management_policy',
    ],
  }),
];
