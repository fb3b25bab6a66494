import type { CatalogEntry } from '../entry.js';
import { regional } from '../entry-builders.js';
import { dynamodbReplicaRegions, globalTableRegions } from '../regions.js';
import { deadLetter, enabledCopy, versioningStatus, writtenCopy } from '../safeguards.js';

/* AWS regional managed services: replicated across the zones of their region by AWS. */
export const AWS_REGIONAL_ENTRIES: readonly CatalogEntry[] = [
  regional('aws-s3-bucket', 'S3 bucket', 'storage', { terraform: ['aws_s3_bucket'], cloudformation: ['AWS::S3::Bucket'] }, 'S3 stores objects across at least three zones; it does not fail with one zone', {
    safeguards: [
      // Provider v3 inline blocks; v4+ writes them as companion resources (aws-s3-bucket-configuration).
      enabledCopy('versioning', 'object versioning', 'versioning.enabled', false, 'enable versioning again', { types: ['aws_s3_bucket'] }),
      versioningStatus('VersioningConfiguration.Status', { types: ['AWS::S3::Bucket'] }),
      writtenCopy('replication', 'replication to another bucket', 'replication_configuration', 'restore the replication configuration', { types: ['aws_s3_bucket'] }),
      writtenCopy('replication', 'replication to another bucket', 'ReplicationConfiguration', 'restore the replication configuration', { types: ['AWS::S3::Bucket'] }),
    ],
  }),
  regional(
    'aws-dynamodb-table',
    'DynamoDB table',
    'database',
    { terraform: ['aws_dynamodb_table', 'aws_dynamodb_global_table'], cloudformation: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'] },
    'DynamoDB replicates every table across three zones of its region',
    {
      regions: (r) => (r.type === 'aws_dynamodb_table' ? dynamodbReplicaRegions(r) : r.type === 'AWS::DynamoDB::GlobalTable' ? globalTableRegions(r) : undefined),
      safeguards: [
        enabledCopy('point-in-time-recovery', 'point-in-time recovery', 'point_in_time_recovery.enabled', false, 'enable point-in-time recovery again', { types: ['aws_dynamodb_table'] }),
        enabledCopy('point-in-time-recovery', 'point-in-time recovery', 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false, 'enable point-in-time recovery again', { types: ['AWS::DynamoDB::Table'] }),
      ],
    },
  ),
  regional('aws-sqs-queue', 'SQS queue', 'queue', { terraform: ['aws_sqs_queue'], cloudformation: ['AWS::SQS::Queue'] }, 'SQS stores messages redundantly across zones of its region', {
    safeguards: [deadLetter('redrive_policy', { types: ['aws_sqs_queue'] }), deadLetter('RedrivePolicy', { types: ['AWS::SQS::Queue'] })],
  }),
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
    {
      safeguards: [
        deadLetter('dead_letter_config', { types: ['aws_lambda_function'], fix: 'restore dead_letter_config' }),
        deadLetter('DeadLetterConfig', { types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], fix: 'restore DeadLetterConfig' }),
      ],
    },
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
