import type { CatalogEntry } from '../entry.js';
import { passive, regional } from '../entry-builders.js';
import { asList, enumOf, isUnknown, judgement, redundancy, regionalRedundancy, str, unknownRedundancy, zonalManagedRedundancy, zonesFromNames } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { gcsBucketRegions, spannerRegions } from '../regions.js';
import { deadLetter, enabledCopy } from '../safeguards.js';

const cloudRunV2: CatalogEntry = regional(
  'gcp-cloud-run-service',
  'Cloud Run service',
  'compute',
  { terraform: ['google_cloud_run_v2_service', 'google_cloud_run_service'] },
  'Cloud Run runs instances across zones of its region',
  {
    judge(r) {
      // Public unless ingress restricts it (v2: INGRESS_TRAFFIC_ALL by default).
      const ingress = enumOf(r, 'ingress');
      if (r.type !== 'google_cloud_run_v2_service' || isUnknown(ingress)) return judgement(regionalRedundancy(), []);
      return judgement(regionalRedundancy(), ['ingress'], undefined, { entryPoint: ingress === undefined || ingress === 'ingress_traffic_all' });
    },
  },
);

/** Bigtable: each `cluster` block lives in one zone; two clusters or more replicate. */
const bigtable: CatalogEntry = {
  id: 'gcp-bigtable-instance',
  title: 'Bigtable instance',
  role: 'database',
  types: { terraform: ['google_bigtable_instance'] },
  judge(r) {
    const clusters = asList(r.get('cluster'));
    if (clusters === undefined || isUnknown(clusters)) return judgement(unknownRedundancy(), ['cluster']);
    const zoneNames: string[] = [];
    for (const c of clusters) {
      const z = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)['zone'] : undefined;
      if (typeof z === 'string') zoneNames.push(z);
    }
    const n = clusters.length;
    const zones = zoneNames.length === n ? zonesFromNames(zoneNames) : n === 1 ? { count: 1 } : null;
    return judgement(redundancy(n, zones, n >= 2), ['cluster']);
  },
  recovery: recovery('multiAzFailover', 'zonalDatabase'),
  impact: 'a single-cluster instance is unavailable when its zone fails',
};

/** Filestore: Basic, High Scale and Zonal tiers live in one zone; Enterprise / Regional span zones. */
const filestore: CatalogEntry = {
  id: 'gcp-filestore-instance',
  title: 'Filestore instance',
  role: 'storage',
  types: { terraform: ['google_filestore_instance'] },
  judge(r) {
    const tier = enumOf(r, 'tier');
    if (tier === undefined || isUnknown(tier)) return judgement(unknownRedundancy(), ['tier']);
    if (tier === 'enterprise' || tier === 'regional') return judgement(regionalRedundancy(), ['tier'], undefined, { regional: true });
    const location = str(r, 'location');
    return judgement(zonalManagedRedundancy(location), ['tier'], {
      key: 'tier',
      value: 'REGIONAL',
      note: 'replaces the instance; location must then be a region',
    });
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'the file share is unavailable when its zone fails',
};

export const GCP_REGIONAL_ENTRIES: readonly CatalogEntry[] = [
  cloudRunV2,
  bigtable,
  filestore,
  regional('gcp-storage-bucket', 'Cloud Storage bucket', 'storage', { terraform: ['google_storage_bucket'] }, 'Cloud Storage stores objects redundantly across zones', {
    regions: gcsBucketRegions,
    safeguards: [enabledCopy('versioning', 'object versioning', 'versioning.enabled', false, 'enable versioning again')],
  }),
  regional('gcp-pubsub', 'Pub/Sub topic / subscription', 'queue', { terraform: ['google_pubsub_topic', 'google_pubsub_subscription'] }, 'Pub/Sub is a global service replicated across zones', {
    safeguards: [deadLetter('dead_letter_policy', { types: ['google_pubsub_subscription'], fix: 'restore dead_letter_policy' })],
  }),
  regional(
    'gcp-cloud-functions',
    'Cloud Functions function',
    'compute',
    { terraform: ['google_cloudfunctions_function', 'google_cloudfunctions2_function'] },
    'Cloud Functions runs instances across zones of its region',
  ),
  regional('gcp-cloud-run-job', 'Cloud Run job', 'compute', { terraform: ['google_cloud_run_v2_job'] }, 'Cloud Run jobs run on regional capacity'),
  regional(
    'gcp-secret-manager',
    'Secret Manager secret',
    'storage',
    { terraform: ['google_secret_manager_secret', 'google_secret_manager_secret_version'] },
    'Secret Manager replicates secrets across zones (or regions)',
  ),
  regional('gcp-artifact-registry', 'Artifact Registry repository', 'storage', { terraform: ['google_artifact_registry_repository'] }, 'Artifact Registry is a regional service'),
  regional('gcp-bigquery', 'BigQuery dataset / table', 'database', { terraform: ['google_bigquery_dataset', 'google_bigquery_table'] }, 'BigQuery replicates data across zones'),
  regional('gcp-spanner-instance', 'Spanner instance', 'database', { terraform: ['google_spanner_instance', 'google_spanner_database'] }, 'Spanner regional configurations keep three replicas in three zones', {
    regions: spannerRegions,
  }),
  regional('gcp-firestore-database', 'Firestore database', 'database', { terraform: ['google_firestore_database'] }, 'Firestore replicates data across zones'),
  regional('gcp-managed-kafka', 'Managed Service for Apache Kafka cluster', 'queue', { terraform: ['google_managed_kafka_cluster', 'google_managed_kafka_topic'] }, 'Managed Kafka spreads brokers and replicas over three zones'),
  regional('gcp-workflows', 'Workflows workflow', 'compute', { terraform: ['google_workflows_workflow', 'google_cloud_scheduler_job', 'google_cloud_tasks_queue'] }, 'Workflows, Scheduler and Tasks are regional services'),
  regional('gcp-api-gateway', 'API Gateway', 'gateway', { terraform: ['google_api_gateway_api', 'google_api_gateway_api_config', 'google_api_gateway_gateway'] }, 'API Gateway is a regional managed service', { entryPoint: true }),
  passive('gcp-iam', 'IAM, service accounts and project configuration', {
    terraform: [
      'google_service_account',
      'google_service_account_key',
      'google_service_account_iam_member',
      'google_service_account_iam_binding',
      'google_project_iam_member',
      'google_project_iam_binding',
      'google_project_iam_policy',
      'google_project_iam_custom_role',
      'google_organization_iam_member',
      'google_folder_iam_member',
      'google_storage_bucket_iam_member',
      'google_storage_bucket_iam_binding',
      'google_pubsub_topic_iam_member',
      'google_pubsub_subscription_iam_member',
      'google_secret_manager_secret_iam_member',
      'google_cloud_run_service_iam_member',
      'google_cloud_run_v2_service_iam_member',
      'google_cloudfunctions_function_iam_member',
      'google_kms_crypto_key_iam_member',
      'google_kms_crypto_key_iam_binding',
      'google_artifact_registry_repository_iam_member',
      'google_bigquery_dataset_iam_member',
      'google_project',
      'google_project_service',
      'google_project_service_identity',
      'google_tags_tag_key',
      'google_tags_tag_value',
      'google_tags_tag_binding',
    ],
  }),
  passive('gcp-kms', 'Cloud KMS key ring / key', { terraform: ['google_kms_key_ring', 'google_kms_crypto_key'] }),
  passive('gcp-observability', 'Monitoring and logging configuration', {
    terraform: [
      'google_monitoring_alert_policy',
      'google_monitoring_notification_channel',
      'google_monitoring_uptime_check_config',
      'google_monitoring_dashboard',
      'google_logging_metric',
      'google_logging_project_sink',
      'google_logging_project_bucket_config',
    ],
  }),
  passive('gcp-storage-object', 'Cloud Storage object / notification', {
    terraform: ['google_storage_bucket_object', 'google_storage_notification', 'google_storage_default_object_access_control'],
  }),
];
