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
import { isJsonText, parseSource } from './parse.js';
import { addReferences, referenceFields } from './references.js';
import { isTemplate, readTemplate, type ResourceDef, type Template } from './template.js';
import { scalarString } from './tree.js';
import { asText, type Val } from './values.js';
import { CloudFormationView, pathFor } from './view.js';

export interface CatalogLookup {
  entryFor(type: string): CatalogEntry | undefined;
}

interface Live {
  def: ResourceDef;
  entry: CatalogEntry | undefined;
  exists: Truth;
}

export function extractTemplate(stack: Stack, files: FileSet, _options: FormatOptions, catalog: CatalogLookup): Extraction {
  const file = stack.id;
  const text = files.read(file);
  if (text === undefined) return { components: [], dependencies: [], diagnostics: [] };
  const parsed = parseSource(file, text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (!isTemplate(parsed.root)) return { components: [], dependencies: [], diagnostics };
  const template = readTemplate(file, parsed.syntax, parsed.root, diagnostics);

  // Parameters files, later ones overriding earlier ones.
  const overrides = new Map<string, Val>();
  const jsonFiles = new Set<string>(parsed.syntax === 'json' ? [file] : []);
  for (const p of stack.files.slice(1)) {
    const t = files.read(p);
    if (t === undefined) continue;
    if (isJsonText(p, t)) jsonFiles.add(p);
    const read = readParameterFile(p, t);
    diagnostics.push(...read.diagnostics);
    for (const [k, v] of read.values) {
      if (!template.parameters.has(k)) {
        const line = v.site?.start ?? 1;
        diagnostics.push({ file: p, line, severity: 'warning', message: `parameter ${k} is not declared in ${file}; its value is ignored` });
        continue;
      }
      overrides.set(k, v);
    }
  }

  const ev = new Evaluator(template, overrides, diagnostics);
  const lines = new SourceLines(files);
  const propsCache = new Map<string, Val | undefined>();
  const propsOf = (id: string): Val | undefined => {
    if (propsCache.has(id)) return propsCache.get(id);
    const def = ev.resource(id);
    const v = def?.properties ? ev.eval(def.properties) : undefined;
    propsCache.set(id, v);
    return v;
  };

  // -- Resources that are created. ---------------------------------------------------------------
  const live: Live[] = [];
  const associations: Live[] = [];
  const typeOf = new Map<string, string>();
  for (const def of template.resources) {
    const exists = ev.exists(def);
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

  // -- Components. --------------------------------------------------------------------------------
  const components: Component[] = [];
  const views = new Map<string, CloudFormationView>();
  const warn: Warn = (at, line, message) => diagnostics.push({ file: at, line, severity: 'warning', message });
  const allowedAt = defaultsWithAllowedValues(template);
  for (const l of live) {
    const count = 'value' in l.exists ? 1 : null;
    const synthesized = new Map<string, unknown>();
    const spec = l.entry?.members?.cloudformation;
    if (spec) {
      const members = countMembers(l.def, spec, template, ev, propsOf);
      synthesized.set(MEMBERS_KEY, 'why' in members ? UNKNOWN : members.count);
      if ('why' in members) {
        diagnostics.push({ file, line: members.line, severity: 'warning', message: `${spec.types.join(' / ')} members of ${l.def.id} could not be counted: ${members.why}` });
      }
    }
    const view = new CloudFormationView({ entry: l.entry, def: l.def, file, props: propsOf(l.def.id), count, lines, propsOf, synthesized });
    views.set(l.def.id, view);
    const fixContext: FixContext = {
      entry: l.entry,
      lines,
      def: l.def,
      syntax: template.syntax,
      isJson: (f) => jsonFiles.has(f),
      allowedAt: (s) => (s.file === file ? allowedAt.get(s.start) : undefined),
    };
    const judged = judgeComponent(l.entry, view, { stack: stack.id, warn, fix: (decided, fix) => buildFix(fixContext, decided, fix) });
    warnUnknownReads(judged.component, judged.judgement, judged.view, warn);
    components.push(judged.component);
    if ('why' in l.exists && failsAlone(judged.component)) {
      warn(file, l.def.condition!.line, notEvaluated(`Condition ${l.def.condition!.name}`, l.def.id, uses(plainWhy(l.exists.why))));
    }
  }

  // -- Dependencies. ------------------------------------------------------------------------------
  const deps = new DependencySet(new Set(typeOf.keys()));
  const isComponent = (id: string) => typeOf.has(id);
  for (const l of live) {
    const reverse = new Set((l.entry?.edges?.reverse ?? []).map((k) => pathFor(l.entry, k).split('.')[0]!));
    const reverseGroup = edgesAreAlternatives(l.entry);
    const props = propsOf(l.def.id);
    if (props?.t === 'obj') {
      for (const [name, v] of props.fields) {
        const e = l.def.properties?.kind === 'map' ? l.def.properties.byKey.get(name) : undefined;
        const location = e ? range(file, e.keyLine, e.value.endLine) : undefined;
        addReferences(name, referenceFields(name, v, isComponent), { from: l.def.id, typeOf, reverse, reverseGroup, location, deps });
      }
    } else if (props?.refs?.size) {
      addReferences('Properties', referenceFields('Properties', props, isComponent), { from: l.def.id, typeOf, reverse, reverseGroup, location: undefined, deps });
    }
    if (l.def.metadata) {
      const meta = ev.eval(l.def.metadata);
      const location = range(file, l.def.metadata.keyLine ?? l.def.metadata.line, l.def.metadata.endLine);
      addReferences('Metadata', referenceFields('Metadata', meta, isComponent), { from: l.def.id, typeOf, reverse: new Set(), reverseGroup: false, location, deps });
    }
    dependsOn(l.def, file, deps, template);
  }
  for (const a of associations) associationEdges(a, file, propsOf, deps);

  const groups = findRedundancyGroups(live.map((l) => ({ id: l.def.id, entry: l.entry, view: views.get(l.def.id) })));
  markAlternatives(components, groups);
  const dependencies = dependOnGroups(deps.finish(), groups);
  return { components, dependencies, diagnostics };
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
  const e = def.dependsOn;
  if (!e) return;
  const names = e.value.kind === 'seq' ? e.value.items.map(scalarString) : [scalarString(e.value)];
  const location = range(file, e.keyLine, e.value.endLine);
  for (const n of names) {
    if (n === undefined) continue;
    if (!template.resources.some((r) => r.id === n)) continue;
    deps.add({ from: def.id, to: n, kind: 'depends_on', location });
  }
}

/** An association resource is only an edge: its `from` side needs its `to` side (a subnet needs its route table). */
function associationEdges(a: Live, file: string, propsOf: (id: string) => Val | undefined, deps: DependencySet): void {
  const spec = a.entry!.edges!.association!;
  const props = propsOf(a.def.id);
  const refsAt = (keys: readonly string[]): Set<string> => {
    const out = new Set<string>();
    for (const k of keys) {
      let v: Val | undefined = props;
      for (const seg of pathFor(a.entry, k).split('.')) v = v?.t === 'obj' ? v.fields.get(seg) : undefined;
      for (const r of v?.refs ?? []) out.add(r);
    }
    return out;
  };
  const froms = refsAt(spec.fromKeys ?? [spec.from]);
  const tos = refsAt(spec.toKeys ?? [spec.to]);
  const location = range(file, a.def.line, a.def.endLine);
  const alternatives = edgesAreAlternatives(a.entry);
  for (const f of froms) {
    for (const t of tos) {
      const d: Dependency = { from: f, to: t, kind: 'association', location };
      if (alternatives) d.group = { id: targetsGroup(f), k: 1 };
      deps.add(d);
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
  ev: Evaluator,
  propsOf: (id: string) => Val | undefined,
): { count: number } | { why: string; line: number } {
  const own = propsOf(target.id);
  const ownName = own?.t === 'obj' ? (own.fields.get(spec.key) ? asText(own.fields.get(spec.key)!) : undefined) : undefined;
  let total = 0;
  let unknown: { why: string; line: number } | undefined;
  for (const r of template.resources) {
    if (!spec.types.includes(r.type) || r.id === target.id) continue;
    const props = propsOf(r.id);
    const v = props?.t === 'obj' ? props.fields.get(spec.key) : undefined;
    if (!v) continue;
    let hit: 'yes' | 'no' | 'unknown';
    if (v.refs?.has(target.id)) hit = 'yes';
    else if (v.refs && v.refs.size) hit = 'no';
    else {
      const s = asText(v);
      hit = s !== undefined ? (ownName !== undefined && s === ownName ? 'yes' : 'no') : 'unknown';
    }
    if (hit === 'no') continue;
    const exists = ev.exists(r);
    if ('value' in exists && !exists.value) continue;
    if (hit === 'unknown') unknown ??= { why: `${spec.key} of ${r.id} uses ${v.t === 'unknown' ? v.why : 'a value that is not a name'}`, line: r.line };
    else if ('why' in exists) unknown ??= { why: `${r.id} is created under condition ${r.condition!.name}, which uses ${plainWhy(exists.why)}`, line: r.condition!.line };
    else total++;
  }
  return unknown ?? { count: total };
}

/** Default: lines of parameters with AllowedValues, so a fix never suggests a value the template rejects. */
function defaultsWithAllowedValues(template: Template): Map<number, readonly string[]> {
  const out = new Map<number, readonly string[]>();
  for (const p of template.parameters.values()) {
    if (!p.allowed || !p.default) continue;
    out.set(p.default.keyLine ?? p.default.line, p.allowed);
  }
  return out;
}
