/**
 * The blocks of one stack that become components: resource blocks and opaque (registry, remote) module
 * calls across the whole module tree, grouped by component id, and which of them exist.
 */
import type { CatalogEntry } from '../../catalog/entry.js';
import type { OpaqueModuleJudge } from '../../catalog/modules/opaque.js';
import type { DeclaredMove, SourceRange } from '../../model/index.js';
import { notEvaluated, uses } from '../shared/unevaluated.js';
import { INSTANCE_EVAL_CAP, MODULE_META, attr } from './body-reader.js';
import type { Ctx } from './context.js';
import { siteOf } from './evaluate.js';
import type { Expansion } from './expansion.js';
import type { Range } from './hcl/ast.js';
import type { ModuleCallNode, ModuleInstance } from './module-instance.js';
import { declaredMoves } from './moved.js';
import { isLocalSource } from './files.js';
import type { ResourceInstance, ResourceNode } from './resource-node.js';
import { append } from '../../model/index.js';

export interface CatalogLookup {
  entryFor(type: string): CatalogEntry | undefined;
  moduleEntryFor(source: string): CatalogEntry | undefined;
  /** Component type of a registry module judged from its inputs (`module:<normalized source>`). */
  moduleType?(source: string): string | undefined;
  /** The entry that judges a module whose code cannot be read, from the inputs its call sets (see catalog/modules/opaque.ts). */
  opaqueModuleEntry?(inputs: ReadonlySet<string>): OpaqueModuleJudge | undefined;
}

/** The blocks of one resource address, in every instance of the module that declares it. */
export interface ResourceGroup {
  id: string;
  type: string;
  nodes: ResourceNode<ModuleInstance>[];
  entry: CatalogEntry | undefined;
}

/** The calls of one opaque module address, in every instance of the module that calls it. */
export interface ModuleGroup {
  id: string;
  calls: ModuleCallNode[];
  entry: CatalogEntry | undefined;
  /** Judged by its inputs alone (its code was not read), recognised as a registry module by `signature` when set. */
  byInputs?: { signature?: { name: string; inputs: readonly string[] } };
}

export interface StackBlocks {
  resources: Map<string, ResourceGroup>;
  modules: Map<string, ModuleGroup>;
  byType: Map<string, ResourceGroup[]>;
  /** Local module calls with `depends_on`: everything inside them depends on the targets. */
  localDependsOn: ModuleCallNode[];
  /** What the `moved` blocks of every module in the tree declare renamed. */
  moves: DeclaredMove[];
}

/** A group that exists (its count is not 0), with its count: null when unknown. */
export interface Live<Group> {
  group: Group;
  count: number | null;
}

export interface LiveBlocks {
  resources: Live<ResourceGroup>[];
  modules: Live<ModuleGroup>[];
  /** Association resources: only edges, never components. */
  associations: ResourceGroup[];
  /** Component id -> component type, for every component. */
  typeOf: Map<string, string>;
}

export function rangeOf(file: string, range: Range): SourceRange {
  const site = siteOf(file, range);
  return { file, startLine: site.start, endLine: site.end };
}

/** Instances of all nodes of a group, up to the evaluation cap. */
export function groupInstances(nodes: readonly ResourceNode[]): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const node of nodes) {
    for (const instance of node.instances()) {
      if (out.length >= INSTANCE_EVAL_CAP) return out;
      out.push(instance);
    }
  }
  return out;
}

/** Resources and opaque modules across the module tree; module counts that could not be evaluated are warned of. */
export function collectBlocks(ctx: Ctx, root: ModuleInstance, catalog: CatalogLookup): StackBlocks {
  const blocks: StackBlocks = { resources: new Map(), modules: new Map(), byType: new Map(), localDependsOn: [], moves: [] };
  const walk = (mi: ModuleInstance): void => {
    append(blocks.moves, declaredMoves(mi.def.moved, mi.prefix));
    for (const node of mi.resources.values()) {
      let group = blocks.resources.get(node.id);
      if (!group) {
        group = { id: node.id, type: node.type, nodes: [], entry: catalog.entryFor(node.type) };
        blocks.resources.set(node.id, group);
        const sameType = blocks.byType.get(node.type);
        if (sameType) sameType.push(group);
        else blocks.byType.set(node.type, [group]);
      }
      group.nodes.push(node);
    }
    for (const call of mi.calls.values()) {
      const expansion = call.expansion();
      if (expansion.keys === null && mi.multiplicityKnown) {
        const line = expansion.site?.start ?? call.block.range.start.line;
        ctx.diag(call.file, line, 'warning', notEvaluated(expansion.mode, call.id, uses(expansion.why)));
      }
      if (call.localDir !== undefined) {
        if (attr(call.block.body, 'depends_on')) blocks.localDependsOn.push(call);
        for (const child of call.children()) walk(child);
        continue;
      }
      let group = blocks.modules.get(call.id);
      if (!group) {
        group = moduleGroup(ctx, call, catalog);
        blocks.modules.set(call.id, group);
      }
      group.calls.push(call);
    }
  };
  walk(root);
  return blocks;
}

/**
 * The group of an opaque module call: judged by the catalog entry of its source, else by its inputs (a
 * registry module's signature, or its redundancy-named inputs), said once in a warning.
 */
function moduleGroup(ctx: Ctx, call: ModuleCallNode, catalog: CatalogLookup): ModuleGroup {
  const known = call.source !== undefined ? catalog.moduleEntryFor(call.source) : undefined;
  if (known) return { id: call.id, calls: [], entry: known };
  const inputs = new Set(call.block.body.attributes.map((a) => a.name).filter((name) => !MODULE_META.has(name)));
  for (const block of call.block.body.blocks) inputs.add(block.type);
  const opaque = catalog.opaqueModuleEntry?.(inputs);
  if (!opaque) return { id: call.id, calls: [], entry: undefined };
  // A local source that is missing was already warned of where the call was read: only how it is judged is news.
  const where = call.source === undefined ? ' (its source is not a literal string)' : isLocalSource(call.source) ? '' : ` (source "${call.source}" is not in the repository)`;
  const how = opaque.signature
    ? `recognised by its inputs ${opaque.signature.inputs.join(', ')} as the ${opaque.signature.name} of terraform-aws-modules and judged as that module`
    : `only a change of ${(opaque.redundancyInputs ?? []).join(', ')} toward less redundancy is reported, inferred from the name`;
  ctx.diag(call.file, call.block.range.start.line, 'warning', `${call.id}: its code was not read${where}; ${how}`);
  return { id: call.id, calls: [], entry: opaque.entry, byInputs: opaque.signature ? { signature: opaque.signature } : {} };
}

/** The groups that exist (count not 0), apart from associations, with their counts and component types. */
export function liveBlocks(ctx: Ctx, blocks: StackBlocks, catalog: CatalogLookup): LiveBlocks {
  const live: LiveBlocks = { resources: [], modules: [], associations: [], typeOf: new Map() };
  // Everything inside a module call whose instances were not all evaluated has an unknown count.
  const truncated = [...ctx.truncatedCalls].map((id) => `${id}.`);
  const countOf = (id: string, items: readonly { mi: ModuleInstance; expansion(): Expansion }[]): number | null =>
    truncated.some((prefix) => id.startsWith(prefix)) ? null : totalCount(items);
  for (const group of blocks.resources.values()) {
    const count = countOf(group.id, group.nodes);
    if (count === 0) continue;
    if (group.entry?.edges?.association) {
      live.associations.push(group);
      continue;
    }
    live.resources.push({ group, count });
    live.typeOf.set(group.id, group.type);
  }
  for (const group of blocks.modules.values()) {
    const count = countOf(group.id, group.calls);
    if (count === 0) continue;
    live.modules.push({ group, count });
    live.typeOf.set(group.id, moduleType(group, catalog));
  }
  return live;
}

function moduleType(group: ModuleGroup, catalog: CatalogLookup): string {
  if (!group.entry) return 'module';
  const source = group.calls[0]!.source;
  if (group.byInputs) return (source !== undefined ? catalog.moduleType?.(source) : undefined) ?? 'module';
  return (source !== undefined ? catalog.moduleType?.(source) : undefined) ?? group.entry.types.terraform?.[0] ?? 'module';
}

function totalCount(items: readonly { mi: ModuleInstance; expansion(): Expansion }[]): number | null {
  let total = 0;
  for (const item of items) {
    if (!item.mi.multiplicityKnown) return null;
    const count = item.expansion().count;
    if (count === null) return null;
    total += count;
  }
  return total;
}
