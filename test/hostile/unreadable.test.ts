/**
 * Unreadable files and directories (EACCES) are error diagnostics and exit 2 (issue 10). Root reads
 * through any mode bits, so as root the CLI is run as `nobody` (setpriv): the permissions really deny,
 * and the test fails if the reader ever swallows the error again.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDir, write } from '../cli/helpers.js';

const DB = 'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = true\n}\n';
const NOBODY = 65534;

/** The CLI as a user the mode bits apply to: `nobody` when this runs as root, else the current user. */
function cliDenied(args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (process.getuid?.() !== 0) return cli(args);
  const r = spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: '/tmp', NO_COLOR: '', FORCE_COLOR: '' }, timeout: 60_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A tree every user may read, but for `secret.tf` (mode 000) and `locked/` (mode 000). */
function treeWithDenied(): string {
  const dir = tempDir();
  write(dir, { 'main.tf': DB, 'secret.tf': DB.replace('main', 'secret'), 'locked/inner.tf': DB.replace('main', 'inner') });
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'main.tf'), 0o644);
  chmodSync(join(dir, 'secret.tf'), 0o000);
  chmodSync(join(dir, 'locked'), 0o000);
  return dir;
}

describe('unreadable input', () => {
  it('the test user is really denied: nobody cannot read a mode-000 file', () => {
    const dir = treeWithDenied();
    const probe = process.getuid?.() === 0 ? spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'cat', join(dir, 'secret.tf')]) : spawnSync('cat', [join(dir, 'secret.tf')]);
    expect(probe.status).not.toBe(0);
  });

  it('scan: an unreadable file and an unreadable directory are errors with their paths, the rest reviewed, exit 2', () => {
    const dir = treeWithDenied();
    const r = cliDenied(['scan', dir, '--format', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(2);
    const inv = JSON.parse(r.stdout);
    expect(inv.diagnostics).toEqual([
      { file: 'locked', line: 1, severity: 'error', message: 'not reviewed: cannot read directory (EACCES)' },
      { file: 'secret.tf', line: 1, severity: 'error', message: 'not reviewed: cannot read file (EACCES)' },
    ]);
    expect(inv.stats.files).toBe(1);
  });

  it('diff: an unreadable head file makes the review neutral, never success', () => {
    const base = tempDir();
    write(base, { 'main.tf': DB });
    chmodSync(base, 0o755);
    chmodSync(join(base, 'main.tf'), 0o644);
    const head = treeWithDenied();
    const r = cliDenied(['diff', base, head, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.conclusion).toBe('neutral');
    expect(out.diagnostics.map((d: { file: string; severity: string }) => [d.file, d.severity])).toEqual([
      ['locked', 'error'],
      ['secret.tf', 'error'],
    ]);
  });

  it('a directory that cannot be entered is exit 2 with the reason, not "does not exist"', () => {
    const outer = tempDir();
    chmodSync(outer, 0o700);
    mkdirSync(join(outer, 'infra'));
    const r = cliDenied(['scan', join(outer, 'infra')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read directory .*infra: EACCES/);
  });
});
