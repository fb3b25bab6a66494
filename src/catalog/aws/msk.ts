import type { Redundancy, Zones } from '../../model/index.js';
import type { CatalogEntry } from '../entry.js';
import { regional } from '../entry-builders.js';
import { capZones, isUnknown, judgement, num, redundancy, unknownRedundancy, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * An MSK cluster: brokers are spread evenly over the client subnets, one subnet per zone (MSK requires
 * distinct zones). Managed by AWS (KRaft / ZooKeeper controllers are not ours): not a quorum system here.
 */
export function mskRedundancy(brokers: Maybe<number>, zones: Zones | null, subnetCount: number | null): Redundancy {
  if (brokers === undefined || isUnknown(brokers)) return unknownRedundancy();
  const n = Math.max(0, Math.floor(brokers));
  const z = capZones(zones ?? (subnetCount !== null && subnetCount > 0 ? { count: subnetCount } : n === 1 ? { count: 1 } : null), n);
  return redundancy(n, z, n >= 2);
}

const mskCluster: CatalogEntry = {
  id: 'aws-msk-cluster',
  title: 'MSK (Kafka) cluster',
  role: 'queue',
  types: { terraform: ['aws_msk_cluster'], cloudformation: ['AWS::MSK::Cluster'] },
  attributes: {
    numberOfBrokerNodes: { terraform: 'number_of_broker_nodes', cloudformation: 'NumberOfBrokerNodes' },
    clientSubnets: { terraform: 'broker_node_group_info.client_subnets', cloudformation: 'BrokerNodeGroupInfo.ClientSubnets' },
  },
  judge(r) {
    const brokers = num(r, 'numberOfBrokerNodes');
    const red = mskRedundancy(brokers, r.zones(['clientSubnets']), r.length('clientSubnets'));
    return judgement(red, ['numberOfBrokerNodes', 'clientSubnets']);
  },
  recovery: recovery('logReplicated', 'logSingle'),
  impact: 'producers and consumers fail until the broker is replaced; unreplicated messages are lost',
};

const mskServerless = regional(
  'aws-msk-serverless-cluster',
  'MSK Serverless cluster',
  'queue',
  { terraform: ['aws_msk_serverless_cluster'], cloudformation: ['AWS::MSK::ServerlessCluster'] },
  'MSK Serverless replicates partitions across three zones',
);

export const MSK_ENTRIES: readonly CatalogEntry[] = [mskCluster, mskServerless];
