import type { Format, Redundancy, Role, Zones } from '../model/index.js';
import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView, type Unknown } from './entry.js';
import { REGIONAL_RECOVERY, recovery } from './recovery.js';

/* ------------------------------------------------------------------------------------------------
 * Shared judging helpers. Values come from ResourceView.get(): `undefined` = absent (apply the
 * provider's default), UNKNOWN = not evaluable (never guess). CloudFormation gives strings for
 * numbers and booleans, so conversions accept both.
 * ---------------------------------------------------------------------------------------------- */

export type Maybe<T> = T | undefined | Unknown;

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

export function asBool(v: unknown): Maybe<boolean> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return UNKNOWN;
}

export function asNumber(v: unknown): Maybe<number> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : UNKNOWN;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return UNKNOWN;
}

export function asString(v: unknown): Maybe<string> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return UNKNOWN;
}

/** A list value; a single nested block (read as an object) counts as a list of one. */
export function asList(v: unknown): Maybe<readonly unknown[]> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') return [v];
  return UNKNOWN;
}

/** A map / object value (module inputs such as `instances`, `eks_managed_node_groups`). */
export function asRecord(v: unknown): Maybe<Readonly<Record<string, unknown>>> {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return UNKNOWN;
}

/** A list of strings (zone names, subnet CIDRs); UNKNOWN when any item is not evaluable. */
export function asStrings(v: unknown): Maybe<string[]> {
  const l = asList(v);
  if (l === undefined || l === UNKNOWN) return l;
  const out: string[] = [];
  for (const item of l) {
    const s = asString(item);
    if (s === undefined) continue;
    if (s === UNKNOWN) return UNKNOWN;
    out.push(s);
  }
  return out;
}

/** Whether a value holds UNKNOWN anywhere inside (bounded walk). */
export function hasUnknown(v: unknown, depth = 0): boolean {
  if (v === UNKNOWN) return true;
  if (depth > 8 || v === null || typeof v !== 'object') return false;
  const items: unknown[] = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  return items.some((x) => hasUnknown(x, depth + 1));
}

export const bool = (r: ResourceView, key: string): Maybe<boolean> => asBool(r.get(key));
export const num = (r: ResourceView, key: string): Maybe<number> => asNumber(r.get(key));
export const str = (r: ResourceView, key: string): Maybe<string> => asString(r.get(key));
/** Lower-cased string, for enum-like values (`SINGLE_INSTANCE`, `ZoneRedundant`, `internet-facing`). */
export const enumOf = (r: ResourceView, key: string): Maybe<string> => {
  const s = str(r, key);
  return typeof s === 'string' ? s.trim().toLowerCase() : s;
};

/** First defined value among keys (new name before legacy name); UNKNOWN wins over absent. */
export function firstOf<T>(r: ResourceView, keys: readonly string[], read: (r: ResourceView, k: string) => Maybe<T>): { key: string; value: Maybe<T> } {
  for (const k of keys) {
    const value = read(r, k);
    if (value !== undefined) return { key: k, value };
  }
  return { key: keys[0] ?? '', value: undefined };
}

/* -- Redundancy builders ------------------------------------------------------------------------ */

export function redundancy(
  instances: number | null,
  zones: Zones | null,
  failover: boolean | null,
  extra: { quorum?: boolean; zonalManaged?: boolean } = {},
): Redundancy {
  const r: Redundancy = { instances, zones, failover, quorum: extra.quorum ?? false };
  if (extra.zonalManaged !== undefined) r.zonalManaged = extra.zonalManaged;
  return r;
}

/** What a resource the catalog does not judge offers: its declared copies, nothing else known. */
export function countOnlyRedundancy(count: number | null): Redundancy {
  return redundancy(count, null, null);
}

/** Nothing decisive could be evaluated. */
export function unknownRedundancy(extra: { zonalManaged?: boolean } = {}): Redundancy {
  return redundancy(null, null, null, extra);
}

/**
 * Regional managed services (S3, SQS, DynamoDB, Cloud Run, ...): the provider replicates them across at
 * least three zones in every region that offers them, so one instance or one zone failing does not fail them.
 */
export function regionalRedundancy(): Redundancy {
  return redundancy(3, { count: 3 }, true);
}

/** Exactly one zone, with its name when known. */
export function oneZone(name?: Maybe<string>): Zones {
  return typeof name === 'string' && name !== '' ? { count: 1, names: [name] } : { count: 1 };
}

/** Zones from a list of zone names (GCP node_locations, Azure zones, module `azs`). */
export function zonesFromNames(names: readonly string[]): Zones | null {
  const distinct = [...new Set(names.filter((n) => n !== ''))];
  return distinct.length === 0 ? null : { count: distinct.length, names: distinct };
}

/** At most `max` zones (n instances cannot span more than n zones); names are dropped when cut. */
export function capZones(z: Zones | null, max: number | null): Zones | null {
  if (z === null || max === null) return z;
  if (max <= 0) return null;
  if (z.count <= max) return z;
  return { count: max };
}

/*
 * Convention: `count` / `for_each` copies multiply `instances` only where the copies are interchangeable
 * (VMs, NAT gateways, subnets, mount targets). Two `aws_db_instance` copies are two databases, each judged
 * on its own configuration.
 */

/** At least `min` zones when the provider guarantees it (an ALB always spans two zones). */
export function atLeastZones(z: Zones | null, min: number): Zones {
  if (z !== null && z.count >= min) return z;
  return { count: min };
}

/**
 * Zones of a resource placed by `keys`: resolved placement first; a single instance spans exactly
 * one zone even when it cannot be named; otherwise unknown (several instances, unresolved placement).
 */
export function placedZones(r: ResourceView, keys: readonly string[], instances: number | null): Zones | null {
  const z = r.zones(keys);
  if (z !== null) return capZones(z, instances);
  if (instances === 1) return { count: 1 };
  return null;
}

export function judgement(red: Redundancy, decisive: string[], fix?: Judgement['fix'], extra: Pick<Judgement, 'entryPoint' | 'regional'> = {}): Judgement {
  const j: Judgement = { redundancy: red, decisive };
  if (fix) j.fix = fix;
  if (extra.entryPoint !== undefined) j.entryPoint = extra.entryPoint;
  if (extra.regional !== undefined) j.regional = extra.regional;
  return j;
}

/** Whether a judged redundancy survives one instance and one zone failing (used to decide whether to offer a fix). */
export function isRedundant(red: Redundancy): boolean {
  const inst = red.instances ?? 0;
  const zones = red.zones?.count ?? 0;
  return (inst >= 2 || red.zonalManaged === true) && zones >= 2;
}

/** The judge of regional managed services. */
export function judgeRegional(): Judgement {
  return judgement(regionalRedundancy(), []);
}

/* -- Entry builders for the many types that carry no redundancy of their own ---------------------- */

type Types = Partial<Record<Format, readonly string[]>>;

/** Connectors pass failure through without failing themselves (subnets, route tables, security groups). */
export function connector(id: string, title: string, types: Types, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role: 'connector', types, ...extra };
}

/** Passive references do not carry failure (IAM, KMS, log groups, parameter groups, random values). */
export function passive(id: string, title: string, types: Types, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role: 'passive', types, ...extra };
}

/** Regional managed services: never SPOFs by themselves; they still depend on what they reference. */
export function regional(id: string, title: string, role: Role, types: Types, impact: string, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role, types, regional: true, judge: judgeRegional, recovery: REGIONAL_RECOVERY, impact, ...extra };
}

/* ------------------------------------------------------------------------------------------------
 * Generic AWS entries: network connectors, associations, passive types and regional services.
 * ---------------------------------------------------------------------------------------------- */

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

const awsLbTargetGroup = connector('aws-lb-target-group', 'Load balancer target group', {
  terraform: ['aws_lb_target_group', 'aws_alb_target_group'],
  cloudformation: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
});

const awsLbListener = connector(
  'aws-lb-listener',
  'Load balancer listener',
  { terraform: ['aws_lb_listener', 'aws_alb_listener'], cloudformation: ['AWS::ElasticLoadBalancingV2::Listener'] },
  {
    attributes: { loadBalancerArn: { terraform: 'load_balancer_arn', cloudformation: 'LoadBalancerArn' } },
    // The listener references its LB, but the LB needs its listener (and the listener its target groups).
    edges: { reverse: ['loadBalancerArn'] },
  },
);

const awsLbListenerRule = connector(
  'aws-lb-listener-rule',
  'Load balancer listener rule',
  { terraform: ['aws_lb_listener_rule', 'aws_alb_listener_rule'], cloudformation: ['AWS::ElasticLoadBalancingV2::ListenerRule'] },
  {
    attributes: { listenerArn: { terraform: 'listener_arn', cloudformation: 'ListenerArn' } },
    edges: { reverse: ['listenerArn'] },
  },
);

const awsLbTargetGroupAttachment = connector(
  'aws-lb-target-group-attachment',
  'Target group attachment',
  { terraform: ['aws_lb_target_group_attachment', 'aws_alb_target_group_attachment'] },
  { edges: { association: { from: 'target_group_arn', to: 'target_id' }, alternatives: true } },
);

const awsAutoscalingAttachment = connector(
  'aws-autoscaling-attachment',
  'Auto Scaling group attachment',
  { terraform: ['aws_autoscaling_attachment'] },
  {
    edges: {
      association: {
        from: 'lb_target_group_arn',
        to: 'autoscaling_group_name',
        fromKeys: ['lb_target_group_arn', 'alb_target_group_arn', 'elb'],
      },
      alternatives: true,
    },
  },
);

const awsAutoscalingTrafficSourceAttachment = connector(
  'aws-autoscaling-traffic-source-attachment',
  'Auto Scaling traffic source attachment',
  { terraform: ['aws_autoscaling_traffic_source_attachment'] },
  { edges: { association: { from: 'traffic_source.identifier', to: 'autoscaling_group_name' }, alternatives: true } },
);

const awsVolumeAttachment = connector(
  'aws-volume-attachment',
  'EBS volume attachment',
  { terraform: ['aws_volume_attachment'], cloudformation: ['AWS::EC2::VolumeAttachment'] },
  {
    attributes: {
      instanceId: { terraform: 'instance_id', cloudformation: 'InstanceId' },
      volumeId: { terraform: 'volume_id', cloudformation: 'VolumeId' },
    },
    edges: { association: { from: 'instanceId', to: 'volumeId' } },
  },
);

const awsLambdaEventSourceMapping = connector(
  'aws-lambda-event-source-mapping',
  'Lambda event source mapping',
  { terraform: ['aws_lambda_event_source_mapping'], cloudformation: ['AWS::Lambda::EventSourceMapping'] },
  {
    attributes: {
      functionName: { terraform: 'function_name', cloudformation: 'FunctionName' },
      eventSourceArn: { terraform: 'event_source_arn', cloudformation: 'EventSourceArn' },
    },
    edges: { association: { from: 'functionName', to: 'eventSourceArn' } },
  },
);

const awsNetworkConnectors: CatalogEntry[] = [
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
  awsLbTargetGroup,
  awsLbListener,
  awsLbListenerRule,
  awsLbTargetGroupAttachment,
  awsAutoscalingAttachment,
  awsAutoscalingTrafficSourceAttachment,
  awsVolumeAttachment,
  awsLambdaEventSourceMapping,
];

const awsPassive: CatalogEntry[] = [
  passive('aws-security-group-rule', 'Security group rule', {
    terraform: ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
    cloudformation: ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  }),
  passive('aws-network-acl-rule', 'Network ACL rule', {
    terraform: ['aws_network_acl_rule', 'aws_network_acl_association'],
    cloudformation: ['AWS::EC2::NetworkAclEntry', 'AWS::EC2::SubnetNetworkAclAssociation'],
  }),
  passive('aws-eip', 'Elastic IP', {
    terraform: ['aws_eip', 'aws_eip_association'],
    cloudformation: ['AWS::EC2::EIP', 'AWS::EC2::EIPAssociation'],
  }),
  passive('aws-iam', 'IAM', {
    terraform: [
      'aws_iam_role',
      'aws_iam_policy',
      'aws_iam_role_policy',
      'aws_iam_role_policy_attachment',
      'aws_iam_policy_attachment',
      'aws_iam_instance_profile',
      'aws_iam_user',
      'aws_iam_user_policy',
      'aws_iam_user_policy_attachment',
      'aws_iam_group',
      'aws_iam_group_policy',
      'aws_iam_group_policy_attachment',
      'aws_iam_group_membership',
      'aws_iam_access_key',
      'aws_iam_service_linked_role',
      'aws_iam_openid_connect_provider',
    ],
    cloudformation: [
      'AWS::IAM::Role',
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::RolePolicy',
      'AWS::IAM::InstanceProfile',
      'AWS::IAM::User',
      'AWS::IAM::Group',
      'AWS::IAM::AccessKey',
      'AWS::IAM::ServiceLinkedRole',
      'AWS::IAM::OIDCProvider',
    ],
  }),
  passive('aws-kms', 'KMS key', {
    terraform: ['aws_kms_key', 'aws_kms_alias', 'aws_kms_grant', 'aws_kms_replica_key'],
    cloudformation: ['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey'],
  }),
  passive('aws-cloudwatch', 'CloudWatch logs, alarms and dashboards', {
    terraform: [
      'aws_cloudwatch_log_group',
      'aws_cloudwatch_log_stream',
      'aws_cloudwatch_log_subscription_filter',
      'aws_cloudwatch_log_metric_filter',
      'aws_cloudwatch_log_resource_policy',
      'aws_cloudwatch_metric_alarm',
      'aws_cloudwatch_composite_alarm',
      'aws_cloudwatch_dashboard',
      'aws_cloudwatch_query_definition',
    ],
    cloudformation: [
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogStream',
      'AWS::Logs::SubscriptionFilter',
      'AWS::Logs::MetricFilter',
      'AWS::Logs::ResourcePolicy',
      'AWS::Logs::QueryDefinition',
      'AWS::CloudWatch::Alarm',
      'AWS::CloudWatch::CompositeAlarm',
      'AWS::CloudWatch::Dashboard',
    ],
  }),
  passive('aws-acm-certificate', 'ACM certificate', {
    terraform: ['aws_acm_certificate', 'aws_acm_certificate_validation'],
    cloudformation: ['AWS::CertificateManager::Certificate'],
  }),
  // Not passive: user_data and container environments carry the workload's runtime dependencies
  // (a database host in user_data makes the ASG need that database).
  connector('aws-launch-template', 'Launch template / configuration', {
    terraform: ['aws_launch_template', 'aws_launch_configuration'],
    cloudformation: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  }),
  passive('aws-autoscaling-policy', 'Auto Scaling policy, schedule or hook', {
    terraform: ['aws_autoscaling_policy', 'aws_autoscaling_schedule', 'aws_autoscaling_lifecycle_hook', 'aws_autoscaling_notification', 'aws_appautoscaling_target', 'aws_appautoscaling_policy', 'aws_appautoscaling_scheduled_action'],
    cloudformation: ['AWS::AutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScheduledAction', 'AWS::AutoScaling::LifecycleHook', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy'],
  }),
  passive('aws-parameter-group', 'Database / cache parameter or option group', {
    terraform: ['aws_db_parameter_group', 'aws_rds_cluster_parameter_group', 'aws_db_option_group', 'aws_elasticache_parameter_group', 'aws_docdb_cluster_parameter_group', 'aws_neptune_parameter_group', 'aws_neptune_cluster_parameter_group'],
    cloudformation: ['AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup', 'AWS::RDS::OptionGroup', 'AWS::ElastiCache::ParameterGroup'],
  }),
  passive('aws-s3-bucket-configuration', 'S3 bucket configuration', {
    terraform: [
      'aws_s3_bucket_policy',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_acl',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_notification',
      'aws_s3_bucket_cors_configuration',
      'aws_s3_bucket_website_configuration',
      'aws_s3_bucket_logging',
      'aws_s3_bucket_replication_configuration',
      'aws_s3_object',
      'aws_s3_bucket_object',
    ],
    cloudformation: ['AWS::S3::BucketPolicy'],
  }),
  passive('aws-queue-policy', 'Queue / topic policy and subscription', {
    terraform: ['aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sns_topic_policy', 'aws_sns_topic_subscription'],
    cloudformation: ['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::SNS::Subscription'],
  }),
  passive('aws-lambda-configuration', 'Lambda permission, alias, version or layer', {
    terraform: ['aws_lambda_permission', 'aws_lambda_alias', 'aws_lambda_layer_version', 'aws_lambda_function_url'],
    cloudformation: ['AWS::Lambda::Permission', 'AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::Lambda::LayerVersion', 'AWS::Lambda::Url'],
  }),
  passive('aws-events', 'EventBridge rule / target', {
    terraform: ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_scheduler_schedule'],
    cloudformation: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule'],
  }),
  connector('aws-ecs-task-definition', 'ECS task definition', {
    terraform: ['aws_ecs_task_definition'],
    cloudformation: ['AWS::ECS::TaskDefinition'],
  }),
  passive('aws-route53-health-check', 'Route 53 health check', {
    terraform: ['aws_route53_health_check'],
    cloudformation: ['AWS::Route53::HealthCheck'],
  }),
  passive('aws-waf', 'WAF web ACL', {
    terraform: ['aws_wafv2_web_acl', 'aws_wafv2_web_acl_association', 'aws_wafv2_ip_set', 'aws_wafv2_rule_group'],
    cloudformation: ['AWS::WAFv2::WebACL', 'AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::IPSet', 'AWS::WAFv2::RuleGroup'],
  }),
  passive('aws-key-pair', 'EC2 key pair', { terraform: ['aws_key_pair'], cloudformation: ['AWS::EC2::KeyPair'] }),
  passive('aws-flow-log', 'VPC flow log', { terraform: ['aws_flow_log'], cloudformation: ['AWS::EC2::FlowLog'] }),
  passive('aws-service-discovery', 'Cloud Map namespace / service', {
    terraform: ['aws_service_discovery_private_dns_namespace', 'aws_service_discovery_public_dns_namespace', 'aws_service_discovery_http_namespace', 'aws_service_discovery_service'],
    cloudformation: ['AWS::ServiceDiscovery::PrivateDnsNamespace', 'AWS::ServiceDiscovery::PublicDnsNamespace', 'AWS::ServiceDiscovery::HttpNamespace', 'AWS::ServiceDiscovery::Service'],
  }),
  passive('aws-cloudfront-configuration', 'CloudFront policy / origin access', {
    terraform: ['aws_cloudfront_origin_access_control', 'aws_cloudfront_origin_access_identity', 'aws_cloudfront_cache_policy', 'aws_cloudfront_origin_request_policy', 'aws_cloudfront_response_headers_policy', 'aws_cloudfront_function'],
    cloudformation: ['AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::CloudFrontOriginAccessIdentity', 'AWS::CloudFront::CachePolicy', 'AWS::CloudFront::OriginRequestPolicy', 'AWS::CloudFront::ResponseHeadersPolicy', 'AWS::CloudFront::Function'],
  }),
  passive('aws-api-gateway-configuration', 'API Gateway resource, method, stage or deployment', {
    terraform: [
      'aws_api_gateway_resource',
      'aws_api_gateway_method',
      'aws_api_gateway_integration',
      'aws_api_gateway_deployment',
      'aws_api_gateway_stage',
      'aws_apigatewayv2_stage',
      'aws_apigatewayv2_route',
      'aws_apigatewayv2_integration',
    ],
    cloudformation: [
      'AWS::ApiGateway::Resource',
      'AWS::ApiGateway::Method',
      'AWS::ApiGateway::Deployment',
      'AWS::ApiGateway::Stage',
      'AWS::ApiGatewayV2::Stage',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Integration',
    ],
  }),
];

const awsRegional: CatalogEntry[] = [
  regional('aws-s3-bucket', 'S3 bucket', 'storage', { terraform: ['aws_s3_bucket'], cloudformation: ['AWS::S3::Bucket'] }, 'S3 stores objects across at least three zones; it does not fail with one zone'),
  regional(
    'aws-dynamodb-table',
    'DynamoDB table',
    'database',
    { terraform: ['aws_dynamodb_table', 'aws_dynamodb_global_table'], cloudformation: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'] },
    'DynamoDB replicates every table across three zones of its region',
  ),
  regional('aws-sqs-queue', 'SQS queue', 'queue', { terraform: ['aws_sqs_queue'], cloudformation: ['AWS::SQS::Queue'] }, 'SQS stores messages redundantly across zones of its region'),
  regional('aws-sns-topic', 'SNS topic', 'queue', { terraform: ['aws_sns_topic'], cloudformation: ['AWS::SNS::Topic'] }, 'SNS is a regional service replicated across zones'),
  regional(
    'aws-kinesis-stream',
    'Kinesis data stream',
    'queue',
    { terraform: ['aws_kinesis_stream', 'aws_kinesis_firehose_delivery_stream'], cloudformation: ['AWS::Kinesis::Stream', 'AWS::KinesisFirehose::DeliveryStream'] },
    'Kinesis replicates records across three zones',
  ),
  regional(
    'aws-lambda-function',
    'Lambda function',
    'compute',
    { terraform: ['aws_lambda_function'], cloudformation: ['AWS::Lambda::Function', 'AWS::Serverless::Function'] },
    'Lambda runs functions in several zones of its region (in a VPC: in the zones of its subnets)',
  ),
  regional(
    'aws-step-functions',
    'Step Functions state machine',
    'compute',
    { terraform: ['aws_sfn_state_machine'], cloudformation: ['AWS::StepFunctions::StateMachine'] },
    'Step Functions is a regional service replicated across zones',
  ),
  regional(
    'aws-secretsmanager-secret',
    'Secrets Manager secret / SSM parameter',
    'storage',
    {
      terraform: ['aws_secretsmanager_secret', 'aws_secretsmanager_secret_version', 'aws_secretsmanager_secret_rotation', 'aws_ssm_parameter'],
      cloudformation: ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::RotationSchedule', 'AWS::SSM::Parameter'],
    },
    'secrets and parameters are served by a regional, multi-zone service',
  ),
  regional(
    'aws-ecr-repository',
    'ECR repository',
    'storage',
    { terraform: ['aws_ecr_repository', 'aws_ecr_lifecycle_policy', 'aws_ecr_repository_policy'], cloudformation: ['AWS::ECR::Repository'] },
    'ECR stores images in S3 across zones; image pulls survive a zone failure',
  ),
  regional(
    'aws-cloudfront-distribution',
    'CloudFront distribution',
    'gateway',
    { terraform: ['aws_cloudfront_distribution'], cloudformation: ['AWS::CloudFront::Distribution'] },
    'CloudFront is a global edge network; it fails only when its origins do',
    { entryPoint: true },
  ),
  regional(
    'aws-api-gateway',
    'API Gateway API',
    'gateway',
    {
      terraform: ['aws_api_gateway_rest_api', 'aws_apigatewayv2_api'],
      cloudformation: ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    },
    'API Gateway is a regional, multi-zone service; it fails only when its integrations do',
    { entryPoint: true },
  ),
  regional(
    'aws-internet-gateway',
    'Internet gateway',
    'gateway',
    {
      terraform: ['aws_internet_gateway', 'aws_egress_only_internet_gateway'],
      cloudformation: ['AWS::EC2::InternetGateway', 'AWS::EC2::EgressOnlyInternetGateway'],
    },
    'an internet gateway is horizontally scaled and redundant by AWS',
  ),
  regional(
    'aws-transit-gateway',
    'Transit gateway',
    'gateway',
    {
      terraform: ['aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_transit_gateway_route', 'aws_ec2_transit_gateway_route_table'],
      cloudformation: ['AWS::EC2::TransitGateway', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayRoute', 'AWS::EC2::TransitGatewayRouteTable'],
    },
    'a transit gateway is a regional, multi-zone service (its VPC attachments use the zones of their subnets)',
  ),
  regional(
    'aws-route53-zone',
    'Route 53 hosted zone',
    'dns',
    { terraform: ['aws_route53_zone'], cloudformation: ['AWS::Route53::HostedZone'] },
    'Route 53 is a global service with a 100% availability SLA',
  ),
  regional(
    'aws-cognito-user-pool',
    'Cognito user pool',
    'storage',
    { terraform: ['aws_cognito_user_pool', 'aws_cognito_user_pool_client', 'aws_cognito_identity_pool'], cloudformation: ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient', 'AWS::Cognito::IdentityPool'] },
    'Cognito is a regional, multi-zone service',
  ),
  regional(
    'aws-eventbridge-bus',
    'EventBridge event bus',
    'queue',
    { terraform: ['aws_cloudwatch_event_bus'], cloudformation: ['AWS::Events::EventBus'] },
    'EventBridge is a regional, multi-zone service',
  ),
];

/** Data-like resources of utility providers: values, not things that run. */
const dataLike: CatalogEntry[] = [
  passive('random-value', 'Random value', {
    terraform: ['random_pet', 'random_string', 'random_id', 'random_password', 'random_integer', 'random_uuid', 'random_shuffle', 'random_bytes'],
  }),
  passive('tls-material', 'TLS key or certificate', {
    terraform: ['tls_private_key', 'tls_self_signed_cert', 'tls_cert_request', 'tls_locally_signed_cert'],
  }),
  passive('terraform-utility', 'Terraform utility resource', {
    terraform: ['null_resource', 'terraform_data', 'time_sleep', 'time_static', 'time_rotating', 'time_offset', 'local_file', 'local_sensitive_file'],
  }),
  // A nested stack is not downloaded: it passes failure between what its parameters name and what reads its outputs.
  connector('aws-cloudformation-stack', 'Nested CloudFormation stack', { cloudformation: ['AWS::CloudFormation::Stack'] }),
  passive('cloudformation-utility', 'CloudFormation utility resource', {
    cloudformation: ['AWS::CloudFormation::WaitCondition', 'AWS::CloudFormation::WaitConditionHandle', 'AWS::CloudFormation::Macro', 'AWS::SSM::Association', 'AWS::ServiceCatalog::TagOption'],
  }),
];

export const GENERIC_ENTRIES: readonly CatalogEntry[] = [awsSubnet, ...awsNetworkConnectors, ...awsPassive, ...awsRegional, ...dataLike];
