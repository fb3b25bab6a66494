/**
 * `__members`: the member resources (cluster instances) that reference a component, counted
 * `count` / `for_each`-aware, and the one place that decides the number when there is one.
 */
import { UNKNOWN } from '../../catalog/entry.js';
import type { ResourceGroup } from './blocks.js';
import type { ResourceInstance, ResourceNode } from './resource-node.js';
import { asString } from './values.js';
import type { SynthesizedSite } from './view.js';

type Reference = 'yes' | 'no' | 'unknown';

export class MemberCounter {
  constructor(private readonly byType: ReadonlyMap<string, readonly ResourceGroup[]>) {}

  /**
   * How many member instances reference the target, and where that number is decided when one place
   * does: the `count` (or `for_each`) of the only member resource that references it.
   */
  count(target: ResourceGroup, spec: { types: readonly string[]; key: string }): { count: number | typeof UNKNOWN; site?: SynthesizedSite } {
    const own = target.nodes[0]?.instance(0).reader.field(spec.key);
    const ownName = own ? asString(own) : undefined;
    let total = 0;
    let unknown = false;
    const contributing: { node: ResourceNode; all: boolean }[] = [];
    for (const type of spec.types) {
      for (const group of this.byType.get(type) ?? []) {
        for (const node of group.nodes) {
          const expansion = node.expansion();
          const instances = node.instances();
          const hits = instances.map((instance) => references(instance, spec.key, target.id, ownName));
          if (!hits.some((hit) => hit !== 'no')) continue;
          contributing.push({ node, all: hits.every((hit) => hit === 'yes') });
          if (!node.mi.multiplicityKnown || expansion.keys === null || hits.includes('unknown')) {
            unknown = true;
            continue;
          }
          const yes = hits.filter((hit) => hit === 'yes').length;
          // Instances beyond the evaluation cap follow the evaluated ones when those all agree.
          total += expansion.keys.length > instances.length && yes === hits.length ? expansion.keys.length : yes;
        }
      }
    }
    return { count: unknown ? UNKNOWN : total, ...memberSite(contributing) };
  }
}

function references(instance: ResourceInstance, key: string, targetId: string, ownName: string | undefined): Reference {
  const value = instance.reader.field(key);
  if (!value || value.t === 'null') return 'no';
  if (value.refs?.has(targetId)) return 'yes';
  if (value.refs && value.refs.size) return 'no';
  const name = asString(value);
  if (name !== undefined) return ownName !== undefined && name === ownName ? 'yes' : 'no';
  return 'unknown';
}

/** The `count` / `for_each` of the only member resource, when all its instances are members: it decides the number. */
function memberSite(contributing: readonly { node: ResourceNode; all: boolean }[]): { site?: SynthesizedSite } {
  if (contributing.length !== 1 || !contributing[0]!.all) return {};
  const { node } = contributing[0]!;
  const expansion = node.expansion();
  if (!expansion.site || expansion.mode === 'single') return {};
  if (expansion.mode === 'for_each') {
    // No name: a for_each is not rewritten into a number by a fix.
    return { site: { attribute: `${node.id}.for_each`, written: { file: expansion.site.file, start: expansion.site.start, end: expansion.site.end } } };
  }
  const site: SynthesizedSite = { attribute: `${node.id}.count`, written: { ...expansion.site, name: 'count' } };
  if (expansion.origin) site.origin = expansion.origin;
  return { site };
}
