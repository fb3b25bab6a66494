import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.js';
import { entryFor } from '../../src/catalog/lookup.js';
import type { Format } from '../../src/model/index.js';
import { fakeView } from './view.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('catalog registry', () => {
  it('has unique, kebab-case ids', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id, id).toMatch(ID);
  });

  it('lists each (format, type) pair once', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const e of CATALOG) {
      for (const [format, types] of Object.entries(e.types)) {
        for (const t of types ?? []) {
          const k = `${format} ${t}`;
          if (seen.has(k)) dupes.push(`${k}: ${seen.get(k)} and ${e.id}`);
          seen.set(k, e.id);
        }
      }
    }
    expect(dupes).toEqual([]);
  });

  it('gives every judged entry recovery estimates and an impact sentence', () => {
    for (const e of CATALOG) {
      if (!e.judge) continue;
      expect(e.recovery, e.id).toBeDefined();
      expect(e.recovery?.redundant.rto, e.id).toBeTruthy();
      expect(e.recovery?.single.rpo, e.id).toBeTruthy();
      expect(e.impact, e.id).toMatch(/\S/);
    }
  });

  it('declares at least one type per entry, terraform modules as module:<source>', () => {
    for (const e of CATALOG) {
      const all = Object.values(e.types).flat();
      expect(all.length, e.id).toBeGreaterThan(0);
      for (const t of e.types.terraform ?? []) {
        if (t.startsWith('module:')) expect(t, e.id).toMatch(/^module:[a-z0-9_-]+\/[a-z0-9_-]+\/[a-z0-9]+(\/\/[a-z0-9_./-]+)?$/);
        else expect(t, e.id).toMatch(/^[a-z0-9]+_[a-z0-9_]+$/);
      }
      for (const t of e.types.cloudformation ?? []) expect(t, e.id).toMatch(/^(AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
    }
  });

  it('maps attribute keys only for formats the entry declares', () => {
    for (const e of CATALOG) {
      for (const [key, paths] of Object.entries(e.attributes ?? {})) {
        for (const format of Object.keys(paths)) expect(e.types[format as Format], `${e.id}.${key} ${format}`).toBeDefined();
      }
    }
  });

  it('keeps connectors and passive types unjudged except where placement matters', () => {
    for (const e of CATALOG) {
      if (e.role === 'passive') expect(e.judge, e.id).toBeUndefined();
      if (e.edges?.association) expect(e.role, e.id).toBe('connector');
    }
  });

  it('judges every regional entry as surviving an instance and a zone failure', () => {
    for (const e of CATALOG.filter((x) => x.regional && x.judge)) {
      const format = (Object.keys(e.types)[0] ?? 'terraform') as Format;
      const type = e.types[format]?.[0] as string;
      const j = e.judge?.(fakeView({ type, format }));
      expect(j?.redundancy.zones?.count ?? 0, e.id).toBeGreaterThanOrEqual(2);
      if (e.role !== 'dns') expect(j?.redundancy.instances ?? 0, e.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('covers the required resource types', () => {
    const required: [Format, string, string][] = [
      ['terraform', 'aws_db_instance', 'aws-rds-instance'],
      ['cloudformation', 'AWS::RDS::DBInstance', 'aws-rds-instance'],
      ['terraform', 'aws_rds_cluster', 'aws-rds-cluster'],
      ['terraform', 'aws_rds_cluster_instance', 'aws-rds-cluster-instance'],
      ['terraform', 'aws_elasticache_replication_group', 'aws-elasticache-replication-group'],
      ['terraform', 'aws_elasticache_cluster', 'aws-elasticache-cluster'],
      ['terraform', 'aws_autoscaling_group', 'aws-autoscaling-group'],
      ['terraform', 'aws_lb', 'aws-lb'],
      ['terraform', 'aws_alb', 'aws-lb'],
      ['terraform', 'aws_elb', 'aws-elb-classic'],
      ['terraform', 'aws_nat_gateway', 'aws-nat-gateway'],
      ['terraform', 'aws_instance', 'aws-ec2-instance'],
      ['terraform', 'aws_mq_broker', 'aws-mq-broker'],
      ['terraform', 'aws_opensearch_domain', 'aws-opensearch-domain'],
      ['terraform', 'aws_elasticsearch_domain', 'aws-elasticsearch-domain'],
      ['terraform', 'aws_msk_cluster', 'aws-msk-cluster'],
      ['terraform', 'aws_efs_file_system', 'aws-efs-file-system'],
      ['terraform', 'aws_route53_record', 'aws-route53-record'],
      ['terraform', 'aws_eks_node_group', 'aws-eks-node-group'],
      ['terraform', 'aws_ecs_service', 'aws-ecs-service'],
      ['terraform', 'aws_lb_target_group', 'aws-lb-target-group'],
      ['terraform', 'aws_lb_listener', 'aws-lb-listener'],
      ['terraform', 'aws_lb_target_group_attachment', 'aws-lb-target-group-attachment'],
      ['terraform', 'aws_route_table_association', 'aws-route-table-association'],
      ['terraform', 'aws_route', 'aws-route'],
      ['terraform', 'aws_route_table', 'aws-route-table'],
      ['terraform', 'aws_subnet', 'aws-subnet'],
      ['terraform', 'aws_autoscaling_attachment', 'aws-autoscaling-attachment'],
      ['terraform', 'aws_s3_bucket', 'aws-s3-bucket'],
      ['terraform', 'aws_dynamodb_table', 'aws-dynamodb-table'],
      ['terraform', 'aws_sqs_queue', 'aws-sqs-queue'],
      ['terraform', 'aws_sns_topic', 'aws-sns-topic'],
      ['terraform', 'aws_lambda_function', 'aws-lambda-function'],
      ['terraform', 'aws_iam_role', 'aws-iam'],
      ['terraform', 'aws_kms_key', 'aws-kms'],
      ['terraform', 'aws_cloudwatch_log_group', 'aws-cloudwatch'],
      ['terraform', 'aws_secretsmanager_secret', 'aws-secretsmanager-secret'],
      ['terraform', 'aws_ecr_repository', 'aws-ecr-repository'],
      ['terraform', 'aws_cloudfront_distribution', 'aws-cloudfront-distribution'],
      ['terraform', 'aws_security_group', 'aws-security-group'],
      ['terraform', 'google_sql_database_instance', 'gcp-sql-instance'],
      ['terraform', 'google_container_cluster', 'gcp-gke-cluster'],
      ['terraform', 'google_container_node_pool', 'gcp-gke-node-pool'],
      ['terraform', 'google_redis_instance', 'gcp-redis-instance'],
      ['terraform', 'google_compute_instance', 'gcp-compute-instance'],
      ['terraform', 'azurerm_kubernetes_cluster', 'azure-aks-cluster'],
      ['terraform', 'azurerm_redis_cache', 'azure-redis-cache'],
      ['terraform', 'azurerm_mssql_database', 'azure-mssql-database'],
      ['terraform', 'azurerm_postgresql_flexible_server', 'azure-postgresql-flexible-server'],
      ['terraform', 'azurerm_storage_account', 'azure-storage-account'],
      ['terraform', 'azurerm_linux_virtual_machine', 'azure-virtual-machine'],
      ['terraform', 'azurerm_windows_virtual_machine', 'azure-virtual-machine'],
      ['terraform', 'module:terraform-aws-modules/vpc/aws', 'tf-module-aws-vpc'],
      ['terraform', 'module:terraform-aws-modules/rds/aws', 'tf-module-aws-rds'],
      ['terraform', 'module:terraform-aws-modules/rds-aurora/aws', 'tf-module-aws-rds-aurora'],
      ['terraform', 'module:terraform-aws-modules/eks/aws', 'tf-module-aws-eks'],
      ['terraform', 'module:terraform-aws-modules/elasticache/aws', 'tf-module-aws-elasticache'],
      ['terraform', 'module:terraform-aws-modules/msk-kafka-cluster/aws', 'tf-module-aws-msk'],
      ['terraform', 'module:terraform-aws-modules/alb/aws', 'tf-module-aws-alb'],
      ['terraform', 'module:terraform-aws-modules/autoscaling/aws', 'tf-module-aws-autoscaling'],
    ];
    for (const [format, type, id] of required) expect(entryFor(format, type)?.id, `${format} ${type}`).toBe(id);
  });

  it('gives the CloudFormation type and attribute names next to the Terraform ones', () => {
    const rds = entryFor('cloudformation', 'AWS::RDS::DBInstance');
    expect(rds?.attributes?.['multiAz']).toEqual({ terraform: 'multi_az', cloudformation: 'MultiAZ' });
    for (const t of ['AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::EC2::NatGateway', 'AWS::EC2::Instance', 'AWS::AmazonMQ::Broker', 'AWS::OpenSearchService::Domain', 'AWS::MSK::Cluster', 'AWS::EFS::FileSystem', 'AWS::Route53::RecordSet', 'AWS::EKS::Nodegroup', 'AWS::ECS::Service', 'AWS::EC2::Subnet']) {
      expect(entryFor('cloudformation', t), t).toBeDefined();
    }
  });

  it('documents the edge hints where reference direction is not failure direction', () => {
    expect(entryFor('terraform', 'aws_autoscaling_group')?.edges?.reverse).toEqual(expect.arrayContaining(['targetGroupArns', 'loadBalancers']));
    expect(entryFor('terraform', 'aws_lb_listener')?.edges?.reverse).toEqual(['loadBalancerArn']);
    expect(entryFor('terraform', 'aws_lb_target_group_attachment')?.edges?.association).toMatchObject({ from: 'target_group_arn', to: 'target_id' });
    expect(entryFor('terraform', 'aws_route_table_association')?.edges?.association).toMatchObject({ from: 'subnetId', to: 'routeTableId' });
    expect(entryFor('terraform', 'aws_route')?.edges?.association).toMatchObject({ from: 'routeTableId', to: 'natGatewayId' });
    expect(entryFor('terraform', 'aws_route')?.edges?.association?.toKeys).toContain('gatewayId');
    expect(entryFor('terraform', 'aws_autoscaling_attachment')?.edges?.association).toMatchObject({ from: 'lb_target_group_arn', to: 'autoscaling_group_name' });
  });
});
