/**
 * A compose project -> components (one per service), dependencies and diagnostics. Roles come from
 * the image (`catalog/images.ts`), redundancy from the declared container count, judged by the
 * catalog entry; zones stay unknown, since a compose file describes containers on one host.
 */
import type { CatalogEntry } from '../../catalog/entry.js';
import { imageType, kindOfKey, replicasAreIndependent, runtimeKey, type ImageKind } from '../../catalog/images.js';
import { pipelineGroup } from '../../catalog/pipeline-images.js';
import { entryFor } from '../../catalog/lookup.js';
import type { Component, Dependency, Diagnostic, EndpointUse, FileSet } from '../../model/index.js';
import type { Extraction, Stack } from '../format.js';
import { judgeComponent, type JudgeSetup } from '../shared/judge.js';
import { SourceLines } from '../shared/lines.js';
import { REDUNDANCY_UNKNOWN, notEvaluated } from '../shared/unevaluated.js';
import { subcommandOf } from './arguments.js';
import { findClusters } from './cluster.js';
import { runtimeOf } from './runtime.js';
import { buildFix } from './fix.js';
import { oneEngineReason, runsOnOneHost } from './host.js';
import type { Project } from './project.js';
import { findRelations, serviceId, toDependency } from './relations.js';
import { imageOf, publishedPorts, replicaDecision, type ReplicaDecision } from './service.js';
import { ComposeView } from './view.js';

export function extractProject(stack: Stack, project: Project, files: FileSet): Extraction {
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  const lines = new SourceLines(files);
  const services = [...project.services.values()];
  const decisions = new Map<string, ReplicaDecision>(services.map((d) => [d.name, replicaDecision(d, diagnostics)]));
  const endpoints = new Map<string, EndpointUse[]>();
  const relations = findRelations(project, diagnostics, endpoints);
  const runtimes = new Map(services.map((d) => [d.name, runtimeOf(d, project)]));
  const keys = new Map(services.map((d) => [d.name, runtimeKey(runtimes.get(d.name)!)]));
  const kinds = new Map(services.map((d) => [d.name, kindOfKey(keys.get(d.name))]));
  const groups = new Map(services.map((d) => [d.name, pipelineGroup(keys.get(d.name), runtimes.get(d.name)!)]));
  const clusters = findClusters(
    services.map((d) => ({ name: d.name, kind: kinds.get(d.name), subcommand: subcommandOf(d), group: groups.get(d.name) })),
    relations,
  );

  const components: Component[] = [];
  const setup: JudgeSetup<ComposeView> = { stack: stack.id, warn: (file, line, message) => diagnostics.push({ file, line, severity: 'warning', message }) };
  for (const def of services) {
    const id = serviceId(def.name);
    const decision = decisions.get(def.name)!;
    const image = imageOf(def);
    const kind = kinds.get(def.name);
    const key = keys.get(def.name);
    const entry = (key !== undefined ? entryFor('compose', imageType(key)) : undefined) ?? entryFor('compose', 'service');
    if (!entry) throw new Error('the catalog has no compose-service entry');
    const members = clusters.members.get(def.name);
    const count = members ? sumCounts(members.map((m) => decisions.get(m)!.count)) : decision.count;
    const location = { file: def.header.file, startLine: def.header.line, endLine: def.header.end ?? def.header.line };
    const view = new ComposeView(id, location, count, decision, lines);
    const { component, judgement } = judgeComponent(entry, view, setup);
    // Published ports make a service an entry point, whatever image it runs.
    component.entryPoint = publishedPorts(def) !== undefined;
    if (members) {
      component.attributes.cluster = {
        attribute: 'cluster',
        value: members,
        site: { file: def.header.file, startLine: def.header.line, endLine: def.header.line },
      };
    }
    // A worker of a group (a Connect group id) says who shares its work, also when it is the last one left.
    if (groups.get(def.name) !== undefined) component.attributes.group = { attribute: 'group', value: members ?? [def.name], site: { file: def.header.file, startLine: def.header.line, endLine: def.header.line } };
    component.label = image ? `${id} (${image})` : id;
    const fix = judgement && buildFix({ def, decision, judged: judgement, kind, cluster: members, independent: replicasAreIndependent(kind), lines });
    if (fix) component.fix = fix;
    if (decision.count === null) {
      const why = decision.why ?? 'it is not known statically';
      diagnostics.push({ file: decision.site.file, line: decision.site.line, severity: 'warning', message: notEvaluated(decision.attribute, id, `${why}; ${REDUNDANCY_UNKNOWN}`) });
    }
    warnIndependentReplicas(entry, kind, decision, component.redundancy.instances, id, diagnostics);
    // Lists that name the service's own cluster are peer configuration, not a client's choice of servers.
    const uses = endpoints.get(def.name)?.filter((u) => !u.targets.some((t) => members?.includes(t.slice('services.'.length))));
    if (uses?.length) component.endpoints = uses;
    components.push(component);
  }

  if (runsOnOneHost(services, components)) for (const component of components) component.failureDomain = 'single-host';
  else {
    const oneEngine = oneEngineReason(project, services);
    if (oneEngine) for (const component of components) component.oneEngine = oneEngine;
  }

  const dependencies: Dependency[] = [];
  const seen = new Set<string>();
  // A start order on servers the service names as alternatives is for that list: it needs one of them, not each.
  const alternatives = new Set(relations.filter((r) => r.group && !clusters.peers.has(r)).map((r) => `${r.from}\u0000${r.to}`));
  for (const relation of relations) {
    if (clusters.peers.has(relation)) continue;
    if (relation.kind === 'depends_on' && alternatives.has(`${relation.from}\u0000${relation.to}`)) continue;
    const key = `${relation.from}\u0000${relation.to}\u0000${relation.kind}\u0000${relation.group ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dependencies.push(toDependency(relation));
  }
  return { components, dependencies, diagnostics };
}

function sumCounts(counts: (number | null)[]): number | null {
  let total = 0;
  for (const count of counts) {
    if (count === null) return null;
    total += count;
  }
  return total;
}

/** Replicas of PostgreSQL & co. that the judge counted as one: say why, at the line that declares them. */
function warnIndependentReplicas(entry: CatalogEntry, kind: ImageKind | undefined, decision: ReplicaDecision, instances: number | null, id: string, diagnostics: Diagnostic[]): void {
  if (decision.count === null || instances === null || decision.count <= instances) return;
  const singleton = kind?.pipeline?.singleton;
  diagnostics.push({
    file: decision.site.file,
    line: decision.site.line,
    severity: 'warning',
    message: singleton
      ? `${id} runs ${decision.count} ${entry.title} containers: ${singleton.why}; counted as ${instances} instance`
      : `${id} runs ${decision.count} ${entry.title} containers, which are independent servers with their own data, not a replicated ${entry.title}: counted as ${instances} instance`,
  });
}
