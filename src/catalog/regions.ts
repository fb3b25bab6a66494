/**
 * How many cloud regions a resource's configuration places it in (DESIGN: "Regions"), where the code
 * says so: a DynamoDB table's replicas, a storage account's geo-redundant pair, a multi- or dual-region
 * bucket or Spanner configuration. A region is a failure domain beside the zone: a multi-region resource
 * cut to one region is down for the whole of a regional outage. Undecided stays undefined.
 */
import type { ResourceView } from './entry.js';
import { asList, asString, isUnknown } from './judging/values.js';

export interface RegionCount {
  count: number;
  /** The key whose site is the evidence. */
  key: string;
  names?: string[];
}

/** `replica { region_name }` blocks (Terraform) beside the table's own region. */
export function dynamodbReplicaRegions(r: ResourceView): RegionCount | undefined {
  const replicas = asList(r.get('replica'));
  if (isUnknown(replicas)) return undefined;
  const names: string[] = [];
  for (const item of replicas ?? []) {
    const name = asString(item && typeof item === 'object' ? (item as Record<string, unknown>).region_name : undefined);
    if (typeof name === 'string') names.push(name);
  }
  return { count: 1 + (replicas?.length ?? 0), key: 'replica', ...(names.length === (replicas?.length ?? 0) && names.length ? { names } : {}) };
}

/** `Replicas` of an `AWS::DynamoDB::GlobalTable`: every region it runs in, its own included. */
export function globalTableRegions(r: ResourceView): RegionCount | undefined {
  const replicas = asList(r.get('Replicas'));
  if (isUnknown(replicas) || !replicas) return undefined;
  return { count: replicas.length, key: 'Replicas' };
}

/** Geo-redundant storage keeps a copy in the paired region (GRS, RA-GRS, GZRS, RA-GZRS). */
export function storageAccountRegions(r: ResourceView): RegionCount | undefined {
  const type = asString(r.get('account_replication_type'));
  if (typeof type !== 'string') return undefined;
  const geo = ['GRS', 'RAGRS', 'GZRS', 'RAGZRS'].includes(type.toUpperCase());
  return { count: geo ? 2 : 1, key: 'account_replication_type' };
}

/** Cloud Storage multi-regions (US, EU, ASIA) and dual-regions (NAM4, EUR4, ASIA1, or custom placement). */
const GCS_MULTI = new Set(['US', 'EU', 'ASIA', 'NAM4', 'EUR4', 'ASIA1', 'EUR5', 'EUR7', 'EUR8']);
export function gcsBucketRegions(r: ResourceView): RegionCount | undefined {
  const location = asString(r.get('location'));
  if (typeof location !== 'string') return undefined;
  const custom = asList(r.get('custom_placement_config.data_locations'));
  if (isUnknown(custom)) return undefined;
  if (custom && custom.length >= 2) return { count: custom.length, key: 'custom_placement_config' };
  return { count: GCS_MULTI.has(location.toUpperCase()) ? 2 : 1, key: 'location' };
}

/** Spanner: `regional-<region>` configurations run in one region; the others (nam3, eur6, nam-eur-asia1...) in several. */
export function spannerRegions(r: ResourceView): RegionCount | undefined {
  if (r.type !== 'google_spanner_instance') return undefined;
  const config = asString(r.get('config'));
  if (typeof config !== 'string') return undefined;
  const name = config.split('/').pop()!;
  return { count: name.startsWith('regional-') ? 1 : 2, key: 'config' };
}

/**
 * Where the region a resource is created in is written, by resource type (DESIGN: "Regions"): `own` is the
 * resource's argument that sets it, `provider` whether the provider configuration's `region` is the
 * default. Global services (IAM, Route 53, CloudFront, Global Accelerator...) have no region: undefined.
 * Google resources take the provider's region only where the resource's `region` defaults to it; others
 * (a bucket's `location`, a global backend) are placed otherwise and are left unnamed.
 */
export interface RegionSource {
  own: 'region' | 'location' | 'endpoint_group_region';
  provider: boolean;
}

const AWS_GLOBAL = [
  'aws_iam_', 'aws_route53_', 'aws_cloudfront_', 'aws_globalaccelerator_', 'aws_organizations_', 'aws_shield_',
  'aws_budgets_', 'aws_ce_', 'aws_waf_', 'aws_networkmanager_', 'aws_s3control_multi_region_access_point',
  'aws_rds_global_cluster', 'aws_dynamodb_global_table', 'aws_account_',
];
/** Route 53 parts that live in a region (resolver endpoints and rules, ARC readiness is global). */
const AWS_REGIONAL_ROUTE53 = ['aws_route53_resolver_'];

const GOOGLE_PROVIDER_REGION = new Set([
  'google_sql_database_instance', 'google_redis_instance', 'google_memcache_instance', 'google_compute_subnetwork',
  'google_compute_router', 'google_compute_address', 'google_compute_forwarding_rule', 'google_compute_target_pool',
  'google_cloudfunctions_function', 'google_dataproc_cluster',
]);

export function regionSource(type: string): RegionSource | undefined {
  // Global Accelerator is global, but each endpoint group names the region its endpoints are in.
  if (type === 'aws_globalaccelerator_endpoint_group') return { own: 'endpoint_group_region', provider: false };
  if (type.startsWith('aws_')) {
    if (AWS_GLOBAL.some((p) => type.startsWith(p)) && !AWS_REGIONAL_ROUTE53.some((p) => type.startsWith(p))) return undefined;
    return { own: 'region', provider: true };
  }
  if (type.startsWith('google_')) {
    return { own: 'region', provider: GOOGLE_PROVIDER_REGION.has(type) || type.startsWith('google_compute_region_') };
  }
  if (type.startsWith('azurerm_')) return { own: 'location', provider: false };
  return undefined;
}

/** A region name as compared: Azure writes `East US` and `eastus` for one region. */
export function regionName(written: string, type: string): string | undefined {
  const name = type.startsWith('azurerm_') ? written.toLowerCase().replace(/\s+/g, '') : written;
  // Not a region: empty, Azure's `global`, a multi-region location.
  if (!name || name.toLowerCase() === 'global') return undefined;
  return name;
}
