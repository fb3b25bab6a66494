/**
 * One run of the GitHub Action: the app's review of a pull request or merge group, with what a
 * workflow token may do and no store. The change is read from the workspace checkout with git; the
 * config, the file planner, the engine and every publishing step are the app's own:
 * - the `SPOF review` check run (or, where the token may not write checks, the job's annotations
 *   and exit code carry the result);
 * - inline review comments with suggestions and one summary comment, found again on later runs by
 *   the hidden markers they carry, so nothing is posted twice;
 * - the summary in `$GITHUB_STEP_SUMMARY`, a SARIF file, and the counts as outputs.
 * Each publishing step degrades alone when GitHub refuses it; the job fails when the review does.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { teamsToAsk } from '../analysis/index.js';
import type { Config } from '../config/types.js';
import { loadConfig } from '../github/config.js';
import { touchedPaths } from '../github/fetch/changes.js';
import { loadReviewFiles } from '../github/fetch/review-files.js';
import { fetchTeamMembers } from '../github/fetch/teams.js';
import { doReview, sendFiles } from '../github/jobs/engine-work.js';
import { blobLink } from '../github/jobs/context.js';
import { annotationsFor, completeCheckRun, createCheckRun, type Annotation, type CheckOutput } from '../github/publish/check-run.js';
import { NO_LONGER_INFRASTRUCTURE, checkTitle, noInfrastructureOutput, openFindings } from '../github/publish/check-text.js';
import { publishReviewComments } from '../github/publish/review-comments.js';
import { markedSummary, publishSummaryComment } from '../github/publish/summary-comment.js';
import { renderSummary } from '../github/publish/summary.js';
import { settleFixedThreads } from '../github/publish/threads.js';
import { describeError } from '../github/types.js';
import { ReadBudget, type Conclusion, type Finding, type Review } from '../model/index.js';
import { plural } from '../report/format.js';
import { mdEscape } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { changedFiles, GitBlobs, GitTree, mergeBase, requireCommits } from './checkout.js';
import { actionClient, type ActionClient } from './client.js';
import { ActionError, readEvent, type ActionEvent } from './event.js';
import { MAX_READ_ENV, readInputs, type Inputs } from './inputs.js';
import { markedFindingComments, type MarkedComment } from './pull-comments.js';
import type { Env, Runner } from './runner.js';
import { actionVersion } from './version.js';

/** GitHub shows at most this many annotations of each level per step. */
const COMMAND_ANNOTATIONS = 10;

interface Run {
  env: Env;
  runner: Runner;
  inputs: Inputs;
  event: ActionEvent;
  gh: ActionClient;
  workspace: string;
  version: string;
  notes: string[];
  /** Read once the config is known (a failure then ends the check per its `on_error`). */
  config?: Config;
  checkRunId?: number;
  /** GitHub refused the check run for good (403: no `checks: write`). */
  checksRefused?: boolean;
}

/** Runs the action; resolves to the exit code. Never calls process.exit. */
export async function runAction(env: Env, runner: Runner): Promise<number> {
  let run: Run;
  try {
    const inputs = readInputs(env);
    const event = await readEvent(env);
    const version = actionVersion();
    const gh = actionClient({ token: inputs.token, apiUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: `spof-review-action/${version}` });
    run = { env, runner, inputs, event, gh, workspace: env.GITHUB_WORKSPACE || process.cwd(), version, notes: [] };
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    runner.command('error', err.message);
    return 1;
  }
  try {
    return await review(run);
  } catch (err) {
    if (err instanceof ActionError) {
      runner.command('error', err.message);
      return 1;
    }
    return await couldNotComplete(run, err);
  }
}

async function review(run: Run): Promise<number> {
  const { event, gh, workspace, runner, notes } = run;
  const { coords, pullNumber, headSha } = event;
  await requireCommits(workspace, [event.baseSha, headSha]);
  // A pull request is its diff against the merge base, as GitHub shows it; a merge group sits on its base.
  const base = pullNumber !== undefined ? await mergeBase(workspace, event.baseSha, headSha) : event.baseSha;
  runner.log(`spof-review ${run.version}: ${event.name} of ${coords.owner}/${coords.repo}${pullNumber !== undefined ? `#${pullNumber}` : ''}, ${short(base)}..${short(headSha)}`);

  // The base's config: a pull request cannot loosen its own review.
  const loaded = await loadConfig(gh, coords, { ref: event.baseSha, ...(run.inputs.configPath ? { path: run.inputs.configPath } : {}) });
  const config: Config = { ...loaded.config, ...(run.inputs.failOn ? { fail_on: run.inputs.failOn } : {}) };
  run.config = config;
  const configErrors = loaded.errors;
  for (const e of configErrors) runner.command('warning', e.message, { file: e.file, ...(e.line > 0 ? { line: e.line } : {}), title: 'spof-review config' });
  if (!config.enabled) {
    runner.command('notice', `spof-review is turned off for this repository (enabled: false in ${run.inputs.configPath ?? '.github/spof-review.yml'})`);
    await runner.setOutputs({ conclusion: 'skipped' });
    return 0;
  }

  run.checkRunId = await step(run, 'The check run could not be started', () => createCheckRun(gh, coords, headSha, `spof-review-action:${run.env.GITHUB_RUN_ID ?? ''}`));

  const changes = await changedFiles(workspace, base, headSha);
  const [baseTree, headTree] = await Promise.all([GitTree.read(workspace, base), GitTree.read(workspace, headSha)]);
  const files = await loadReviewFiles({ base: baseTree, head: headTree, changed: touchedPaths(changes), config, blobs: new GitBlobs(workspace, new ReadBudget(run.inputs.maxReadMb, `raise it with ${MAX_READ_ENV} in the step's env`)) });
  const infrastructure = files.iacChanged.length > 0;
  const repository = `${coords.owner}/${coords.repo}`;
  // A team's size needs `members: read`, which no workflow token has: GitHub's refusal leaves it unknown.
  const teamMembers = infrastructure ? await fetchTeamMembers(gh, teamsToAsk({ base: files.base, head: files.head, config })) : {};
  const { review: result, diagram } = doReview({
    base: sendFiles(files.base),
    head: sendFiles(files.head),
    affectedHead: sendFiles(files.affectedHead),
    config,
    repository,
    diagnostics: files.diagnostics,
    teamMembers,
  });
  runner.log(`reviewed ${plural(files.iacChanged.length, 'infrastructure file')} changed: ${result.conclusion}, ${plural(openFindings(result).length, 'open finding')}`);

  let uncommented: Finding[] | undefined;
  if (pullNumber !== undefined && run.inputs.comment !== 'off' && config.comments.mode !== 'off') {
    uncommented = await comment(run, pullNumber, { result, changes, infrastructure, configErrors, diagram });
  }

  const link = blobLink(gh, coords, headSha);
  const conclusion: Conclusion = result.conclusion;
  const title = infrastructure ? checkTitle(result, config.fail_on) : noInfrastructureOutput(0).title;
  const annotations = infrastructure ? annotationsFor(result, config.fail_on, (p) => headTree.files.has(p)) : [];
  await finishCheckRun(run, conclusion, (withNotes) =>
    infrastructure
      ? { title, summary: renderSummary({ review: result, configErrors, ...(uncommented ? { uncommented } : {}), ...(diagram ? { diagram } : {}), link, notes: withNotes }) }
      : noInfrastructureOutput(configErrors.length),
    annotations,
  );
  if (run.checkRunId === undefined) annotate(runner, annotations);

  // The job's own summary: the check's, with every note (the check may not exist).
  await runner.appendSummary(
    infrastructure
      ? renderSummary({ review: result, configErrors, ...(uncommented ? { uncommented } : {}), ...(diagram ? { diagram } : {}), link, notes })
      : `## SPOF review: ✅ success\n\n${noInfrastructureOutput(configErrors.length).summary}${notes.map((n) => `\n> [!WARNING]\n> ${mdEscape(n)}\n`).join('')}`,
  );
  const sarifPath = join(run.env.RUNNER_TEMP || tmpdir(), 'spof-review.sarif');
  await writeFile(sarifPath, renderSarif(result, { version: run.version }));
  await runner.setOutputs(outputsOf(result, conclusion, sarifPath));

  for (const n of notes) runner.command('warning', n);
  if (conclusion === 'failure') {
    runner.command('error', `SPOF review: ${title}`);
    return 1;
  }
  runner.log(`SPOF review: ${conclusion}: ${title}`);
  return 0;
}

/** Inline comments, fixed threads and the summary comment; returns the open findings with no inline comment. */
async function comment(
  run: Run,
  pullNumber: number,
  s: { result: Review; changes: Awaited<ReturnType<typeof changedFiles>>; infrastructure: boolean; configErrors: Parameters<typeof renderSummary>[0]['configErrors']; diagram: string | undefined },
): Promise<Finding[]> {
  const { gh, event, notes, config } = { ...run, config: run.config! };
  const { coords, headSha } = event;
  const open = openFindings(s.result);
  const inline = run.inputs.comment === 'inline' && s.infrastructure;
  let marked: MarkedComment[] | undefined;
  let uncommented: Finding[] | undefined;
  if (inline) {
    marked = await step(run, 'The review comments of earlier runs could not be read', () => markedFindingComments(gh, coords, pullNumber));
    if (marked) {
      const posted = marked;
      const c = await step(run, 'Inline comments could not be posted', () =>
        publishReviewComments(gh, coords, {
          pullNumber,
          headSha,
          review: s.result,
          files: s.changes,
          posted,
          suggestions: config.comments.suggestions,
          minSeverity: config.comments.min_severity,
          recover: false,
          // The comments themselves are the memory: their markers are read on the next run.
          onPosted: async () => {},
        }),
      );
      if (c?.error) notes.push(c.error);
      uncommented = c?.uncommented;
      const stillOpen = new Set(open.map((f) => f.fingerprint));
      const gone = posted.filter((p) => !p.resolved && !stillOpen.has(p.fingerprint)).map((p) => ({ ...p, threadNodeId: null }));
      if (gone.length > 0) {
        const settled = await step(run, 'The threads of fixed findings could not be settled', () => settleFixedThreads(gh, coords, { pullNumber, headSha, gone, onSettled: async () => {} }));
        if (settled && settled.failed.length > 0) notes.push(`${plural(settled.failed.length, 'thread')} of fixed findings could not be resolved or answered (${settled.failed[0]!.error}); the next run tries again.`);
      }
    }
  }
  uncommented ??= open.filter((f) => !marked?.some((p) => p.fingerprint === f.fingerprint && !p.resolved));
  const body = s.infrastructure
    ? renderSummary({ review: s.result, configErrors: s.configErrors, uncommented, ...(s.diagram ? { diagram: s.diagram } : {}) })
    : NO_LONGER_INFRASTRUCTURE;
  const worthPosting = s.infrastructure && (open.length > 0 || s.configErrors.length > 0);
  await step(run, 'The summary comment could not be updated', async () =>
    publishSummaryComment(gh, coords, { issueNumber: pullNumber, body, known: await markedSummary(gh, coords, pullNumber), worthPosting }),
  );
  return uncommented;
}

/** Completes the check run (created now if GitHub refused it at the start for a passing reason). */
async function finishCheckRun(run: Run, conclusion: Conclusion, output: (notes: readonly string[]) => CheckOutput, annotations: readonly Annotation[]): Promise<void> {
  const { gh, event } = run;
  if (run.checkRunId === undefined && !run.checksRefused) {
    run.checkRunId = await step(run, 'The check run could not be created', () => createCheckRun(gh, event.coords, event.headSha, `spof-review-action:${run.env.GITHUB_RUN_ID ?? ''}`));
  }
  const id = run.checkRunId;
  if (id === undefined) return;
  try {
    await completeCheckRun(gh, event.coords, id, { conclusion, output: output(run.notes), annotations });
  } catch (err) {
    // GitHub refused the full result: the conclusion still lands, with why.
    const reason = describeError(err);
    run.notes.push(`The full check run summary was refused (${reason}); the job summary has it.`);
    await step(run, 'The check run could not be completed', () =>
      completeCheckRun(gh, event.coords, id, { conclusion, output: { title: output([]).title, summary: `The full summary of this check could not be published (${reason}). The job summary of the workflow run has it.\n` } }),
    );
  }
}

/** Without a check run, the job's own annotations carry the findings on their lines. */
function annotate(runner: Runner, annotations: readonly Annotation[]): void {
  const level = { failure: 'error', warning: 'warning', notice: 'notice' } as const;
  const shown = { error: 0, warning: 0, notice: 0 };
  for (const a of annotations) {
    const kind = level[a.annotation_level];
    if (shown[kind]++ >= COMMAND_ANNOTATIONS) continue;
    runner.command(kind, a.message, { file: a.path, line: a.start_line, endLine: a.end_line, title: a.title });
  }
}

/** A review that could not complete: the check (if any) and the job end per the config's `on_error`. */
async function couldNotComplete(run: Run, err: unknown): Promise<number> {
  const reason = describeError(err);
  const conclusion = run.config?.on_error === 'failure' ? 'failure' : 'neutral';
  run.runner.command('error', `spof-review could not complete the review: ${reason}`);
  if (run.checkRunId !== undefined) {
    const id = run.checkRunId;
    await step(run, 'The check run could not be completed', () =>
      completeCheckRun(run.gh, run.event.coords, id, { conclusion, output: { title: 'The review could not complete', summary: `spof-review could not complete this review: ${reason}\n` } }),
    );
  }
  await run.runner.appendSummary(`## SPOF review: ${conclusion === 'failure' ? '❌ failure' : '⚪ neutral'}\n\nThe review could not complete: ${mdEscape(reason)}\n`);
  await run.runner.setOutputs({ conclusion });
  return conclusion === 'failure' ? 1 : 0;
}

/** One publishing step: what GitHub refuses becomes a note (job summary, check, a warning) and the run goes on. */
async function step<T>(run: Run, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (typeof status !== 'number' && !(err && typeof err === 'object' && 'errors' in err)) throw err;
    if (status === 403 && what.startsWith('The check run')) run.checksRefused = true;
    run.notes.push(`${what}: ${describeError(err)}.${status === 403 && what.startsWith('The check run') ? ' Grant the job `checks: write` for a check run; the job status carries the result meanwhile.' : ''}`);
    return undefined;
  }
}

function outputsOf(result: Review, conclusion: Conclusion, sarifPath: string): Record<string, string> {
  return {
    conclusion,
    findings: String(openFindings(result).length),
    'new-spofs': String(result.counts['new-spof']),
    'redundancy-reduced': String(result.counts['redundancy-reduced']),
    'blast-radius-grown': String(result.counts['blast-radius-grown']),
    'resolved-spofs': String(result.counts['resolved-spof']),
    errors: String(result.diagnostics.filter((d) => d.severity === 'error').length),
    'sarif-path': sarifPath,
  };
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
