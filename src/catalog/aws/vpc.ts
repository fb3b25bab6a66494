import type { CatalogEntry } from '../entry.js';
import { enumOf, isUnknown, judgement, placedZones, redundancy, regionalRedundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- aws_nat_gateway ---------------------------------------------------------------------------- */

const natGateway: CatalogEntry = {
  id: 'aws-nat-gateway',
  title: 'NAT gateway',
  role: 'gateway',
  types: { terraform: ['aws_nat_gateway'], cloudformation: ['AWS::EC2::NatGateway'] },
  attributes: {
    subnetId: { terraform: 'subnet_id', cloudformation: 'SubnetId' },
    connectivityType: { terraform: 'connectivity_type', cloudformation: 'ConnectivityType' },
    availabilityMode: { terraform: 'availability_mode', cloudformation: 'AvailabilityMode' },
  },
  judge(r) {
    // A NAT gateway is redundant inside its zone (AWS replaces failed hosts) but lives in one zone.
    // Copies made with count / for_each (one per zone) are the zone-redundant pattern.
    const mode = enumOf(r, 'availabilityMode');
    if (mode === 'regional') return judgement(regionalRedundancy(), ['availabilityMode'], undefined, { regional: true });
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy({ zonalManaged: true }), ['count']);
    const zones = placedZones(r, ['subnetId'], n);
    return judgement(redundancy(n, zones, false, { zonalManaged: true }), ['count', 'subnetId']);
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'private subnets routed through it lose outbound connectivity when its zone fails',
  serves: 'the outbound traffic of every private subnet routed through it',
};

/* -- aws_vpc_endpoint --------------------------------------------------------------------------- */

const vpcEndpoint: CatalogEntry = {
  id: 'aws-vpc-endpoint',
  title: 'VPC endpoint',
  role: 'gateway',
  types: { terraform: ['aws_vpc_endpoint'], cloudformation: ['AWS::EC2::VPCEndpoint'] },
  attributes: {
    vpcEndpointType: { terraform: 'vpc_endpoint_type', cloudformation: 'VpcEndpointType' },
    subnetIds: { terraform: 'subnet_ids', cloudformation: 'SubnetIds' },
  },
  judge(r) {
    const type = enumOf(r, 'vpcEndpointType') ?? 'gateway';
    if (isUnknown(type)) return judgement(unknownRedundancy(), ['vpcEndpointType']);
    // Gateway endpoints (S3, DynamoDB) are route-table targets run by the region.
    if (type === 'gateway') return judgement(regionalRedundancy(), ['vpcEndpointType'], undefined, { regional: true });
    // Interface / GWLB endpoints have one managed network interface per subnet (one subnet per zone).
    const n = r.length('subnetIds');
    const zones = r.zones(['subnetIds']) ?? (n !== null && n > 0 ? { count: n } : null);
    if (zones === null) return judgement(unknownRedundancy({ zonalManaged: true }), ['subnetIds'], undefined, { regional: false });
    return judgement(redundancy(zones.count, zones, zones.count >= 2, { zonalManaged: true }), ['vpcEndpointType', 'subnetIds'], undefined, {
      regional: false,
    });
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'clients in other zones lose the private endpoint when its only zone fails',
};

export const VPC_ENTRIES: readonly CatalogEntry[] = [natGateway, vpcEndpoint];
