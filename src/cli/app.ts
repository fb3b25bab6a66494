import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Inventory } from '../analysis/index.js';
import type { Config } from '../config/types.js';
import { DEFAULT_MAX_READ_MB, ReadBudget, parseMaxReadMb } from '../model/index.js';
import type { Diagnostic, Review } from '../model/index.js';
import { renderDot } from '../report/dot.js';
import { FAIL_ON_VALUES, atOrAbove, failing, fileLine } from '../report/format.js';
import type { FailOn } from '../report/format.js';
import { renderGraphJson } from '../report/graph-json.js';
import { renderInventoryJson, renderJson } from '../report/json.js';
import { renderInventoryMarkdown, renderMarkdown } from '../report/markdown.js';
import { renderMermaid } from '../report/mermaid.js';
import { renderSarif } from '../report/sarif.js';
import { renderInventoryText, renderText, terminalSafe } from '../report/text.js';
import { InputError } from './files.js';
import { readPlaced, readPlacedPair, type PlacedRead } from './within-repository.js';
import { checkedOutRef, originRepository, readGitTree } from './git.js';
import { logHistory } from './log.js';
import { openRecorder, RecordError, type HistoryRecorder } from './log-record.js';
import { loadConfig, refuseOverBudget, reviewReads } from './review-input.js';

export const EXIT = { ok: 0, failing: 1, usage: 2 } as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colors by default). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress of long commands is drawn there). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

const DIFF_FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
const SCAN_FORMATS = ['text', 'markdown', 'json'] as const;
const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
const LOG_FORMATS = ['text', 'json'] as const;

interface CommonOptions {
  config?: string;
  repository?: string;
  failOn?: FailOn;
  output?: string;
  color?: boolean;
  maxReadMb?: number;
}

/** `version` and `homepage` of our package.json (same relative path from src/cli and dist/cli). */
export function packageInfo(): { version: string; homepage?: string } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string; homepage?: string };
    return { version: pkg.version ?? '0.0.0', ...(pkg.homepage ? { homepage: pkg.homepage } : {}) };
  } catch {
    return { version: '0.0.0' };
  }
}

const EXAMPLES = `
Examples:
  $ spof-review diff infra-before/ infra-after/
  $ spof-review diff --repo . --base origin/main --head HEAD --format markdown
  $ spof-review diff --repo . --base main --head feature --format sarif --output spof.sarif
  $ spof-review scan infra/ --format json
  $ spof-review graph infra/ --format dot | dot -Tsvg > graph.svg
  $ spof-review log --repo . --commits 200 --format json > history.jsonl

Exit codes:
  0  nothing at or above --fail-on (default: fail_on from the config, else high)
  1  something is
  2  usage error or unreadable input (missing directory, bad git ref, invalid option)

Config: .github/spof-review.yml inside the head directory (or the head ref) is used when present;
--config FILE overrides it. Config errors are printed as warnings and the defaults apply.`;

/** Runs the CLI; resolves to the exit code. Never calls process.exit. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const pkg = packageInfo();
  const version = pkg.version;
  let exitCode: number = EXIT.ok;

  const program = new Command('spof-review')
    .description('Review infrastructure-as-code changes for single points of failure.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES);

  const common = (cmd: Command, formats: readonly string[], defaultFormat: string, withFailOn = true): Command => {
    cmd
      .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(defaultFormat))
      .option('-c, --config <file>', 'config file (default: .github/spof-review.yml in the head, if present)')
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--repository <owner/name>', "the repository's name, for rating an examples or workshop repository's findings (default: from git's origin remote)")
      .option('--color', 'force colors in text output')
      .option('--no-color', 'no colors in text output')
      .addOption(maxReadOption());
    if (withFailOn) {
      cmd.addOption(new Option('--fail-on <severity>', 'exit 1 when something is at or above this severity').choices(FAIL_ON_VALUES));
    }
    return cmd;
  };

  common(
    program
      .command('diff')
      .description('What a change did to the single points of failure: two directories, or two git refs with --repo')
      .argument('[base-dir]', 'the infrastructure before the change')
      .argument('[head-dir]', 'the infrastructure after the change')
      .option('--repo <dir>', 'read --base and --head from this git repository (no checkout needed)')
      .option('--base <ref>', 'base git ref (with --repo)')
      .option('--head <ref>', 'head git ref (with --repo)'),
    DIFF_FORMATS,
    'text',
  ).action(async (baseDir: string | undefined, headDir: string | undefined, opts: CommonOptions & { format: (typeof DIFF_FORMATS)[number]; repo?: string; base?: string; head?: string }) => {
    exitCode = await diffCommand(baseDir, headDir, opts, io, pkg);
  });

  common(
    program
      .command('scan')
      .description('The single points of failure present now (inventory)')
      .argument('<dir>', 'directory to scan'),
    SCAN_FORMATS,
    'text',
  ).action(async (dir: string, opts: CommonOptions & { format: (typeof SCAN_FORMATS)[number] }) => {
    exitCode = await scanCommand(dir, opts, io);
  });

  common(
    program
      .command('graph')
      .description('The dependency graph with its single points of failure highlighted')
      .argument('<dir>', 'directory to draw')
      .option('--include-passive', 'also show passive components (IAM, KMS, log groups, ...)'),
    GRAPH_FORMATS,
    'mermaid',
    false,
  ).action(async (dir: string, opts: CommonOptions & { format: (typeof GRAPH_FORMATS)[number]; includePassive?: boolean }) => {
    exitCode = await graphCommand(dir, opts, io);
  });

  program
    .command('log')
    .description('Review each commit of a git history against its first parent (one result per commit)')
    .requiredOption('--repo <dir>', 'the git repository')
    .option('--range <range>', 'revision range, e.g. v1.0..main (default: HEAD and its ancestors)')
    .option('-n, --commits <count>', 'only the newest N commits of the range', (value) => positiveInteger(value, '--commits'))
    .option('--first-parent', 'follow first parents only (one commit per merged pull request on a main branch)')
    .addOption(new Option('-f, --format <format>', 'output: a text block or one JSON line per commit').choices(LOG_FORMATS).default('text'))
    .option('-c, --config <file>', 'config file (default: .github/spof-review.yml of each parent commit, if present)')
    .option('--repository <owner/name>', "the repository's name, for rating an examples or workshop repository's findings (default: from git's origin remote)")
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a commit has something at or above this severity').choices(FAIL_ON_VALUES))
    .option('--color', 'force colors in text output')
    .option('--no-color', 'no colors in text output')
    .addOption(maxReadOption())
    .option('--record', "record each reviewed commit's SPOF inventory, dated by the commit, in the app's store (DATABASE_URL, else SPOF_REVIEW_DB or ./spof-review.db): the dashboard's trends from history")
    .option('--repo-id <id>', "with --record: GitHub's id of the repository, when the store has nothing of it yet", (value) => positiveInteger(value, '--repo-id'))
    .option('--installation-id <id>', "with --record: the app's installation id on it, when the store has nothing of it yet", (value) => positiveInteger(value, '--installation-id'))
    .option('--ref <ref>', 'with --record: the branch the history is of (default: the branch checked out, refs/heads/<name>)')
    .action(async (opts: LogCommandOptions) => {
      exitCode = await logCommand(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`spof-review: error: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`spof-review: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.usage;
  }
}

// ---------------------------------------------------------------- commands

async function diffCommand(
  baseDir: string | undefined,
  headDir: string | undefined,
  opts: CommonOptions & { format: (typeof DIFF_FORMATS)[number]; repo?: string; base?: string; head?: string },
  io: Io,
  pkg: { version: string; homepage?: string },
): Promise<number> {
  let base: PlacedRead;
  let head: PlacedRead;
  if (opts.repo !== undefined || opts.base !== undefined || opts.head !== undefined) {
    if (baseDir !== undefined || headDir !== undefined) throw new UsageError('give either two directories or --repo DIR --base REF --head REF, not both');
    if (!opts.repo || !opts.base || !opts.head) throw new UsageError('--repo, --base and --head go together: --repo DIR --base REF --head REF');
    const budget = readBudget(opts, io);
    [base, head] = await Promise.all([readGitTree(opts.repo, opts.base, undefined, budget), readGitTree(opts.repo, opts.head, undefined, budget)]);
    [base, head] = [refuseOverBudget(budget, base), refuseOverBudget(budget, head, true)];
  } else {
    if (baseDir === undefined || headDir === undefined) throw new UsageError('diff needs <base-dir> <head-dir>, or --repo DIR --base REF --head REF');
    let budget = readBudget(opts, io);
    [base, head] = await readPlacedPair(baseDir, headDir, () => (budget = readBudget(opts, io)));
    [base, head] = [refuseOverBudget(budget, base), refuseOverBudget(budget, head, true)];
  }

  const config = await loadConfig(opts.config, head.files, io);
  const failOn: FailOn = opts.failOn ?? config.fail_on;
  const repository = opts.repository ?? (await originRepository(opts.repo ?? headDir!));
  const rendered: Review = reviewReads(await engine(), base, head, { ...config, fail_on: failOn }, repository, head.within);

  let text: string;
  switch (opts.format) {
    case 'json':
      text = renderJson(rendered);
      break;
    case 'sarif':
      text = renderSarif(rendered, { version: pkg.version, ...(pkg.homepage ? { informationUri: pkg.homepage } : {}) });
      break;
    case 'markdown':
      text = renderMarkdown(rendered);
      break;
    case 'text':
      text = renderText(rendered, { color: useColor(opts, io) });
      break;
  }
  await emit(text, opts.output, io);
  return failing(rendered, failOn).length > 0 ? EXIT.failing : unreviewed(rendered.diagnostics) ? EXIT.usage : EXIT.ok;
}

async function scanCommand(dir: string, opts: CommonOptions & { format: (typeof SCAN_FORMATS)[number] }, io: Io): Promise<number> {
  const { inventory, config } = await inventoryOf(dir, opts, io);
  const failOn: FailOn = opts.failOn ?? config.fail_on;
  let text: string;
  switch (opts.format) {
    case 'json':
      text = renderInventoryJson(inventory);
      break;
    case 'markdown':
      text = renderInventoryMarkdown(inventory);
      break;
    case 'text':
      text = renderInventoryText(inventory, { color: useColor(opts, io) });
      break;
  }
  await emit(text, opts.output, io);
  if (inventory.spofs.some((s) => atOrAbove(s.severity, failOn))) return EXIT.failing;
  return unreviewed(inventory.snapshot.diagnostics) ? EXIT.usage : EXIT.ok;
}

async function graphCommand(
  dir: string,
  opts: CommonOptions & { format: (typeof GRAPH_FORMATS)[number]; includePassive?: boolean },
  io: Io,
): Promise<number> {
  const { inventory } = await inventoryOf(dir, opts, io);
  const g = { includePassive: opts.includePassive ?? false };
  const text = opts.format === 'dot' ? renderDot(inventory, g) : opts.format === 'json' ? renderGraphJson(inventory, g) : renderMermaid(inventory, g);
  if (opts.format !== 'json') {
    for (const d of inventory.snapshot.diagnostics) io.stderr(terminalSafe(`${d.severity}: ${fileLine(d.file, d.line)}: ${d.message}\n`));
  }
  await emit(text, opts.output, io);
  return unreviewed(inventory.snapshot.diagnostics) ? EXIT.usage : EXIT.ok;
}

interface LogCommandOptions {
  repo: string;
  range?: string;
  commits?: number;
  firstParent?: boolean;
  format: (typeof LOG_FORMATS)[number];
  config?: string;
  failOn?: FailOn;
  color?: boolean;
  repository?: string;
  maxReadMb?: number;
  record?: boolean;
  repoId?: number;
  installationId?: number;
  ref?: string;
}

async function logCommand(opts: LogCommandOptions, io: Io): Promise<number> {
  const repository = await repositoryOption(opts.repository, opts.repo);
  if (!opts.record && (opts.repoId !== undefined || opts.installationId !== undefined || opts.ref !== undefined)) {
    throw new UsageError('--repo-id, --installation-id and --ref go with --record');
  }
  let recorder: HistoryRecorder | undefined;
  if (opts.record) {
    try {
      recorder = await openRecorder({
        repository: repository.repository, ref: opts.ref ?? (await checkedOutRef(opts.repo)),
        ...(opts.repoId !== undefined ? { repoId: opts.repoId } : {}), ...(opts.installationId !== undefined ? { installationId: opts.installationId } : {}),
      }, io.env);
    } catch (e) {
      if (e instanceof RecordError) throw new UsageError(e.message);
      throw e;
    }
    io.stderr(`recording inventories in ${recorder.where}\n`);
  }
  try {
    return await runLog(opts, repository, recorder, io);
  } finally {
    await recorder?.close();
  }
}

async function runLog(opts: LogCommandOptions, repository: { repository?: string }, recorder: HistoryRecorder | undefined, io: Io): Promise<number> {
  const summary = await logHistory(
    {
      repo: opts.repo,
      format: opts.format,
      color: useColor(opts, io),
      ...(opts.range !== undefined ? { range: opts.range } : {}),
      ...(opts.commits !== undefined ? { commits: opts.commits } : {}),
      ...(opts.firstParent ? { firstParent: true } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...repository,
      ...(opts.failOn !== undefined ? { failOn: opts.failOn } : {}),
      maxReadMb: maxReadMb(opts, io),
      ...(recorder ? { recorder } : {}),
    },
    { stdout: io.stdout, stderr: io.stderr, progress: io.stderrIsTTY === true },
    await engine(),
  );
  if (summary.failing > 0) return EXIT.failing;
  return summary.errors > 0 ? EXIT.usage : EXIT.ok;
}

// ---------------------------------------------------------------- helpers

const MAX_READ_ENV = 'SPOF_REVIEW_MAX_READ_MB';

function maxReadOption(): Option {
  return new Option('--max-read-mb <mb>', `the most one review reads, in MB (default: ${MAX_READ_ENV}, else ${DEFAULT_MAX_READ_MB}); a review that needs more is refused (exit 2)`).argParser((value) => {
    const mb = parseMaxReadMb(value);
    if (typeof mb === 'string') throw new InvalidArgumentError(`--max-read-mb ${mb}`);
    return mb;
  });
}

/** `--max-read-mb`, else SPOF_REVIEW_MAX_READ_MB (a bad value is a usage error), else the default. */
function maxReadMb(opts: { maxReadMb?: number }, io: Io): number {
  if (opts.maxReadMb !== undefined) return opts.maxReadMb;
  const env = io.env[MAX_READ_ENV];
  if (env === undefined || env.trim() === '') return DEFAULT_MAX_READ_MB;
  const mb = parseMaxReadMb(env);
  if (typeof mb === 'string') throw new UsageError(`${MAX_READ_ENV} ${mb}`);
  return mb;
}

function readBudget(opts: { maxReadMb?: number }, io: Io): ReadBudget {
  return new ReadBudget(maxReadMb(opts, io));
}

/** Something could not be reviewed (an error diagnostic): exit 2 unless a finding already fails. */
function unreviewed(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${option} takes a positive whole number, not "${value}"`);
  return n;
}

/** The engine is loaded on first use, so `--help`, `--version` and usage errors start fast. */
function engine(): Promise<typeof import('../analysis/index.js')> {
  return import('../analysis/index.js');
}

async function inventoryOf(dir: string, opts: CommonOptions, io: Io): Promise<{ inventory: Inventory; config: Config }> {
  const budget = readBudget(opts, io);
  const read = refuseOverBudget(budget, await readPlaced(dir, false, budget), true);
  const config = await loadConfig(opts.config, read.files, io);
  const { scan } = await engine();
  const inv = scan(read.files, { ...config, ...(opts.failOn ? { fail_on: opts.failOn } : {}) }, opts.repository ?? (await originRepository(dir)), read.within);
  const inventory: Inventory = {
    spofs: inv.spofs,
    snapshot: { ...inv.snapshot, diagnostics: [...read.diagnostics, ...inv.snapshot.diagnostics] },
  };
  return { inventory, config };
}

async function repositoryOption(given: string | undefined, dir: string): Promise<{ repository?: string }> {
  const repository = given ?? (await originRepository(dir));
  return repository !== undefined ? { repository } : {};
}

function useColor(opts: CommonOptions, io: Io): boolean {
  if (opts.color !== undefined) return opts.color;
  if (opts.output) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

async function emit(text: string, output: string | undefined, io: Io): Promise<void> {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(output, text);
  } catch (e) {
    throw new InputError(`cannot write ${output}: ${(e as Error).message}`);
  }
}
