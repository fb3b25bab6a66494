import { describe, expect, it } from 'vitest';
import { MEMBERS_KEY } from '../../src/catalog/entry.js';
import { UNKNOWN, entry, fakeView, judge, summary } from './view.js';

describe('aws_db_instance', () => {
  it('multi_az = true: two instances in two zones with failover', () => {
    const j = judge({ type: 'aws_db_instance', attrs: { engine: 'postgres', multi_az: true } });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
    expect(j.fix).toBeUndefined();
  });

  it('multi_az absent: the provider default is a single instance; the fix is multi_az = true', () => {
    const j = judge({ type: 'aws_db_instance', attrs: { engine: 'postgres', availability_zone: 'us-east-1a' } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.redundancy.zones?.names).toEqual(['us-east-1a']);
    expect(j.fix).toMatchObject({ key: 'multiAz', value: true });
    expect(j.decisive).toContain('multiAz');
  });

  it('UNKNOWN multi_az: nothing is guessed', () => {
    const j = judge({ type: 'aws_db_instance', attrs: { multi_az: UNKNOWN } });
    expect(j.redundancy).toMatchObject({ instances: null, zones: null, failover: null });
    expect(j.fix).toBeUndefined();
  });

  it('CloudFormation MultiAZ "true" (string) is read through the shared attribute key', () => {
    const j = judge({ type: 'AWS::RDS::DBInstance', format: 'cloudformation', attrs: { MultiAZ: 'true', Engine: 'mysql' } });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'AWS::RDS::DBInstance', format: 'cloudformation', attrs: { Engine: 'mysql' } })).instances).toBe(1);
  });

  it('does not judge Aurora members', () => {
    const e = entry('aws_db_instance');
    expect(e.applies?.(fakeView({ type: 'aws_db_instance', attrs: { engine: 'aurora-postgresql' } }))).toBe(false);
    expect(e.applies?.(fakeView({ type: 'AWS::RDS::DBInstance', format: 'cloudformation', attrs: { DBClusterIdentifier: 'ref' } }))).toBe(false);
    expect(e.applies?.(fakeView({ type: 'aws_db_instance', attrs: { engine: 'mysql' } }))).toBe(true);
  });
});

describe('aws_rds_cluster', () => {
  it('judges failover by its declared member instances', () => {
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: { engine: 'aurora-postgresql', [MEMBERS_KEY]: 2 } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: { engine: 'aurora-postgresql', [MEMBERS_KEY]: 1 } }))).toEqual({ instances: 1, zones: 1, failover: false });
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: { [MEMBERS_KEY]: 0 } })).instances).toBe(0);
    // A second member is the fix in Terraform; in CloudFormation a member is a resource of its own.
    expect(judge({ type: 'aws_rds_cluster', attrs: { [MEMBERS_KEY]: 1 } }).fix).toMatchObject({ key: MEMBERS_KEY, value: 2 });
    expect(judge({ type: 'aws_rds_cluster', attrs: { [MEMBERS_KEY]: 2 } }).fix).toBeUndefined();
    expect(judge({ type: 'aws_docdb_cluster', attrs: { [MEMBERS_KEY]: 1 } }).fix).toMatchObject({ key: MEMBERS_KEY, value: 2 });
    expect(judge({ type: 'AWS::RDS::DBCluster', format: 'cloudformation', attrs: { [MEMBERS_KEY]: 1 } }).fix).toBeUndefined();
  });

  it('unknown member count stays unknown', () => {
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: { [MEMBERS_KEY]: UNKNOWN } })).instances).toBeNull();
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: {} })).instances).toBeNull();
  });

  it('Multi-AZ DB clusters (db_cluster_instance_class) have three instances; serverless v1 is zonal', () => {
    expect(summary(judge({ type: 'aws_rds_cluster', attrs: { engine: 'postgres', db_cluster_instance_class: 'db.r6gd.large', [MEMBERS_KEY]: 0 } }))).toEqual({
      instances: 3,
      zones: 3,
      failover: true,
    });
    const v1 = judge({ type: 'aws_rds_cluster', attrs: { engine_mode: 'serverless', [MEMBERS_KEY]: 0 } });
    expect(v1.redundancy).toMatchObject({ instances: 1, zonalManaged: true });
  });

  it('declares its members; members are connectors', () => {
    expect(entry('aws_rds_cluster').members?.terraform).toEqual({ types: ['aws_rds_cluster_instance'], key: 'cluster_identifier' });
    expect(entry('AWS::RDS::DBCluster', 'cloudformation').members?.cloudformation).toEqual({ types: ['AWS::RDS::DBInstance'], key: 'DBClusterIdentifier' });
    expect(entry('aws_rds_cluster_instance').role).toBe('connector');
    expect(entry('aws_rds_cluster_instance').judge).toBeUndefined();
  });

  it('DocumentDB and Neptune clusters count members the same way', () => {
    expect(summary(judge({ type: 'aws_docdb_cluster', attrs: { [MEMBERS_KEY]: 3 } }))).toEqual({ instances: 3, zones: 2, failover: true });
    expect(summary(judge({ type: 'aws_neptune_cluster', attrs: { [MEMBERS_KEY]: 1 } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
});

describe('aws_elasticache_replication_group', () => {
  it('two clusters with automatic failover and Multi-AZ are redundant', () => {
    const j = judge({ type: 'aws_elasticache_replication_group', attrs: { num_cache_clusters: 2, automatic_failover_enabled: true, multi_az_enabled: true } });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
    expect(j.fix).toBeUndefined();
  });

  it('defaults: one node, no failover', () => {
    const j = judge({ type: 'aws_elasticache_replication_group', attrs: {} });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'numCacheClusters', value: 2 });
  });

  it('replicas without automatic failover: only the primary serves writes', () => {
    const j = judge({ type: 'aws_elasticache_replication_group', attrs: { num_cache_clusters: 3 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'automaticFailoverEnabled', value: true });
  });

  it('failover without Multi-AZ stays in one zone unless placed explicitly', () => {
    const j = judge({ type: 'aws_elasticache_replication_group', attrs: { num_cache_clusters: 2, automatic_failover_enabled: true } });
    expect(summary(j)).toEqual({ instances: 2, zones: 1, failover: true });
    expect(j.fix).toMatchObject({ key: 'multiAzEnabled', value: true });
    const placed = judge({
      type: 'aws_elasticache_replication_group',
      attrs: { num_cache_clusters: 2, automatic_failover_enabled: true, preferred_cache_cluster_azs: ['eu-west-1a', 'eu-west-1b'] },
    });
    expect(placed.redundancy.zones).toEqual({ count: 2, names: ['eu-west-1a', 'eu-west-1b'] });
  });

  it('cluster mode: nodes per shard = 1 + replicas_per_node_group; legacy blocks and number_cache_clusters', () => {
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { num_node_groups: 3, replicas_per_node_group: 2, automatic_failover_enabled: true, multi_az_enabled: true } }))).toEqual({
      instances: 3,
      zones: 2,
      failover: true,
    });
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { num_node_groups: 3, automatic_failover_enabled: true } })).instances).toBe(1);
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { cluster_mode: { num_node_groups: 2, replicas_per_node_group: 1 }, automatic_failover_enabled: true } })).instances).toBe(2);
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { number_cache_clusters: 2, automatic_failover_enabled: true } })).instances).toBe(2);
  });

  it('read replicas declared as aws_elasticache_cluster count through __members', () => {
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { automatic_failover_enabled: true, multi_az_enabled: true, [MEMBERS_KEY]: 1 } })).instances).toBe(2);
  });

  it('UNKNOWN failover flag is not guessed', () => {
    expect(summary(judge({ type: 'aws_elasticache_replication_group', attrs: { num_cache_clusters: 2, automatic_failover_enabled: UNKNOWN } })).instances).toBeNull();
  });
});

describe('aws_elasticache_cluster', () => {
  it('a Redis cache cluster is a single node', () => {
    const j = judge({ type: 'aws_elasticache_cluster', attrs: { engine: 'redis', availability_zone: 'us-east-1b' } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
  });

  it('Memcached: num_cache_nodes nodes, cross-az spreads them', () => {
    expect(summary(judge({ type: 'aws_elasticache_cluster', attrs: { engine: 'memcached', num_cache_nodes: 3, az_mode: 'cross-az' } }))).toEqual({ instances: 3, zones: 2, failover: false });
    const single = judge({ type: 'aws_elasticache_cluster', attrs: { engine: 'memcached', num_cache_nodes: 1 } });
    expect(summary(single).instances).toBe(1);
    expect(single.fix).toMatchObject({ key: 'numCacheNodes', value: 2 });
  });

  it('a member of a replication group is not judged on its own', () => {
    expect(entry('aws_elasticache_cluster').applies?.(fakeView({ type: 'aws_elasticache_cluster', attrs: { replication_group_id: 'x' } }))).toBe(false);
  });
});

describe('aws_autoscaling_group', () => {
  it('min_size 2 over subnets in three zones', () => {
    const j = judge({ type: 'aws_autoscaling_group', attrs: { min_size: 2, max_size: 4, vpc_zone_identifier: ['a', 'b', 'c'] }, zones: { count: 3 } });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
  });

  it('min_size 1 is a single instance; the fix raises min_size', () => {
    const j = judge({ type: 'aws_autoscaling_group', attrs: { min_size: 1, max_size: 3 }, zones: { count: 3 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'minSize', value: 2 });
  });

  it('literal availability_zones give zone names; unresolved subnets stay unknown', () => {
    const j = judge({ type: 'aws_autoscaling_group', attrs: { min_size: 2, availability_zones: ['us-east-1a', 'us-east-1b'] } });
    expect(j.redundancy.zones).toEqual({ count: 2, names: ['us-east-1a', 'us-east-1b'] });
    expect(judge({ type: 'aws_autoscaling_group', attrs: { min_size: 3, vpc_zone_identifier: ['x'] } }).redundancy.zones).toBeNull();
  });

  it('CloudFormation MinSize is a string', () => {
    expect(summary(judge({ type: 'AWS::AutoScaling::AutoScalingGroup', format: 'cloudformation', attrs: { MinSize: '2' }, zones: { count: 2 } }))).toEqual({ instances: 2, zones: 2, failover: true });
  });

  it('its target groups need it', () => {
    expect(entry('aws_autoscaling_group').edges).toMatchObject({ reverse: ['targetGroupArns', 'loadBalancers', 'trafficSource'], alternatives: true });
    expect(entry('aws_autoscaling_group').attributes?.['targetGroupArns']).toEqual({ terraform: 'target_group_arns', cloudformation: 'TargetGroupARNs' });
  });
});

describe('aws_lb / aws_alb', () => {
  it('an ALB spans at least two zones by construction', () => {
    const j = judge({ type: 'aws_lb', attrs: { subnets: ['a', 'b'] } });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
    expect(j.entryPoint).toBeUndefined();
    expect(summary(judge({ type: 'aws_alb', attrs: {}, zones: { count: 3 } })).zones).toBe(3);
  });

  it('an NLB in one subnet is a zonal single point', () => {
    const j = judge({ type: 'aws_lb', attrs: { load_balancer_type: 'network', subnets: ['a'] } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.redundancy.zonalManaged).toBe(true);
    expect(summary(judge({ type: 'aws_lb', attrs: { load_balancer_type: 'network', subnet_mapping: [{ subnet_id: 'a' }, { subnet_id: 'b' }] } })).zones).toBe(2);
  });

  it('internal = true is not an entry point; CloudFormation Scheme internal neither', () => {
    expect(judge({ type: 'aws_lb', attrs: { internal: true, subnets: ['a', 'b'] } }).entryPoint).toBe(false);
    expect(judge({ type: 'aws_lb', attrs: { internal: false, subnets: ['a', 'b'] } }).entryPoint).toBe(true);
    expect(judge({ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', format: 'cloudformation', attrs: { Scheme: 'internal', Subnets: ['a', 'b'] } }).entryPoint).toBe(false);
    expect(entry('aws_lb').entryPoint).toBe(true);
  });

  it('UNKNOWN type is not guessed', () => {
    expect(summary(judge({ type: 'aws_lb', attrs: { load_balancer_type: UNKNOWN } })).instances).toBeNull();
  });
});

describe('aws_elb (classic)', () => {
  it('zones from subnets or availability_zones', () => {
    expect(summary(judge({ type: 'aws_elb', attrs: { availability_zones: ['us-east-1a', 'us-east-1b'] } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'aws_elb', attrs: { subnets: ['a'] } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
});

describe('aws_nat_gateway', () => {
  it('one gateway: zonal managed in the zone of its subnet', () => {
    const j = judge({ type: 'aws_nat_gateway', attrs: { subnet_id: 'ref' }, zones: { count: 1, names: ['us-east-1a'] } });
    expect(j.redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['us-east-1a'] }, zonalManaged: true, failover: false });
  });

  it('one per zone (count = 3) spans three zones', () => {
    expect(summary(judge({ type: 'aws_nat_gateway', count: 3, zones: { count: 3 } }))).toMatchObject({ instances: 3, zones: 3 });
  });

  it('unknown count, and regional availability mode', () => {
    expect(summary(judge({ type: 'aws_nat_gateway', count: null })).instances).toBeNull();
    const regional = judge({ type: 'aws_nat_gateway', attrs: { availability_mode: 'regional' } });
    expect(regional.regional).toBe(true);
    expect(summary(regional).zones).toBeGreaterThanOrEqual(2);
  });
});

describe('aws_instance', () => {
  it('a single instance', () => {
    expect(summary(judge({ type: 'aws_instance', attrs: { subnet_id: 'ref' } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
  it('count copies over resolved zones', () => {
    expect(summary(judge({ type: 'aws_instance', count: 3, zones: { count: 3 } }))).toEqual({ instances: 3, zones: 3, failover: false });
    expect(summary(judge({ type: 'aws_instance', count: 2 })).zones).toBeNull();
  });
  it('count = 1 written: the fix is count = 2; without count (or with for_each) no one-edit fix', () => {
    expect(judge({ type: 'aws_instance', count: 1, attrs: { count: 1 } }).fix).toMatchObject({ key: 'count', value: 2 });
    expect(judge({ type: 'aws_instance', count: 1 }).fix).toBeUndefined();
    expect(judge({ type: 'aws_instance', count: 3, attrs: { count: 3 } }).fix).toBeUndefined();
  });
});

describe('aws_mq_broker', () => {
  it('deployment modes', () => {
    expect(summary(judge({ type: 'aws_mq_broker', attrs: { deployment_mode: 'ACTIVE_STANDBY_MULTI_AZ', engine_type: 'ActiveMQ' } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'aws_mq_broker', attrs: { deployment_mode: 'CLUSTER_MULTI_AZ', engine_type: 'RabbitMQ' } }))).toEqual({ instances: 3, zones: 3, failover: true });
    const single = judge({ type: 'aws_mq_broker', attrs: { engine_type: 'RabbitMQ' } });
    expect(summary(single)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(single.fix).toMatchObject({ key: 'deploymentMode', value: 'CLUSTER_MULTI_AZ' });
    expect(judge({ type: 'aws_mq_broker', attrs: { engine_type: 'ActiveMQ' } }).fix?.value).toBe('ACTIVE_STANDBY_MULTI_AZ');
  });
});

describe('aws_opensearch_domain / aws_elasticsearch_domain', () => {
  it('zone-aware multi-node domain', () => {
    const attrs = { cluster_config: { instance_count: 3, zone_awareness_enabled: true, zone_awareness_config: { availability_zone_count: 3 } } };
    expect(summary(judge({ type: 'aws_opensearch_domain', attrs }))).toEqual({ instances: 3, zones: 3, failover: true });
    expect(summary(judge({ type: 'aws_elasticsearch_domain', attrs }))).toEqual({ instances: 3, zones: 3, failover: true });
  });

  it('defaults: one node in one zone', () => {
    const j = judge({ type: 'aws_opensearch_domain', attrs: {} });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'instanceCount', value: 2 });
  });

  it('zone awareness defaults to two zones', () => {
    expect(summary(judge({ type: 'aws_opensearch_domain', attrs: { cluster_config: { instance_count: 4, zone_awareness_enabled: true } } })).zones).toBe(2);
    const noZa = judge({ type: 'aws_opensearch_domain', attrs: { cluster_config: { instance_count: 2 } } });
    expect(summary(noZa).zones).toBe(1);
    expect(noZa.fix).toMatchObject({ key: 'zoneAwarenessEnabled', value: true });
  });

  it('CloudFormation names differ per service', () => {
    expect(summary(judge({ type: 'AWS::OpenSearchService::Domain', format: 'cloudformation', attrs: { ClusterConfig: { InstanceCount: '2', ZoneAwarenessEnabled: 'true' } } }))).toEqual({
      instances: 2,
      zones: 2,
      failover: true,
    });
    expect(summary(judge({ type: 'AWS::Elasticsearch::Domain', format: 'cloudformation', attrs: { ElasticsearchClusterConfig: { InstanceCount: 1 } } })).instances).toBe(1);
  });
});

describe('aws_msk_cluster', () => {
  it('brokers over client subnets', () => {
    expect(summary(judge({ type: 'aws_msk_cluster', attrs: { number_of_broker_nodes: 3, broker_node_group_info: { client_subnets: ['a', 'b', 'c'] } } }))).toEqual({
      instances: 3,
      zones: 3,
      failover: true,
    });
    expect(judge({ type: 'aws_msk_cluster', attrs: { number_of_broker_nodes: 3 } }).redundancy.quorum).toBe(false);
  });
  it('a single broker', () => {
    expect(summary(judge({ type: 'aws_msk_cluster', attrs: { number_of_broker_nodes: 1 } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
});

describe('aws_efs_file_system', () => {
  it('Regional storage by default', () => {
    const j = judge({ type: 'aws_efs_file_system', attrs: {} });
    expect(j.regional).toBe(true);
    expect(summary(j).zones).toBeGreaterThanOrEqual(2);
  });
  it('One Zone storage', () => {
    const j = judge({ type: 'aws_efs_file_system', attrs: { availability_zone_name: 'us-east-1a' } });
    expect(j.regional).toBe(false);
    expect(j.redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['us-east-1a'] }, zonalManaged: true });
  });
});

describe('aws_route53_record', () => {
  it('one record is one instance; failover records are health-checked alternatives', () => {
    expect(summary(judge({ type: 'aws_route53_record', attrs: { name: 'api', type: 'A' } }))).toMatchObject({ instances: 1, failover: false });
    expect(summary(judge({ type: 'aws_route53_record', attrs: { name: 'api', type: 'A', set_identifier: 'a', failover_routing_policy: { type: 'PRIMARY' } } })).failover).toBe(true);
    expect(summary(judge({ type: 'AWS::Route53::RecordSet', format: 'cloudformation', attrs: { Failover: 'SECONDARY' } })).failover).toBe(true);
    const e = entry('aws_route53_record');
    expect(e.entryPoint).toBe(true);
    expect(e.role).toBe('dns');
    expect(e.redundancyGroup).toEqual({ keys: ['name', 'type'], k: 1, when: 'setIdentifier' });
  });
});

describe('aws_eks_node_group', () => {
  it('min_size over subnets', () => {
    expect(summary(judge({ type: 'aws_eks_node_group', attrs: { scaling_config: { min_size: 3, desired_size: 3, max_size: 6 } }, zones: { count: 3 } }))).toEqual({ instances: 3, zones: 3, failover: true });
    const j = judge({ type: 'aws_eks_node_group', attrs: { scaling_config: { min_size: 1, desired_size: 2, max_size: 3 } }, zones: { count: 2 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'minSize', value: 2 });
  });

  it('its cluster needs it (the workloads run on node groups): interchangeable with the other node groups', () => {
    const e = entry('aws_eks_node_group');
    expect(e.edges).toEqual({ reverse: ['clusterName'], alternatives: true });
    expect(e.attributes?.['clusterName']).toEqual({ terraform: 'cluster_name', cloudformation: 'ClusterName' });
  });
});

describe('aws_ecs_service', () => {
  it('desired_count over awsvpc subnets', () => {
    const j = judge({ type: 'aws_ecs_service', attrs: { desired_count: 3, launch_type: 'FARGATE', network_configuration: { subnets: ['a', 'b'] } }, zones: { count: 2 } });
    expect(summary(j)).toEqual({ instances: 3, zones: 2, failover: true });
  });
  it('one task', () => {
    const j = judge({ type: 'aws_ecs_service', attrs: { desired_count: 1 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'desiredCount', value: 2 });
  });
  it('absent desired_count: Terraform default 0 is driven by autoscaling (unknown); CloudFormation creates 1', () => {
    expect(summary(judge({ type: 'aws_ecs_service', attrs: {} })).instances).toBeNull();
    expect(summary(judge({ type: 'AWS::ECS::Service', format: 'cloudformation', attrs: {} })).instances).toBe(1);
    expect(summary(judge({ type: 'aws_ecs_service', attrs: { scheduling_strategy: 'DAEMON' } })).instances).toBeNull();
  });
  it('target groups and Cloud Map services need it', () => {
    expect(entry('aws_ecs_service').edges?.reverse).toEqual(['loadBalancers', 'serviceRegistries']);
  });
});

describe('other AWS stores', () => {
  it('MemoryDB defaults to one replica per shard', () => {
    expect(summary(judge({ type: 'aws_memorydb_cluster', attrs: {} }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'aws_memorydb_cluster', attrs: { num_replicas_per_shard: 0 } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });

  it('EBS volumes and S3 Express buckets live in one zone', () => {
    expect(judge({ type: 'aws_ebs_volume', attrs: { availability_zone: 'us-east-1c' } }).redundancy).toMatchObject({ zones: { count: 1, names: ['us-east-1c'] }, zonalManaged: true });
    expect(judge({ type: 'aws_s3_directory_bucket', attrs: { location: { name: 'use1-az4' } } }).regional).toBe(false);
  });

  it('FSx: Multi-AZ deployments are redundant, single-AZ are zonal', () => {
    expect(summary(judge({ type: 'aws_fsx_ontap_file_system', attrs: { deployment_type: 'MULTI_AZ_1' } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(judge({ type: 'aws_fsx_windows_file_system', attrs: {} }).redundancy).toMatchObject({ instances: 1, zonalManaged: true });
  });

  it('EFS mount targets and interface endpoints are per zone', () => {
    expect(summary(judge({ type: 'aws_efs_mount_target', count: 3, zones: { count: 3 } }))).toMatchObject({ instances: 3, zones: 3 });
    expect(summary(judge({ type: 'aws_vpc_endpoint', attrs: { vpc_endpoint_type: 'Interface', subnet_ids: ['a'] } }))).toMatchObject({ instances: 1, zones: 1 });
    expect(judge({ type: 'aws_vpc_endpoint', attrs: { service_name: 'com.amazonaws.us-east-1.s3' } }).regional).toBe(true);
  });
});
