import type { CatalogEntry } from '../entry.js';
import { connector } from '../entry-builders.js';

/*
 * Pieces that wire AWS services together and carry no redundancy of their own: load balancer listeners
 * and target groups, attachments, event source mappings, and the workload definitions that carry a
 * workload's runtime dependencies.
 */

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

export const AWS_SERVICE_CONNECTOR_ENTRIES: readonly CatalogEntry[] = [
  awsLbTargetGroup,
  awsLbListener,
  awsLbListenerRule,
  awsLbTargetGroupAttachment,
  awsAutoscalingAttachment,
  awsAutoscalingTrafficSourceAttachment,
  awsVolumeAttachment,
  awsLambdaEventSourceMapping,
  // Workload definitions: user_data and container environments carry the workload's runtime
  // dependencies (a database host in user_data makes the ASG need that database).
  connector('aws-launch-template', 'Launch template / configuration', {
    terraform: ['aws_launch_template', 'aws_launch_configuration'],
    cloudformation: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  }),
  connector('aws-ecs-task-definition', 'ECS task definition', {
    terraform: ['aws_ecs_task_definition'],
    cloudformation: ['AWS::ECS::TaskDefinition'],
  }),
];
