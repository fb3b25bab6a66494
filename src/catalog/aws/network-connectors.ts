import type { CatalogEntry } from '../entry.js';
import { connector, passive } from '../entry-builders.js';
import { firstOf, isUnknown, judgement, oneZone, redundancy, str } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* VPC plumbing: subnets, route tables and routes, security groups, gateways' attachments, peering. */

const awsSubnet: CatalogEntry = {
  id: 'aws-subnet',
  title: 'VPC subnet',
  role: 'connector',
  types: { terraform: ['aws_subnet', 'aws_default_subnet'], cloudformation: ['AWS::EC2::Subnet'] },
  attributes: {
    availabilityZone: { terraform: 'availability_zone', cloudformation: 'AvailabilityZone' },
    availabilityZoneId: { terraform: 'availability_zone_id', cloudformation: 'AvailabilityZoneId' },
  },
  judge(r) {
    // A subnet lives in exactly one zone and carries it to what runs in it; copies made with
    // count / for_each (one per zone) span the zones of all copies.
    const n = r.count;
    const az = firstOf(r, ['availabilityZone', 'availabilityZoneId'], str);
    const resolved = r.zones(['availabilityZone', 'availabilityZoneId']);
    const zones = resolved ?? (n === 1 && !isUnknown(az.value) ? oneZone(az.value) : null);
    return judgement(redundancy(n, zones, false, { zonalManaged: true }), [az.key]);
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'a subnet does not fail by itself; what runs in it fails with its zone',
};

const awsRouteTableAssociation = connector(
  'aws-route-table-association',
  'Route table association',
  { terraform: ['aws_route_table_association'], cloudformation: ['AWS::EC2::SubnetRouteTableAssociation'] },
  {
    attributes: {
      subnetId: { terraform: 'subnet_id', cloudformation: 'SubnetId' },
      routeTableId: { terraform: 'route_table_id', cloudformation: 'RouteTableId' },
      gatewayId: { terraform: 'gateway_id' },
    },
    edges: { association: { from: 'subnetId', to: 'routeTableId', fromKeys: ['subnetId', 'gatewayId'] } },
  },
);

const ROUTE_TARGETS = [
  'natGatewayId',
  'gatewayId',
  'transitGatewayId',
  'networkInterfaceId',
  'vpcPeeringConnectionId',
  'egressOnlyGatewayId',
  'vpcEndpointId',
  'instanceId',
  'carrierGatewayId',
  'localGatewayId',
  'coreNetworkArn',
] as const;

const awsRoute = connector(
  'aws-route',
  'VPC route',
  { terraform: ['aws_route'], cloudformation: ['AWS::EC2::Route'] },
  {
    attributes: {
      routeTableId: { terraform: 'route_table_id', cloudformation: 'RouteTableId' },
      natGatewayId: { terraform: 'nat_gateway_id', cloudformation: 'NatGatewayId' },
      gatewayId: { terraform: 'gateway_id', cloudformation: 'GatewayId' },
      transitGatewayId: { terraform: 'transit_gateway_id', cloudformation: 'TransitGatewayId' },
      networkInterfaceId: { terraform: 'network_interface_id', cloudformation: 'NetworkInterfaceId' },
      vpcPeeringConnectionId: { terraform: 'vpc_peering_connection_id', cloudformation: 'VpcPeeringConnectionId' },
      egressOnlyGatewayId: { terraform: 'egress_only_gateway_id', cloudformation: 'EgressOnlyInternetGatewayId' },
      vpcEndpointId: { terraform: 'vpc_endpoint_id', cloudformation: 'VpcEndpointId' },
      instanceId: { terraform: 'instance_id', cloudformation: 'InstanceId' },
      carrierGatewayId: { terraform: 'carrier_gateway_id', cloudformation: 'CarrierGatewayId' },
      localGatewayId: { terraform: 'local_gateway_id', cloudformation: 'LocalGatewayId' },
      coreNetworkArn: { terraform: 'core_network_arn', cloudformation: 'CoreNetworkArn' },
    },
    edges: { association: { from: 'routeTableId', to: 'natGatewayId', toKeys: ROUTE_TARGETS } },
  },
);

const awsMainRouteTableAssociation = connector(
  'aws-main-route-table-association',
  'Main route table association',
  { terraform: ['aws_main_route_table_association'] },
  { edges: { association: { from: 'vpc_id', to: 'route_table_id' } } },
);

export const AWS_NETWORK_CONNECTOR_ENTRIES: readonly CatalogEntry[] = [
  awsSubnet,
  connector('aws-vpc', 'VPC', { terraform: ['aws_vpc', 'aws_default_vpc'], cloudformation: ['AWS::EC2::VPC'] }),
  connector('aws-route-table', 'Route table', {
    terraform: ['aws_route_table', 'aws_default_route_table'],
    cloudformation: ['AWS::EC2::RouteTable'],
  }),
  connector('aws-security-group', 'Security group', {
    terraform: ['aws_security_group', 'aws_default_security_group'],
    cloudformation: ['AWS::EC2::SecurityGroup'],
  }),
  connector('aws-network-acl', 'Network ACL', {
    terraform: ['aws_network_acl', 'aws_default_network_acl'],
    cloudformation: ['AWS::EC2::NetworkAcl'],
  }),
  connector('aws-vpc-gateway-attachment', 'Internet gateway attachment', {
    terraform: ['aws_internet_gateway_attachment'],
    cloudformation: ['AWS::EC2::VPCGatewayAttachment'],
  }),
  // Placement only: a data store's zones come from its subnet group, but it does not need the subnets'
  // routes (NAT gateways) to serve, so failure must not flow through the group.
  passive('aws-db-subnet-group', 'DB subnet group', {
    terraform: ['aws_db_subnet_group'],
    cloudformation: ['AWS::RDS::DBSubnetGroup'],
  }),
  passive('aws-elasticache-subnet-group', 'ElastiCache subnet group', {
    terraform: ['aws_elasticache_subnet_group'],
    cloudformation: ['AWS::ElastiCache::SubnetGroup'],
  }),
  connector('aws-network-interface', 'Elastic network interface', {
    terraform: ['aws_network_interface'],
    cloudformation: ['AWS::EC2::NetworkInterface'],
  }),
  connector('aws-vpc-peering-connection', 'VPC peering connection', {
    terraform: ['aws_vpc_peering_connection', 'aws_vpc_peering_connection_accepter'],
    cloudformation: ['AWS::EC2::VPCPeeringConnection'],
  }),
  connector('aws-db-proxy', 'RDS Proxy (multi-AZ, passes failure through to its database)', {
    terraform: ['aws_db_proxy', 'aws_db_proxy_default_target_group', 'aws_db_proxy_target', 'aws_db_proxy_endpoint'],
    cloudformation: ['AWS::RDS::DBProxy', 'AWS::RDS::DBProxyTargetGroup', 'AWS::RDS::DBProxyEndpoint'],
  }),
  awsRouteTableAssociation,
  awsRoute,
  awsMainRouteTableAssociation,
];
