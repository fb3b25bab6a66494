import type { CatalogEntry } from '../entry.js';
import { enumOf, isUnknown, judgement, num, redundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { azureZones } from './zones.js';

const redisCache: CatalogEntry = {
  id: 'azure-redis-cache',
  title: 'Azure Cache for Redis',
  role: 'cache',
  types: { terraform: ['azurerm_redis_cache'] },
  judge(r) {
    const sku = enumOf(r, 'sku_name');
    if (sku === undefined || isUnknown(sku)) return judgement(unknownRedundancy(), ['sku_name']);
    const zones = azureZones(r, 'zones');
    if (sku === 'basic') {
      return judgement(redundancy(1, { count: 1 }, false), ['sku_name'], {
        key: 'sku_name',
        value: 'Standard',
        note: 'Standard adds a replica with automatic failover (replaces the cache)',
      });
    }
    // Standard: primary + replica. Premium: primary + replicas_per_primary (default 1), zones when listed.
    const replicas = sku === 'premium' ? (num(r, 'replicas_per_primary') ?? 1) : 1;
    if (isUnknown(replicas)) return judgement(unknownRedundancy(), ['sku_name', 'replicas_per_primary']);
    const nodes = 1 + Math.max(1, replicas);
    const z = zones === 'unknown' ? null : zones;
    const fix = sku === 'premium' && z !== null && z.count < 2 ? { key: 'zones', value: ['1', '2'], note: 'spreads primary and replica over zones' } : undefined;
    return judgement(redundancy(nodes, z, true), ['sku_name', 'zones'], fix);
  },
  recovery: recovery('cacheReplicaFailover', 'cacheNodeReplace'),
  impact: 'the cache fails until the node is recovered, and its contents are lost',
};

export const AZURE_REDIS_ENTRIES: readonly CatalogEntry[] = [redisCache];
