import type { CatalogEntry, Judgement } from '../entry.js';
import { connector, passive, regional } from '../entry-builders.js';
import { bool, capZones, isUnknown, judgement, num, redundancy, regionalRedundancy, str, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { azureZones } from './zones.js';

/** Azure NAT gateway: a zonal resource (one zone, or none = placed in some zone by Azure). */
const natGateway: CatalogEntry = {
  id: 'azure-nat-gateway',
  title: 'Azure NAT gateway',
  role: 'gateway',
  types: { terraform: ['azurerm_nat_gateway'] },
  judge(r) {
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy({ zonalManaged: true }), ['count']);
    const zones = azureZones(r, 'zones');
    const placed = r.zones(['zones']) ?? (zones === 'unknown' ? null : zones);
    return judgement(redundancy(n, n === 1 ? (placed !== null && placed.count === 1 ? placed : { count: 1 }) : placed, false, { zonalManaged: true }), ['count', 'zones']);
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'subnets using it lose outbound connectivity when its zone fails',
  serves: 'the outbound traffic of every subnet associated with it',
};

/** Standard load balancer: zone-redundant frontends (no zones or several) survive a zone; a zonal frontend does not. */
const loadBalancer: CatalogEntry = {
  id: 'azure-lb',
  title: 'Azure Load Balancer',
  role: 'load-balancer',
  types: { terraform: ['azurerm_lb'] },
  judge(r) {
    const zones = r.get('frontend_ip_configuration.zones');
    const publicIp = r.get('frontend_ip_configuration.public_ip_address_id');
    const entry = isUnknown(publicIp) ? {} : { entryPoint: publicIp !== undefined };
    if (isUnknown(zones)) return judgement(unknownRedundancy(), ['frontend_ip_configuration.zones'], undefined, entry);
    const listed = Array.isArray(zones) ? zones.filter((z) => typeof z === 'string') : [];
    if (listed.length === 1) {
      return judgement(redundancy(1, { count: 1, names: [listed[0] as string] }, false, { zonalManaged: true }), ['frontend_ip_configuration.zones'], undefined, {
        ...entry,
        regional: false,
      });
    }
    return judgement(regionalRedundancy(), ['frontend_ip_configuration.zones'], undefined, { ...entry, regional: true });
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'a zonal frontend stops serving when its zone fails',
  serves: 'every client that reaches it through its frontends',
};

/** Application Gateway: capacity (or autoscale minimum) instances over its zones. */
const applicationGateway: CatalogEntry = {
  id: 'azure-application-gateway',
  title: 'Application Gateway',
  role: 'load-balancer',
  types: { terraform: ['azurerm_application_gateway'] },
  entryPoint: true,
  judge(r) {
    // Autoscaling gateways keep at least min_capacity instances (default 0); fixed ones sku.capacity.
    const countKey = r.get('autoscale_configuration') !== undefined ? 'autoscale_configuration.min_capacity' : 'sku.capacity';
    let n = num(r, countKey);
    if (n === undefined && countKey === 'autoscale_configuration.min_capacity') n = 0;
    if (n === undefined || isUnknown(n)) return judgement(unknownRedundancy(), [countKey]);
    const zones = azureZones(r, 'zones');
    const z = zones === 'unknown' ? null : capZones(zones, n);
    let fix: Judgement['fix'];
    if (n < 2) fix = { key: countKey, value: 2 };
    else if (z !== null && z.count < 2) fix = { key: 'zones', value: ['1', '2', '3'], note: 'replaces the gateway' };
    return judgement(redundancy(n, z, n >= 2), [countKey, 'zones'], fix);
  },
  recovery: recovery('zoneRedundantGateway', 'instanceReplace'),
  impact: 'every site behind the gateway fails until its only instance is replaced',
};

/** Azure Firewall: built-in instance redundancy; zone-redundant when deployed in two zones or more. */
const firewall: CatalogEntry = {
  id: 'azure-firewall',
  title: 'Azure Firewall',
  role: 'gateway',
  types: { terraform: ['azurerm_firewall'] },
  judge(r) {
    const zones = azureZones(r, 'zones');
    if (zones === 'unknown') return judgement(unknownRedundancy({ zonalManaged: true }), ['zones']);
    if (zones.count >= 2) return judgement(redundancy(zones.count, zones, true, { zonalManaged: true }), ['zones']);
    return judgement(redundancy(2, zones, true, { zonalManaged: true }), ['zones'], { key: 'zones', value: ['1', '2', '3'], note: 'replaces the firewall' });
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'traffic routed through the firewall stops when its zone fails',
};

/** VPN / ExpressRoute gateway: active-active runs two instances; *AZ SKUs spread them over zones. */
const vnetGateway: CatalogEntry = {
  id: 'azure-virtual-network-gateway',
  title: 'Virtual network gateway (VPN / ExpressRoute)',
  role: 'gateway',
  types: { terraform: ['azurerm_virtual_network_gateway'] },
  judge(r) {
    const sku = str(r, 'sku');
    const active = bool(r, 'active_active') ?? false;
    if (sku === undefined || isUnknown(sku) || isUnknown(active)) return judgement(unknownRedundancy(), ['sku', 'active_active']);
    const zoneRedundant = /az$/i.test(sku);
    // Active-standby gateways fail over to the standby instance within about a minute.
    return judgement(redundancy(2, zoneRedundant ? { count: 2 } : { count: 1 }, true), ['sku', 'active_active'], zoneRedundant ? undefined : {
      key: 'sku',
      value: `${sku}AZ`,
      note: 'zone-redundant gateway SKU',
    });
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'site-to-site connectivity fails when the gateway zone fails',
  serves: 'every network that reaches this one through the gateway',
};

const dnsRecord: CatalogEntry = {
  id: 'azure-dns-record',
  title: 'Azure DNS record',
  role: 'dns',
  types: {
    terraform: ['azurerm_dns_a_record', 'azurerm_dns_aaaa_record', 'azurerm_dns_cname_record', 'azurerm_private_dns_a_record', 'azurerm_private_dns_cname_record'],
  },
  regional: true,
  entryPoint: true,
  judge: () => judgement({ instances: 1, zones: { count: 3 }, failover: false, quorum: false }, []),
  recovery: recovery('dnsFailover', 'dnsSingle'),
  impact: 'the name resolves to a target that is down until DNS points elsewhere (TTL)',
};

export const AZURE_NETWORK_ENTRIES: readonly CatalogEntry[] = [
  natGateway,
  loadBalancer,
  applicationGateway,
  firewall,
  vnetGateway,
  dnsRecord,
  connector('azure-virtual-network', 'Virtual network / subnet', {
    terraform: ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_virtual_network_peering', 'azurerm_virtual_hub', 'azurerm_virtual_hub_connection'],
  }),
  connector('azure-network-security-group', 'Network security group / route table', {
    terraform: ['azurerm_network_security_group', 'azurerm_route_table', 'azurerm_route', 'azurerm_application_security_group'],
  }),
  connector('azure-network-interface', 'Network interface / private endpoint', {
    terraform: ['azurerm_network_interface', 'azurerm_private_endpoint', 'azurerm_private_link_service'],
  }),
  connector('azure-lb-component', 'Load balancer pool / rule / probe', {
    terraform: [
      'azurerm_lb_backend_address_pool',
      'azurerm_lb_backend_address_pool_address',
      'azurerm_lb_rule',
      'azurerm_lb_nat_rule',
      'azurerm_lb_outbound_rule',
      'azurerm_lb_probe',
      'azurerm_virtual_network_gateway_connection',
      'azurerm_local_network_gateway',
    ],
  }),
  connector(
    'azure-subnet-nsg-association',
    'Subnet network security group association',
    { terraform: ['azurerm_subnet_network_security_group_association'] },
    { edges: { association: { from: 'subnet_id', to: 'network_security_group_id' } } },
  ),
  connector(
    'azure-subnet-route-table-association',
    'Subnet route table association',
    { terraform: ['azurerm_subnet_route_table_association'] },
    { edges: { association: { from: 'subnet_id', to: 'route_table_id' } } },
  ),
  connector(
    'azure-subnet-nat-gateway-association',
    'Subnet NAT gateway association',
    { terraform: ['azurerm_subnet_nat_gateway_association'] },
    { edges: { association: { from: 'subnet_id', to: 'nat_gateway_id' } } },
  ),
  connector(
    'azure-nat-gateway-public-ip-association',
    'NAT gateway public IP association',
    { terraform: ['azurerm_nat_gateway_public_ip_association', 'azurerm_nat_gateway_public_ip_prefix_association'] },
    { edges: { association: { from: 'nat_gateway_id', to: 'public_ip_address_id', toKeys: ['public_ip_address_id', 'public_ip_prefix_id'] } } },
  ),
  connector(
    'azure-nic-nsg-association',
    'Network interface security group association',
    { terraform: ['azurerm_network_interface_security_group_association'] },
    { edges: { association: { from: 'network_interface_id', to: 'network_security_group_id' } } },
  ),
  connector(
    'azure-nic-backend-pool-association',
    'Network interface backend pool association',
    {
      terraform: [
        'azurerm_network_interface_backend_address_pool_association',
        'azurerm_network_interface_application_gateway_backend_address_pool_association',
      ],
    },
    // The pool (and its load balancer) needs the VM behind the network interface.
    { edges: { association: { from: 'backend_address_pool_id', to: 'network_interface_id' }, alternatives: true } },
  ),
  passive('azure-public-ip', 'Public IP address / prefix / IP group', {
    terraform: ['azurerm_public_ip', 'azurerm_public_ip_prefix', 'azurerm_ip_group', 'azurerm_network_security_rule', 'azurerm_network_watcher', 'azurerm_network_watcher_flow_log'],
  }),
  passive('azure-firewall-policy', 'Firewall policy / rule collection', {
    terraform: ['azurerm_firewall_policy', 'azurerm_firewall_policy_rule_collection_group', 'azurerm_firewall_network_rule_collection', 'azurerm_firewall_application_rule_collection', 'azurerm_firewall_nat_rule_collection'],
  }),
  passive('azure-bastion-host', 'Bastion host (operator access only)', { terraform: ['azurerm_bastion_host'] }),
  regional('azure-dns-zone', 'Azure DNS zone', 'dns', { terraform: ['azurerm_dns_zone', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link'] }, 'Azure DNS is a global service with a 100% SLA'),
  regional(
    'azure-front-door',
    'Front Door / CDN / Traffic Manager',
    'gateway',
    {
      terraform: ['azurerm_cdn_frontdoor_endpoint', 'azurerm_frontdoor', 'azurerm_cdn_endpoint', 'azurerm_traffic_manager_profile'],
    },
    'Front Door, CDN and Traffic Manager are global services; they fail only when their origins do',
    { entryPoint: true },
  ),
  connector('azure-front-door-profile', 'Front Door / CDN profile or origin group', {
    terraform: ['azurerm_cdn_frontdoor_profile', 'azurerm_cdn_frontdoor_origin_group', 'azurerm_cdn_profile'],
  }),
  // The route references its endpoint, but the endpoint needs its routes (and each route its origin group).
  connector(
    'azure-front-door-route',
    'Front Door route',
    { terraform: ['azurerm_cdn_frontdoor_route'] },
    { edges: { reverse: ['cdn_frontdoor_endpoint_id'] } },
  ),
  // Origins reference their group, but the group needs them: any one healthy origin serves.
  connector(
    'azure-front-door-origin',
    'Front Door origin',
    { terraform: ['azurerm_cdn_frontdoor_origin'] },
    { edges: { reverse: ['cdn_frontdoor_origin_group_id'], alternatives: true } },
  ),
  connector(
    'azure-traffic-manager-endpoint',
    'Traffic Manager endpoint',
    { terraform: ['azurerm_traffic_manager_azure_endpoint', 'azurerm_traffic_manager_external_endpoint'] },
    { edges: { reverse: ['profile_id'], alternatives: true } },
  ),
];
