import type { Redundancy } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { bool, isUnknown, judgement, num, redundancy, unknownRedundancy, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * An OpenSearch / Elasticsearch domain: data nodes hold primary and replica shards (one replica by
 * default), so two nodes or more survive one failing. Without zone awareness every node is in one zone.
 * Provider defaults: instance_count 1, zone awareness off, availability_zone_count 2 when it is on.
 */
export function searchDomainRedundancy(count: Maybe<number>, zoneAware: Maybe<boolean>, azCount: Maybe<number>): Redundancy {
  if (isUnknown(count) || isUnknown(zoneAware)) return unknownRedundancy();
  const n = Math.max(0, Math.floor(count ?? 1));
  if (zoneAware !== true) return redundancy(n, { count: 1 }, n >= 2);
  if (isUnknown(azCount)) return redundancy(n, null, n >= 2);
  return redundancy(n, { count: Math.max(1, Math.min(azCount ?? 2, n)) }, n >= 2);
}

function judgeDomain(r: ResourceView): Judgement {
  const count = num(r, 'instanceCount');
  const zoneAware = bool(r, 'zoneAwarenessEnabled');
  const red = searchDomainRedundancy(count, zoneAware, num(r, 'availabilityZoneCount'));
  let fix: Judgement['fix'];
  if (!isUnknown(count) && !isUnknown(zoneAware)) {
    if ((count ?? 1) < 2) fix = { key: 'instanceCount', value: 2, note: 'and zone_awareness_enabled = true, with indices keeping one replica' };
    else if (zoneAware !== true) fix = { key: 'zoneAwarenessEnabled', value: true, note: 'spreads nodes and replica shards over two zones' };
  }
  return judgement(red, ['instanceCount', 'zoneAwarenessEnabled', 'availabilityZoneCount'], fix);
}

const SEARCH_IMPACT = 'search and indexing fail until the node is replaced and indices are restored from a snapshot';

const opensearch: CatalogEntry = {
  id: 'aws-opensearch-domain',
  title: 'OpenSearch Service domain',
  role: 'database',
  types: { terraform: ['aws_opensearch_domain'], cloudformation: ['AWS::OpenSearchService::Domain'] },
  attributes: {
    instanceCount: { terraform: 'cluster_config.instance_count', cloudformation: 'ClusterConfig.InstanceCount' },
    zoneAwarenessEnabled: { terraform: 'cluster_config.zone_awareness_enabled', cloudformation: 'ClusterConfig.ZoneAwarenessEnabled' },
    availabilityZoneCount: {
      terraform: 'cluster_config.zone_awareness_config.availability_zone_count',
      cloudformation: 'ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount',
    },
    subnetIds: { terraform: 'vpc_options.subnet_ids', cloudformation: 'VPCOptions.SubnetIds' },
  },
  judge: judgeDomain,
  recovery: recovery('searchReplicated', 'searchSingle'),
  impact: SEARCH_IMPACT,
};

const elasticsearch: CatalogEntry = {
  id: 'aws-elasticsearch-domain',
  title: 'Elasticsearch Service domain (legacy)',
  role: 'database',
  types: { terraform: ['aws_elasticsearch_domain'], cloudformation: ['AWS::Elasticsearch::Domain'] },
  attributes: {
    instanceCount: { terraform: 'cluster_config.instance_count', cloudformation: 'ElasticsearchClusterConfig.InstanceCount' },
    zoneAwarenessEnabled: {
      terraform: 'cluster_config.zone_awareness_enabled',
      cloudformation: 'ElasticsearchClusterConfig.ZoneAwarenessEnabled',
    },
    availabilityZoneCount: {
      terraform: 'cluster_config.zone_awareness_config.availability_zone_count',
      cloudformation: 'ElasticsearchClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount',
    },
    subnetIds: { terraform: 'vpc_options.subnet_ids', cloudformation: 'VPCOptions.SubnetIds' },
  },
  judge: judgeDomain,
  recovery: recovery('searchReplicated', 'searchSingle'),
  impact: SEARCH_IMPACT,
};

export const OPENSEARCH_ENTRIES: readonly CatalogEntry[] = [opensearch, elasticsearch];
