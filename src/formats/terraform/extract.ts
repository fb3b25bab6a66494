/**
 * Extraction of one Terraform stack: resources (and registry modules) -> components judged by the
 * catalog, references -> dependencies, unknowns that matter -> diagnostics.
 */
import type { AttributeSite, Component, Dependency, FileSet, Redundancy, Role, SourceRange, Zones } from '../../model/index.js';
import { MEMBERS_KEY, UNKNOWN, ZONES_KEY, type CatalogEntry, type Judgement } from '../../catalog/entry.js';
import type { Extraction, FormatOptions, Stack } from '../format.js';
import { DependencySet } from '../shared/dependency-set.js';
import { dependOnGroups, edgesAreAlternatives, findRedundancyGroups, markAlternatives, targetsGroup } from '../shared/redundancy-groups.js';
import { siteOf } from './evaluate.js';
import { buildFix } from './fix.js';
import type { Body, Expr } from './hcl/ast.js';
import {
  Ctx,
  INSTANCE_EVAL_CAP,
  MODULE_META,
  ModuleCallNode,
  ModuleInstance,
  RESOURCE_META,
  attr,
  type BodyReader,
  type Expansion,
  type ResourceInstance,
  type ResourceNode,
} from './modules.js';
import { asString, type Refs, type Site, type Val } from './values.js';
import { rootVariableValues, varFilesInOrder } from './variables.js';
import { TerraformView, pathFor, valueAtPath, type SynthesizedSite } from './view.js';
import { referencedTargets } from '../shared/alternatives.js';
import { countOnlyRedundancy } from '../../catalog/generic.js';

export interface CatalogLookup {
  entryFor(type: string): CatalogEntry | undefined;
  moduleEntryFor(source: string): CatalogEntry | undefined;
  /** Component type of a registry module judged from its inputs (`module:<normalized source>`). */
  moduleType?(source: string): string | undefined;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const ROLES_THAT_FAIL = (role: Role) => role !== 'connector' && role !== 'passive';

interface ResourceGroup {
  id: string;
  type: string;
  nodes: ResourceNode[];
  entry: CatalogEntry | undefined;
}

interface ModuleGroup {
  id: string;
  calls: ModuleCallNode[];
  entry: CatalogEntry | undefined;
}

function rangeOf(file: string, r: { start: { line: number }; end: { line: number; col: number } }): SourceRange {
  const s = siteOf(file, r as never);
  return { file, startLine: s.start, endLine: s.end };
}

/** Instances of all nodes of a group, up to the evaluation cap. */
function groupInstances(nodes: readonly ResourceNode[]): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const n of nodes) {
    for (const i of n.instances()) {
      if (out.length >= INSTANCE_EVAL_CAP) return out;
      out.push(i);
    }
  }
  return out;
}

function totalCount(items: readonly { mi: ModuleInstance; expansion(): Expansion }[]): number | null {
  let total = 0;
  for (const n of items) {
    if (!n.mi.multiplicityKnown) return null;
    const c = n.expansion().count;
    if (c === null) return null;
    total += c;
  }
  return total;
}

export function extractStack(stack: Stack, files: FileSet, options: FormatOptions, catalog: CatalogLookup): Extraction {
  const ctx = new Ctx(files, stack.id, stack.files);
  const varFiles = varFilesInOrder(stack.id, stack.files, options);
  const rootDef = ctx.moduleDef(stack.id);
  if (!rootDef) {
    for (const f of varFiles) ctx.parse(f);
    return { components: [], dependencies: [], diagnostics: ctx.diagnostics };
  }
  const values = rootVariableValues(ctx, varFiles);
  const root = new ModuleInstance(ctx, rootDef, '', { kind: 'root', values }, [stack.id], true, stack.id);

  // -- Collect resources and opaque modules across the module tree. ------------------------------
  const resources = new Map<string, ResourceGroup>();
  const modules = new Map<string, ModuleGroup>();
  const byType = new Map<string, ResourceGroup[]>();
  const localDependsOn: ModuleCallNode[] = [];
  const walk = (mi: ModuleInstance): void => {
    for (const node of mi.resources.values()) {
      let g = resources.get(node.addr);
      if (!g) {
        g = { id: node.addr, type: node.type, nodes: [], entry: catalog.entryFor(node.type) };
        resources.set(node.addr, g);
        const list = byType.get(node.type);
        if (list) list.push(g);
        else byType.set(node.type, [g]);
      }
      g.nodes.push(node);
    }
    for (const call of mi.calls.values()) {
      const ex = call.expansion();
      if (ex.keys === null && mi.multiplicityKnown) {
        const line = ex.site?.start ?? call.block.range.start.line;
        ctx.diag(call.file, line, 'warning', `${ex.mode} of ${call.id} could not be evaluated: uses ${ex.why ?? 'a value that is not known statically'}`);
      }
      if (call.localDir !== undefined) {
        if (attr(call.block.body, 'depends_on')) localDependsOn.push(call);
        for (const child of call.children()) walk(child);
        continue;
      }
      let g = modules.get(call.id);
      if (!g) {
        g = { id: call.id, calls: [], entry: call.source !== undefined ? catalog.moduleEntryFor(call.source) : undefined };
        modules.set(call.id, g);
      }
      g.calls.push(call);
    }
  };
  walk(root);

  // -- Components. --------------------------------------------------------------------------------
  const components: Component[] = [];
  const componentIds = new Set<string>();
  const typeOf = new Map<string, string>();
  const associations: ResourceGroup[] = [];
  const live: ResourceGroup[] = [];
  // Everything inside a module call whose instances were not all evaluated has an unknown count.
  const truncated = [...ctx.truncatedCalls].map((id) => `${id}.`);
  const countOf = (id: string, items: readonly { mi: ModuleInstance; expansion(): Expansion }[]): number | null =>
    truncated.some((p) => id.startsWith(p)) ? null : totalCount(items);
  for (const g of resources.values()) {
    const count = countOf(g.id, g.nodes);
    if (count === 0) continue;
    if (g.entry?.edges?.association) {
      associations.push(g);
      continue;
    }
    live.push(g);
    componentIds.add(g.id);
    typeOf.set(g.id, g.type);
  }
  const liveModules: ModuleGroup[] = [];
  const moduleTypeOf = (g: ModuleGroup): string => {
    if (!g.entry) return 'module';
    const src = g.calls[0]!.source;
    return (src !== undefined ? catalog.moduleType?.(src) : undefined) ?? g.entry.types.terraform?.[0] ?? 'module';
  };
  for (const g of modules.values()) {
    if (countOf(g.id, g.calls) === 0) continue;
    liveModules.push(g);
    componentIds.add(g.id);
    typeOf.set(g.id, moduleTypeOf(g));
  }

  const members = new MemberCounter(byType, ctx);
  const views = new Map<string, TerraformView>();

  for (const g of live) {
    const first = g.nodes[0]!;
    const count = countOf(g.id, g.nodes);
    const header: Site = { file: first.file, start: first.block.range.start.line, end: first.block.range.start.line };
    const synthesized = new Map<string, unknown>();
    const synthesizedSites = new Map<string, SynthesizedSite>();
    const membersSpec = g.entry?.members?.terraform;
    if (membersSpec) {
      const m = members.count(g, membersSpec);
      synthesized.set(MEMBERS_KEY, m.count);
      if (m.site) synthesizedSites.set(MEMBERS_KEY, m.site);
    }
    const view = new TerraformView({
      ctx,
      entry: g.entry,
      type: g.type,
      id: g.id,
      location: rangeOf(first.file, first.block.range),
      count,
      header,
      readers: groupInstances(g.nodes).map((i) => i.reader),
      synthesized,
      synthesizedSites,
    });
    views.set(g.id, view);
    const c = judge(ctx, g.id, g.type, stack.id, g.entry, view, header, count);
    components.push(c);
    if (count === null && g.entry && ROLES_THAT_FAIL(c.role) && !c.regional) {
      for (const n of g.nodes) {
        const ex = n.expansion();
        if (ex.keys !== null || !n.mi.multiplicityKnown) continue;
        ctx.diag(n.file, ex.site?.start ?? n.block.range.start.line, 'warning', `${ex.mode} of ${g.id} could not be evaluated: uses ${ex.why ?? 'a value that is not known statically'}`);
        break;
      }
    }
  }

  for (const g of liveModules) {
    const first = g.calls[0]!;
    const count = countOf(g.id, g.calls);
    const header: Site = { file: first.file, start: first.block.range.start.line, end: first.block.range.start.line };
    const readers: BodyReader[] = [];
    for (const call of g.calls) for (let i = 0; i < call.evalCount() && readers.length < INSTANCE_EVAL_CAP; i++) readers.push(call.reader(i));
    const type = typeOf.get(g.id)!;
    const view = new TerraformView({ ctx, entry: g.entry, type, id: g.id, location: rangeOf(first.file, first.block.range), count, header, readers });
    views.set(g.id, view);
    components.push(judge(ctx, g.id, type, stack.id, g.entry, view, header, count));
  }

  // -- Dependencies. ------------------------------------------------------------------------------
  const deps = new DependencySet(componentIds);
  for (const g of live) {
    const reverse = g.entry?.edges?.reverse?.length ? new Set(g.entry.edges.reverse.map((k) => pathFor(g.entry, k).split('.')[0]!)) : NO_NAMES;
    const instances = groupInstances(g.nodes);
    const reverseGroup = edgesAreAlternatives(g.entry);
    collectReferences(g.id, instances.map((i) => i.reader), RESOURCE_META, reverse, typeOf, deps, reverseGroup);
    for (const n of g.nodes) dependsOn(g.id, n.block.body, n.file, n.mi, deps);
  }
  for (const g of liveModules) {
    const readers: BodyReader[] = [];
    for (const call of g.calls) for (let i = 0; i < call.evalCount(); i++) readers.push(call.reader(i));
    // Registry module entries reverse edges as resources do (the autoscaling module's target groups need it).
    const reverse = g.entry?.edges?.reverse?.length ? new Set(g.entry.edges.reverse.map((k) => pathFor(g.entry, k).split('.')[0]!)) : NO_NAMES;
    collectReferences(g.id, readers, MODULE_META, reverse, typeOf, deps, edgesAreAlternatives(g.entry));
    for (const call of g.calls) dependsOn(g.id, call.block.body, call.file, call.mi, deps);
  }
  // `depends_on` of a local module call: everything inside the module depends on the targets.
  for (const call of localDependsOn) {
    const inside = new Set<string>();
    call.allResourceAddrs(inside);
    dependsOn(inside, call.block.body, call.file, call.mi, deps);
  }
  for (const g of associations) {
    const a = g.entry!.edges!.association!;
    const fromPaths = (a.fromKeys ?? [a.from]).map((k) => pathFor(g.entry, k));
    const toPaths = (a.toKeys ?? [a.to]).map((k) => pathFor(g.entry, k));
    const first = g.nodes[0]!;
    const location = rangeOf(first.file, first.block.range);
    const alternatives = edgesAreAlternatives(g.entry);
    for (const inst of groupInstances(g.nodes)) {
      const refsAt = (paths: string[]): Set<string> => {
        const out = new Set<string>();
        for (const p of paths) for (const r of valueAtPath(inst.reader, p)?.refs ?? []) out.add(r);
        return out;
      };
      const froms = refsAt(fromPaths);
      const tos = refsAt(toPaths);
      for (const f of froms) {
        for (const t of tos) {
          const d: Dependency = { from: f, to: t, kind: 'association', location, attribute: g.id };
          if (alternatives) d.group = { id: targetsGroup(f), k: 1 };
          deps.add(d);
        }
      }
    }
  }

  const groups = findRedundancyGroups(live.map((g) => ({ id: g.id, entry: g.entry, view: views.get(g.id) })));
  markAlternatives(components, groups);
  const dependencies = dependOnGroups(deps.finish(), groups);
  return { components, dependencies, diagnostics: ctx.diagnostics };
}

/** Judge one component with its catalog entry (or as an unclassified connector). */
function judge(
  ctx: Ctx,
  id: string,
  type: string,
  stack: string,
  entry: CatalogEntry | undefined,
  view: TerraformView,
  header: Site,
  count: number | null,
): Component {
  // Components are built as plain literals of one shape (object spread makes slow dictionary objects).
  const make = (role: Role, rule: string, redundancy: Redundancy, attributes: Component['attributes'], entryPoint: boolean, regional: boolean): Component => ({
    id,
    type,
    format: 'terraform',
    stack,
    role,
    rule,
    location: view.location,
    redundancy,
    attributes,
    entryPoint,
    regional,
  });
  if (!entry) return make('connector', 'unclassified', countOnlyRedundancy(count), {}, false, false);
  let applies = true;
  let j: Judgement | undefined;
  try {
    if (entry.applies && !entry.applies(view)) applies = false;
    else if (entry.judge) {
      j = entry.judge(view);
      // Instances configured differently (a for_each over distinct settings): the weakest one decides.
      for (const i of view.divergentReaders(j.decisive)) {
        const other = view.withRepresentative(i);
        if (entry.applies && !entry.applies(other)) continue;
        const oj = entry.judge(other);
        if (weaker(oj.redundancy, j.redundancy)) {
          j = oj;
          view = other;
        }
      }
    }
  } catch (err) {
    ctx.diag(header.file, header.start, 'warning', `internal error while judging ${id} with ${entry.id}: ${err instanceof Error ? err.message : String(err)}`);
    return make('connector', entry.id, countOnlyRedundancy(count), {}, false, false);
  }
  if (!applies) {
    // Not judged (a module that builds nothing that can fail, an Aurora member), but the values that would
    // decide are kept: when a change makes the entry apply, evidence shows what changed, not every input.
    const kept: Component['attributes'] = {};
    try {
      for (const key of entry.judge?.(view).decisive ?? []) {
        const s = view.site(key);
        if (s) kept[key] = s;
      }
    } catch {
      // A judge may assume its entry applies: keep nothing then.
    }
    return make('connector', entry.id, countOnlyRedundancy(count), kept, false, entry.regional ?? false);
  }
  const attributes: Component['attributes'] = {};
  for (const key of j?.decisive ?? []) {
    const s = view.site(key);
    if (s) attributes[key] = s;
  }
  const zones = zonesSite(ctx, view, j?.redundancy.zones ?? null);
  if (zones) attributes[ZONES_KEY] = zones;
  const c = make(entry.role, entry.id, j?.redundancy ?? countOnlyRedundancy(count), attributes, j?.entryPoint ?? entry.entryPoint ?? false, j?.regional ?? entry.regional ?? false);
  if (j?.fix) c.fix = buildFix(ctx, view, j.fix, header);
  // Unknowns that decided something: one diagnostic per decisive key.
  if (j && ROLES_THAT_FAIL(c.role) && !c.regional) {
    for (const key of j.decisive) {
      const u = view.unknownReads.get(key);
      if (u) {
        const line = u.site?.start ?? header.start;
        ctx.diag(u.site?.file ?? header.file, line, 'warning', `${u.path} of ${id} could not be evaluated: uses ${u.why ?? 'a value that is not known statically'}`);
        continue;
      }
      const z = view.unresolvedZones.get(key);
      if (z && c.redundancy.zones === null) {
        ctx.diag(z.site?.file ?? header.file, z.site?.start ?? header.start, 'warning', `zones of ${id} could not be resolved from ${z.path}: uses ${z.why ?? 'a value that is not known statically'}`);
      }
    }
  }
  return c;
}

/** The zone names of a component with the one line they are all written on, when there is one. */
function zonesSite(ctx: Ctx, view: TerraformView, zones: Zones | null): AttributeSite | undefined {
  const names = zones?.names;
  if (!names?.length) return undefined;
  let at: Site | undefined;
  for (const n of names) {
    const s = view.zoneSites.get(n);
    if (!s || (at && (s.file !== at.file || s.start !== at.start))) return undefined;
    at ??= s;
  }
  if (!at) return undefined;
  return { attribute: 'zones', value: [...names].sort(), site: { file: at.file, startLine: at.start, endLine: at.end }, text: ctx.siteText(at) };
}

/** Whether redundancy `a` is weaker than `b` (fewer instances, then fewer zones, then no failover); unknowns never win. */
function weaker(a: Redundancy, b: Redundancy): boolean {
  const rank = (r: Redundancy): number[] => [r.instances ?? Infinity, r.zones?.count ?? Infinity, r.failover === true || r.failover === null ? 1 : 0];
  const x = rank(a);
  const y = rank(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

/* ------------------------------------------------------------------------------------------------
 * References -> dependencies
 * ---------------------------------------------------------------------------------------------- */

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
  reverseGroup?: boolean,
): void {
  const fields = new Map<string, FieldRefs>();
  const seen = new Set<Val>();
  for (const reader of readers) {
    for (const name of reader.fieldNames()) {
      if (meta.has(name)) continue;
      const v = reader.field(name);
      if (!v || !v.refs || v.refs.size === 0) continue;
      // Instances share the values of fields that do not depend on count / each.
      if (seen.has(v)) continue;
      seen.add(v);
      let f = fields.get(name);
      if (!f) {
        const site = reader.fieldRange(name);
        f = { units: [], location: site ? { file: site.file, startLine: site.start, endLine: site.end } : undefined };
        fields.set(name, f);
      }
      const own = v.t === 'list' ? v.own : undefined;
      if (v.t === 'list' && v.items.length > 1) {
        for (const it of v.items) {
          const u = componentRefs(it.refs, own, typeOf);
          if (u.size) f.units.push(u);
        }
        if (own) {
          const u = componentRefs(own, undefined, typeOf);
          if (u.size) f.units.push(u);
        }
      } else {
        const u = componentRefs(v.refs, undefined, typeOf);
        if (u.size) f.units.push(u);
      }
    }
  }
  for (const [name, f] of fields) {
    const { targets: all, groupOf: grouped } = referencedTargets(from, name, f.units, typeOf);
    if (!all.size) continue;
    for (const to of all) {
      const gid = grouped.get(to);
      const flip = reverse.has(name);
      const d: Dependency = flip ? { from: to, to: from, kind: 'reference' } : { from, to, kind: 'reference' };
      if (gid && !flip) d.group = { id: gid, k: 1 };
      if (flip && reverseGroup) d.group = { id: targetsGroup(to), k: 1 };
      if (f.location) d.location = f.location;
      d.attribute = `${from}.${name}`;
      deps.add(d);
    }
  }
}

function componentRefs(a: Refs | undefined, b: Refs | undefined, typeOf: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const r of a ?? []) if (typeOf.has(r)) out.add(r);
  for (const r of b ?? []) if (typeOf.has(r)) out.add(r);
  return out;
}

/** `depends_on = [aws_x.y, module.m]`: a module means everything in it. */
function dependsOn(from: string | Iterable<string>, body: Body, file: string, mi: ModuleInstance, deps: DependencySet): void {
  const a = attr(body, 'depends_on');
  if (!a || a.expr.kind !== 'tuple') return;
  const location = rangeOf(file, a.range);
  for (const item of a.expr.items) {
    const targets = new Set<string>();
    const modName = moduleTraversal(item);
    const call = modName !== undefined ? mi.calls.get(modName) : undefined;
    if (call) call.allResourceAddrs(targets);
    else {
      const site = siteOf(file, a.range);
      const v = mi.ctx.ev.eval(item, { env: mi }, site);
      for (const r of v.refs ?? []) targets.add(r);
    }
    for (const f of typeof from === 'string' ? [from] : from) for (const t of targets) deps.add({ from: f, to: t, kind: 'depends_on', location, attribute: `${f}.depends_on` });
  }
}

function moduleTraversal(e: Expr): string | undefined {
  if (e.kind === 'getattr' && e.object.kind === 'scope' && e.object.name === 'module') return e.name;
  return undefined;
}

/* ------------------------------------------------------------------------------------------------
 * __members: member resources (cluster instances) that reference a component
 * ---------------------------------------------------------------------------------------------- */

class MemberCounter {
  constructor(
    private readonly byType: ReadonlyMap<string, ResourceGroup[]>,
    private readonly ctx: Ctx,
  ) {}

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
    for (const t of spec.types) {
      for (const g of this.byType.get(t) ?? []) {
        for (const node of g.nodes) {
          const ex = node.expansion();
          const insts = node.instances();
          const hits = insts.map((i) => this.references(i, spec.key, target.id, ownName));
          if (!hits.some((h) => h !== 'no')) continue;
          contributing.push({ node, all: hits.every((h) => h === 'yes') });
          if (!node.mi.multiplicityKnown || ex.keys === null) {
            unknown = true;
            continue;
          }
          if (hits.includes('unknown')) {
            unknown = true;
            continue;
          }
          const yes = hits.filter((h) => h === 'yes').length;
          // Instances beyond the evaluation cap follow the evaluated ones when those all agree.
          total += ex.keys.length > insts.length && yes === hits.length ? ex.keys.length : yes;
        }
      }
    }
    void this.ctx;
    return { count: unknown ? UNKNOWN : total, ...memberSite(contributing) };
  }

  private references(inst: ResourceInstance, key: string, targetId: string, ownName: string | undefined): 'yes' | 'no' | 'unknown' {
    const v = inst.reader.field(key);
    if (!v || v.t === 'null') return 'no';
    if (v.refs?.has(targetId)) return 'yes';
    if (v.refs && v.refs.size) return 'no';
    const s = asString(v);
    if (s !== undefined) return ownName !== undefined && s === ownName ? 'yes' : 'no';
    return 'unknown';
  }
}

/** The `count` / `for_each` of the only member resource, when all its instances are members: it decides the number. */
function memberSite(contributing: readonly { node: ResourceNode; all: boolean }[]): { site?: SynthesizedSite } {
  if (contributing.length !== 1 || !contributing[0]!.all) return {};
  const { node } = contributing[0]!;
  const ex = node.expansion();
  if (!ex.site || ex.mode === 'single') return {};
  if (ex.mode === 'for_each') {
    // No name: a for_each is not rewritten into a number by a fix.
    return { site: { attribute: `${node.addr}.for_each`, written: { file: ex.site.file, start: ex.site.start, end: ex.site.end } } };
  }
  const site: SynthesizedSite = { attribute: `${node.addr}.count`, written: { ...ex.site, name: 'count' } };
  if (ex.origin) site.origin = ex.origin;
  return { site };
}
