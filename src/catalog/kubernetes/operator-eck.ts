import { UNKNOWN, type CatalogEntry, type Judgement } from '../entry.js';
import { judgement, redundancy } from '../judging/index.js';
import { K8S_RECOVERY } from './recovery.js';
import { itemCount, judgeCountSum, listItems, weakestPart } from './operator-counts.js';

/**
 * The roles of an ECK node set: `config.node.roles` (a list; absent means every role), or the legacy
 * `node.master` / `node.data` flags (default true). Undefined when they cannot be read.
 */
function rolesOf(item: Readonly<Record<string, unknown>>): { master: boolean; data: boolean } | undefined {
  const config = item['config'];
  if (config === undefined || config === null) return { master: true, data: true };
  if (typeof config !== 'object' || Array.isArray(config)) return undefined;
  const c = config as Record<string, unknown>;
  // Elasticsearch settings are written flat (`node.roles: [...]`) or nested (`node: {roles: [...]}`).
  const node = c['node'] !== null && typeof c['node'] === 'object' ? (c['node'] as Record<string, unknown>) : {};
  const roles = c['node.roles'] ?? node['roles'];
  if (Array.isArray(roles)) {
    if (!roles.every((x) => typeof x === 'string')) return undefined;
    return { master: roles.includes('master'), data: roles.some((x: string) => x === 'data' || x.startsWith('data_')) };
  }
  if (roles !== undefined) return undefined;
  const flag = (name: string) => {
    const v = c[`node.${name}`] ?? node[name];
    return v === undefined ? true : v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
  };
  const master = flag('master');
  const data = flag('data');
  return master === undefined || data === undefined ? undefined : { master, data };
}

/**
 * ECK `Elasticsearch`: the master-eligible nodes of its node sets elect a master by majority (3 survive
 * one failure, 2 survive none), and the data nodes hold the shards (one data node keeps no replica
 * shards). The weaker part decides; node sets whose roles cannot be read make it unknown.
 */
const elasticsearch: CatalogEntry = {
  id: 'k8s-eck-elasticsearch',
  title: 'Elasticsearch (ECK)',
  role: 'database',
  types: { kubernetes: ['elasticsearch.k8s.elastic.co/Elasticsearch'] },
  judge(r) {
    const sets = listItems(r, 'spec.nodeSets');
    if (sets === UNKNOWN) return judgement(redundancy(null, null, null), ['spec.nodeSets']);
    const masters: { key: string; count: number | null }[] = [];
    const data: { key: string; count: number | null }[] = [];
    for (const s of sets) {
      const roles = rolesOf(s.item);
      if (!roles) return judgement(redundancy(null, null, null), [`${s.path}.config`]);
      const count = { key: `${s.path}.count`, count: itemCount(s.item, 'count', null) };
      if (roles.master) masters.push(count);
      if (roles.data) data.push(count);
    }
    const parts: Judgement[] = [];
    if (masters.length) parts.push(judgeCountSum(masters, true));
    if (data.length) parts.push(judgeCountSum(data, false));
    return weakestPart(parts);
  },
  recovery: { redundant: { rto: 'seconds (a master is elected among the survivors; replica shards are promoted)', rpo: '0 for replicated shards', rtoMaxSeconds: 60, rpoMaxSeconds: 0 }, single: K8S_RECOVERY.quorumLost },
  impact: 'searches and indexing fail until the cluster elects a master again and its shards are back',
};

export const ECK_OPERATOR_ENTRIES: readonly CatalogEntry[] = [elasticsearch];
