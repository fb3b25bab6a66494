import type { CatalogEntry } from '../entry.js';
import { connector, passive, regional } from '../entry-builders.js';
import { enumOf, isUnknown, judgeRegional, judgement, regionalRedundancy } from '../judging/index.js';
import { REGIONAL_RECOVERY, recovery } from '../recovery.js';

/** Forwarding rules are the entry of Google Cloud load balancers; internal schemes are not entry points. */
const forwardingRule: CatalogEntry = {
  id: 'gcp-forwarding-rule',
  title: 'Load balancer forwarding rule',
  role: 'load-balancer',
  types: { terraform: ['google_compute_forwarding_rule', 'google_compute_global_forwarding_rule'] },
  regional: true,
  entryPoint: true,
  judge(r) {
    // Google Cloud load balancers are software-defined and run across zones (global ones across regions).
    const scheme = enumOf(r, 'load_balancing_scheme');
    const internal = typeof scheme === 'string' && scheme.startsWith('internal');
    return judgement(regionalRedundancy(), ['load_balancing_scheme'], undefined, isUnknown(scheme) ? {} : { entryPoint: !internal });
  },
  recovery: REGIONAL_RECOVERY,
  impact: 'the load balancer is regional; it fails only when its backends do',
};

const dnsRecord: CatalogEntry = {
  id: 'gcp-dns-record-set',
  title: 'Cloud DNS record set',
  role: 'dns',
  types: { terraform: ['google_dns_record_set'] },
  regional: true,
  entryPoint: true,
  judge: () => judgement({ instances: 1, zones: { count: 3 }, failover: false, quorum: false }, []),
  recovery: recovery('dnsFailover', 'dnsSingle'),
  impact: 'the name resolves to a target that is down until DNS points elsewhere (TTL)',
};

export const GCP_NETWORK_ENTRIES: readonly CatalogEntry[] = [
  forwardingRule,
  dnsRecord,
  connector('gcp-network', 'VPC network / subnetwork / route', {
    terraform: ['google_compute_network', 'google_compute_subnetwork', 'google_compute_route', 'google_compute_shared_vpc_service_project', 'google_compute_shared_vpc_host_project'],
  }),
  connector('gcp-firewall', 'Firewall rule / policy', {
    terraform: ['google_compute_firewall', 'google_compute_firewall_policy', 'google_compute_firewall_policy_rule', 'google_compute_network_firewall_policy', 'google_compute_network_firewall_policy_rule', 'google_compute_network_firewall_policy_association'],
  }),
  connector('gcp-network-peering', 'Network peering / private service connection', {
    terraform: ['google_compute_network_peering', 'google_compute_network_peering_routes_config', 'google_service_networking_connection'],
  }),
  connector('gcp-lb-backend', 'Load balancer backend, URL map or proxy', {
    terraform: [
      'google_compute_backend_service',
      'google_compute_region_backend_service',
      'google_compute_backend_bucket',
      'google_compute_url_map',
      'google_compute_region_url_map',
      'google_compute_target_http_proxy',
      'google_compute_target_https_proxy',
      'google_compute_target_tcp_proxy',
      'google_compute_target_ssl_proxy',
      'google_compute_target_grpc_proxy',
      'google_compute_region_target_http_proxy',
      'google_compute_region_target_https_proxy',
      'google_compute_region_target_tcp_proxy',
      'google_compute_target_pool',
      'google_compute_target_instance',
      'google_compute_network_endpoint_group',
      'google_compute_region_network_endpoint_group',
      'google_compute_global_network_endpoint_group',
      'google_compute_network_endpoint',
      'google_compute_instance_group',
    ],
  }),
  connector('gcp-vpn-tunnel', 'VPN tunnel / router interface / BGP peer', {
    terraform: ['google_compute_vpn_tunnel', 'google_compute_router_interface', 'google_compute_router_peer', 'google_compute_interconnect_attachment', 'google_compute_external_vpn_gateway'],
  }),
  passive('gcp-address', 'Reserved IP address', { terraform: ['google_compute_address', 'google_compute_global_address'] }),
  passive('gcp-lb-configuration', 'Health check / SSL certificate / security policy', {
    terraform: [
      'google_compute_health_check',
      'google_compute_region_health_check',
      'google_compute_http_health_check',
      'google_compute_https_health_check',
      'google_compute_ssl_certificate',
      'google_compute_region_ssl_certificate',
      'google_compute_managed_ssl_certificate',
      'google_compute_ssl_policy',
      'google_compute_security_policy',
      'google_certificate_manager_certificate',
      'google_certificate_manager_certificate_map',
      'google_certificate_manager_certificate_map_entry',
    ],
  }),
  regional('gcp-cloud-router', 'Cloud Router / Cloud NAT', 'gateway', { terraform: ['google_compute_router', 'google_compute_router_nat'] }, 'Cloud Router and Cloud NAT are distributed, software-defined regional services'),
  regional(
    'gcp-ha-vpn-gateway',
    'HA VPN gateway',
    'gateway',
    { terraform: ['google_compute_ha_vpn_gateway'] },
    'an HA VPN gateway has two interfaces in different zones (99.99% with two tunnels)',
  ),
  {
    id: 'gcp-classic-vpn-gateway',
    title: 'Classic VPN gateway',
    role: 'gateway',
    types: { terraform: ['google_compute_vpn_gateway'] },
    judge: () => judgement({ instances: 1, zones: { count: 1 }, failover: false, quorum: false, zonalManaged: true }, []),
    recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
    impact: 'a Classic VPN gateway has a single interface: its tunnels fail with it',
  },
  regional('gcp-dns-managed-zone', 'Cloud DNS managed zone', 'dns', { terraform: ['google_dns_managed_zone', 'google_dns_policy'] }, 'Cloud DNS is a global service with a 100% SLA'),
  regional(
    'gcp-vpc-access-connector',
    'Serverless VPC Access connector',
    'connector',
    { terraform: ['google_vpc_access_connector'] },
    'the connector runs at least two instances managed by Google',
    { judge: judgeRegional },
  ),
];
