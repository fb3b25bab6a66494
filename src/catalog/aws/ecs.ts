import type { CatalogEntry } from '../entry.js';
import { connector } from '../entry-builders.js';
import { capZones, enumOf, isUnknown, judgement, num, redundancy, unknownRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

const ecsService: CatalogEntry = {
  id: 'aws-ecs-service',
  title: 'ECS service',
  role: 'compute',
  types: { terraform: ['aws_ecs_service'], cloudformation: ['AWS::ECS::Service'] },
  attributes: {
    desiredCount: { terraform: 'desired_count', cloudformation: 'DesiredCount' },
    launchType: { terraform: 'launch_type', cloudformation: 'LaunchType' },
    schedulingStrategy: { terraform: 'scheduling_strategy', cloudformation: 'SchedulingStrategy' },
    subnets: { terraform: 'network_configuration.subnets', cloudformation: 'NetworkConfiguration.AwsvpcConfiguration.Subnets' },
    loadBalancers: { terraform: 'load_balancer', cloudformation: 'LoadBalancers' },
    serviceRegistries: { terraform: 'service_registries', cloudformation: 'ServiceRegistries' },
  },
  judge(r) {
    const strategy = enumOf(r, 'schedulingStrategy');
    // DAEMON: one task per container instance, as redundant as the cluster's capacity.
    if (isUnknown(strategy) || strategy === 'daemon') return judgement(unknownRedundancy(), ['schedulingStrategy']);
    // Terraform's default desired_count is 0 (the count is then usually driven by Application Auto Scaling,
    // which we cannot see): unknown. CloudFormation creates a new service with 1 task.
    let desired = num(r, 'desiredCount');
    if (desired === undefined && r.format === 'cloudformation') desired = 1;
    if (desired === undefined || isUnknown(desired)) return judgement(unknownRedundancy(), ['desiredCount']);
    const n = Math.max(0, Math.floor(desired));
    // awsvpc tasks (always on Fargate) are spread by ECS over the zones of their subnets.
    const placed = r.zones(['subnets']);
    const zones = n === 1 ? { count: 1 } : capZones(placed, n);
    const fix = n < 2 ? { key: 'desiredCount', value: 2, note: 'with subnets in two zones or more' } : undefined;
    return judgement(redundancy(n, zones, n >= 2), ['desiredCount', 'subnets', 'launchType'], fix);
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'requests fail until ECS replaces the only task',
  // The target groups / Cloud Map services it registers with are served by it: they need the service.
  edges: { reverse: ['loadBalancers', 'serviceRegistries'], alternatives: true },
};

const ecsCluster = connector('aws-ecs-cluster', 'ECS cluster', { terraform: ['aws_ecs_cluster'], cloudformation: ['AWS::ECS::Cluster'] });

const ecsCapacityProvider = connector('aws-ecs-capacity-provider', 'ECS capacity provider', {
  terraform: ['aws_ecs_capacity_provider'],
  cloudformation: ['AWS::ECS::CapacityProvider'],
});

const ecsClusterCapacityProviders = connector(
  'aws-ecs-cluster-capacity-providers',
  'ECS cluster capacity providers',
  { terraform: ['aws_ecs_cluster_capacity_providers'], cloudformation: ['AWS::ECS::ClusterCapacityProviderAssociations'] },
  {
    attributes: {
      cluster: { terraform: 'cluster_name', cloudformation: 'Cluster' },
      capacityProviders: { terraform: 'capacity_providers', cloudformation: 'CapacityProviders' },
    },
    edges: { association: { from: 'cluster', to: 'capacityProviders' } },
  },
);

export const ECS_ENTRIES: readonly CatalogEntry[] = [ecsService, ecsCluster, ecsCapacityProvider, ecsClusterCapacityProviders];
