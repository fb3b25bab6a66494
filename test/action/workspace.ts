/**
 * What the runner gives the GitHub Action: a checkout (a real git repository made here, with base
 * and head commits), an event payload file, and the files for outputs and the job summary. The
 * bundle runs as `node action/dist/index.js`, exactly as action.yml has the runner run it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUNDLE } from '../../scripts/action/build.js';

export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'spof-action-'));
  readonly checkout = join(this.dir, 'checkout');
  private readonly files = new Map<string, Record<string, string>>();

  constructor() {
    mkdirSync(this.checkout);
    this.git(['init', '-q', '-b', 'main']);
    this.git(['config', 'user.name', 'Test']);
    this.git(['config', 'user.email', 'test@example.com']);
  }

  git(args: string[]): string {
    return execFileSync('git', ['-C', this.checkout, ...args], { encoding: 'utf8' }).trim();
  }

  /** Commits exactly these files, on top of `from` (as branch `branch`) or of the current commit; returns the SHA. */
  commit(files: Record<string, string>, opts: { from?: string; branch?: string } = {}): string {
    if (opts.from) this.git(['checkout', '-q', '-B', opts.branch ?? 'feature', opts.from]);
    this.git(['rm', '-rq', '--ignore-unmatch', '.']);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.checkout, path)), { recursive: true });
      writeFileSync(join(this.checkout, path), text);
    }
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '-m', 'change']);
    const sha = this.git(['rev-parse', 'HEAD']);
    this.files.set(sha, { ...files });
    return sha;
  }

  /** The files of a commit made here (for the GitHub stand-in's copy of the repository). */
  filesOf(sha: string): Record<string, string> {
    const f = this.files.get(sha);
    if (!f) throw new Error(`no commit ${sha}`);
    return f;
  }

  writeEvent(payload: unknown): string {
    const path = join(this.dir, `event-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** The runner's output file format: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/** Runs the bundled action as the runner does: `node action/dist/index.js` in the workspace with the runner's variables only. */
export function runBundledAction(ws: Workspace, env: Record<string, string>): Promise<ActionRun> {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const outputFile = join(ws.dir, `output-${id}`);
  const summaryFile = join(ws.dir, `summary-${id}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const runnerTemp = join(ws.dir, `runner-temp-${id}`);
  mkdirSync(runnerTemp);
  const full: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: ws.dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws.checkout,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '777',
    RUNNER_TEMP: runnerTemp,
    ...env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE], { cwd: ws.checkout, env: full, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}
