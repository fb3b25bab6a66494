/**
 * Extraction of one template: resources that are created (their Condition is not false) -> components
 * judged by the catalog, references -> dependencies, unknowns that decide redundancy -> diagnostics.
 */
import type { Component, Dependency, Diagnostic, FileSet, SourceRange } from '../../model/index.js';
import { MEMBERS_KEY, UNKNOWN, type CatalogEntry } from '../../catalog/entry.js';
import type { Extraction, FormatOptions, Stack } from '../format.js';
import { DependencySet } from '../shared/dependency-set.js';
import { failsAlone, judgeComponent, type Warn } from '../shared/judge.js';
import { SourceLines } from '../shared/lines.js';
import { dependOnGroups, edgesAreAlternatives, findRedundancyGroups, markAlternatives, targetsGroup } from '../shared/redundancy-groups.js';
import { notEvaluated, uses, warnUnknownReads } from '../shared/unevaluated.js';
import { Evaluator, type Truth } from './evaluate.js';
import { buildFix, type FixContext } from './fix.js';
import { readParameterFile } from './parameters.js';
import { configuredFiles } from '../shared/configured-files.js';
import { dirOf } from '../shared/paths.js';
import { isJsonText, parseSource } from './parse.js';
import { addItemAlternatives } from './item-alternatives.js';
import { addReferences, referenceFields } from './references.js';
import { isTemplate, readTemplate, type ResourceDef, type Template } from './template.js';
import { scalarString } from './tree.js';
import { asText, type Val } from './values.js';
import { CloudFormationView, pathFor } from './view.js';
import { append } from '../../model/index.js';

export interface CatalogLookup {
  entryFor(type: string): CatalogEntry | undefined;
}

interface Live {
  def: ResourceDef;
  entry: CatalogEntry | undefined;
  exists: Truth;
}

/** What the phases of one template's extraction share. */
interface TemplateContext {
  file: string;
  template: Template;
  /** Files whose values are JSON (the template, parameters files), for fixes in their syntax. */
  jsonFiles: ReadonlySet<string>;
  evaluator: Evaluator;
  /** Evaluated `Properties` of a resource (undefined when it has none or is not one). */
  propsOf: (id: string) => Val | undefined;
  diagnostics: Diagnostic[];
}

export function extractTemplate(stack: Stack, files: FileSet, options: FormatOptions, catalog: CatalogLookup): Extraction {
  const file = stack.id;
  const text = files.read(file);
  if (text === undefined) return { components: [], dependencies: [], diagnostics: [] };
  const parsed = parseSource(file, text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...outsideParameterFiles(file, options)];
  if (!isTemplate(parsed.root)) return { components: [], dependencies: [], diagnostics };
  const template = readTemplate(file, parsed.syntax, parsed.root, diagnostics);
  const jsonFiles = new Set<string>(parsed.syntax === 'json' ? [file] : []);
  const overrides = parameterOverrides(stack, files, template, jsonFiles, diagnostics);
  const evaluator = new Evaluator(template, overrides, diagnostics);
  const context: TemplateContext = { file, template, jsonFiles, evaluator, propsOf: propertiesOf(evaluator), diagnostics };

  const { live, associations, typeOf } = createdResources(context, catalog);
  const { components, views } = judgeResources(context, stack.id, live, new SourceLines(files));
  const deps = collectDependencies(context, live, associations, typeOf);

  const groups = findRedundancyGroups(live.map(({ def, entry }) => ({ id: def.id, entry, view: views.get(def.id) })));
  markAlternatives(components, groups);
  return { components, dependencies: dependOnGroups(deps.finish(), groups), diagnostics };
}

/** A parameters file the config names outside the repository is never read: the template's values are not known. */
function outsideParameterFiles(template: string, options: FormatOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  configuredFiles(template, dirOf(template), options.cloudformationParameterFiles ?? [], [], () => false, (o) =>
    out.push({ file: o.file, line: o.line, severity: 'error', message: `cloudformation.parameter_files: "${o.glob}" leads outside the repository from ${template} and is never read; ${template} is not reviewed with its parameters` }),
  );
  return out;
}

/** Values of the stack's parameters files, later ones overriding earlier ones. */
function parameterOverrides(stack: Stack, files: FileSet, template: Template, jsonFiles: Set<string>, diagnostics: Diagnostic[]): Map<string, Val> {
  const overrides = new Map<string, Val>();
  for (const path of stack.files.slice(1)) {
    const text = files.read(path);
    if (text === undefined) continue;
    if (isJsonText(path, text)) jsonFiles.add(path);
    const read = readParameterFile(path, text);
    append(diagnostics, read.diagnostics);
    for (const [name, value] of read.values) {
      if (!template.parameters.has(name)) {
        const line = value.site?.start ?? 1;
        diagnostics.push({ file: path, line, severity: 'warning', message: `parameter ${name} is not declared in ${stack.id}; its value is ignored` });
        continue;
      }
      overrides.set(name, value);
    }
  }
  return overrides;
}

function propertiesOf(evaluator: Evaluator): (id: string) => Val | undefined {
  const cache = new Map<string, Val | undefined>();
  return (id) => {
    if (cache.has(id)) return cache.get(id);
    const def = evaluator.resource(id);
    const props = def?.properties ? evaluator.eval(def.properties) : undefined;
    cache.set(id, props);
    return props;
  };
}

/** Resources whose Condition is not false, apart from associations (only edges), with their component types. */
function createdResources(context: TemplateContext, catalog: CatalogLookup): { live: Live[]; associations: Live[]; typeOf: Map<string, string> } {
  const live: Live[] = [];
  const associations: Live[] = [];
  const typeOf = new Map<string, string>();
  for (const def of context.template.resources) {
    const exists = context.evaluator.exists(def);
    if ('value' in exists && !exists.value) continue;
    const entry = catalog.entryFor(def.type);
    const item = { def, entry, exists };
    if (entry?.edges?.association) {
      associations.push(item);
      continue;
    }
    live.push(item);
    typeOf.set(def.id, def.type);
  }
  return { live, associations, typeOf };
}

function judgeResources(context: TemplateContext, stack: string, live: readonly Live[], lines: SourceLines): { components: Component[]; views: Map<string, CloudFormationView> } {
  const { file, template, diagnostics, propsOf } = context;
  const components: Component[] = [];
  const views = new Map<string, CloudFormationView>();
  const warn: Warn = (at, line, message) => diagnostics.push({ file: at, line, severity: 'warning', message });
  const allowedAt = defaultsWithAllowedValues(template);
  for (const { def, entry, exists } of live) {
    const count = 'value' in exists ? 1 : null;
    const synthesized = new Map<string, unknown>();
    const spec = entry?.members?.cloudformation;
    if (spec) {
      const members = countMembers(def, spec, template, context.evaluator, propsOf);
      synthesized.set(MEMBERS_KEY, 'why' in members ? UNKNOWN : members.count);
      if ('why' in members) {
        diagnostics.push({ file, line: members.line, severity: 'warning', message: `${spec.types.join(' / ')} members of ${def.id} could not be counted: ${members.why}` });
      }
    }
    const view = new CloudFormationView({ entry, def, file, props: propsOf(def.id), count, lines, propsOf, synthesized });
    views.set(def.id, view);
    const fixContext: FixContext = {
      entry,
      lines,
      def,
      syntax: template.syntax,
      isJson: (path) => context.jsonFiles.has(path),
      allowedAt: (site) => (site.file === file ? allowedAt.get(site.start) : undefined),
    };
    const judged = judgeComponent(entry, view, { stack, warn, fix: (decided, fix) => buildFix(fixContext, decided, fix) });
    warnUnknownReads(judged.component, judged.judgement, judged.view, warn);
    components.push(judged.component);
    if ('why' in exists && failsAlone(judged.component)) {
      warn(file, def.condition!.line, notEvaluated(`Condition ${def.condition!.name}`, def.id, uses(plainWhy(exists.why))));
    }
  }
  return { components, views };
}

function collectDependencies(context: TemplateContext, live: readonly Live[], associations: readonly Live[], typeOf: ReadonlyMap<string, string>): DependencySet {
  const { file, template, evaluator, propsOf } = context;
  const deps = new DependencySet(new Set(typeOf.keys()));
  const isComponent = (id: string) => typeOf.has(id);
  const roles = new Map(live.map(({ def, entry }) => [def.id, entry?.role]));
  const isTarget = (id: string) => isComponent(id) && roles.get(id) !== 'passive';
  for (const { def, entry } of live) {
    const reverse = new Set((entry?.edges?.reverse ?? []).map((key) => pathFor(entry, key).split('.')[0]!));
    const reverseGroup = edgesAreAlternatives(entry);
    const props = propsOf(def.id);
    if (props?.t === 'obj') {
      for (const [name, value] of props.fields) {
        const written = def.properties?.kind === 'map' ? def.properties.byKey.get(name) : undefined;
        if (addItemAlternatives(entry, name, value, written?.value, { from: def.id, file, isTarget, deps })) continue;
        const location = written ? range(file, written.keyLine, written.value.endLine) : undefined;
        addReferences(name, referenceFields(name, value, isComponent), { from: def.id, typeOf, reverse, reverseGroup, location, deps });
      }
    } else if (props?.refs?.size) {
      addReferences('Properties', referenceFields('Properties', props, isComponent), { from: def.id, typeOf, reverse, reverseGroup, location: undefined, deps });
    }
    if (def.metadata) {
      const meta = evaluator.eval(def.metadata);
      const location = range(file, def.metadata.keyLine ?? def.metadata.line, def.metadata.endLine);
      addReferences('Metadata', referenceFields('Metadata', meta, isComponent), { from: def.id, typeOf, reverse: new Set(), reverseGroup: false, location, deps });
    }
    dependsOn(def, file, deps, template);
  }
  for (const association of associations) associationEdges(association, file, propsOf, deps);
  return deps;
}

/** `condition C, which uses parameter P, ...` -> `parameter P, ...` (the condition is named by the message already). */
function plainWhy(why: string): string {
  return why.replace(/^condition \S+, which uses /, '');
}

function range(file: string, start: number, end: number): SourceRange {
  return { file, startLine: start, endLine: Math.max(start, end) };
}

/** `DependsOn: X` or `DependsOn: [X, Y]`. */
function dependsOn(def: ResourceDef, file: string, deps: DependencySet, template: Template): void {
  const written = def.dependsOn;
  if (!written) return;
  const names = written.value.kind === 'seq' ? written.value.items.map(scalarString) : [scalarString(written.value)];
  const location = range(file, written.keyLine, written.value.endLine);
  for (const name of names) {
    if (name === undefined) continue;
    if (!template.resources.some((resource) => resource.id === name)) continue;
    deps.add({ from: def.id, to: name, kind: 'depends_on', location });
  }
}

/** An association resource is only an edge: its `from` side needs its `to` side (a subnet needs its route table). */
function associationEdges(association: Live, file: string, propsOf: (id: string) => Val | undefined, deps: DependencySet): void {
  const spec = association.entry!.edges!.association!;
  const props = propsOf(association.def.id);
  const refsAt = (keys: readonly string[]): Set<string> => {
    const out = new Set<string>();
    for (const key of keys) {
      let value: Val | undefined = props;
      for (const seg of pathFor(association.entry, key).split('.')) value = value?.t === 'obj' ? value.fields.get(seg) : undefined;
      for (const ref of value?.refs ?? []) out.add(ref);
    }
    return out;
  };
  const froms = refsAt(spec.fromKeys ?? [spec.from]);
  const tos = refsAt(spec.toKeys ?? [spec.to]);
  const location = range(file, association.def.line, association.def.endLine);
  const alternatives = edgesAreAlternatives(association.entry);
  for (const from of froms) {
    for (const to of tos) {
      const dependency: Dependency = { from, to, kind: 'association', location };
      if (alternatives) dependency.group = { id: targetsGroup(from), k: 1 };
      deps.add(dependency);
    }
  }
}

/**
 * `__members`: created resources of the member types whose `spec.key` references this resource (or names it
 * by the same literal identifier). UNKNOWN when a member's condition or reference cannot be evaluated.
 */
function countMembers(
  target: ResourceDef,
  spec: { types: readonly string[]; key: string },
  template: Template,
  evaluator: Evaluator,
  propsOf: (id: string) => Val | undefined,
): { count: number } | { why: string; line: number } {
  const own = propsOf(target.id);
  const ownField = own?.t === 'obj' ? own.fields.get(spec.key) : undefined;
  const ownName = ownField ? asText(ownField) : undefined;
  let total = 0;
  let unknown: { why: string; line: number } | undefined;
  for (const member of template.resources) {
    if (!spec.types.includes(member.type) || member.id === target.id) continue;
    const props = propsOf(member.id);
    const reference = props?.t === 'obj' ? props.fields.get(spec.key) : undefined;
    if (!reference) continue;
    let hit: 'yes' | 'no' | 'unknown';
    if (reference.refs?.has(target.id)) hit = 'yes';
    else if (reference.refs && reference.refs.size) hit = 'no';
    else {
      const name = asText(reference);
      hit = name !== undefined ? (ownName !== undefined && name === ownName ? 'yes' : 'no') : 'unknown';
    }
    if (hit === 'no') continue;
    const exists = evaluator.exists(member);
    if ('value' in exists && !exists.value) continue;
    if (hit === 'unknown') unknown ??= { why: `${spec.key} of ${member.id} uses ${reference.t === 'unknown' ? reference.why : 'a value that is not a name'}`, line: member.line };
    else if ('why' in exists) unknown ??= { why: `${member.id} is created under condition ${member.condition!.name}, which uses ${plainWhy(exists.why)}`, line: member.condition!.line };
    else total++;
  }
  return unknown ?? { count: total };
}

/** Default: lines of parameters with AllowedValues, so a fix never suggests a value the template rejects. */
function defaultsWithAllowedValues(template: Template): Map<number, readonly string[]> {
  const out = new Map<number, readonly string[]>();
  for (const parameter of template.parameters.values()) {
    if (!parameter.allowed || !parameter.default) continue;
    out.set(parameter.default.keyLine ?? parameter.default.line, parameter.allowed);
  }
  return out;
}
