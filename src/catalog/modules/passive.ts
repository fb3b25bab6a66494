import type { CatalogEntry } from '../entry.js';
import { connector, passive, regional } from '../entry-builders.js';
import { moduleTypes } from './common.js';

/** Registry modules that wrap connectors, passive resources or regional services only. */
export const PASSIVE_MODULE_ENTRIES: readonly CatalogEntry[] = [
  connector('tf-module-aws-security-group', 'Security group module', moduleTypes('terraform-aws-modules/security-group/aws')),
  passive(
    'tf-module-aws-iam',
    'IAM / KMS / ACM / CloudWatch module',
    moduleTypes(
      'terraform-aws-modules/iam/aws',
      'terraform-aws-modules/kms/aws',
      'terraform-aws-modules/acm/aws',
      'terraform-aws-modules/cloudwatch/aws',
      'terraform-aws-modules/key-pair/aws',
    ),
  ),
  regional('tf-module-aws-s3-bucket', 'S3 bucket module', 'storage', moduleTypes('terraform-aws-modules/s3-bucket/aws'), 'S3 stores objects across at least three zones'),
  regional(
    'tf-module-aws-messaging',
    'SQS / SNS module',
    'queue',
    moduleTypes('terraform-aws-modules/sqs/aws', 'terraform-aws-modules/sns/aws', 'terraform-aws-modules/eventbridge/aws'),
    'SQS, SNS and EventBridge are regional, multi-zone services',
  ),
  regional('tf-module-aws-dynamodb-table', 'DynamoDB table module', 'database', moduleTypes('terraform-aws-modules/dynamodb-table/aws'), 'DynamoDB replicates every table across three zones'),
  regional(
    'tf-module-aws-lambda',
    'Lambda / Step Functions module',
    'compute',
    moduleTypes('terraform-aws-modules/lambda/aws', 'terraform-aws-modules/step-functions/aws'),
    'Lambda and Step Functions run across zones of their region',
  ),
  regional('tf-module-aws-ecr', 'ECR module', 'storage', moduleTypes('terraform-aws-modules/ecr/aws'), 'ECR stores images across zones'),
  regional(
    'tf-module-aws-edge',
    'CloudFront / API Gateway module',
    'gateway',
    moduleTypes('terraform-aws-modules/cloudfront/aws', 'terraform-aws-modules/apigateway-v2/aws'),
    'CloudFront and API Gateway are managed, multi-zone entry points; they fail only when their origins do',
    { entryPoint: true },
  ),
  regional('tf-module-aws-route53', 'Route 53 module', 'dns', moduleTypes('terraform-aws-modules/route53/aws'), 'Route 53 is a global service'),
  regional(
    'tf-module-gcp-network',
    'Google network / Cloud NAT module',
    'gateway',
    moduleTypes('terraform-google-modules/network/google', 'terraform-google-modules/cloud-nat/google', 'terraform-google-modules/cloud-router/google'),
    'VPC networks, Cloud Router and Cloud NAT are distributed regional services',
  ),
];
