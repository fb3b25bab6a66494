import type { CatalogEntry } from './entry.js';
import { EC2_ENTRIES } from './aws/ec2.js';
import { ECS_ENTRIES } from './aws/ecs.js';
import { EKS_ENTRIES } from './aws/eks.js';
import { ELASTICACHE_ENTRIES } from './aws/elasticache.js';
import { ELB_ENTRIES } from './aws/elb.js';
import { GLOBAL_ACCELERATOR_ENTRIES } from './aws/global-accelerator.js';
import { MQ_ENTRIES } from './aws/mq.js';
import { MSK_ENTRIES } from './aws/msk.js';
import { MWAA_ENTRIES } from './aws/mwaa.js';
import { AWS_NETWORK_CONNECTOR_ENTRIES } from './aws/network-connectors.js';
import { OPENSEARCH_ENTRIES } from './aws/opensearch.js';
import { AWS_PASSIVE_ENTRIES } from './aws/passive.js';
import { RDS_ENTRIES } from './aws/rds.js';
import { AWS_REGIONAL_ENTRIES } from './aws/regional.js';
import { ROUTE53_ENTRIES } from './aws/route53.js';
import { AWS_SERVICE_CONNECTOR_ENTRIES } from './aws/service-connectors.js';
import { STORAGE_ENTRIES } from './aws/storage.js';
import { VPC_ENTRIES } from './aws/vpc.js';
import { AKS_ENTRIES } from './azure/aks.js';
import { AZURE_COMPUTE_ENTRIES } from './azure/compute.js';
import { AZURE_DATABASE_ENTRIES } from './azure/database.js';
import { AZURE_NETWORK_ENTRIES } from './azure/network.js';
import { AZURE_REDIS_ENTRIES } from './azure/redis.js';
import { AZURE_REGIONAL_ENTRIES } from './azure/regional.js';
import { AZURE_STORAGE_ENTRIES } from './azure/storage.js';
import { GCP_COMPUTE_ENTRIES } from './gcp/compute.js';
import { COMPOSER_ENTRIES } from './gcp/composer.js';
import { GKE_ENTRIES } from './gcp/gke.js';
import { MEMORYSTORE_ENTRIES } from './gcp/memorystore.js';
import { GCP_NETWORK_ENTRIES } from './gcp/network.js';
import { GCP_REGIONAL_ENTRIES } from './gcp/regional.js';
import { GCP_SQL_ENTRIES } from './gcp/sql.js';
import { COMPOSE_ENTRIES } from './compose.js';
import { IMAGE_ENTRIES } from './images.js';
import { KUBERNETES_ENTRIES } from './kubernetes/index.js';
import { AWS_MODULE_ENTRIES } from './modules/aws.js';
import { EKS_MODULE_ENTRIES } from './modules/eks.js';
import { GCP_MODULE_ENTRIES } from './modules/gcp.js';
import { PASSIVE_MODULE_ENTRIES } from './modules/passive.js';
import { RDS_MODULE_ENTRIES } from './modules/rds.js';
import { VPC_MODULE_ENTRIES } from './modules/vpc.js';
import { UTILITY_ENTRIES } from './utility.js';

/**
 * The one registry of catalog entries. Order does not matter; ids and (format, type) pairs are unique
 * (a test checks). Adding an entry means adding it to this list, nothing else.
 */
export const CATALOG: readonly CatalogEntry[] = [
  // AWS
  ...RDS_ENTRIES,
  ...ELASTICACHE_ENTRIES,
  ...EC2_ENTRIES,
  ...ELB_ENTRIES,
  ...VPC_ENTRIES,
  ...MQ_ENTRIES,
  ...MSK_ENTRIES,
  ...MWAA_ENTRIES,
  ...OPENSEARCH_ENTRIES,
  ...STORAGE_ENTRIES,
  ...ROUTE53_ENTRIES,
  ...GLOBAL_ACCELERATOR_ENTRIES,
  ...EKS_ENTRIES,
  ...ECS_ENTRIES,
  ...AWS_NETWORK_CONNECTOR_ENTRIES,
  ...AWS_SERVICE_CONNECTOR_ENTRIES,
  ...AWS_PASSIVE_ENTRIES,
  ...AWS_REGIONAL_ENTRIES,
  // Google Cloud
  ...GCP_SQL_ENTRIES,
  ...COMPOSER_ENTRIES,
  ...GKE_ENTRIES,
  ...MEMORYSTORE_ENTRIES,
  ...GCP_COMPUTE_ENTRIES,
  ...GCP_NETWORK_ENTRIES,
  ...GCP_REGIONAL_ENTRIES,
  // Azure
  ...AKS_ENTRIES,
  ...AZURE_REDIS_ENTRIES,
  ...AZURE_DATABASE_ENTRIES,
  ...AZURE_STORAGE_ENTRIES,
  ...AZURE_COMPUTE_ENTRIES,
  ...AZURE_NETWORK_ENTRIES,
  ...AZURE_REGIONAL_ENTRIES,
  // Containers: well-known images (shared by the container formats), other compose services
  ...IMAGE_ENTRIES,
  ...COMPOSE_ENTRIES,
  // Kubernetes kinds and operator resources
  ...KUBERNETES_ENTRIES,
  // Utility providers and template plumbing
  ...UTILITY_ENTRIES,
  // Terraform registry modules
  ...VPC_MODULE_ENTRIES,
  ...RDS_MODULE_ENTRIES,
  ...EKS_MODULE_ENTRIES,
  ...AWS_MODULE_ENTRIES,
  ...GCP_MODULE_ENTRIES,
  ...PASSIVE_MODULE_ENTRIES,
];

export * from './entry.js';
