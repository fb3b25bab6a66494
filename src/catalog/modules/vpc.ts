import type { Zones } from '../../model/index.js';
import { UNKNOWN, type CatalogEntry, type ResourceView, type Unknown } from '../entry.js';
import { asList, asStrings, bool, isUnknown, judgement, redundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { moduleCreated, moduleTypes } from './common.js';

/**
 * terraform-aws-modules/vpc/aws: the NAT gateways are what can fail. As the module computes them
 * (main.tf, v5/v6):
 *   nat_gateway_count = single_nat_gateway ? 1 : one_nat_gateway_per_az ? length(azs) : max_subnet_length
 *   max_subnet_length = max(len_private, len_public, len_elasticache, len_database, len_redshift)
 *   len_X             = max(length(X_subnets), length(X_subnet_ipv6_prefixes))
 *   aws_nat_gateway.this[i]: count = create_vpc && enable_nat_gateway ? nat_gateway_count : 0,
 *     subnet_id = element(aws_subnet.public[*].id, single ? 0 : i); public subnet j is in element(azs, j).
 * Defaults: enable_nat_gateway, single_nat_gateway, one_nat_gateway_per_az = false; azs = [].
 */
export interface VpcNat {
  count: number;
  zones: Zones | null;
}

const SUBNET_KINDS = ['private', 'public', 'elasticache', 'database', 'redshift'] as const;

function listLength(r: ResourceView, key: string): number | Unknown {
  const l = asList(r.get(key));
  if (isUnknown(l)) return UNKNOWN;
  return l === undefined ? 0 : l.length;
}

function subnetLength(r: ResourceView, kind: string): number | Unknown {
  const a = listLength(r, `${kind}_subnets`);
  const b = listLength(r, `${kind}_subnet_ipv6_prefixes`);
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  return Math.max(a, b);
}

/** The module's NAT gateways: 'none' when it creates none, UNKNOWN when that cannot be evaluated. */
export function vpcNat(r: ResourceView): VpcNat | 'none' | Unknown {
  const created = moduleCreated(r, ['create_vpc', 'putin_khuylo']);
  if (created === false) return 'none';
  const enabled = bool(r, 'enable_nat_gateway') ?? false;
  if (enabled === false) return 'none';
  const single = bool(r, 'single_nat_gateway') ?? false;
  const perAz = bool(r, 'one_nat_gateway_per_az') ?? false;
  const azs = asStrings(r.get('azs')) ?? [];
  if (isUnknown(created) || isUnknown(enabled) || isUnknown(single) || isUnknown(perAz)) return UNKNOWN;

  let count: number;
  if (single) count = 1;
  else if (perAz) {
    if (isUnknown(azs)) return UNKNOWN;
    count = azs.length;
  } else {
    let max = 0;
    for (const kind of SUBNET_KINDS) {
      const n = subnetLength(r, kind);
      if (isUnknown(n)) return UNKNOWN;
      max = Math.max(max, n);
    }
    count = max;
  }
  if (count === 0) return 'none';

  // Zones: NAT i sits in public subnet (single ? 0 : i) mod len_public, which is in azs[j mod length(azs)].
  let zones: Zones | null = null;
  const publicLen = subnetLength(r, 'public');
  if (!isUnknown(azs) && azs.length > 0 && !isUnknown(publicLen) && publicLen > 0) {
    const names = new Set<string>();
    for (let i = 0; i < count; i++) {
      const j = (single ? 0 : i) % publicLen;
      names.add(azs[j % azs.length] as string);
    }
    zones = { count: names.size, names: [...names] };
  } else if (count === 1) {
    zones = { count: 1 };
  }
  return { count, zones };
}

const vpcModule: CatalogEntry = {
  id: 'tf-module-aws-vpc',
  title: 'VPC module (terraform-aws-modules/vpc) NAT gateways',
  role: 'gateway',
  types: moduleTypes('terraform-aws-modules/vpc/aws'),
  // Without NAT gateways the module is only network plumbing: a connector.
  applies: (r) => vpcNat(r) !== 'none',
  judge(r) {
    const nat = vpcNat(r);
    const decisive = ['enable_nat_gateway', 'single_nat_gateway', 'one_nat_gateway_per_az', 'azs'];
    if (nat === 'none' || isUnknown(nat)) return judgement(unknownRedundancy({ zonalManaged: true }), decisive);
    const red = redundancy(nat.count, nat.zones, false, { zonalManaged: true });
    // One edit: a single shared NAT gateway becomes one per zone (when azs lists several zones).
    const azs = asStrings(r.get('azs'));
    const fix =
      bool(r, 'single_nat_gateway') === true && Array.isArray(azs) && new Set(azs).size >= 2
        ? { key: 'single_nat_gateway', value: false, note: 'with one_nat_gateway_per_az = true: one NAT gateway per zone' }
        : undefined;
    return judgement(red, decisive, fix);
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'private subnets lose outbound connectivity when the zone of their NAT gateway fails',
  serves: "the outbound traffic of every private subnet of the VPC",
};

export const VPC_MODULE_ENTRIES: readonly CatalogEntry[] = [vpcModule];
