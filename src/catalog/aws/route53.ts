import type { CatalogEntry } from '../entry.js';
import { asList, enumOf, isUnknown, judgement, redundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { maxOf } from '../../model/index.js';

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
  types: { terraform: ['aws_route53_record'], cloudformation: ['AWS::Route53::RecordSet'] },
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

/**
 * A CloudFormation `AWS::Route53::RecordSetGroup`: records written together. Records of one name and type
 * with a `SetIdentifier` (a failover PRIMARY/SECONDARY pair, weighted or latency records) are alternatives
 * to each other: the group needs one of their targets (see `redundancyGroup.list`). Its instances are the
 * records of its largest such set, and it fails over when a set holds a PRIMARY and a SECONDARY.
 */
const recordSetGroup: CatalogEntry = {
  id: 'aws-route53-record-set-group',
  title: 'Route 53 record set group',
  role: 'dns',
  types: { cloudformation: ['AWS::Route53::RecordSetGroup'] },
  regional: true,
  entryPoint: true,
  redundancyGroup: { keys: ['Name', 'Type'], k: 1, when: 'SetIdentifier', list: 'RecordSets' },
  judge(r) {
    const records = asList(r.get('RecordSets'));
    const zones = { count: 3 };
    if (records === undefined || isUnknown(records)) return judgement(redundancy(null, zones, null), ['RecordSets']);
    const sets = new Map<string, { failover: Set<string>; keys: string[] }>();
    records.forEach((item, i) => {
      const rec = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      if (rec['SetIdentifier'] === undefined) return;
      const key = JSON.stringify([rec['Name'], rec['Type']]);
      const set = sets.get(key) ?? { failover: new Set<string>(), keys: [] };
      if (typeof rec['Failover'] === 'string') set.failover.add(rec['Failover'].toUpperCase());
      set.keys.push(`RecordSets.${i}.${rec['Failover'] !== undefined ? 'Failover' : 'SetIdentifier'}`);
      sets.set(key, set);
    });
    const largest = maxOf([...sets.values()].map((s) => s.keys.length), 1);
    const failover = [...sets.values()].some((s) => s.failover.has('PRIMARY') && s.failover.has('SECONDARY'));
    return judgement(redundancy(largest, zones, failover), [...sets.values()].flatMap((s) => s.keys));
  },
  recovery: recovery('dnsFailover', 'dnsSingle'),
  impact: 'the name resolves to a target that is down until DNS points elsewhere (TTL)',
};

export const ROUTE53_ENTRIES: readonly CatalogEntry[] = [record, recordSetGroup];
