import type { CatalogEntry, Judgement } from '../entry.js';
import { UNKNOWN } from '../entry.js';
import { asStrings, bool, isUnknown, judgement, num, unknownRedundancy, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { judgeAsg } from '../aws/ec2.js';
import { LB_ATTRIBUTES, judgeLb } from '../aws/elb.js';
import { replicationGroupRedundancy } from '../aws/elasticache.js';
import { mskRedundancy } from '../aws/msk.js';
import { createdBy, moduleCreated } from './common.js';

/** The Terraform side of a resource entry's attribute map (module inputs share the resource's names). */
function terraformOnly(attrs: NonNullable<CatalogEntry['attributes']>): NonNullable<CatalogEntry['attributes']> {
  const out: NonNullable<CatalogEntry['attributes']> = {};
  for (const [k, paths] of Object.entries(attrs)) if (paths.terraform !== undefined) out[k] = { terraform: paths.terraform };
  return out;
}

/**
 * terraform-aws-modules/elasticache/aws (v1): a replication group (create_replication_group, default true)
 * and optionally a cache cluster (create_cluster, default false) that joins the group as one more replica.
 * In the group: automatic_failover_enabled = multi_az_enabled || cluster_mode_enabled ? true : var (default
 * null = false); num_cache_clusters is ignored in cluster mode; num_node_groups only counts in cluster mode.
 */
const elasticacheModule: CatalogEntry = {
  id: 'tf-module-aws-elasticache',
  title: 'ElastiCache module (terraform-aws-modules/elasticache)',
  role: 'cache',
  types: { terraform: ['module:terraform-aws-modules/elasticache/aws'] },
  applies: (r) => moduleCreated(r, ['create']) !== false && (bool(r, 'create_replication_group') !== false || bool(r, 'create_cluster') === true),
  judge(r): Judgement {
    const decisive = ['num_cache_clusters', 'replicas_per_node_group', 'automatic_failover_enabled', 'multi_az_enabled'];
    const group = bool(r, 'create_replication_group') ?? true;
    const cluster = bool(r, 'create_cluster') ?? false;
    const clusterMode = bool(r, 'cluster_mode_enabled') ?? false;
    const multiAz = bool(r, 'multi_az_enabled') ?? false;
    if (isUnknown(moduleCreated(r, ['create'])) || isUnknown(group) || isUnknown(cluster) || isUnknown(clusterMode) || isUnknown(multiAz)) {
      return judgement(unknownRedundancy(), decisive);
    }
    if (!group) {
      // A standalone cache cluster: one Redis node, or num_cache_nodes Memcached nodes.
      const engine = r.get('engine') ?? 'redis';
      const nodes = engine === 'memcached' ? (num(r, 'num_cache_nodes') ?? 1) : 1;
      if (isUnknown(engine) || isUnknown(nodes)) return judgement(unknownRedundancy(), ['engine', 'num_cache_nodes']);
      const crossAz = r.get('az_mode') === 'cross-az' && nodes >= 2;
      return judgement({ instances: nodes, zones: { count: crossAz ? 2 : 1 }, failover: false, quorum: false }, ['engine', 'num_cache_nodes', 'az_mode']);
    }
    const failover = multiAz || clusterMode ? true : (bool(r, 'automatic_failover_enabled') ?? false);
    const replicas = num(r, 'replicas_per_node_group');
    const clusters = clusterMode ? undefined : num(r, 'num_cache_clusters');
    let nodes: Maybe<number>;
    if (replicas !== undefined) nodes = isUnknown(replicas) ? UNKNOWN : 1 + replicas;
    else if (clusters !== undefined) nodes = clusters;
    else nodes = 1;
    if (typeof nodes === 'number' && cluster && !clusterMode) nodes += 1;
    const red = replicationGroupRedundancy({ nodes, failover, multiAz, azNames: asStrings(r.get('preferred_cache_cluster_azs')) });
    let fix: Judgement['fix'];
    if (typeof nodes === 'number' && !isUnknown(failover)) {
      if (nodes < 2) fix = clusterMode ? { key: 'replicas_per_node_group', value: 1 } : { key: 'num_cache_clusters', value: 2, note: 'and multi_az_enabled = true' };
      else if (!failover) fix = { key: 'multi_az_enabled', value: true, note: 'also enables automatic failover' };
      else if (!multiAz && (red.zones?.count ?? 0) < 2) fix = { key: 'multi_az_enabled', value: true };
    }
    return judgement(red, decisive, fix);
  },
  recovery: recovery('cacheReplicaFailover', 'cacheNodeReplace'),
  impact: 'cache reads and writes fail until the primary node is replaced, and its data is lost',
};

/** terraform-aws-modules/msk-kafka-cluster/aws: number_of_broker_nodes (no default), broker_node_client_subnets. */
const mskModule: CatalogEntry = {
  id: 'tf-module-aws-msk',
  title: 'MSK module (terraform-aws-modules/msk-kafka-cluster)',
  role: 'queue',
  types: { terraform: ['module:terraform-aws-modules/msk-kafka-cluster/aws'] },
  applies: createdBy(['create']),
  judge(r) {
    const red = mskRedundancy(num(r, 'number_of_broker_nodes'), r.zones(['broker_node_client_subnets']), r.length('broker_node_client_subnets'));
    return judgement(red, ['number_of_broker_nodes', 'broker_node_client_subnets']);
  },
  recovery: recovery('logReplicated', 'logSingle'),
  impact: 'producers and consumers fail until the broker is replaced; unreplicated messages are lost',
};

/** terraform-aws-modules/alb/aws: inputs named like aws_lb's attributes (load_balancer_type default "application"). */
const albModule: CatalogEntry = {
  id: 'tf-module-aws-alb',
  title: 'Load balancer module (terraform-aws-modules/alb)',
  role: 'load-balancer',
  types: { terraform: ['module:terraform-aws-modules/alb/aws'] },
  attributes: terraformOnly(LB_ATTRIBUTES),
  entryPoint: true,
  applies: createdBy(['create', 'putin_khuylo']),
  judge: judgeLb,
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'a load balancer in a single zone stops serving when that zone fails',
};

/**
 * terraform-aws-modules/autoscaling/aws: min_size (default null: required by the ASG, unknown when absent),
 * vpc_zone_identifier / availability_zones. Target groups it registers with need it.
 */
const autoscalingModule: CatalogEntry = {
  id: 'tf-module-aws-autoscaling',
  title: 'Auto Scaling module (terraform-aws-modules/autoscaling)',
  role: 'compute',
  types: { terraform: ['module:terraform-aws-modules/autoscaling/aws'] },
  attributes: {
    minSize: { terraform: 'min_size' },
    vpcZoneIdentifier: { terraform: 'vpc_zone_identifier' },
    availabilityZones: { terraform: 'availability_zones' },
    targetGroupArns: { terraform: 'target_group_arns' },
    trafficSourceAttachments: { terraform: 'traffic_source_attachments' },
  },
  applies: createdBy(['create', 'putin_khuylo']),
  judge: judgeAsg,
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests fail until the group replaces its only instance',
  edges: { reverse: ['targetGroupArns', 'trafficSourceAttachments'], alternatives: true },
};

export const AWS_MODULE_ENTRIES: readonly CatalogEntry[] = [elasticacheModule, mskModule, albModule, autoscalingModule];
