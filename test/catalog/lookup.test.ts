import { describe, expect, it } from 'vitest';
import { entryFor, moduleEntryFor, moduleType, normalizeModuleSource } from '../../src/catalog/lookup.js';

describe('entryFor', () => {
  it('finds entries by format and type', () => {
    expect(entryFor('terraform', 'aws_db_instance')?.id).toBe('aws-rds-instance');
    expect(entryFor('cloudformation', 'AWS::RDS::DBInstance')?.id).toBe('aws-rds-instance');
    expect(entryFor('terraform', 'AWS::RDS::DBInstance')).toBeUndefined();
    expect(entryFor('kubernetes', 'aws_db_instance')).toBeUndefined();
    expect(entryFor('terraform', 'no_such_type')).toBeUndefined();
  });
});

describe('normalizeModuleSource', () => {
  it.each([
    ['terraform-aws-modules/vpc/aws', 'terraform-aws-modules/vpc/aws'],
    ['  terraform-aws-modules/vpc/aws  ', 'terraform-aws-modules/vpc/aws'],
    ['Terraform-AWS-Modules/VPC/AWS', 'terraform-aws-modules/vpc/aws'],
    ['registry.terraform.io/terraform-aws-modules/vpc/aws', 'terraform-aws-modules/vpc/aws'],
    ['registry.opentofu.org/terraform-aws-modules/vpc/aws', 'terraform-aws-modules/vpc/aws'],
    ['tfr://registry.terraform.io/terraform-aws-modules/vpc/aws', 'terraform-aws-modules/vpc/aws'],
    ['terraform-aws-modules/vpc/aws//modules/vpc-endpoints', 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints'],
    ['terraform-aws-modules/vpc/aws//modules/vpc-endpoints/', 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints'],
    ['git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.0.0', 'terraform-aws-modules/vpc/aws'],
    ['git::https://github.com/terraform-aws-modules/terraform-aws-vpc?ref=v5.0.0', 'terraform-aws-modules/vpc/aws'],
    ['git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git//modules/vpc-endpoints?ref=v5.0.0', 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints'],
    ['git::ssh://git@github.com/terraform-aws-modules/terraform-aws-rds-aurora.git?ref=v9.0.0', 'terraform-aws-modules/rds-aurora/aws'],
    ['git@github.com:terraform-aws-modules/terraform-aws-vpc.git', 'terraform-aws-modules/vpc/aws'],
    ['github.com/terraform-aws-modules/terraform-aws-vpc', 'terraform-aws-modules/vpc/aws'],
    ['github.com/terraform-aws-modules/terraform-aws-msk-kafka-cluster?ref=v2.0.0', 'terraform-aws-modules/msk-kafka-cluster/aws'],
    ['github.com/terraform-google-modules/terraform-google-sql-db//modules/postgresql', 'terraform-google-modules/sql-db/google//modules/postgresql'],
    ['GoogleCloudPlatform/sql-db/google//modules/mysql', 'googlecloudplatform/sql-db/google//modules/mysql'],
  ])('%s -> %s', (source, expected) => {
    expect(normalizeModuleSource(source)).toBe(expected);
  });

  it.each([
    './modules/vpc',
    '../vpc',
    '/abs/path',
    '',
    'app.terraform.io/acme/vpc/aws',
    'https://example.com/vpc-module.zip',
    's3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip',
    'git::https://example.com/network.git?ref=v1',
    'github.com/acme/infrastructure',
    'hashicorp/consul',
  ])('%s is not a public registry module', (source) => {
    expect(normalizeModuleSource(source)).toBeUndefined();
  });
});

describe('moduleEntryFor', () => {
  it('matches the registry address in every spelling', () => {
    for (const s of [
      'terraform-aws-modules/vpc/aws',
      'registry.terraform.io/terraform-aws-modules/vpc/aws',
      'git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.0.0',
      'github.com/terraform-aws-modules/terraform-aws-vpc',
    ]) {
      expect(moduleEntryFor(s)?.id, s).toBe('tf-module-aws-vpc');
    }
    expect(moduleEntryFor('terraform-aws-modules/rds-aurora/aws')?.id).toBe('tf-module-aws-rds-aurora');
    expect(moduleEntryFor('terraform-aws-modules/eks/aws')?.id).toBe('tf-module-aws-eks');
  });

  it('does not match an unlisted submodule, a local path or an unknown module', () => {
    expect(moduleEntryFor('terraform-aws-modules/vpc/aws//modules/x')).toBeUndefined();
    expect(moduleEntryFor('terraform-aws-modules/eks/aws//modules/eks-managed-node-group')).toBeUndefined();
    expect(moduleEntryFor('./modules/vpc')).toBeUndefined();
    expect(moduleEntryFor('acme/unknown/aws')).toBeUndefined();
  });

  it('matches listed submodules under both namespaces', () => {
    expect(moduleEntryFor('terraform-google-modules/sql-db/google//modules/postgresql')?.id).toBe('tf-module-gcp-sql-db-postgresql');
    expect(moduleEntryFor('GoogleCloudPlatform/sql-db/google//modules/mysql')?.id).toBe('tf-module-gcp-sql-db-mysql');
  });

  it('gives the component type of a module', () => {
    expect(moduleType('registry.terraform.io/terraform-aws-modules/vpc/aws')).toBe('module:terraform-aws-modules/vpc/aws');
    expect(moduleType('./local')).toBeUndefined();
  });
});
