import { DEFAULT_CONFIG, MAX_LIMITS, type Config } from '../config/types.js';
import {
  FINDING_KINDS,
  severityRank,
  type Component,
  type Conclusion,
  type Diagnostic,
  type FileSet,
  type Finding,
  type FindingKind,
  type Review,
  append,
} from '../model/index.js';
import type { Inventory, ReviewInput, Snapshot, TeamMembers } from './api.js';
import { parseDuration } from '../config/parse.js';
import { Budget, TooLargeToReview } from './budget.js';
import { diffSnapshots, type RecoveryPolicy } from './diff.js';
import { rateDeclaredSingles } from './deliberate-singles.js';
import { EnvironmentResolver, rateByEnvironment, ratedIn } from './environment.js';
import { nodeKey } from './graph.js';
import { collapseHosts } from './hosts.js';
import { applyMoves, findMoves } from './moves.js';
import { infrastructureFiles, keyPeopleChanged, keyPeopleInventory, teamSizes, teamsDeciding, teamsOwning } from './key-people.js';
import { analyzeSnapshot } from './spof.js';
import { extractStacks, planStacks, planWithin, stackKey, stackUnchanged, type PlannedStack } from './stacks.js';
import { applySuppressions } from './suppress.js';

export function withDefaults(config: Partial<Config> | undefined): Config {
  return { ...DEFAULT_CONFIG, ...(config ?? {}) };
}

/** The whole graph of one file set. */
export function snapshot(files: FileSet, config?: Partial<Config>): Snapshot {
  const cfg = withDefaults(config);
  return extractStacks(planStacks(files, cfg), files, cfg);
}

/** The SPOFs present in one file set (the inventory of a branch); `repository` and `teamMembers` as in ReviewInput. */
export function scan(files: FileSet, config?: Partial<Config>, repository?: string, within?: string, teamMembers?: TeamMembers): Inventory {
  const cfg = withDefaults(config);
  const budget = new Budget(cfg.limits);
  const plan = planWithin(files, cfg, within);
  try {
    const snap = extractStacks(plan, files, cfg, budget);
    const spofs = collapseHosts([...analyzeSnapshot(snap, budget).spofs.values()], snap.components);
    append(spofs, keyPeopleInventory(snap, infrastructureFiles(plan), teamSizes(cfg.teams, teamMembers)));
    const environments = new EnvironmentResolver(cfg, repository);
    for (const spof of spofs) spof.severity = ratedIn(environments.of(spof.component.stack), spof.severity);
    return { snapshot: snap, spofs };
  } catch (err) {
    if (!(err instanceof TooLargeToReview)) throw err;
    const files = new Set(plan.flatMap((p) => p.stack.files));
    return { snapshot: { components: [], dependencies: [], diagnostics: [tooLargeToReview(plan, err)], files: files.size }, spofs: [] };
  }
}

/**
 * The one diagnostic of a review that ran out of its budget, on the first file of the largest stack it
 * was given: an error, so the review concludes as not reviewed (CLI exit 2, check `on_error`).
 */
function tooLargeToReview(plan: readonly PlannedStack[], err: TooLargeToReview): Diagnostic {
  const largest = [...plan].sort((a, b) => b.stack.files.length - a.stack.files.length)[0];
  const file = largest?.stack.files[0] ?? '.';
  const setting = `limits.${err.limit} in .github/spof-review.yml, at most ${MAX_LIMITS[err.limit].toLocaleString('en-US')}`;
  const stacks = plan.length === 1 ? 'its stack' : `its ${plan.length} stacks`;
  return { file, line: 1, severity: 'error', message: `not reviewed: too large to review, ${err.message} (${setting}); nothing was reported for ${stacks}` };
}

/**
 * The CODEOWNERS teams whose size can decide a key-person finding of this change (DESIGN amendment 48):
 * what a reader that can ask (the app) should learn before `review`. Reads only the CODEOWNERS stacks.
 */
export function teamsToAsk(input: Pick<ReviewInput, 'base' | 'head' | 'config' | 'within'>): string[] {
  const config = withDefaults(input.config);
  const basePlan = planWithin(input.base, config, input.within);
  const headPlan = planWithin(input.head, config, input.within);
  const owners = (plan: PlannedStack[], files: FileSet) => extractStacks(plan.filter((p) => p.plugin.describesOwnership), files, config);
  return teamsDeciding(owners(basePlan, input.base), owners(headPlan, input.head), infrastructureFiles(headPlan));
}

/** For `scan`: the CODEOWNERS teams whose size decides whether one person alone owns infrastructure files. */
export function scanTeamsToAsk(files: FileSet, config?: Partial<Config>, within?: string): string[] {
  const cfg = withDefaults(config);
  const plan = planWithin(files, cfg, within);
  const owners = extractStacks(plan.filter((p) => p.plugin.describesOwnership), files, cfg);
  return teamsOwning(owners, infrastructureFiles(plan), teamSizes(cfg.teams, undefined));
}

/**
 * Review a change. Stacks whose files are byte-identical in base and head cannot produce a finding
 * (stacks are independent), so only changed stacks are extracted and analysed.
 */
export function review(input: ReviewInput): Review {
  const started = performance.now();
  const config = withDefaults(input.config);
  const basePlan = planWithin(input.base, config, input.within);
  const headPlan = planWithin(input.head, config, input.within);
  const baseByKey = new Map(basePlan.map((p) => [stackKey(p.stack), p]));
  const unchanged = new Set<string>();
  for (const h of headPlan) {
    const key = stackKey(h.stack);
    const b = baseByKey.get(key);
    if (b && stackUnchanged(b.stack, input.base, h.stack, input.head)) unchanged.add(key);
  }
  const changed = (plan: PlannedStack[]) => plan.filter((p) => !unchanged.has(stackKey(p.stack)));
  const budget = new Budget(config.limits);
  try {
    return reviewChanged(input, config, changed(basePlan), changed(headPlan), { started, budget, headPlan, reviewed: headPlan.length - unchanged.size, unchanged: unchanged.size });
  } catch (err) {
    if (!(err instanceof TooLargeToReview)) throw err;
    const diagnostics = [...(input.diagnostics ?? []), tooLargeToReview(changed(headPlan).length ? changed(headPlan) : changed(basePlan), err)];
    return {
      schemaVersion: 1,
      conclusion: conclude([], config, diagnostics),
      counts: countKinds([]),
      findings: [],
      diagnostics: dedupeDiagnostics(diagnostics),
      stats: {
        files: new Set(changed(headPlan).flatMap((p) => p.stack.files)).size,
        components: { base: 0, head: 0 },
        durationMs: Math.round(performance.now() - started),
        suppressed: 0,
        stacks: { reviewed: headPlan.length - unchanged.size, unchanged: unchanged.size },
      },
    };
  }
}

function reviewChanged(
  input: ReviewInput,
  config: Config,
  basePlan: readonly PlannedStack[],
  headPlan: readonly PlannedStack[],
  run: { started: number; budget: Budget; headPlan: readonly PlannedStack[]; reviewed: number; unchanged: number },
): Review {
  const { started, budget } = run;
  const baseSnap = extractStacks(basePlan, input.base, config, budget);
  const headSnap = extractStacks(headPlan, input.head, config, budget);

  const side = (snap: Snapshot) => ({
    components: new Map<string, Component>(snap.components.map((c) => [nodeKey(c), c])),
    analysis: analyzeSnapshot(snap, budget),
  });
  const headSide = side(headSnap);
  const baseSide = side(applyMoves(baseSnap, findMoves(baseSnap, headSnap)));
  const all = withoutUnparsedRemovals(diffSnapshots(baseSide, headSide, recoveryPolicy(config)), headSide.components, headSnap.diagnostics);
  append(all, keyPeopleChanged(baseSnap, headSnap, infrastructureFiles(run.headPlan), teamSizes(config.teams, input.teamMembers)));
  const environments = new EnvironmentResolver(config, input.repository);
  rateByEnvironment(all, environments);
  rateDeclaredSingles(all, environments);
  const diagnostics: Diagnostic[] = [...(input.diagnostics ?? []), ...headSnap.diagnostics];
  append(diagnostics, applySuppressions(all, input.head, input.base, config));
  const findings = sortFindings(all.filter((f) => !f.suppressed));

  return {
    schemaVersion: 1,
    conclusion: conclude(findings, config, diagnostics),
    counts: countKinds(findings),
    findings,
    diagnostics: dedupeDiagnostics(diagnostics),
    stats: {
      files: headSnap.files,
      components: { base: baseSnap.components.length, head: headSnap.components.length },
      durationMs: Math.round(performance.now() - started),
      suppressed: all.length - findings.length,
      stacks: { reviewed: run.reviewed, unchanged: run.unchanged },
    },
  };
}

/**
 * A component that vanished because its head file does not parse was not removed: saying its SPOF is
 * resolved would be false good news (and would close its review thread). Those are dropped; the
 * syntax error is reported as a diagnostic instead.
 */
function withoutUnparsedRemovals(findings: Finding[], head: Map<string, Component>, diagnostics: readonly Diagnostic[]): Finding[] {
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  if (!broken.size) return findings;
  return findings.filter((f) => !(f.kind === 'resolved-spof' && !head.has(nodeKey(f.component)) && broken.has(f.location.file)));
}

function recoveryPolicy(config: Config): RecoveryPolicy {
  const policy: RecoveryPolicy = {};
  for (const key of ['rto', 'rpo'] as const) {
    const text = config.policy[key];
    const seconds = text === undefined ? null : parseDuration(text);
    if (text !== undefined && seconds !== null) policy[key] = { seconds, text };
  }
  return policy;
}

/**
 * `failure` when a finding reaches `fail_on`; else, when something could not be reviewed (an error
 * diagnostic), `on_error`: what was not reviewed never passes as reviewed; else `neutral` with
 * findings, `success` without.
 */
export function conclude(findings: readonly Finding[], config: Config, diagnostics: readonly Diagnostic[] = []): Conclusion {
  const open = findings.filter((f) => f.kind !== 'resolved-spof');
  if (config.fail_on !== 'never') {
    const threshold = severityRank(config.fail_on);
    if (open.some((f) => severityRank(f.severity) >= threshold)) return 'failure';
  }
  if (diagnostics.some((d) => d.severity === 'error')) return config.on_error;
  return open.length ? 'neutral' : 'success';
}

function countKinds(findings: readonly Finding[]): Record<FindingKind, number> {
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind]++;
  return counts;
}

const KIND_ORDER: Record<FindingKind, number> = { 'new-spof': 0, 'redundancy-reduced': 1, 'blast-radius-grown': 2, 'resolved-spof': 3 };

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.location.file.localeCompare(b.location.file) ||
      a.location.startLine - b.location.startLine ||
      a.component.id.localeCompare(b.component.id),
  );
}

/** Each diagnostic once (a file read for several stacks says its problem once), by file and line. */
function dedupeDiagnostics(d: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return d
    .filter((x) => {
      const k = `${x.file}:${x.line}:${x.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
