import type { Config } from '../config/types.js';
import { DEFAULT_MAX_READ_MB, ReadBudget, SEVERITIES } from '../model/index.js';
import type { FileSet, Review, Severity } from '../model/index.js';
import { atOrAbove, reportable } from '../report/format.js';
import type { FailOn } from '../report/format.js';
import { toJsonReport } from '../report/json.js';
import { renderText, terminalSafe } from '../report/text.js';
import { isCandidatePath } from '../formats/index.js';
import { BlobCache, readGitTree } from './git.js';
import { changedPaths, listHistory } from './history.js';
import type { HistoryCommit, HistorySelection } from './history.js';
import type { HistoryRecorder } from './log-record.js';
import { loadConfig, reviewReads } from './review-input.js';

export interface LogOptions extends HistorySelection {
  repo: string;
  format: 'text' | 'json';
  config?: string;
  failOn?: FailOn;
  color: boolean;
  /** `owner/name`, for rating a teaching repository's findings (see EnvironmentResolver). */
  repository?: string;
  /** `--record`: each reviewed commit's inventory goes to the dashboard's store (log-record.ts). */
  recorder?: HistoryRecorder;
  /** The most one commit's review reads (both trees), in MB. */
  maxReadMb?: number;
}

export interface LogIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: the progress bar is drawn only there. */
  progress: boolean;
}

type Outcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'reviewed'; review: Review; head: FileSet; config: Config }
  | { kind: 'error'; message: string };

export interface LogSummary {
  commits: number;
  reviewed: number;
  skipped: number;
  errors: number;
  findings: Record<Severity, number>;
  /** Commits with at least one finding at or above medium: what an auditor reads. */
  commitsWithMediumOrAbove: number;
  failing: number;
  /** With `--record`: the inventories recorded (one per reviewed commit). */
  recorded?: number;
}

/**
 * Reviews each commit of a history against its first parent, streaming one result per commit:
 * what the app would have said on every change, for auditing precision on real histories and
 * for backfilling the dashboard. Resolves to the counts, including the commits that fail at
 * fail-on and those that could not be reviewed.
 */
export async function logHistory(options: LogOptions, io: LogIo, engine: typeof import('../analysis/index.js')): Promise<LogSummary> {
  const history = await listHistory(options.repo, options);
  const cache = new BlobCache();
  const summary: LogSummary = {
    commits: history.length,
    reviewed: 0,
    skipped: 0,
    errors: 0,
    findings: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    commitsWithMediumOrAbove: 0,
    failing: 0,
    ...(options.recorder ? { recorded: 0 } : {}),
  };
  const progress = new ProgressBar(io, history.length);

  for (const [index, entry] of history.entries()) {
    progress.update(index, entry.commit);
    const outcome = await reviewCommit(options, entry, cache, engine, io);
    // A store that fails ends the command (not one commit): what was recorded stays recorded.
    if (options.recorder && outcome.kind === 'reviewed') {
      await options.recorder.record(entry, outcome.head, outcome.config, engine);
      summary.recorded = (summary.recorded ?? 0) + 1;
    }
    if (outcome.kind === 'skipped') summary.skipped++;
    else if (outcome.kind === 'error') summary.errors++;
    else {
      summary.reviewed++;
      const shown = reportable(outcome.review).filter((f) => f.kind !== 'resolved-spof');
      for (const f of shown) summary.findings[f.severity]++;
      if (shown.some((f) => atOrAbove(f.severity, 'medium'))) summary.commitsWithMediumOrAbove++;
      if (outcome.review.conclusion === 'failure') summary.failing++;
    }
    progress.clear();
    io.stdout(options.format === 'json' ? jsonLine(entry, outcome) : textBlock(entry, outcome, options.color));
  }
  progress.clear();
  io.stdout(options.format === 'json' ? `${JSON.stringify({ type: 'summary', ...summary })}\n` : summaryText(summary));
  return summary;
}

async function reviewCommit(
  options: LogOptions,
  entry: HistoryCommit,
  cache: BlobCache,
  engine: typeof import('../analysis/index.js'),
  io: LogIo,
): Promise<Outcome> {
  if (entry.parent === undefined) return { kind: 'skipped', reason: 'root commit (no parent to review against)' };
  try {
    const changed = await changedPaths(options.repo, entry.parent, entry.commit);
    if (!changed.some(isCandidatePath)) return { kind: 'skipped', reason: 'no infrastructure file changed' };
    const budget = new ReadBudget(options.maxReadMb ?? DEFAULT_MAX_READ_MB);
    const [base, head] = await Promise.all([readGitTree(options.repo, entry.parent, cache, budget), readGitTree(options.repo, entry.commit, cache, budget)]);
    const refused = budget.diagnostic();
    if (refused) return { kind: 'error', message: `${refused.file}: ${refused.message}` };
    // As the app does: the config comes from the base, so a change cannot loosen its own review.
    const config: Config = await loadConfig(options.config, base.files, { stderr: (text) => io.stderr(`${entry.commit.slice(0, 10)}: ${text}`) });
    const failOn = options.failOn ?? config.fail_on;
    return { kind: 'reviewed', review: reviewReads(engine, base, head, { ...config, fail_on: failOn }, options.repository), head: head.files, config };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

function jsonLine(entry: HistoryCommit, outcome: Outcome): string {
  const head = { type: 'commit', commit: entry.commit, parent: entry.parent ?? null, date: entry.date, subject: entry.subject };
  const body =
    outcome.kind === 'reviewed'
      ? { status: 'reviewed', review: toJsonReport(outcome.review) }
      : outcome.kind === 'skipped'
        ? { status: 'skipped', reason: outcome.reason }
        : { status: 'error', error: outcome.message };
  return `${JSON.stringify({ ...head, ...body })}\n`;
}

function textBlock(entry: HistoryCommit, outcome: Outcome, color: boolean): string {
  const title = terminalSafe(`commit ${entry.commit.slice(0, 12)} ${entry.date.slice(0, 10)} ${entry.subject}`);
  if (outcome.kind === 'skipped') return `${title}\n  skipped: ${outcome.reason}\n\n`;
  if (outcome.kind === 'error') return `${title}\n  error: could not be reviewed: ${terminalSafe(outcome.message)}\n\n`;
  const body = renderText(outcome.review, { color })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
  return `${title}\n${body}\n\n`;
}

function summaryText(summary: LogSummary): string {
  const bySeverity = SEVERITIES.filter((s) => summary.findings[s] > 0).map((s) => `${summary.findings[s]} ${s}`);
  return (
    `${summary.commits} commits: ${summary.reviewed} reviewed, ${summary.skipped} skipped (no infrastructure change or root), ${summary.errors} could not be reviewed\n` +
    `findings: ${bySeverity.length > 0 ? bySeverity.join(', ') : 'none'}; ${summary.commitsWithMediumOrAbove} commits with a finding of medium or above\n` +
    (summary.recorded !== undefined ? `recorded ${summary.recorded} inventories for the dashboard\n` : '')
  );
}

/** One redrawn line on stderr (a terminal only): `[=====>     ] 34/810 1a2b3c4d`. */
class ProgressBar {
  private drawn = false;

  constructor(
    private readonly io: LogIo,
    private readonly total: number,
  ) {}

  update(done: number, commit: string): void {
    if (!this.io.progress || this.total === 0) return;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    const bar = `${'='.repeat(filled)}${filled < width ? '>' : ''}${' '.repeat(Math.max(0, width - filled - 1))}`;
    this.io.stderr(`\r\u001b[2K[${bar}] ${done + 1}/${this.total} ${commit.slice(0, 10)}`);
    this.drawn = true;
  }

  clear(): void {
    if (!this.drawn) return;
    this.io.stderr('\r\u001b[2K');
    this.drawn = false;
  }
}
