import { describe, expect, it } from 'vitest';
import { UNKNOWN, judge, summary } from './view.js';

describe('google_sql_database_instance', () => {
  it('REGIONAL availability: standby in another zone', () => {
    const j = judge({
      type: 'google_sql_database_instance',
      attrs: { settings: { availability_type: 'REGIONAL', location_preference: { zone: 'europe-west1-b', secondary_zone: 'europe-west1-c' } } },
    });
    expect(summary(j)).toEqual({ instances: 2, zones: 2, failover: true });
    expect(j.redundancy.zones?.names).toEqual(['europe-west1-b', 'europe-west1-c']);
  });
  it('default ZONAL: one instance; the fix is REGIONAL', () => {
    const j = judge({ type: 'google_sql_database_instance', attrs: { settings: { tier: 'db-f1-micro' } } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'settings.availability_type', value: 'REGIONAL' });
  });
  it('UNKNOWN availability type', () => {
    expect(summary(judge({ type: 'google_sql_database_instance', attrs: { settings: { availability_type: UNKNOWN } } })).instances).toBeNull();
  });
});

describe('google_container_cluster', () => {
  it('a region location replicates the control plane', () => {
    expect(summary(judge({ type: 'google_container_cluster', attrs: { location: 'us-central1' } }))).toEqual({ instances: 3, zones: 3, failover: true });
    expect(summary(judge({ type: 'google_container_cluster', attrs: { location: 'us-central1-a', enable_autopilot: true } })).instances).toBe(3);
  });
  it('a zone location is a single control plane; the fix is the region', () => {
    const j = judge({ type: 'google_container_cluster', attrs: { location: 'us-central1-a' } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'location', value: 'us-central1' });
  });
  it('unknown or absent location', () => {
    expect(summary(judge({ type: 'google_container_cluster', attrs: { location: UNKNOWN } })).instances).toBeNull();
    expect(summary(judge({ type: 'google_container_cluster', attrs: {} })).instances).toBeNull();
  });
});

describe('google_container_node_pool', () => {
  it('node_count per zone times node_locations', () => {
    expect(summary(judge({ type: 'google_container_node_pool', attrs: { node_count: 1, node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'] } }))).toEqual({
      instances: 3,
      zones: 3,
      failover: true,
    });
  });
  it('regional location defaults to three zones; autoscaling min per zone', () => {
    expect(summary(judge({ type: 'google_container_node_pool', attrs: { location: 'europe-west4', autoscaling: { min_node_count: 1, max_node_count: 3 } } }))).toEqual({
      instances: 3,
      zones: 3,
      failover: true,
    });
    expect(summary(judge({ type: 'google_container_node_pool', attrs: { location: 'europe-west4', autoscaling: { total_min_node_count: 2 } } })).instances).toBe(2);
  });
  it('one node in one zone', () => {
    const j = judge({ type: 'google_container_node_pool', attrs: { location: 'europe-west4-a', node_count: 1 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'node_count', value: 2 });
  });
});

describe('google_redis_instance', () => {
  it('STANDARD_HA has a replica in another zone', () => {
    expect(summary(judge({ type: 'google_redis_instance', attrs: { tier: 'STANDARD_HA', location_id: 'us-east1-b', alternative_location_id: 'us-east1-c' } }))).toEqual({
      instances: 2,
      zones: 2,
      failover: true,
    });
  });
  it('BASIC (default) is one node', () => {
    const j = judge({ type: 'google_redis_instance', attrs: { memory_size_gb: 1 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'tier', value: 'STANDARD_HA' });
  });
  it('Redis Cluster without replicas loses shards', () => {
    expect(summary(judge({ type: 'google_redis_cluster', attrs: { shard_count: 3 } })).instances).toBe(1);
    expect(summary(judge({ type: 'google_redis_cluster', attrs: { shard_count: 3, replica_count: 1 } }))).toEqual({ instances: 2, zones: 2, failover: true });
  });
});

describe('google_compute_instance and instance groups', () => {
  it('a single VM', () => {
    expect(judge({ type: 'google_compute_instance', attrs: { zone: 'us-central1-a' } }).redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['us-central1-a'] } });
  });
  it('copies in one literal zone share it; resolved placement spreads them', () => {
    expect(summary(judge({ type: 'google_compute_instance', count: 3, attrs: { zone: 'us-central1-a' } }))).toEqual({ instances: 3, zones: 1, failover: false });
    expect(summary(judge({ type: 'google_compute_instance', count: 3, zones: { count: 3 } })).zones).toBe(3);
  });
  it('zonal and regional managed instance groups', () => {
    expect(summary(judge({ type: 'google_compute_instance_group_manager', attrs: { target_size: 3, zone: 'us-central1-a' } }))).toEqual({ instances: 3, zones: 1, failover: true });
    expect(summary(judge({ type: 'google_compute_instance_group_manager', attrs: { zone: 'us-central1-a' } })).instances).toBeNull();
    expect(summary(judge({ type: 'google_compute_region_instance_group_manager', attrs: { target_size: 3 } }))).toEqual({ instances: 3, zones: 3, failover: true });
    expect(summary(judge({ type: 'google_compute_region_instance_group_manager', attrs: { target_size: 1, distribution_policy_zones: ['a', 'b'] } }))).toEqual({
      instances: 1,
      zones: 1,
      failover: false,
    });
  });
});

describe('other Google Cloud resources', () => {
  it('forwarding rules are regional entry points unless internal', () => {
    expect(judge({ type: 'google_compute_global_forwarding_rule', attrs: { load_balancing_scheme: 'EXTERNAL_MANAGED' } }).entryPoint).toBe(true);
    expect(judge({ type: 'google_compute_forwarding_rule', attrs: { load_balancing_scheme: 'INTERNAL' } }).entryPoint).toBe(false);
  });
  it('Filestore tiers, Bigtable clusters, zonal disks', () => {
    expect(judge({ type: 'google_filestore_instance', attrs: { tier: 'ENTERPRISE' } }).regional).toBe(true);
    expect(judge({ type: 'google_filestore_instance', attrs: { tier: 'BASIC_HDD', location: 'us-central1-b' } }).redundancy).toMatchObject({ instances: 1, zonalManaged: true });
    expect(summary(judge({ type: 'google_bigtable_instance', attrs: { cluster: [{ zone: 'us-east1-b' }, { zone: 'us-east1-c' }] } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(summary(judge({ type: 'google_bigtable_instance', attrs: { cluster: { zone: 'us-east1-b' } } }))).toEqual({ instances: 1, zones: 1, failover: false });
    expect(judge({ type: 'google_compute_disk', attrs: { zone: 'us-east1-b' } }).redundancy.zonalManaged).toBe(true);
  });
  it('Cloud Run v2 services are entry points unless ingress is restricted', () => {
    expect(judge({ type: 'google_cloud_run_v2_service', attrs: {} }).entryPoint).toBe(true);
    expect(judge({ type: 'google_cloud_run_v2_service', attrs: { ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' } }).entryPoint).toBe(false);
  });
  it('AlloyDB primaries default to REGIONAL', () => {
    expect(summary(judge({ type: 'google_alloydb_instance', attrs: { instance_type: 'PRIMARY' } })).instances).toBe(2);
    expect(summary(judge({ type: 'google_alloydb_instance', attrs: { instance_type: 'PRIMARY', availability_type: 'ZONAL' } })).instances).toBe(1);
  });
});
