/**
 * References -> dependencies. `Ref`, `Fn::GetAtt` and `Fn::Sub` references in a resource's properties
 * (and its `Metadata`, where cfn-init configuration names hosts) mean the resource needs the target.
 * A list whose items each reference one of several resources of the same type makes them alternatives
 * (an Auto Scaling group over three subnets needs one of them); catalog `reverse` keys flip the edge.
 */
import type { Dependency, SourceRange } from '../../model/index.js';
import type { DependencySet } from '../shared/dependency-set.js';
import { targetsGroup } from '../shared/redundancy-groups.js';
import type { Refs, Val } from './values.js';
import { referencedTargets } from '../shared/alternatives.js';

/** Keys whose values describe, not connect: a tag naming another resource is not a dependency. */
const DESCRIPTIVE = new Set(['Tags', 'TagSpecifications']);

export interface Field {
  /** Dotted property path of the list or value whose references these are. */
  path: string;
  /** One reference set per list item (or one for the whole value). */
  units: Set<string>[];
}

/** Reference units by property path, descending into objects so nested subnet lists keep their items apart. */
export function referenceFields(name: string, v: Val, isComponent: (id: string) => boolean): Field[] {
  const fields = new Map<string, Field>();
  const unit = (path: string, refs: Refs | undefined) => {
    const u = new Set<string>();
    for (const r of refs ?? []) if (isComponent(r)) u.add(r);
    if (!u.size) return;
    let f = fields.get(path);
    if (!f) fields.set(path, (f = { path, units: [] }));
    f.units.push(u);
  };
  const walk = (x: Val, path: string, depth: number): void => {
    if (!x.refs?.size) return;
    if (depth > 32) return unit(path, x.refs);
    if (x.t === 'obj') {
      for (const [k, f] of x.fields) if (!DESCRIPTIVE.has(k)) walk(f, `${path}.${k}`, depth + 1);
      return;
    }
    if (x.t === 'list') {
      if (x.items.length === 1) return walk(x.items[0]!, path, depth + 1);
      for (const it of x.items) {
        if (it.t === 'obj' || it.t === 'list') walk(it, path, depth + 1);
        else unit(path, it.refs);
      }
      return;
    }
    unit(path, x.refs);
  };
  if (!DESCRIPTIVE.has(name)) walk(v, name, 0);
  return [...fields.values()];
}

export interface ReferenceContext {
  from: string;
  typeOf: ReadonlyMap<string, string>;
  /** Top-level property names whose references point the other way (the target needs `from`). */
  reverse: ReadonlySet<string>;
  /** Whether reversed references are alternatives for the resource that needs them (one group of its targets). */
  reverseGroup: boolean;
  location: SourceRange | undefined;
  deps: DependencySet;
}

/** Dependencies of one top-level property, with alternatives per target type. */
export function addReferences(name: string, fields: readonly Field[], ctx: ReferenceContext): void {
  const flip = ctx.reverse.has(name);
  for (const f of fields) {
    const { targets: all, groupOf: grouped } = referencedTargets(ctx.from, f.path, f.units, ctx.typeOf);
    if (!all.size) continue;
    for (const to of all) {
      const d: Dependency = flip ? { from: to, to: ctx.from, kind: 'reference' } : { from: ctx.from, to, kind: 'reference' };
      const gid = grouped.get(to);
      if (gid && !flip) d.group = { id: gid, k: 1 };
      if (flip && ctx.reverseGroup) d.group = { id: targetsGroup(to), k: 1 };
      if (ctx.location) d.location = ctx.location;
      // The property that declares it, so that replication (`SourceDBInstanceIdentifier`) is told from a need.
      if (!flip) d.via = name;
      ctx.deps.add(d);
    }
  }
}
