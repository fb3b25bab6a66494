import type { CatalogEntry } from '../entry.js';
import { connector } from '../entry-builders.js';
import { judgement, redundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/**
 * AWS Global Accelerator. The accelerator is a global anycast front door (an entry point that does not
 * fail alone); its listeners pass traffic to endpoint groups, one per region. Endpoint groups of one
 * listener are alternatives: traffic moves to another region's group when one's endpoints are unhealthy,
 * so a group fails the listener only when every group fails, and removing one while another remains takes
 * a region's failover away.
 */
const accelerator: CatalogEntry = {
  id: 'aws-globalaccelerator-accelerator',
  title: 'Global Accelerator',
  role: 'load-balancer',
  types: { terraform: ['aws_globalaccelerator_accelerator'], cloudformation: ['AWS::GlobalAccelerator::Accelerator'] },
  regional: true,
  entryPoint: true,
  judge: () => judgement(redundancy(3, { count: 3 }, true), []),
  recovery: recovery('regional', 'regional'),
  impact: 'clients of its static addresses are not served until an endpoint group is healthy again',
};

const endpointGroup: CatalogEntry = {
  id: 'aws-globalaccelerator-endpoint-group',
  title: 'Global Accelerator endpoint group',
  role: 'load-balancer',
  types: { terraform: ['aws_globalaccelerator_endpoint_group'], cloudformation: ['AWS::GlobalAccelerator::EndpointGroup'] },
  attributes: {
    listenerArn: { terraform: 'listener_arn', cloudformation: 'ListenerArn' },
    region: { terraform: 'endpoint_group_region', cloudformation: 'EndpointGroupRegion' },
  },
  regional: true,
  entryPoint: true,
  // The groups of one listener (named by the same expression) stand for one another.
  redundancyGroup: { keys: ['listenerArn'], k: 1, byExpression: true },
  // A group does not fail by itself (the service runs it across the region's zones); its endpoints do.
  judge: () => judgement(redundancy(3, { count: 3 }, true), ['region']),
  recovery: recovery('dnsFailover', 'dnsSingle'),
  impact: 'traffic for the region goes to unhealthy endpoints until another region takes it',
};

export const GLOBAL_ACCELERATOR_ENTRIES: readonly CatalogEntry[] = [
  accelerator,
  endpointGroup,
  connector('aws-globalaccelerator-listener', 'Global Accelerator listener', {
    terraform: ['aws_globalaccelerator_listener'],
    cloudformation: ['AWS::GlobalAccelerator::Listener'],
  }),
];
