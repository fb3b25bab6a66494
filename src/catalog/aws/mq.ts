import type { Redundancy } from '../../model/index.js';
import type { CatalogEntry, Judgement } from '../entry.js';
import { enumOf, isUnknown, judgement, oneZone, redundancy, str, unknownRedundancy, type Maybe } from '../judging/index.js';
import { recovery } from '../recovery.js';

/** Amazon MQ deployment modes (provider default SINGLE_INSTANCE). */
export function mqRedundancy(mode: Maybe<string>): Redundancy {
  if (isUnknown(mode)) return unknownRedundancy();
  switch ((mode ?? 'single_instance').toLowerCase()) {
    case 'active_standby_multi_az':
      return redundancy(2, { count: 2 }, true);
    case 'cluster_multi_az':
      // RabbitMQ cluster of three brokers, one per zone (managed: not judged as a quorum system).
      return redundancy(3, { count: 3 }, true);
    case 'single_instance':
      return redundancy(1, oneZone(), false);
    default:
      return unknownRedundancy();
  }
}

const mqBroker: CatalogEntry = {
  id: 'aws-mq-broker',
  title: 'Amazon MQ broker',
  role: 'queue',
  types: { terraform: ['aws_mq_broker'], cloudformation: ['AWS::AmazonMQ::Broker'] },
  attributes: {
    deploymentMode: { terraform: 'deployment_mode', cloudformation: 'DeploymentMode' },
    engineType: { terraform: 'engine_type', cloudformation: 'EngineType' },
  },
  judge(r) {
    const red = mqRedundancy(str(r, 'deploymentMode'));
    let fix: Judgement['fix'];
    if (red.instances === 1) {
      const engine = enumOf(r, 'engineType');
      const value = engine === 'rabbitmq' ? 'CLUSTER_MULTI_AZ' : engine === 'activemq' ? 'ACTIVE_STANDBY_MULTI_AZ' : undefined;
      if (value) fix = { key: 'deploymentMode', value, note: 'replaces the broker; it needs a subnet in each zone' };
    }
    return judgement(red, ['deploymentMode'], fix);
  },
  recovery: recovery('brokerFailover', 'brokerSingle'),
  impact: 'producers and consumers fail until the broker is restarted or re-created',
};

export const MQ_ENTRIES: readonly CatalogEntry[] = [mqBroker];
