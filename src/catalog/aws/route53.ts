import type { CatalogEntry } from '../entry.js';
import { enumOf, isUnknown, judgement, redundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * A Route 53 record. Route 53 itself is global (100% SLA): a record fails only when what it points at
 * fails (alias target / records values are its dependencies). Records sharing name + type with a
 * `set_identifier` (failover primary/secondary, weighted, latency, ...) are alternatives: the extractor
 * groups them (see `redundancyGroup`), and the group gives the redundancy. One record is one instance.
 */
const record: CatalogEntry = {
  id: 'aws-route53-record',
  title: 'Route 53 record',
  role: 'dns',
  types: { terraform: ['aws_route53_record'], cloudformation: ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup'] },
  attributes: {
    name: { terraform: 'name', cloudformation: 'Name' },
    type: { terraform: 'type', cloudformation: 'Type' },
    setIdentifier: { terraform: 'set_identifier', cloudformation: 'SetIdentifier' },
    failover: { terraform: 'failover_routing_policy.type', cloudformation: 'Failover' },
    healthCheckId: { terraform: 'health_check_id', cloudformation: 'HealthCheckId' },
  },
  regional: true,
  entryPoint: true,
  redundancyGroup: { keys: ['name', 'type'], k: 1, when: 'setIdentifier' },
  judge(r) {
    const failover = enumOf(r, 'failover');
    // Route 53 answers from a global anycast fleet: the record does not live in a zone.
    const zones = { count: 3 };
    if (isUnknown(failover)) return judgement(redundancy(1, zones, null), ['failover', 'setIdentifier']);
    return judgement(redundancy(1, zones, failover === 'primary' || failover === 'secondary'), ['failover', 'setIdentifier']);
  },
  recovery: recovery('dnsFailover', 'dnsSingle'),
  impact: 'the name resolves to a target that is down until DNS points elsewhere (TTL)',
};

export const ROUTE53_ENTRIES: readonly CatalogEntry[] = [record];
