import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE = join(ROOT, 'fixtures', 'examples', 'payments-cost-cut');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source as a user would: `node --import tsx src/cli/main.ts ...`. */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'spof-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.test',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
}

/** Replaces the work tree of `repo` (all but .git) with a copy of `from`. */
export function replaceTree(repo: string, from: string): void {
  for (const entry of readdirSync(repo)) if (entry !== '.git') rmSync(join(repo, entry), { recursive: true, force: true });
  cpSync(from, repo, { recursive: true });
}

/** A git repo with two commits: the example's base, then its head (under `infra/`). */
export function exampleRepo(): string {
  const repo = tempDir('spof-git-');
  git(repo, 'init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'infra'));
  cpSync(join(EXAMPLE, 'base'), join(repo, 'infra'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'tag', 'base');
  rmSync(join(repo, 'infra'), { recursive: true });
  mkdirSync(join(repo, 'infra'));
  cpSync(join(EXAMPLE, 'head'), join(repo, 'infra'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'head');
  return repo;
}
