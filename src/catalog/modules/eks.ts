import type { Redundancy, Zones } from '../../model/index.js';
import type { CatalogEntry, Judgement, ResourceView } from '../entry.js';
import { asBool, asNumber, asRecord, asStrings, bool, isUnknown, judgement, poolRedundancy, regionalRedundancy, unknownRedundancy, zonesFromNames } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { createdBy, moduleCreated } from './common.js';

/**
 * terraform-aws-modules/eks/aws (v20/v21). Node groups come from `eks_managed_node_groups` (default null)
 * and `self_managed_node_groups` (default null), maps of objects with optional `min_size` (the node group
 * submodules default it to 1), `subnet_ids` (falls back to the module's `subnet_ids`), `availability_zones`
 * (self-managed) and `create`. v20 also had `*_node_group_defaults`. The module is judged by its weakest
 * group: workloads pinned to a group fail with it. With EKS Auto Mode (`compute_config.enabled`) or no node
 * groups (Fargate, or nodes elsewhere) the module is the AWS-managed, multi-zone control plane.
 */
interface GroupJudgement {
  path: string;
  redundancy: Redundancy;
}

const GROUP_KINDS = [
  { key: 'eks_managed_node_groups', defaults: 'eks_managed_node_group_defaults' },
  { key: 'self_managed_node_groups', defaults: 'self_managed_node_group_defaults' },
] as const;

function groupZones(r: ResourceView, path: string, group: Readonly<Record<string, unknown>>): Zones | null {
  if (group['subnet_ids'] !== undefined && group['subnet_ids'] !== null) return r.zones([`${path}.subnet_ids`]);
  const azs = asStrings(group['availability_zones']);
  if (Array.isArray(azs) && azs.length > 0) return zonesFromNames(azs);
  return r.zones(['subnet_ids']);
}

function judgeGroups(r: ResourceView): GroupJudgement[] | 'unknown' {
  const out: GroupJudgement[] = [];
  for (const kind of GROUP_KINDS) {
    const groups = asRecord(r.get(kind.key));
    if (isUnknown(groups)) return 'unknown';
    if (groups === undefined) continue;
    const defaults = asRecord(r.get(kind.defaults));
    for (const [name, raw] of Object.entries(groups)) {
      const path = `${kind.key}.${name}`;
      const group = asRecord(raw);
      if (isUnknown(group)) return 'unknown';
      const g = group ?? {};
      const create = asBool(g['create']);
      if (create === false) continue;
      let min = asNumber(g['min_size']);
      if (min === undefined) min = isUnknown(defaults) ? defaults : asNumber(defaults?.['min_size']);
      // The node group submodules default min_size to 1.
      if (min === undefined) min = 1;
      out.push({ path, redundancy: isUnknown(create) ? unknownRedundancy() : poolRedundancy(min, groupZones(r, path, g)) });
    }
  }
  return out;
}

function weakest(groups: GroupJudgement[]): GroupJudgement | undefined {
  const score = (g: GroupJudgement): [number, number] => [g.redundancy.instances ?? -1, g.redundancy.zones?.count ?? Number.MAX_SAFE_INTEGER];
  return [...groups].sort((a, b) => {
    const [ai, az] = score(a);
    const [bi, bz] = score(b);
    return ai !== bi ? ai - bi : az - bz;
  })[0];
}

const eksModule: CatalogEntry = {
  id: 'tf-module-aws-eks',
  title: 'EKS module (terraform-aws-modules/eks) node groups',
  role: 'compute',
  types: { terraform: ['module:terraform-aws-modules/eks/aws'] },
  applies: createdBy(['create', 'putin_khuylo']),
  judge(r): Judgement {
    if (isUnknown(moduleCreated(r, ['create', 'putin_khuylo']))) return judgement(unknownRedundancy(), ['create']);
    const autoMode = bool(r, 'compute_config.enabled');
    if (isUnknown(autoMode)) return judgement(unknownRedundancy(), ['compute_config.enabled']);
    if (autoMode === true) return judgement(regionalRedundancy(), ['compute_config.enabled'], undefined, { regional: true });
    const groups = judgeGroups(r);
    if (groups === 'unknown') return judgement(unknownRedundancy(), ['eks_managed_node_groups', 'self_managed_node_groups']);
    const worst = weakest(groups);
    if (worst === undefined) return judgement(regionalRedundancy(), ['eks_managed_node_groups'], undefined, { regional: true });
    const minKey = `${worst.path}.min_size`;
    const fix = worst.redundancy.instances !== null && worst.redundancy.instances < 2 ? { key: minKey, value: 2, note: 'max_size must be at least 2' } : undefined;
    return judgement(worst.redundancy, [minKey, `${worst.path}.subnet_ids`, 'subnet_ids'], fix, { regional: false });
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'pods scheduled only on the smallest node group stop until a node is replaced',
};

export const EKS_MODULE_ENTRIES: readonly CatalogEntry[] = [eksModule];
