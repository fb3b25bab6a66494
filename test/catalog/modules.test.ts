import { describe, expect, it } from 'vitest';
import { UNKNOWN, entry, fakeView, judge, summary } from './view.js';

const VPC = 'module:terraform-aws-modules/vpc/aws';
const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const SUBNETS = ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'];

describe('terraform-aws-modules/vpc', () => {
  it('single_nat_gateway: one NAT gateway in the first zone; the fix turns it off', () => {
    const j = judge({ type: VPC, attrs: { azs: AZS, public_subnets: SUBNETS, private_subnets: SUBNETS, enable_nat_gateway: true, single_nat_gateway: true } });
    expect(j.redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['eu-west-1a'] }, zonalManaged: true });
    expect(j.fix).toMatchObject({ key: 'single_nat_gateway', value: false });
  });

  it('one_nat_gateway_per_az: length(azs) gateways, one per zone', () => {
    const j = judge({ type: VPC, attrs: { azs: AZS, public_subnets: SUBNETS, private_subnets: SUBNETS, enable_nat_gateway: true, one_nat_gateway_per_az: true } });
    expect(j.redundancy).toMatchObject({ instances: 3, zones: { count: 3, names: AZS } });
    expect(j.fix).toBeUndefined();
  });

  it('neither: max subnet length gateways (one per subnet), zones as the public subnets cycle through azs', () => {
    const j = judge({
      type: VPC,
      attrs: { azs: ['a', 'b'], public_subnets: ['p1', 'p2'], private_subnets: ['s1', 's2', 's3', 's4'], enable_nat_gateway: true },
    });
    expect(summary(j)).toEqual({ instances: 4, zones: 2, failover: false });
    const ipv6 = judge({
      type: VPC,
      attrs: { azs: AZS, public_subnets: ['p1'], private_subnet_ipv6_prefixes: [0, 1, 2], enable_nat_gateway: true },
    });
    expect(ipv6.redundancy).toMatchObject({ instances: 3, zones: { count: 1, names: ['eu-west-1a'] } });
  });

  it('NAT disabled (the default) or create_vpc = false: a connector, not judged', () => {
    const e = entry(VPC);
    expect(e.applies?.(fakeView({ type: VPC, attrs: { azs: AZS, private_subnets: SUBNETS } }))).toBe(false);
    expect(e.applies?.(fakeView({ type: VPC, attrs: { azs: AZS, private_subnets: SUBNETS, enable_nat_gateway: true, create_vpc: false } }))).toBe(false);
    expect(e.applies?.(fakeView({ type: VPC, attrs: { enable_nat_gateway: true } }))).toBe(false);
    expect(e.role).toBe('gateway');
  });

  it('UNKNOWN inputs are not guessed', () => {
    expect(summary(judge({ type: VPC, attrs: { azs: AZS, public_subnets: SUBNETS, enable_nat_gateway: true, single_nat_gateway: UNKNOWN } })).instances).toBeNull();
    expect(summary(judge({ type: VPC, attrs: { azs: UNKNOWN, public_subnets: SUBNETS, enable_nat_gateway: true, one_nat_gateway_per_az: true } })).instances).toBeNull();
    const zonesUnknown = judge({ type: VPC, attrs: { azs: UNKNOWN, public_subnets: SUBNETS, enable_nat_gateway: true } });
    expect(summary(zonesUnknown)).toEqual({ instances: 3, zones: null, failover: false });
  });
});

describe('terraform-aws-modules/rds', () => {
  const T = 'module:terraform-aws-modules/rds/aws';
  it('multi_az', () => {
    expect(summary(judge({ type: T, attrs: { engine: 'postgres', multi_az: true } }))).toEqual({ instances: 2, zones: 2, failover: true });
    const j = judge({ type: T, attrs: { engine: 'postgres' } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'multi_az', value: true });
  });
  it('create_db_instance = false builds nothing', () => {
    expect(entry(T).applies?.(fakeView({ type: T, attrs: { create_db_instance: false } }))).toBe(false);
  });
});

describe('terraform-aws-modules/rds-aurora', () => {
  const T = 'module:terraform-aws-modules/rds-aurora/aws';
  it('instances map size', () => {
    expect(summary(judge({ type: T, attrs: { engine: 'aurora-postgresql', instances: { one: {}, two: {} } } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: T, attrs: { engine: 'aurora-postgresql', instances: { one: {} } } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
  it('a single instance: the fix adds a second entry to the instances map', () => {
    expect(judge({ type: T, attrs: { instances: { one: { instance_class: 'db.r7g.large' } } } }).fix).toEqual({
      key: 'instances',
      value: { one: { instance_class: 'db.r7g.large' }, reader: {} },
      note: 'a reader in another zone to fail over to',
    });
    expect(judge({ type: T, attrs: { instances: { reader: {} } } }).fix?.value).toEqual({ reader: {}, two: {} });
    expect(judge({ type: T, attrs: { instances: { one: {}, two: {} } } }).fix).toBeUndefined();
  });
  it('defaults to no instances; autoscaling readers count', () => {
    expect(summary(judge({ type: T, attrs: {} })).instances).toBe(0);
    expect(summary(judge({ type: T, attrs: { instances: { one: {} }, autoscaling_enabled: true, autoscaling_min_capacity: 1 } })).instances).toBe(2);
  });
  it('serverless v1, Multi-AZ DB cluster, unknown instances', () => {
    expect(judge({ type: T, attrs: { engine_mode: 'serverless' } }).redundancy.zonalManaged).toBe(true);
    expect(summary(judge({ type: T, attrs: { engine: 'postgres', allocated_storage: 100, cluster_instance_class: 'db.m5d.large' } })).instances).toBe(3);
    expect(summary(judge({ type: T, attrs: { instances: UNKNOWN } })).instances).toBeNull();
  });
});

describe('terraform-aws-modules/eks', () => {
  const T = 'module:terraform-aws-modules/eks/aws';
  it('judged by the smallest node group', () => {
    const j = judge({
      type: T,
      attrs: { subnet_ids: ['a', 'b', 'c'], eks_managed_node_groups: { big: { min_size: 3, max_size: 6 }, small: { min_size: 1, max_size: 2 } } },
      zones: { count: 3 },
    });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'eks_managed_node_groups.small.min_size', value: 2 });
  });
  it('groups default min_size to 1; create = false groups are skipped', () => {
    expect(summary(judge({ type: T, attrs: { eks_managed_node_groups: { default: {} } } })).instances).toBe(1);
    expect(summary(judge({ type: T, attrs: { eks_managed_node_groups: { a: { min_size: 2 }, b: { create: false, min_size: 1 } } }, zones: { count: 2 } }))).toEqual({
      instances: 2,
      zones: 2,
      failover: true,
    });
  });
  it('no node groups or Auto Mode: the managed control plane', () => {
    expect(judge({ type: T, attrs: {} }).regional).toBe(true);
    expect(judge({ type: T, attrs: { compute_config: { enabled: true } } }).regional).toBe(true);
  });
  it('self-managed groups and unknown maps', () => {
    expect(summary(judge({ type: T, attrs: { self_managed_node_groups: { x: { min_size: 1 } } } })).instances).toBe(1);
    expect(summary(judge({ type: T, attrs: { eks_managed_node_groups: UNKNOWN } })).instances).toBeNull();
  });
});

describe('terraform-aws-modules/elasticache', () => {
  const T = 'module:terraform-aws-modules/elasticache/aws';
  it('multi_az_enabled turns on automatic failover', () => {
    expect(summary(judge({ type: T, attrs: { num_cache_clusters: 2, multi_az_enabled: true } }))).toEqual({ instances: 2, zones: 2, failover: true });
  });
  it('defaults: one node', () => {
    const j = judge({ type: T, attrs: {} });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'num_cache_clusters', value: 2 });
  });
  it('cluster mode ignores num_cache_clusters; create_cluster adds a replica', () => {
    expect(summary(judge({ type: T, attrs: { cluster_mode_enabled: true, num_node_groups: 2, replicas_per_node_group: 1 } })).instances).toBe(2);
    expect(summary(judge({ type: T, attrs: { cluster_mode_enabled: true, num_cache_clusters: 3 } })).instances).toBe(1);
    expect(summary(judge({ type: T, attrs: { create_cluster: true, automatic_failover_enabled: true, multi_az_enabled: true } })).instances).toBe(2);
  });
});

describe('terraform-aws-modules/msk-kafka-cluster, alb, autoscaling', () => {
  it('msk brokers', () => {
    const T = 'module:terraform-aws-modules/msk-kafka-cluster/aws';
    expect(summary(judge({ type: T, attrs: { number_of_broker_nodes: 3, broker_node_client_subnets: ['a', 'b', 'c'] } }))).toEqual({ instances: 3, zones: 3, failover: true });
    expect(summary(judge({ type: T, attrs: { broker_node_client_subnets: ['a'] } })).instances).toBeNull();
    expect(summary(judge({ type: T, attrs: { number_of_broker_nodes: 1 } })).instances).toBe(1);
  });
  it('alb: type and internal', () => {
    const T = 'module:terraform-aws-modules/alb/aws';
    const alb = judge({ type: T, attrs: { subnets: ['a', 'b', 'c'] } });
    expect(summary(alb)).toEqual({ instances: 3, zones: 3, failover: true });
    expect(judge({ type: T, attrs: { subnets: ['a', 'b'], internal: true } }).entryPoint).toBe(false);
    expect(summary(judge({ type: T, attrs: { load_balancer_type: 'network', subnets: ['a'] } }))).toEqual({ instances: 1, zones: 1, failover: false });
  });
  it('autoscaling: min_size', () => {
    const T = 'module:terraform-aws-modules/autoscaling/aws';
    expect(summary(judge({ type: T, attrs: { min_size: 2, vpc_zone_identifier: ['a', 'b'] }, zones: { count: 2 } }))).toEqual({ instances: 2, zones: 2, failover: true });
    const single = judge({ type: T, attrs: { min_size: 1 } });
    expect(summary(single).instances).toBe(1);
    expect(single.fix).toMatchObject({ key: 'minSize', value: 2 });
    expect(summary(judge({ type: T, attrs: {} })).instances).toBeNull();
    expect(entry(T).attributes?.['minSize']).toEqual({ terraform: 'min_size' });
  });
});

describe('terraform-google-modules/sql-db', () => {
  it('module defaults differ per submodule', () => {
    expect(summary(judge({ type: 'module:terraform-google-modules/sql-db/google//modules/postgresql', attrs: {} })).instances).toBe(1);
    expect(summary(judge({ type: 'module:terraform-google-modules/sql-db/google//modules/mysql', attrs: {} })).instances).toBe(2);
    expect(summary(judge({ type: 'module:terraform-google-modules/sql-db/google//modules/mysql', attrs: { availability_type: null } })).instances).toBe(1);
    expect(summary(judge({ type: 'module:googlecloudplatform/sql-db/google//modules/postgresql', attrs: { availability_type: 'REGIONAL' } })).instances).toBe(2);
  });
});
