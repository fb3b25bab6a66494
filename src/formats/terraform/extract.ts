/**
 * Extraction of one Terraform stack: resources (and registry modules) -> components judged by the
 * catalog, references -> dependencies, unknowns that matter -> diagnostics. Three phases: the blocks
 * of the module tree (`blocks.ts`), their components, their dependencies (`dependencies.ts`).
 */
import { MEMBERS_KEY, ZONES_KEY, type CatalogEntry } from '../../catalog/entry.js';
import type { AttributeSite, Component, FileSet, Zones } from '../../model/index.js';
import type { Extraction, FormatOptions, Stack } from '../format.js';
import { failsAlone, judgeComponent, type InstanceVariants, type Warn } from '../shared/judge.js';
import { dependOnGroups, findRedundancyGroups, markAlternatives } from '../shared/redundancy-groups.js';
import { notEvaluated, uses, warnUnknownReads } from '../shared/unevaluated.js';
import { collectBlocks, groupInstances, liveBlocks, rangeOf, type CatalogLookup, type LiveBlocks, type ResourceGroup } from './blocks.js';
import { INSTANCE_EVAL_CAP, type BodyReader } from './body-reader.js';
import { Ctx } from './context.js';
import { collectDependencies } from './dependencies.js';
import { buildFix } from './fix.js';
import type { Block } from './hcl/ast.js';
import { MemberCounter } from './members.js';
import { ModuleInstance } from './module-instance.js';
import { regionOfGroup } from './providers.js';
import type { Site } from './values.js';
import { rootVariableValues, varFilesInOrder } from './variables.js';
import { TerraformView, type SynthesizedSite } from './view.js';
import { extractUnit, unitConfigOf } from './terragrunt/extract.js';

export type { CatalogLookup } from './blocks.js';

/** A block's instances may be configured differently (a for_each over distinct settings): the weakest one decides. */
const INSTANCES: InstanceVariants<TerraformView> = {
  divergent: (view, keys) => view.divergentReaders(keys),
  through: (view, index) => view.withRepresentative(index),
};

export function extractStack(stack: Stack, files: FileSet, options: FormatOptions, catalog: CatalogLookup): Extraction {
  const unitFile = unitConfigOf(stack);
  if (unitFile) return extractUnit(stack, unitFile, files, options, catalog);
  const ctx = new Ctx(files, stack.id, stack.files);
  // A var file the config names outside the repository is never read: the stack's values are not known.
  const varFiles = varFilesInOrder(stack.id, stack.files, options, (o) =>
    ctx.diag(o.file, o.line, 'error', `terraform.var_files: "${o.glob}" leads outside the repository from ${stack.id} and is never read; ${stack.id} is not reviewed with its values`),
  );
  const rootDef = ctx.moduleDef(stack.id);
  if (!rootDef) {
    for (const file of varFiles) ctx.parse(file);
    return { components: [], dependencies: [], diagnostics: ctx.diagnostics };
  }
  const values = rootVariableValues(ctx, varFiles);
  const root = new ModuleInstance(ctx, rootDef, '', { kind: 'root', values }, [stack.id], true, stack.id);
  return extractFromRoot(ctx, stack.id, root, catalog);
}

/** The components and dependencies of a stack whose root module instance is built (a root module, a Terragrunt unit). */
export function extractFromRoot(ctx: Ctx, stackId: string, root: ModuleInstance, catalog: CatalogLookup): Extraction {
  const blocks = collectBlocks(ctx, root, catalog);
  const live = liveBlocks(ctx, blocks, catalog);
  const { components, views } = judgeComponents(ctx, stackId, live, new MemberCounter(blocks.byType));
  const deps = collectDependencies(live, blocks.localDependsOn);

  const groups = findRedundancyGroups(live.resources.map(({ group }) => ({ id: group.id, entry: group.entry, view: views.get(group.id) })));
  markAlternatives(components, groups);
  return { components, dependencies: dependOnGroups(deps.finish(), groups), diagnostics: ctx.diagnostics, moves: blocks.moves };
}

/** One component per live resource group, then per opaque module group, with the views that judged them. */
function judgeComponents(ctx: Ctx, stack: string, live: LiveBlocks, members: MemberCounter): { components: Component[]; views: Map<string, TerraformView> } {
  const components: Component[] = [];
  const views = new Map<string, TerraformView>();
  const warn: Warn = (file, line, message) => ctx.diag(file, line, 'warning', message);
  for (const { group, count } of live.resources) {
    const first = group.nodes[0]!;
    const header = headerOf(first);
    const synthesized = synthesizedMembers(group, members);
    const view = new TerraformView({
      ctx,
      entry: group.entry,
      type: group.type,
      id: group.id,
      location: rangeOf(first.file, first.block.range),
      count,
      header,
      readers: groupInstances(group.nodes).map((instance) => instance.reader),
      ...synthesized,
    });
    views.set(group.id, view);
    const component = judgeBlock(ctx, stack, group.entry, view, header, warn);
    const region = group.entry ? regionOfGroup(ctx, group.type, group.nodes) : undefined;
    if (region) component.region = region;
    components.push(component);
    if (count === null && group.entry && failsAlone(component)) warnUnknownCount(group, warn);
  }
  for (const { group, count } of live.modules) {
    const first = group.calls[0]!;
    const header = headerOf(first);
    const readers: BodyReader[] = [];
    for (const call of group.calls) for (let i = 0; i < call.evalCount() && readers.length < INSTANCE_EVAL_CAP; i++) readers.push(call.reader(i));
    const type = live.typeOf.get(group.id)!;
    const view = new TerraformView({ ctx, entry: group.entry, type, id: group.id, location: rangeOf(first.file, first.block.range), count, header, readers });
    views.set(group.id, view);
    components.push(judgeBlock(ctx, stack, group.entry, view, header, warn));
  }
  return { components, views };
}

/** A block's first line: where a missing attribute would be inserted. */
function headerOf(declared: { file: string; block: Block }): Site {
  const line = declared.block.range.start.line;
  return { file: declared.file, start: line, end: line };
}

/** `__members` of an entry that counts member resources, and where that number is decided. */
function synthesizedMembers(group: ResourceGroup, members: MemberCounter): { synthesized: Map<string, unknown>; synthesizedSites: Map<string, SynthesizedSite> } {
  const synthesized = new Map<string, unknown>();
  const synthesizedSites = new Map<string, SynthesizedSite>();
  const spec = group.entry?.members?.terraform;
  if (spec) {
    const counted = members.count(group, spec);
    synthesized.set(MEMBERS_KEY, counted.count);
    if (counted.site) synthesizedSites.set(MEMBERS_KEY, counted.site);
  }
  return { synthesized, synthesizedSites };
}

/** The shared judging step, with what is Terraform's own: instances configured differently, the zone names' line, HCL fixes. */
function judgeBlock(ctx: Ctx, stack: string, entry: CatalogEntry | undefined, view: TerraformView, header: Site, warn: Warn): Component {
  const judged = judgeComponent(entry, view, {
    stack,
    warn,
    fix: (decided, fix) => buildFix(ctx, decided, fix, header),
    instances: INSTANCES,
  });
  const zones = judged.judgement && zonesSite(ctx, judged.view, judged.judgement.redundancy.zones);
  if (zones) judged.component.attributes[ZONES_KEY] = zones;
  warnUnknownReads(judged.component, judged.judgement, judged.view, warn);
  return judged.component;
}

/** The `count` / `for_each` that made a judged resource's count unknown: said once, where it is written. */
function warnUnknownCount(group: ResourceGroup, warn: Warn): void {
  for (const node of group.nodes) {
    const expansion = node.expansion();
    if (expansion.keys !== null || !node.mi.multiplicityKnown) continue;
    warn(node.file, expansion.site?.start ?? node.block.range.start.line, notEvaluated(expansion.mode, group.id, uses(expansion.why)));
    return;
  }
}

/** The zone names of a component with the one line they are all written on, when there is one. */
function zonesSite(ctx: Ctx, view: TerraformView, zones: Zones | null): AttributeSite | undefined {
  const names = zones?.names;
  if (!names?.length) return undefined;
  let at: Site | undefined;
  for (const name of names) {
    const site = view.zoneSites.get(name);
    if (!site || (at && (site.file !== at.file || site.start !== at.start))) return undefined;
    at ??= site;
  }
  if (!at) return undefined;
  return { attribute: 'zones', value: [...names].sort(), site: { file: at.file, startLine: at.start, endLine: at.end }, text: ctx.lines.text(at) };
}
