import type { CatalogEntry } from '../entry.js';
import { connector, passive, regional } from '../entry-builders.js';
import { enabledCopy, keyVaultSoftDelete } from '../safeguards.js';

export const AZURE_REGIONAL_ENTRIES: readonly CatalogEntry[] = [
  regional('azure-key-vault', 'Key Vault', 'storage', { terraform: ['azurerm_key_vault', 'azurerm_key_vault_managed_hardware_security_module'] }, 'Key Vault replicates within its region and fails over to the paired region', {
    // A deleted vault, key or secret is kept for the retention (soft delete); purge protection stops anyone
    // from purging it before then, so a deletion (by mistake or by an attacker) stays recoverable.
    safeguards: [
      keyVaultSoftDelete(),
      enabledCopy('purge-protection', 'purge protection', 'purge_protection_enabled', false, 'keep purge_protection_enabled = true (Azure refuses to turn it off once on)', { types: ['azurerm_key_vault'] }),
    ],
  }),
  regional(
    'azure-service-bus',
    'Service Bus namespace',
    'queue',
    { terraform: ['azurerm_servicebus_namespace'] },
    'Service Bus is a regional service (zone-redundant in regions with availability zones)',
  ),
  regional('azure-event-hubs', 'Event Hubs namespace', 'queue', { terraform: ['azurerm_eventhub_namespace'] }, 'Event Hubs is a regional service (zone-redundant in regions with availability zones)'),
  regional('azure-container-registry', 'Container registry', 'storage', { terraform: ['azurerm_container_registry'] }, 'Container Registry stores images redundantly in its region'),
  regional('azure-container-app', 'Container App / environment', 'compute', { terraform: ['azurerm_container_app', 'azurerm_container_app_environment'] }, 'Container Apps runs replicas on platform-managed capacity'),
  regional('azure-api-management', 'API Management', 'gateway', { terraform: ['azurerm_api_management'] }, 'API Management is a managed gateway', { entryPoint: true }),
  connector('azure-messaging-child', 'Queue / topic / subscription / event hub', {
    terraform: [
      'azurerm_servicebus_queue',
      'azurerm_servicebus_topic',
      'azurerm_servicebus_subscription',
      'azurerm_eventhub',
      'azurerm_eventhub_consumer_group',
    ],
  }),
  passive('azure-key-vault-item', 'Key Vault secret / key / certificate / access policy', {
    terraform: ['azurerm_key_vault_secret', 'azurerm_key_vault_key', 'azurerm_key_vault_certificate', 'azurerm_key_vault_access_policy'],
  }),
  passive('azure-identity', 'Resource group, identity and role assignment', {
    terraform: [
      'azurerm_resource_group',
      'azurerm_user_assigned_identity',
      'azurerm_role_assignment',
      'azurerm_role_definition',
      'azurerm_federated_identity_credential',
      'azurerm_management_lock',
      'azuread_application',
      'azuread_service_principal',
      'azuread_group',
    ],
  }),
  passive('azure-observability', 'Monitoring and logging configuration', {
    terraform: [
      'azurerm_log_analytics_workspace',
      'azurerm_application_insights',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_monitor_action_group',
      'azurerm_monitor_metric_alert',
      'azurerm_monitor_scheduled_query_rules_alert_v2',
      'azurerm_log_analytics_solution',
    ],
  }),
];
