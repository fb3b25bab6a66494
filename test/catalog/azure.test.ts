import { describe, expect, it } from 'vitest';
import { UNKNOWN, entry, fakeView, judge, summary } from './view.js';

describe('azurerm_kubernetes_cluster / node pools', () => {
  it('default node pool over three zones', () => {
    expect(summary(judge({ type: 'azurerm_kubernetes_cluster', attrs: { default_node_pool: { node_count: 3, zones: ['1', '2', '3'] } } }))).toEqual({
      instances: 3,
      zones: 3,
      failover: true,
    });
  });
  it('autoscaling uses min_count (v4 and v3 names)', () => {
    expect(summary(judge({ type: 'azurerm_kubernetes_cluster', attrs: { default_node_pool: { auto_scaling_enabled: true, min_count: 2, max_count: 5, zones: ['1', '2'] } } })).instances).toBe(2);
    expect(summary(judge({ type: 'azurerm_kubernetes_cluster', attrs: { default_node_pool: { enable_auto_scaling: true, min_count: 1, max_count: 5 } } })).instances).toBe(1);
  });
  it('a single node (Azure default count 1), no zones', () => {
    const j = judge({ type: 'azurerm_kubernetes_cluster', attrs: { default_node_pool: { vm_size: 'Standard_D2s_v5' } } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'default_node_pool.node_count', value: 2 });
  });
  it('several nodes without zones: one failure domain for zones; the fix adds zones', () => {
    const j = judge({ type: 'azurerm_kubernetes_cluster_node_pool', attrs: { node_count: 3 } });
    expect(summary(j)).toEqual({ instances: 3, zones: 1, failover: true });
    expect(j.fix).toMatchObject({ key: 'zones' });
  });
});

describe('azurerm_redis_cache', () => {
  it('Basic is one node', () => {
    const j = judge({ type: 'azurerm_redis_cache', attrs: { sku_name: 'Basic', family: 'C', capacity: 1 } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'sku_name', value: 'Standard' });
  });
  it('Standard is replicated; Premium with zones spans them', () => {
    expect(summary(judge({ type: 'azurerm_redis_cache', attrs: { sku_name: 'Standard' } }))).toEqual({ instances: 2, zones: 1, failover: true });
    expect(summary(judge({ type: 'azurerm_redis_cache', attrs: { sku_name: 'Premium', zones: ['1', '2'], replicas_per_primary: 2 } }))).toEqual({ instances: 3, zones: 2, failover: true });
  });
  it('UNKNOWN sku', () => {
    expect(summary(judge({ type: 'azurerm_redis_cache', attrs: { sku_name: UNKNOWN } })).instances).toBeNull();
  });
});

describe('azurerm_mssql_database', () => {
  it('zone_redundant spreads replicas over zones', () => {
    expect(summary(judge({ type: 'azurerm_mssql_database', attrs: { zone_redundant: true } }))).toEqual({ instances: 3, zones: 3, failover: true });
  });
  it('default: zonal managed; the fix is zone_redundant', () => {
    const j = judge({ type: 'azurerm_mssql_database', attrs: { sku_name: 'GP_Gen5_2' } });
    expect(j.redundancy).toMatchObject({ instances: 1, zones: { count: 1 }, zonalManaged: true });
    expect(j.fix).toMatchObject({ key: 'zone_redundant', value: true });
  });
  it('databases in an elastic pool are judged through the pool', () => {
    expect(entry('azurerm_mssql_database').applies?.(fakeView({ type: 'azurerm_mssql_database', attrs: { elastic_pool_id: 'ref' } }))).toBe(false);
    expect(summary(judge({ type: 'azurerm_mssql_elasticpool', attrs: { zone_redundant: true } })).zones).toBe(3);
  });
});

describe('azurerm_postgresql_flexible_server / mysql', () => {
  it('ZoneRedundant HA', () => {
    const j = judge({ type: 'azurerm_postgresql_flexible_server', attrs: { zone: '1', high_availability: { mode: 'ZoneRedundant', standby_availability_zone: '2' } } });
    expect(j.redundancy).toMatchObject({ instances: 2, zones: { count: 2, names: ['1', '2'] }, failover: true });
  });
  it('SameZone HA survives an instance, not a zone', () => {
    expect(summary(judge({ type: 'azurerm_mysql_flexible_server', attrs: { high_availability: { mode: 'SameZone' } } }))).toEqual({ instances: 2, zones: 1, failover: true });
  });
  it('no HA', () => {
    const j = judge({ type: 'azurerm_postgresql_flexible_server', attrs: { sku_name: 'B_Standard_B1ms' } });
    expect(summary(j)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(j.fix).toMatchObject({ key: 'high_availability.mode', value: 'ZoneRedundant' });
  });
});

describe('azurerm_storage_account', () => {
  it('ZRS / GZRS are regional', () => {
    for (const t of ['ZRS', 'GZRS', 'RAGZRS']) expect(judge({ type: 'azurerm_storage_account', attrs: { account_replication_type: t } }).regional, t).toBe(true);
  });
  it('LRS / GRS live in one zone of the primary region', () => {
    const lrs = judge({ type: 'azurerm_storage_account', attrs: { account_replication_type: 'LRS' } });
    expect(lrs.regional).toBe(false);
    expect(lrs.redundancy).toMatchObject({ instances: 1, zones: { count: 1 }, zonalManaged: true });
    expect(lrs.fix).toMatchObject({ key: 'account_replication_type', value: 'ZRS' });
    expect(judge({ type: 'azurerm_storage_account', attrs: { account_replication_type: 'GRS' } }).fix?.value).toBe('GZRS');
  });
});

describe('Azure virtual machines and scale sets', () => {
  it('a single VM with a zone', () => {
    for (const type of ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine']) {
      expect(judge({ type, attrs: { zone: '2' } }).redundancy, type).toMatchObject({ instances: 1, zones: { count: 1, names: ['2'] }, failover: false });
    }
  });
  it('count copies spread over resolved zones', () => {
    expect(summary(judge({ type: 'azurerm_linux_virtual_machine', count: 3, zones: { count: 3 } }))).toEqual({ instances: 3, zones: 3, failover: false });
  });
  it('scale sets: instances default 0 (uniform), zones', () => {
    expect(summary(judge({ type: 'azurerm_linux_virtual_machine_scale_set', attrs: { instances: 3, zones: ['1', '2', '3'] } }))).toEqual({ instances: 3, zones: 3, failover: true });
    expect(summary(judge({ type: 'azurerm_linux_virtual_machine_scale_set', attrs: {} })).instances).toBe(0);
    expect(summary(judge({ type: 'azurerm_orchestrated_virtual_machine_scale_set', attrs: {} })).instances).toBeNull();
  });
  it('App Service plans: workers and zone balancing', () => {
    expect(summary(judge({ type: 'azurerm_service_plan', attrs: { sku_name: 'P1v3', worker_count: 3, zone_balancing_enabled: true } }))).toEqual({ instances: 3, zones: 3, failover: true });
    const single = judge({ type: 'azurerm_service_plan', attrs: { sku_name: 'B1' } });
    expect(summary(single)).toEqual({ instances: 1, zones: 1, failover: false });
    expect(single.fix).toMatchObject({ key: 'worker_count', value: 2 });
    expect(judge({ type: 'azurerm_service_plan', attrs: { sku_name: 'Y1' } }).regional).toBe(true);
  });
});

describe('Azure network', () => {
  it('NAT gateway is zonal', () => {
    expect(judge({ type: 'azurerm_nat_gateway', attrs: { zones: ['1'] } }).redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['1'] }, zonalManaged: true });
  });
  it('Application Gateway capacity and zones', () => {
    expect(summary(judge({ type: 'azurerm_application_gateway', attrs: { sku: { capacity: 2 }, zones: ['1', '2'] } }))).toEqual({ instances: 2, zones: 2, failover: true });
    expect(judge({ type: 'azurerm_application_gateway', attrs: { autoscale_configuration: { min_capacity: 1 } } }).fix).toMatchObject({ key: 'autoscale_configuration.min_capacity', value: 2 });
  });
  it('load balancer frontends: zonal vs zone-redundant; public frontends are entry points', () => {
    const zonal = judge({ type: 'azurerm_lb', attrs: { frontend_ip_configuration: { zones: ['1'], public_ip_address_id: 'ref' } } });
    expect(zonal.redundancy.zones).toEqual({ count: 1, names: ['1'] });
    expect(zonal.entryPoint).toBe(true);
    const internal = judge({ type: 'azurerm_lb', attrs: { frontend_ip_configuration: { subnet_id: 'ref' } } });
    expect(internal.regional).toBe(true);
    expect(internal.entryPoint).toBe(false);
  });
  it('subnet associations are edges', () => {
    expect(entry('azurerm_subnet_nat_gateway_association').edges?.association).toMatchObject({ from: 'subnet_id', to: 'nat_gateway_id' });
  });
  it('firewall and gateway zones', () => {
    expect(summary(judge({ type: 'azurerm_firewall', attrs: { zones: ['1', '2', '3'] } })).zones).toBe(3);
    expect(summary(judge({ type: 'azurerm_firewall', attrs: {} })).zones).toBe(1);
    expect(summary(judge({ type: 'azurerm_virtual_network_gateway', attrs: { sku: 'VpnGw2AZ' } })).zones).toBe(2);
    expect(judge({ type: 'azurerm_virtual_network_gateway', attrs: { sku: 'VpnGw1' } }).fix).toMatchObject({ key: 'sku', value: 'VpnGw1AZ' });
  });
  it('Cosmos DB: zone redundancy or several regions', () => {
    expect(judge({ type: 'azurerm_cosmosdb_account', attrs: { geo_location: { location: 'westeurope', zone_redundant: true } } }).regional).toBe(true);
    expect(judge({ type: 'azurerm_cosmosdb_account', attrs: { geo_location: [{ location: 'westeurope' }, { location: 'northeurope' }] } }).regional).toBe(true);
    expect(judge({ type: 'azurerm_cosmosdb_account', attrs: { geo_location: { location: 'westeurope' } } }).redundancy.zonalManaged).toBe(true);
  });
});
