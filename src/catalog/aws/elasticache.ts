import type { Redundancy, Zones } from '../../model/index.js';
import { MEMBERS_KEY, UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { regional } from '../entry-builders.js';
import { asNumber, asStrings, bool, capZones, enumOf, firstOf, isUnknown, judgement, num, oneZone, redundancy, str, unknownRedundancy, zonesFromNames, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- Shared pure judgements --------------------------------------------------------------------- */

/**
 * A primary/replica group (per shard): `nodes` = primary + replicas. Without automatic failover only the
 * primary can take writes, so one instance serves; with it, every node can become the primary.
 * Zones: Multi-AZ places the replicas in other zones; otherwise only explicit placement spreads them.
 */
export function replicationGroupRedundancy(p: {
  nodes: Maybe<number>;
  failover: Maybe<boolean>;
  multiAz: Maybe<boolean>;
  azNames: Maybe<readonly string[]>;
}): Redundancy {
  if (p.nodes === undefined || isUnknown(p.nodes)) return unknownRedundancy();
  const nodes = Math.max(0, Math.floor(p.nodes));
  if (isUnknown(p.failover)) return redundancy(null, null, null);
  const failover = p.failover === true && nodes >= 2;
  const instances = failover ? nodes : Math.min(nodes, 1);
  let zones: Zones | null;
  const placed = Array.isArray(p.azNames) ? capZones(zonesFromNames(p.azNames), nodes) : isUnknown(p.azNames) ? undefined : null;
  if (isUnknown(p.multiAz)) zones = null;
  else if (nodes <= 1) zones = placed ?? { count: 1 };
  else if (placed) zones = placed;
  else if (p.multiAz === true) zones = { count: 2 };
  else if (placed === undefined) zones = null;
  else zones = { count: 1 };
  return redundancy(instances, zones, failover);
}

/* -- aws_elasticache_replication_group ---------------------------------------------------------- */

const replicationGroup: CatalogEntry = {
  id: 'aws-elasticache-replication-group',
  title: 'ElastiCache replication group (Redis / Valkey)',
  role: 'cache',
  types: { terraform: ['aws_elasticache_replication_group'], cloudformation: ['AWS::ElastiCache::ReplicationGroup'] },
  attributes: {
    numCacheClusters: { terraform: 'num_cache_clusters', cloudformation: 'NumCacheClusters' },
    numberCacheClusters: { terraform: 'number_cache_clusters' },
    numNodeGroups: { terraform: 'num_node_groups', cloudformation: 'NumNodeGroups' },
    replicasPerNodeGroup: { terraform: 'replicas_per_node_group', cloudformation: 'ReplicasPerNodeGroup' },
    legacyReplicasPerNodeGroup: { terraform: 'cluster_mode.replicas_per_node_group' },
    legacyNumNodeGroups: { terraform: 'cluster_mode.num_node_groups' },
    automaticFailoverEnabled: { terraform: 'automatic_failover_enabled', cloudformation: 'AutomaticFailoverEnabled' },
    multiAzEnabled: { terraform: 'multi_az_enabled', cloudformation: 'MultiAZEnabled' },
    preferredCacheClusterAzs: { terraform: 'preferred_cache_cluster_azs', cloudformation: 'PreferredCacheClusterAZs' },
    globalReplicationGroupId: { terraform: 'global_replication_group_id', cloudformation: 'GlobalReplicationGroupId' },
  },
  members: { terraform: { types: ['aws_elasticache_cluster'], key: 'replication_group_id' } },
  // A secondary of a global datastore copies the primary group (the datastore names the primary, not the secondary).
  copyOf: { keys: ['globalReplicationGroupId'] },
  judge(r) {
    return judgeReplicationGroup(r);
  },
  recovery: recovery('cacheReplicaFailover', 'cacheNodeReplace'),
  impact: 'cache reads and writes fail until the primary node is replaced, and its data is lost',
};

function judgeReplicationGroup(r: ResourceView): Judgement {
  // Nodes per shard: replicas_per_node_group (cluster mode or not) decides when set; else num_cache_clusters
  // (legacy number_cache_clusters); a sharded group without replicas has one node per shard; default 1.
  const replicas = firstOf(r, ['replicasPerNodeGroup', 'legacyReplicasPerNodeGroup'], num);
  const clusters = firstOf(r, ['numCacheClusters', 'numberCacheClusters'], num);
  const shards = firstOf(r, ['numNodeGroups', 'legacyNumNodeGroups'], num);
  let nodes: Maybe<number>;
  let nodesKey: string;
  let sharded = false;
  if (replicas.value !== undefined) {
    nodes = isUnknown(replicas.value) ? UNKNOWN : 1 + replicas.value;
    nodesKey = replicas.key;
    sharded = true;
  } else if (clusters.value !== undefined) {
    nodes = clusters.value;
    nodesKey = clusters.key;
  } else if (shards.value !== undefined) {
    nodes = isUnknown(shards.value) ? UNKNOWN : 1;
    nodesKey = shards.key;
    sharded = true;
  } else {
    nodes = 1;
    nodesKey = 'numCacheClusters';
  }
  // Read replicas declared as aws_elasticache_cluster with replication_group_id (optional, 0 when none).
  const extra = r.get(MEMBERS_KEY) === undefined ? 0 : asNumber(r.get(MEMBERS_KEY));
  if (!sharded && typeof nodes === 'number') nodes = isUnknown(extra) ? UNKNOWN : nodes + (extra ?? 0);

  const failover = bool(r, 'automaticFailoverEnabled') ?? false;
  const multiAz = bool(r, 'multiAzEnabled') ?? false;
  const azNames = asStrings(r.get('preferredCacheClusterAzs'));
  const red = replicationGroupRedundancy({ nodes, failover, multiAz, azNames });
  const decisive = [nodesKey, 'automaticFailoverEnabled', 'multiAzEnabled'];

  let fix: Judgement['fix'];
  if (typeof nodes === 'number' && !isUnknown(failover) && !isUnknown(multiAz)) {
    if (nodes < 2) {
      fix = sharded
        ? { key: 'replicasPerNodeGroup', value: 1, note: 'one replica per shard; also set automatic_failover_enabled and multi_az_enabled' }
        : { key: 'numCacheClusters', value: 2, note: 'a replica; also set automatic_failover_enabled = true and multi_az_enabled = true' };
    } else if (!failover) {
      fix = { key: 'automaticFailoverEnabled', value: true, note: 'promotes a replica when the primary fails' };
    } else if (!multiAz && (red.zones?.count ?? 0) < 2) {
      fix = { key: 'multiAzEnabled', value: true, note: 'places the replicas in other zones' };
    }
  }
  return judgement(red, decisive, fix);
}

/* -- aws_elasticache_cluster -------------------------------------------------------------------- */

const cacheCluster: CatalogEntry = {
  id: 'aws-elasticache-cluster',
  title: 'ElastiCache cache cluster',
  role: 'cache',
  types: { terraform: ['aws_elasticache_cluster'], cloudformation: ['AWS::ElastiCache::CacheCluster'] },
  attributes: {
    engine: { terraform: 'engine', cloudformation: 'Engine' },
    numCacheNodes: { terraform: 'num_cache_nodes', cloudformation: 'NumCacheNodes' },
    azMode: { terraform: 'az_mode', cloudformation: 'AZMode' },
    availabilityZone: { terraform: 'availability_zone', cloudformation: 'PreferredAvailabilityZone' },
    preferredAvailabilityZones: { terraform: 'preferred_availability_zones', cloudformation: 'PreferredAvailabilityZones' },
    replicationGroupId: { terraform: 'replication_group_id' },
  },
  // A cluster that joins a replication group is one of its replicas, counted in the group's `__members`.
  applies: (r) => r.get('replicationGroupId') === undefined,
  judge(r) {
    const engine = enumOf(r, 'engine');
    if (engine === undefined || isUnknown(engine)) return judgement(unknownRedundancy(), ['engine']);
    const az = str(r, 'availabilityZone');
    if (engine !== 'memcached') {
      // Redis / Valkey cache clusters have exactly one node; replicas need a replication group.
      return judgement(redundancy(1, isUnknown(az) ? { count: 1 } : oneZone(az), false), ['engine'], undefined);
    }
    // Memcached: every node holds a share of the keys; one node failing loses its share, the rest serve.
    const nodes = num(r, 'numCacheNodes');
    const azMode = enumOf(r, 'azMode') ?? 'single-az';
    if (nodes === undefined || isUnknown(nodes) || isUnknown(azMode)) return judgement(unknownRedundancy(), ['numCacheNodes', 'azMode']);
    const names = asStrings(r.get('preferredAvailabilityZones'));
    let zones: Zones | null;
    if (Array.isArray(names) && names.length > 0) zones = capZones(zonesFromNames(names), nodes);
    else if (azMode === 'cross-az' && nodes >= 2) zones = { count: 2 };
    else zones = isUnknown(az) ? { count: 1 } : oneZone(az);
    const fix =
      nodes < 2
        ? { key: 'numCacheNodes', value: 2, note: 'and az_mode = "cross-az"' }
        : azMode !== 'cross-az' && (zones?.count ?? 0) < 2
          ? { key: 'azMode', value: 'cross-az' }
          : undefined;
    return judgement(redundancy(nodes, zones, false), ['numCacheNodes', 'azMode'], fix);
  },
  recovery: recovery('loadBalanced', 'cacheNodeReplace'),
  impact: 'the cache fails until the node is replaced, and its contents are lost',
};

/* -- aws_memorydb_cluster ----------------------------------------------------------------------- */

const memorydb: CatalogEntry = {
  id: 'aws-memorydb-cluster',
  title: 'MemoryDB cluster',
  role: 'database',
  types: { terraform: ['aws_memorydb_cluster'], cloudformation: ['AWS::MemoryDB::Cluster'] },
  attributes: {
    numReplicasPerShard: { terraform: 'num_replicas_per_shard', cloudformation: 'NumReplicasPerShard' },
  },
  judge(r) {
    // Provider default: one replica per shard; MemoryDB spreads a shard's nodes across zones.
    const replicas = num(r, 'numReplicasPerShard') ?? 1;
    if (isUnknown(replicas)) return judgement(unknownRedundancy(), ['numReplicasPerShard']);
    const nodes = 1 + replicas;
    const red = replicationGroupRedundancy({ nodes, failover: true, multiAz: true, azNames: undefined });
    const fix = replicas < 1 ? { key: 'numReplicasPerShard', value: 1 } : undefined;
    return judgement(red, ['numReplicasPerShard'], fix);
  },
  recovery: recovery('cacheReplicaFailover', 'snapshotRestore'),
  impact: 'a shard without replicas fails until its node is replaced and restored from the transaction log',
};

const serverlessCache = regional(
  'aws-elasticache-serverless-cache',
  'ElastiCache Serverless cache',
  'cache',
  { terraform: ['aws_elasticache_serverless_cache'], cloudformation: ['AWS::ElastiCache::ServerlessCache'] },
  'ElastiCache Serverless replicates data across zones automatically',
);

export const ELASTICACHE_ENTRIES: readonly CatalogEntry[] = [replicationGroup, cacheCluster, memorydb, serverlessCache];
