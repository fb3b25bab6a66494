import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { logHistory } from '../../src/cli/log.js';
import { EXAMPLE, cli, exampleRepo, git, replaceTree, tempDir, write } from './helpers.js';

interface CommitLine {
  type: 'commit';
  commit: string;
  parent: string | null;
  subject: string;
  status: 'reviewed' | 'skipped' | 'error';
  reason?: string;
  review?: { conclusion: string; findings: { severity: string; kind: string; location: { file: string } }[] };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('spof-review log', () => {
  let repo: string;
  beforeAll(() => {
    // base, head (the example's cost cut), then a commit that touches no infrastructure file.
    repo = exampleRepo();
    writeFileSync(join(repo, 'NOTES.md'), 'not infrastructure\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'docs only');
  });

  it('reviews each commit against its first parent, one JSON line each, then a summary', () => {
    const r = cli(['log', '--repo', repo, '--format', 'json']);
    expect(r.stderr).toBe('');
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.type)).toEqual(['commit', 'commit', 'commit', 'summary']);
    const [root, cut, docs] = lines as unknown as CommitLine[];
    expect(root).toMatchObject({ subject: 'base', parent: null, status: 'skipped' });
    expect(cut).toMatchObject({ subject: 'head', parent: root!.commit, status: 'reviewed' });
    expect(cut!.review!.conclusion).toBe('failure');
    expect(cut!.review!.findings.some((f) => f.kind === 'new-spof' && f.severity === 'critical' && f.location.file === 'infra/database.tf')).toBe(true);
    expect(docs).toMatchObject({ subject: 'docs only', status: 'skipped', reason: 'no infrastructure file changed' });
    expect(lines[3]).toMatchObject({ type: 'summary', commits: 3, reviewed: 1, skipped: 2, errors: 0, failing: 1 });
    expect(r.code).toBe(1); // a commit has something at or above high
  });

  it('--commits N takes the newest N; --range selects a revision range; text blocks per commit', () => {
    const newest = jsonLines(cli(['log', '--repo', repo, '--format', 'json', '--commits', '1']).stdout);
    expect(newest.map((l) => l.subject ?? l.type)).toEqual(['docs only', 'summary']);

    const r = cli(['log', '--repo', repo, '--range', 'base..HEAD~1']);
    expect(r.stdout).toMatch(/^commit [0-9a-f]{12} \d{4}-\d\d-\d\d head\n/);
    expect(r.stdout).toContain('  [CRITICAL] New instance SPOF: aws_db_instance.payments');
    expect(r.stdout).not.toContain('docs only');
    expect(r.stdout).toMatch(/1 commits: 1 reviewed, 0 skipped .*\nfindings: .*1 critical.*; 1 commits with a finding of medium or above\n$/);
    expect(r.code).toBe(1);

    const quiet = cli(['log', '--repo', repo, '--range', 'base..HEAD~1', '--fail-on', 'never']);
    expect(quiet.code).toBe(0);
  });

  it('reads the config of each parent commit, as the app does: a change cannot loosen its own review', () => {
    const other = tempDir('spof-git-');
    git(other, 'init', '-q', '-b', 'main');
    cpSync(join(EXAMPLE, 'base'), other, { recursive: true });
    write(other, { '.github/spof-review.yml': 'fail_on: never\n' });
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'base, nothing fails');
    replaceTree(other, join(EXAMPLE, 'head'));
    write(other, { '.github/spof-review.yml': 'fail_on: low\n' });
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'cut, and a stricter config');
    const lines = jsonLines(cli(['log', '--repo', other, '--format', 'json']).stdout) as unknown as CommitLine[];
    expect(lines[1]!.review!.findings.length).toBeGreaterThan(0);
    expect(lines[1]!.review!.conclusion).not.toBe('failure'); // judged by the parent's fail_on: never
  });

  it('draws a progress bar on stderr only when stderr is a terminal, and clears it before each result', async () => {
    const engine = await import('../../src/analysis/index.js');
    for (const progress of [true, false]) {
      let stdout = '';
      let stderr = '';
      const summary = await logHistory({ repo, format: 'json', color: false }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progress }, engine);
      expect(summary.commits).toBe(3);
      expect(stdout.split('\n').filter(Boolean)).toHaveLength(4);
      if (progress) {
        expect(stderr).toMatch(/\r\u001b\[2K\[=*>? *\] 1\/3 [0-9a-f]{10}/);
        expect(stderr).toMatch(/3\/3 [0-9a-f]{10}\r\u001b\[2K$/);
      } else expect(stderr).toBe('');
    }
  });

  it('exits 2 on a bad range or a path that is not a repository', () => {
    const bad = cli(['log', '--repo', repo, '--range', 'no-such-ref..HEAD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot list commits of "no-such-ref\.\.HEAD"/);
    expect(cli(['log', '--repo', repo, '--range', '--all']).code).toBe(2);
    expect(cli(['log', '--repo', tempDir()]).code).toBe(2);
    expect(cli(['log', '--repo', repo, '--commits', '0']).code).toBe(2);
  });
});
