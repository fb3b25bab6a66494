import type { Redundancy, Zones } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { asList, asStrings, atLeastZones, bool, enumOf, isUnknown, judgement, redundancy, unknownRedundancy, zonesFromNames, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- Shared pure judgements --------------------------------------------------------------------- */

/**
 * An Elastic Load Balancing load balancer runs managed nodes in every zone it is enabled in (AWS allows
 * one subnet per zone, so the subnet count is the zone count). An ALB is always in two zones or more.
 * A node failing is replaced by AWS (zonal managed); a zone failing takes that zone's node only.
 */
export function lbRedundancy(type: Maybe<string>, zones: Zones | null, subnetCount: number | null): Redundancy {
  if (isUnknown(type)) return unknownRedundancy({ zonalManaged: true });
  const t = (type ?? 'application').toLowerCase();
  let z: Zones | null = zones ?? (subnetCount !== null && subnetCount > 0 ? { count: subnetCount } : null);
  if (t === 'application') z = atLeastZones(z, 2);
  if (z === null) return unknownRedundancy({ zonalManaged: true });
  return redundancy(z.count, z, z.count >= 2, { zonalManaged: true });
}

/** Internet-facing unless `internal = true` (Terraform) or `Scheme: internal` (CloudFormation); unknown stays an entry point. */
export function lbEntryPoint(r: ResourceView): boolean | undefined {
  const internal = bool(r, 'internal');
  if (internal === true) return false;
  if (internal === false) return true;
  const scheme = enumOf(r, 'scheme');
  if (scheme === 'internal') return false;
  if (scheme === 'internet-facing') return true;
  return undefined;
}

/** How many subnets a load balancer is attached to (`subnets` list or `subnet_mapping` blocks). */
export function lbSubnetCount(r: ResourceView, subnetsKey: string, mappingKey: string): number | null {
  const n = r.length(subnetsKey);
  if (n !== null && n > 0) return n;
  const mapping = asList(r.get(mappingKey));
  if (Array.isArray(mapping) && mapping.length > 0) return mapping.length;
  return null;
}

export function judgeLb(r: ResourceView): Judgement {
  const type = enumOf(r, 'loadBalancerType');
  const zones = r.zones(['subnets', 'subnetMapping']);
  const red = lbRedundancy(type, zones, lbSubnetCount(r, 'subnets', 'subnetMapping'));
  const entryPoint = lbEntryPoint(r);
  return judgement(red, ['loadBalancerType', 'subnets', 'subnetMapping'], undefined, entryPoint === undefined ? {} : { entryPoint });
}

export const LB_ATTRIBUTES = {
  loadBalancerType: { terraform: 'load_balancer_type', cloudformation: 'Type' },
  internal: { terraform: 'internal' },
  scheme: { cloudformation: 'Scheme' },
  subnets: { terraform: 'subnets', cloudformation: 'Subnets' },
  subnetMapping: { terraform: 'subnet_mapping', cloudformation: 'SubnetMappings' },
} as const;

const lb: CatalogEntry = {
  id: 'aws-lb',
  title: 'Elastic Load Balancer (ALB / NLB / GWLB)',
  role: 'load-balancer',
  types: { terraform: ['aws_lb', 'aws_alb'], cloudformation: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] },
  attributes: LB_ATTRIBUTES,
  entryPoint: true,
  judge: judgeLb,
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'a load balancer in a single zone stops serving when that zone fails',
  serves: 'every client that reaches it through its listeners',
};

/* -- aws_elb (classic) -------------------------------------------------------------------------- */

const classicElb: CatalogEntry = {
  id: 'aws-elb-classic',
  title: 'Classic Load Balancer',
  role: 'load-balancer',
  types: { terraform: ['aws_elb'], cloudformation: ['AWS::ElasticLoadBalancing::LoadBalancer'] },
  attributes: {
    internal: { terraform: 'internal' },
    scheme: { cloudformation: 'Scheme' },
    subnets: { terraform: 'subnets', cloudformation: 'Subnets' },
    availabilityZones: { terraform: 'availability_zones', cloudformation: 'AvailabilityZones' },
    instances: { terraform: 'instances', cloudformation: 'Instances' },
  },
  entryPoint: true,
  judge(r) {
    let zones = r.zones(['subnets', 'availabilityZones']);
    if (zones === null) {
      const names = asStrings(r.get('availabilityZones'));
      if (Array.isArray(names)) zones = zonesFromNames(names);
    }
    const red = lbRedundancy('classic', zones, r.length('subnets'));
    const entryPoint = lbEntryPoint(r);
    return judgement(red, ['subnets', 'availabilityZones'], undefined, entryPoint === undefined ? {} : { entryPoint });
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'a load balancer in a single zone stops serving when that zone fails',
};

export const ELB_ENTRIES: readonly CatalogEntry[] = [lb, classicElb];
