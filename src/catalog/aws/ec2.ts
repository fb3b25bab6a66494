import type { Zones } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { asStrings, judgement, num, placedZones, poolRedundancy, redundancy, unknownRedundancy, zonesFromNames } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- Auto Scaling group judgement (also judges registry modules' groups) ------------------------ */

/** Placement of an ASG: subnets resolved to zones, else literal zone names. */
export function asgZones(r: ResourceView, subnetsKey: string, zonesKey: string): Zones | null {
  const z = r.zones([subnetsKey, zonesKey]);
  if (z !== null) return z;
  const names = asStrings(r.get(zonesKey));
  return Array.isArray(names) ? zonesFromNames(names) : null;
}

/** An Auto Scaling group judged by `minSize`, placed by `vpcZoneIdentifier` / `availabilityZones` (catalog keys). */
export function judgeAsg(r: ResourceView): Judgement {
  // min_size is the floor the group may scale in to: that is what is guaranteed to serve.
  const min = num(r, 'minSize');
  const red = poolRedundancy(min, asgZones(r, 'vpcZoneIdentifier', 'availabilityZones'));
  const fix = typeof min === 'number' && min < 2 ? { key: 'minSize', value: 2, note: 'max_size must be at least 2; spread the subnets over two zones or more' } : undefined;
  return judgement(red, ['minSize', 'vpcZoneIdentifier', 'availabilityZones'], fix);
}

/* -- aws_instance ------------------------------------------------------------------------------- */

const ec2Instance: CatalogEntry = {
  id: 'aws-ec2-instance',
  title: 'EC2 instance',
  role: 'compute',
  types: { terraform: ['aws_instance', 'aws_spot_instance_request'], cloudformation: ['AWS::EC2::Instance'] },
  attributes: {
    subnetId: { terraform: 'subnet_id', cloudformation: 'SubnetId' },
    availabilityZone: { terraform: 'availability_zone', cloudformation: 'AvailabilityZone' },
  },
  judge(r) {
    // Copies made with count / for_each are interchangeable instances of one component.
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy(), ['count']);
    const zones = placedZones(r, ['subnetId', 'availabilityZone'], n);
    // With `count` written, one more copy is one edit (where the count is set: the attribute or a variable default).
    // Without it, adding `count` would rename the instance's address: no one-edit fix then.
    const fix = n < 2 && r.get('count') !== undefined ? { key: 'count', value: 2, note: 'spread the copies over subnets in different zones' } : undefined;
    return judgement(redundancy(n, zones, false), ['count', 'subnetId', 'availabilityZone'], fix);
  },
  recovery: recovery('loadBalanced', 'singleVm'),
  impact: 'everything served by the instance fails until it is recovered or rebuilt',
};

/* -- aws_autoscaling_group ---------------------------------------------------------------------- */

const autoscalingGroup: CatalogEntry = {
  id: 'aws-autoscaling-group',
  title: 'EC2 Auto Scaling group',
  role: 'compute',
  types: { terraform: ['aws_autoscaling_group'], cloudformation: ['AWS::AutoScaling::AutoScalingGroup'] },
  attributes: {
    minSize: { terraform: 'min_size', cloudformation: 'MinSize' },
    maxSize: { terraform: 'max_size', cloudformation: 'MaxSize' },
    desiredCapacity: { terraform: 'desired_capacity', cloudformation: 'DesiredCapacity' },
    vpcZoneIdentifier: { terraform: 'vpc_zone_identifier', cloudformation: 'VPCZoneIdentifier' },
    availabilityZones: { terraform: 'availability_zones', cloudformation: 'AvailabilityZones' },
    targetGroupArns: { terraform: 'target_group_arns', cloudformation: 'TargetGroupARNs' },
    loadBalancers: { terraform: 'load_balancers', cloudformation: 'LoadBalancerNames' },
    trafficSource: { terraform: 'traffic_source' },
  },
  judge: judgeAsg,
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests fail until the group replaces its only instance',
  // The target group / classic ELB listed here is served by this group: the LB needs the ASG.
  edges: { reverse: ['targetGroupArns', 'loadBalancers', 'trafficSource'], alternatives: true },
};

export const EC2_ENTRIES: readonly CatalogEntry[] = [ec2Instance, autoscalingGroup];
