/**
 * Dependencies of a stack's components: references in every field of every instance (reversed where
 * the entry says so), `depends_on` (a module means everything in it), and association resources.
 */
import type { CatalogEntry } from '../../catalog/entry.js';
import { HUB_MIN_MEMBERS, HubInterner, type Dependency, type Hub, type SourceRange } from '../../model/index.js';
import { referencedTargets } from '../shared/alternatives.js';
import { DependencySet } from '../shared/dependency-set.js';
import { edgesAreAlternatives, targetsGroup } from '../shared/redundancy-groups.js';
import { groupInstances, rangeOf, type LiveBlocks, type ResourceGroup } from './blocks.js';
import { MODULE_META, RESOURCE_META, attr, type BodyReader } from './body-reader.js';
import { siteOf } from './evaluate.js';
import type { Body, Expr } from './hcl/ast.js';
import type { ModuleCallNode, ModuleInstance } from './module-instance.js';
import type { Refs, Val } from './values.js';
import { pathFor, valueAtPath } from './view.js';

const NO_NAMES: ReadonlySet<string> = new Set();

export function collectDependencies(live: LiveBlocks, localDependsOn: readonly ModuleCallNode[]): DependencySet {
  const deps = new DependencySet(new Set(live.typeOf.keys()));
  const hubs = new HubInterner('list');
  for (const { group } of live.resources) {
    const readers = groupInstances(group.nodes).map((instance) => instance.reader);
    collectReferences(group.id, readers, RESOURCE_META, reversedFields(group.entry), live.typeOf, deps, edgesAreAlternatives(group.entry), hubs);
    for (const node of group.nodes) dependsOn(group.id, node.block.body, node.file, node.mi, deps);
  }
  for (const { group } of live.modules) {
    const readers: BodyReader[] = [];
    for (const call of group.calls) for (let i = 0; i < call.evalCount(); i++) readers.push(call.reader(i));
    // Registry module entries reverse edges as resources do (the autoscaling module's target groups need it).
    collectReferences(group.id, readers, MODULE_META, reversedFields(group.entry), live.typeOf, deps, edgesAreAlternatives(group.entry), hubs);
    for (const call of group.calls) dependsOn(group.id, call.block.body, call.file, call.mi, deps);
  }
  // `depends_on` of a local module call: everything inside the module depends on the targets.
  for (const call of localDependsOn) {
    const inside = new Set<string>();
    call.allResourceAddrs(inside);
    dependsOn(inside, call.block.body, call.file, call.mi, deps);
  }
  for (const group of live.associations) associationEdges(group, deps);
  return deps;
}

/** Top-level fields whose references mean the target needs this resource. */
function reversedFields(entry: CatalogEntry | undefined): ReadonlySet<string> {
  return entry?.edges?.reverse?.length ? new Set(entry.edges.reverse.map((key) => pathFor(entry, key).split('.')[0]!)) : NO_NAMES;
}

/** An association resource is only an edge: its `from` side needs its `to` side (a subnet needs its route table). */
function associationEdges(group: ResourceGroup, deps: DependencySet): void {
  const association = group.entry!.edges!.association!;
  const fromPaths = (association.fromKeys ?? [association.from]).map((key) => pathFor(group.entry, key));
  const toPaths = (association.toKeys ?? [association.to]).map((key) => pathFor(group.entry, key));
  const first = group.nodes[0]!;
  const location = rangeOf(first.file, first.block.range);
  const alternatives = edgesAreAlternatives(group.entry);
  for (const instance of groupInstances(group.nodes)) {
    const refsAt = (paths: string[]): Set<string> => {
      const out = new Set<string>();
      for (const path of paths) for (const ref of valueAtPath(instance.reader, path)?.refs ?? []) out.add(ref);
      return out;
    };
    const froms = refsAt(fromPaths);
    const tos = refsAt(toPaths);
    for (const from of froms) {
      for (const to of tos) {
        const dependency: Dependency = { from, to, kind: 'association', location, attribute: group.id };
        if (alternatives) dependency.group = { id: targetsGroup(from), k: 1 };
        deps.add(dependency);
      }
    }
  }
}

interface FieldRefs {
  units: Set<string>[];
  location: SourceRange | undefined;
}

/**
 * References in every field (attributes and nested blocks) of every instance. A list-valued field
 * whose items (or instances) each reference one of several resources of the same type makes those
 * alternatives: one group, k = 1 (an ASG over three subnets).
 */
function collectReferences(
  from: string,
  readers: readonly BodyReader[],
  meta: ReadonlySet<string>,
  reverse: ReadonlySet<string>,
  typeOf: ReadonlyMap<string, string>,
  deps: DependencySet,
  /** Set when reversed references are alternatives for the resource that needs them. */
  reverseGroup: boolean,
  hubs: HubInterner,
): void {
  const fields = new Map<string, FieldRefs>();
  const seen = new Set<Val>();
  for (const reader of readers) {
    for (const name of reader.fieldNames()) {
      if (meta.has(name)) continue;
      const value = reader.field(name);
      if (!value || !value.refs || value.refs.size === 0) continue;
      // Instances share the values of fields that do not depend on count / each.
      if (seen.has(value)) continue;
      seen.add(value);
      let field = fields.get(name);
      if (!field) {
        const site = reader.fieldRange(name);
        field = { units: [], location: site ? { file: site.file, startLine: site.start, endLine: site.end } : undefined };
        fields.set(name, field);
      }
      const own = value.t === 'list' ? value.own : undefined;
      const addUnit = (unit: Set<string>) => {
        if (unit.size) field.units.push(unit);
      };
      if (value.t === 'list' && value.items.length > 1) {
        for (const item of value.items) addUnit(componentRefs(item.refs, own, typeOf));
        if (own) addUnit(componentRefs(own, undefined, typeOf));
      } else addUnit(componentRefs(value.refs, undefined, typeOf));
    }
  }
  for (const [name, field] of fields) {
    const { targets, groupOf } = referencedTargets(from, name, field.units, typeOf);
    const flip = reverse.has(name);
    const hub = flip ? undefined : sharedList(targets, groupOf, hubs);
    if (hub) {
      // Many resources naming one long list (a `local` of every database) share it (issue 10).
      deps.add({ from, to: hub.id, kind: 'reference', hub, ...(field.location ? { location: field.location } : {}), attribute: `${from}.${name}` });
      continue;
    }
    for (const to of targets) {
      const group = groupOf.get(to);
      const dependency: Dependency = flip ? { from: to, to: from, kind: 'reference' } : { from, to, kind: 'reference' };
      if (group && !flip) dependency.group = { id: group, k: 1 };
      if (flip && reverseGroup) dependency.group = { id: targetsGroup(to), k: 1 };
      if (field.location) dependency.location = field.location;
      dependency.attribute = `${from}.${name}`;
      deps.add(dependency);
    }
  }
}

/** A hub for a field's targets when they are many: all needed, or all one group of alternatives. */
function sharedList(targets: ReadonlySet<string>, groupOf: ReadonlyMap<string, string>, hubs: HubInterner): Hub | undefined {
  if (targets.size < HUB_MIN_MEMBERS) return undefined;
  const members = [...targets].sort();
  if (groupOf.size === 0) return hubs.hub(members);
  const groups = new Set(members.map((m) => groupOf.get(m)));
  if (groups.size !== 1 || groups.has(undefined)) return undefined;
  return hubs.hub(members, 1);
}

function componentRefs(a: Refs | undefined, b: Refs | undefined, typeOf: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const ref of a ?? []) if (typeOf.has(ref)) out.add(ref);
  for (const ref of b ?? []) if (typeOf.has(ref)) out.add(ref);
  return out;
}

/** `depends_on = [aws_x.y, module.m]`: a module means everything in it. */
function dependsOn(from: string | Iterable<string>, body: Body, file: string, mi: ModuleInstance, deps: DependencySet): void {
  const list = attr(body, 'depends_on');
  if (!list || list.expr.kind !== 'tuple') return;
  const location = rangeOf(file, list.range);
  for (const item of list.expr.items) {
    const targets = new Set<string>();
    const moduleName = moduleTraversal(item);
    const call = moduleName !== undefined ? mi.calls.get(moduleName) : undefined;
    if (call) call.allResourceAddrs(targets);
    else {
      const site = siteOf(file, list.range);
      const value = mi.ctx.ev.eval(item, { env: mi }, site);
      for (const ref of value.refs ?? []) targets.add(ref);
    }
    for (const source of typeof from === 'string' ? [from] : from) {
      for (const target of targets) deps.add({ from: source, to: target, kind: 'depends_on', location, attribute: `${source}.depends_on` });
    }
  }
}

function moduleTraversal(expr: Expr): string | undefined {
  if (expr.kind === 'getattr' && expr.object.kind === 'scope' && expr.object.name === 'module') return expr.name;
  return undefined;
}
