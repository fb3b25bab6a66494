import type { CatalogEntry } from './entry.js';
import { connector, passive } from './entry-builders.js';

/** Resources of utility providers and template plumbing: values, not things that run. */
export const UTILITY_ENTRIES: readonly CatalogEntry[] = [
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
