/**
 * The one judging step of every format: a catalog entry and a view of a resource -> its Component. What
 * is the same everywhere is written here once: a resource no entry knows is an unclassified connector,
 * one its entry does not apply to is a connector, a judge that throws is a warning (never a lost stack),
 * and the decisive attributes are the evidence. A format adds only what is its own through `JudgeSetup`.
 */
import type { CatalogEntry, Judgement, PipelineRole, ResourceView } from '../../catalog/entry.js';
import { countOnlyRedundancy } from '../../catalog/judging/index.js';
import type { Component, Redundancy, Role, Safeguard } from '../../model/index.js';

/** Where a format's warnings go. */
export type Warn = (file: string, line: number, message: string) => void;

/** A resource whose instances may be configured differently (a Terraform `for_each` over distinct settings). */
export interface InstanceVariants<View> {
  /** Indexes of the instances whose values at the decisive keys differ from the representative's. */
  divergent(view: View, keys: readonly string[]): readonly number[];
  /** The same resource judged through another instance (its values first). */
  through(view: View, index: number): View;
}

export interface JudgeSetup<View extends ResourceView> {
  stack: string;
  warn: Warn;
  /** The fix in the format's own syntax, for a judgement that suggests one. */
  fix?(view: View, fix: NonNullable<Judgement['fix']>): Component['fix'] | undefined;
  /** Instances configured differently: the weakest one decides. */
  instances?: InstanceVariants<View>;
}

/** What judges a resource more precisely than its entry (the well-known image a Kubernetes workload runs). */
export interface Refinement {
  id: string;
  role: Role;
  /** A scheduler or ingestion worker (`apache/airflow` running `scheduler`): it matters without dependents. */
  pipeline?: PipelineRole;
}

export interface Judged<View> {
  component: Component;
  /** Undefined when nothing judged: no entry, not applicable, no judge, or the judge failed. */
  judgement: Judgement | undefined;
  /** The view that decided: the weakest instance's when instances are configured differently. */
  view: View;
}

/** Whether a role fails: connectors pass failure through, passive resources hold nothing up. */
export function roleCanFail(role: Role): boolean {
  return role !== 'connector' && role !== 'passive';
}

/** Whether a component can fail on its own: a role that fails, and not a regional service. */
export function failsAlone(component: Pick<Component, 'role' | 'regional'>): boolean {
  return roleCanFail(component.role) && !component.regional;
}

const NOT_APPLICABLE = 'not applicable';

export function judgeComponent<View extends ResourceView>(entry: CatalogEntry | undefined, view: View, setup: JudgeSetup<View>, refinement?: Refinement): Judged<View> {
  // Components are built as plain literals of one shape (object spread makes slow dictionary objects).
  const make = (role: Role, rule: string, redundancy: Redundancy, attributes: Component['attributes'], entryPoint: boolean, regional: boolean): Component => ({
    id: view.id,
    type: view.type,
    format: view.format,
    stack: setup.stack,
    role,
    rule,
    location: view.location,
    redundancy,
    attributes,
    entryPoint,
    regional,
  });
  const connector = (rule: string, attributes: Component['attributes'], regional: boolean): Judged<View> => ({
    component: make('connector', rule, countOnlyRedundancy(view.count), attributes, false, regional),
    judgement: undefined,
    view,
  });
  if (!entry) return connector('unclassified', {}, false);
  const rule = refinement?.id ?? entry.id;
  let verdict: { judgement: Judgement | undefined; view: View } | typeof NOT_APPLICABLE;
  try {
    verdict = decide(entry, view, setup.instances);
  } catch (err) {
    setup.warn(view.location.file, view.location.startLine, `internal error while judging ${view.id} with ${entry.id}: ${err instanceof Error ? err.message : String(err)}`);
    return connector(rule, {}, false);
  }
  if (verdict === NOT_APPLICABLE) return connector(rule, wouldDecide(entry, view), entry.regional ?? false);
  const { judgement } = verdict;
  const component = make(
    refinement?.role ?? entry.role,
    rule,
    judgement?.redundancy ?? countOnlyRedundancy(view.count),
    decisiveSites(verdict.view, judgement?.decisive ?? []),
    judgement?.entryPoint ?? entry.entryPoint ?? false,
    judgement?.regional ?? entry.regional ?? false,
  );
  const pipeline = refinement ? refinement.pipeline : entry.pipeline;
  if (pipeline) component.pipeline = { part: pipeline.part };
  const protects = entry.failoverFor ? setVia(entry, verdict.view, entry.failoverFor.keys) : undefined;
  if (protects) component.failoverFor = protects;
  const regions = regionsOf(entry, verdict.view, setup.warn);
  if (regions) component.regions = regions;
  const guarded = safeguardsOf(entry, verdict.view, setup.warn);
  if (guarded.safeguards.length) component.safeguards = guarded.safeguards;
  if (guarded.attributes.length) component.guardsReferenced = guarded.attributes;
  const copy = copySources(entry, verdict.view);
  if (copy) component.copyOf = copy;
  // A replica's redundancy is its source's business: no Multi-AZ / standby fix is suggested for the copy itself.
  else if (judgement?.fix && setup.fix) component.fix = setup.fix(verdict.view, judgement.fix);
  return { component, judgement, view: verdict.view };
}

function regionsOf(entry: CatalogEntry, view: ResourceView, warn: Warn): Component['regions'] | undefined {
  if (!entry.regions) return undefined;
  try {
    const counted = entry.regions(view);
    if (!counted) return undefined;
    const site = view.site(counted.key);
    return { count: counted.count, ...(counted.names ? { names: counted.names } : {}), ...(site ? { site } : {}) };
  } catch (err) {
    warn(view.location.file, view.location.startLine, `internal error while reading the regions of ${view.id}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** The safeguards the configuration decides (unknown ones left out), and the attributes naming what they protect. */
function safeguardsOf(entry: CatalogEntry, view: ResourceView, warn: Warn): { safeguards: Safeguard[]; attributes: string[] } {
  const safeguards: Safeguard[] = [];
  const attributes = new Set<string>();
  for (const spec of entry.safeguards ?? []) {
    if (spec.types && !spec.types.includes(view.type)) continue;
    let judged: ReturnType<typeof spec.judge>;
    try {
      judged = spec.judge(view);
    } catch (err) {
      warn(view.location.file, view.location.startLine, `internal error while reading ${spec.id} of ${view.id}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    if (!judged) continue;
    const site = [...(spec.decidedBy ?? []), spec.key].map((key) => view.site(key)).find(Boolean);
    safeguards.push({ id: spec.id, kind: spec.kind, present: judged.present, what: spec.what, fix: spec.fix, ...(judged.detail ? { detail: judged.detail } : {}), ...(site ? { site } : {}) });
    if (spec.guardsReferenced) attributes.add(spec.guardsReferenced);
  }
  return { safeguards, attributes: [...attributes] };
}

/** Whether the entry applies, and its judgement (through the weakest instance when instances differ). */
function decide<View extends ResourceView>(entry: CatalogEntry, view: View, instances: InstanceVariants<View> | undefined) {
  if (entry.applies && !entry.applies(view)) return NOT_APPLICABLE;
  if (!entry.judge) return { judgement: undefined, view };
  let decided = { judgement: entry.judge(view), view };
  for (const index of instances?.divergent(view, decided.judgement.decisive) ?? []) {
    const other = instances!.through(decided.view, index);
    if (entry.applies && !entry.applies(other)) continue;
    const judgement = entry.judge(other);
    if (weaker(judgement.redundancy, decided.judgement.redundancy)) decided = { judgement, view: other };
  }
  return decided;
}

/**
 * The attributes naming the source a replica copies (`Component.copyOf`), when the entry's `copyOf` keys are set
 * (an unevaluable value counts: something is written there). Unset, null or empty is no copy.
 */
function copySources(entry: CatalogEntry, view: ResourceView): Component['copyOf'] | undefined {
  const spec = entry.copyOf;
  if (!spec || (spec.when && !spec.when(view))) return undefined;
  return setVia(entry, view, spec.keys);
}

/** The top-level attributes (in the format's own syntax) of the keys that are set, or undefined when none is. */
function setVia(entry: CatalogEntry, view: ResourceView, keys: readonly string[]): { via: string[] } | undefined {
  const set = keys.filter((key) => {
    const value = view.get(key);
    return value !== undefined && value !== null && value !== '';
  });
  if (!set.length) return undefined;
  // Dependencies are labelled by their top-level attribute, in the format's own syntax.
  const via = set.map((key) => (entry.attributes?.[key]?.[view.format] ?? key).split('.')[0]!);
  return { via: [...new Set(via)] };
}

function decisiveSites(view: ResourceView, keys: readonly string[]): Component['attributes'] {
  const attributes: Component['attributes'] = {};
  for (const key of keys) {
    const site = view.site(key);
    if (site) attributes[key] = site;
  }
  return attributes;
}

/**
 * The sites of the values that would decide, were the entry to apply: a resource it does not apply to
 * (an Aurora member, a module that builds nothing) keeps them, so that when a change makes the entry
 * apply, evidence shows what changed rather than every input.
 */
function wouldDecide(entry: CatalogEntry, view: ResourceView): Component['attributes'] {
  try {
    return decisiveSites(view, entry.judge?.(view).decisive ?? []);
  } catch {
    // A judge may assume its entry applies: keep nothing then.
    return {};
  }
}

/** Whether redundancy `a` is weaker than `b` (fewer instances, then fewer zones, then no failover); unknowns never win. */
function weaker(a: Redundancy, b: Redundancy): boolean {
  const rank = (r: Redundancy): number[] => [r.instances ?? Infinity, r.zones?.count ?? Infinity, r.failover === true || r.failover === null ? 1 : 0];
  const ranksA = rank(a);
  const ranksB = rank(b);
  for (let i = 0; i < ranksA.length; i++) if (ranksA[i] !== ranksB[i]) return ranksA[i]! < ranksB[i]!;
  return false;
}
