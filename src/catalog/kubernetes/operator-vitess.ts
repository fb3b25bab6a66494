import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { judgement, redundancy } from '../judging/index.js';
import { K8S_RECOVERY } from './recovery.js';
import { itemCount, judgeCountSum, listItems, weakestPart } from './operator-counts.js';
import { judgeReplicas } from './replicas.js';
import { append } from '../../model/index.js';

const unknownPart = (key: string): Judgement => judgement(redundancy(null, null, null), [key]);

/**
 * The shards of one keyspace's partitionings (`<path>.partitionings`): each shard template's tablet pools of
 * type `replica` are the tablets that can become its primary, so a shard fails over only with 2 or more of
 * them (summed over cells); `rdonly` tablets serve reads and are never promoted.
 */
function shards(r: ResourceView, path: string): Judgement[] {
  const partitionings = listItems(r, `${path}.partitionings`);
  if (partitionings === UNKNOWN) return [unknownPart(`${path}.partitionings`)];
  const out: Judgement[] = [];
  for (const p of partitionings) {
    const templates: string[] = [];
    if (p.item['equal'] !== undefined) templates.push(`${p.path}.equal.shardTemplate`);
    const custom = listItems(r, `${p.path}.custom.shards`);
    if (custom === UNKNOWN) out.push(unknownPart(`${p.path}.custom.shards`));
    else append(templates, custom.map((s) => s.path));
    for (const template of templates) {
      const pools = listItems(r, `${template}.tabletPools`);
      if (pools === UNKNOWN) {
        out.push(unknownPart(`${template}.tabletPools`));
        continue;
      }
      const replicas = pools.filter((pool) => pool.item['type'] === 'replica').map((pool) => ({ key: `${pool.path}.replicas`, count: itemCount(pool.item, 'replicas', null) }));
      if (replicas.length) out.push(judgeCountSum(replicas, false));
    }
  }
  return out;
}

/** The vtgate pools clients connect through, where their count is written (`spec.cells[].gateway.replicas`). */
function gateways(r: ResourceView): Judgement[] {
  const cells = listItems(r, 'spec.cells');
  if (cells === UNKNOWN) return [unknownPart('spec.cells')];
  return cells.filter((c) => r.get(`${c.path}.gateway.replicas`) !== undefined).map((c) => judgeReplicas(r, { key: `${c.path}.gateway.replicas`, absent: null }));
}

/**
 * Vitess (PlanetScale operator): a `VitessCluster` lists keyspaces whose shards each need a second
 * `replica` tablet to fail over to, and vtgates that clients connect through; a `VitessKeyspace` holds one
 * keyspace's shards. The weakest shard or gateway pool decides.
 */
const vitess: CatalogEntry = {
  id: 'k8s-vitess',
  title: 'Vitess cluster (PlanetScale operator)',
  role: 'database',
  types: { kubernetes: ['planetscale.com/VitessCluster', 'planetscale.com/VitessKeyspace'] },
  judge(r) {
    if (r.type.endsWith('/VitessKeyspace')) return weakestPart(shards(r, 'spec'));
    const keyspaces = listItems(r, 'spec.keyspaces');
    if (keyspaces === UNKNOWN) return unknownPart('spec.keyspaces');
    return weakestPart([...keyspaces.flatMap((k) => shards(r, k.path)), ...gateways(r)]);
  },
  recovery: { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'writes to the shard fail until its only primary-eligible tablet is back or restored from backup',
};

export const VITESS_OPERATOR_ENTRIES: readonly CatalogEntry[] = [vitess];
