import type { CatalogEntry } from '../entry.js';
import { enumOf, isUnknown, judgement, num, oneZone, redundancy, str, unknownRedundancy, zonesFromNames } from '../judging/index.js';
import { recovery } from '../recovery.js';

const redisInstance: CatalogEntry = {
  id: 'gcp-redis-instance',
  title: 'Memorystore for Redis instance',
  role: 'cache',
  types: { terraform: ['google_redis_instance'] },
  judge(r) {
    // Provider default tier: BASIC (one node, no replica).
    const tier = enumOf(r, 'tier') ?? 'basic';
    if (isUnknown(tier)) return judgement(unknownRedundancy(), ['tier']);
    const zone = str(r, 'location_id');
    if (tier === 'standard_ha') {
      const replicas = num(r, 'replica_count') ?? 1;
      if (isUnknown(replicas)) return judgement(unknownRedundancy(), ['tier', 'replica_count']);
      const alt = str(r, 'alternative_location_id');
      const named = typeof zone === 'string' && typeof alt === 'string' ? zonesFromNames([zone, alt]) : null;
      return judgement(redundancy(1 + Math.max(1, replicas), named !== null && named.count >= 2 ? named : { count: 2 }, true), ['tier', 'replica_count']);
    }
    return judgement(redundancy(1, isUnknown(zone) ? { count: 1 } : oneZone(zone), false), ['tier'], {
      key: 'tier',
      value: 'STANDARD_HA',
      note: 'adds a replica in another zone (replaces the instance)',
    });
  },
  recovery: recovery('cacheReplicaFailover', 'cacheNodeReplace'),
  impact: 'the cache fails until the node is recovered, and its contents are lost',
};

const redisCluster: CatalogEntry = {
  id: 'gcp-redis-cluster',
  title: 'Memorystore for Redis Cluster',
  role: 'cache',
  types: { terraform: ['google_redis_cluster', 'google_memorystore_instance'] },
  judge(r) {
    // Shards are spread over zones (MULTI_ZONE by default), but without replicas a zone failure loses
    // the shards it holds. Provider default replica_count: 0.
    const replicas = num(r, 'replica_count') ?? 0;
    if (isUnknown(replicas)) return judgement(unknownRedundancy(), ['replica_count']);
    const single = enumOf(r, 'zone_distribution_config.mode') === 'single_zone';
    const nodes = 1 + replicas;
    return judgement(
      redundancy(nodes, single ? oneZone(str(r, 'zone_distribution_config.zone')) : { count: Math.min(nodes, 2) }, nodes >= 2),
      ['replica_count', 'zone_distribution_config.mode'],
      nodes < 2 ? { key: 'replica_count', value: 1 } : undefined,
    );
  },
  recovery: recovery('cacheReplicaFailover', 'cacheNodeReplace'),
  impact: 'keys on a failed shard without a replica are unavailable and lost',
};

export const MEMORYSTORE_ENTRIES: readonly CatalogEntry[] = [redisInstance, redisCluster];
