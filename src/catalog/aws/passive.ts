import type { CatalogEntry } from '../entry.js';
import { passive } from '../entry-builders.js';
import { deadLetter, versioningStatus, writtenCopy } from '../safeguards.js';

/* AWS resources that configure others and never carry failure: IAM, KMS, logs, rules, policies. */
export const AWS_PASSIVE_ENTRIES: readonly CatalogEntry[] = [
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
  }, {
    safeguards: [
      versioningStatus('versioning_configuration.status', { types: ['aws_s3_bucket_versioning'], guardsReferenced: 'bucket' }),
      writtenCopy('replication', 'replication to another bucket', 'rule', 'restore the replication configuration', { types: ['aws_s3_bucket_replication_configuration'], guardsReferenced: 'bucket' }),
    ],
  }),
  passive('aws-queue-policy', 'Queue / topic policy and subscription', {
    terraform: ['aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sns_topic_policy', 'aws_sns_topic_subscription'],
    cloudformation: ['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::SNS::Subscription'],
  }, {
    safeguards: [
      deadLetter('redrive_policy', { types: ['aws_sqs_queue_redrive_policy'], guardsReferenced: 'queue_url' }),
      deadLetter('redrive_policy', { types: ['aws_sns_topic_subscription'] }),
      deadLetter('RedrivePolicy', { types: ['AWS::SNS::Subscription'] }),
    ],
  }),
  passive('aws-lambda-configuration', 'Lambda permission, alias, version or layer', {
    terraform: ['aws_lambda_permission', 'aws_lambda_alias', 'aws_lambda_layer_version', 'aws_lambda_function_url'],
    cloudformation: ['AWS::Lambda::Permission', 'AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::Lambda::LayerVersion', 'AWS::Lambda::Url'],
  }),
  passive('aws-events', 'EventBridge rule / target', {
    terraform: ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_scheduler_schedule'],
    cloudformation: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule'],
  }, {
    safeguards: [
      deadLetter('dead_letter_config', { types: ['aws_cloudwatch_event_target'], fix: 'restore dead_letter_config' }),
      deadLetter('target.dead_letter_config', { types: ['aws_scheduler_schedule'], fix: 'restore target.dead_letter_config' }),
    ],
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
