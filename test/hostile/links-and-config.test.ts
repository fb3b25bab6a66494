/**
 * What the readers do not follow is said (issue 10): a symbolic link with a configuration name in a
 * directory, a git tree (mode 120000) or the app's listing, and a repository config that is a link, a
 * FIFO or over the size cap, are error diagnostics with their path: the review is never a pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { BlobFetcher } from '../../src/github/fetch/blobs.js';
import { fetchChange } from '../../src/github/fetch/index.js';
import { MAX_FILE_BYTES } from '../../src/model/index.js';
import { useFake } from '../github/fake/client.js';
import { symlink } from '../github/fake/repo.js';
import { cli, git, tempDir, write } from '../cli/helpers.js';

const DB = (multiAz: boolean) => `resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`;
const LINK = 'not reviewed: a symbolic link (links are not followed; commit the file itself)';

describe('symbolic links', () => {
  it('a directory: a link with a configuration name is an error on its path, exit 2', () => {
    const dir = tempDir();
    write(dir, { 'shared/db.tf': DB(true) });
    mkdirSync(join(dir, 'prod'));
    symlinkSync('../shared/db.tf', join(dir, 'prod', 'db.tf'));
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([{ file: 'prod/db.tf', line: 1, severity: 'error', message: LINK }]);
  });

  it('diff --repo: a link in the git tree (mode 120000) is an error on its path, the review neutral', () => {
    const repo = tempDir('spof-git-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { 'main.tf': DB(true) });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    // The change moves the database behind a link: its multi_az false would otherwise go unseen.
    write(repo, { 'real/db.tf.txt': DB(false) });
    execFileSync('rm', [join(repo, 'main.tf')]);
    symlinkSync('real/db.tf.txt', join(repo, 'main.tf'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
    const r = cli(['diff', '--repo', repo, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.conclusion).toBe('neutral');
    expect(out.diagnostics).toEqual([{ file: 'main.tf', line: 1, severity: 'error', message: LINK }]);
  });
});

describe('the repository config', () => {
  it('a config that is a link, a FIFO or over the size cap is an error on its path, never silently the defaults', () => {
    const linked = tempDir();
    write(linked, { 'main.tf': DB(true), 'config.yml': 'fail_on: never\n' });
    mkdirSync(join(linked, '.github'));
    symlinkSync('../config.yml', join(linked, '.github', 'spof-review.yml'));
    const a = cli(['scan', linked, '--format', 'json']);
    expect(a.code).toBe(2);
    expect(JSON.parse(a.stdout).diagnostics).toContainEqual({ file: '.github/spof-review.yml', line: 1, severity: 'error', message: LINK });

    const fifo = tempDir();
    write(fifo, { 'main.tf': DB(true) });
    mkdirSync(join(fifo, '.github'));
    execFileSync('mkfifo', [join(fifo, '.github', 'spof-review.yml')]);
    const b = cli(['scan', fifo, '--format', 'json']);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).diagnostics).toContainEqual({ file: '.github/spof-review.yml', line: 1, severity: 'error', message: 'not reviewed: a FIFO, not a regular file (never opened)' });

    const big = tempDir();
    write(big, { 'main.tf': DB(true), '.github/spof-review.yml': `fail_on: never\n${'# pad\n'.repeat(Math.ceil(MAX_FILE_BYTES / 6) + 10)}` });
    const c = cli(['scan', big, '--format', 'json']);
    expect(c.code).toBe(2);
    expect(JSON.parse(c.stdout).diagnostics).toContainEqual(expect.objectContaining({ file: '.github/spof-review.yml', severity: 'error', message: expect.stringMatching(/over the 5 MB limit/) }));
  }, 60_000);

  it('a sub-directory read within its repository: a FIFO as the repository config is never opened (it would block)', () => {
    const repo = tempDir('spof-git-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { 'stack/main.tf': 'module "db" {\n  source = "../modules/db"\n}\n', 'modules/db/main.tf': DB(true) });
    mkdirSync(join(repo, '.github'));
    execFileSync('mkfifo', [join(repo, '.github', 'spof-review.yml')]);
    const r = cli(['scan', join(repo, 'stack'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics).toContainEqual({ file: '.github/spof-review.yml', line: 1, severity: 'error', message: 'not reviewed: a FIFO, not a regular file (never opened)' });
  }, 60_000);
});

describe('symbolic links in the app', () => {
  const { gh, repo, client, coords } = useFake();

  it('a link in a directory the review reads is an error on its path; links elsewhere are not looked at', async () => {
    const base = repo.commit({ 'infra/main.tf': DB(true), 'infra/shared.tf': symlink('../common/shared.tf'), 'other/x.tf': symlink('../y.tf'), 'common/shared.tf': '' });
    const head = repo.change(base, { 'infra/main.tf': DB(false) });
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    expect(got.files!.diagnostics).toEqual([{ file: 'infra/shared.tf', line: 1, severity: 'error', message: LINK }]);
  });

  it('a NUL byte in a file the review reads is said as the CLI says it: an error for a .tf, a warning for a generic .yaml', async () => {
    const base = repo.commit({ 'infra/main.tf': DB(true), 'infra/values.yaml': 'a: 1\n' });
    const head = repo.change(base, { 'infra/main.tf': `# \u0000\n${DB(false)}`, 'infra/values.yaml': 'a\u0000' });
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    expect(got.files!.diagnostics).toEqual([
      { file: 'infra/main.tf', line: 1, severity: 'error', message: 'not reviewed: binary content (a NUL byte in its first 8 KB) in a file named as infrastructure' },
      { file: 'infra/values.yaml', line: 1, severity: 'warning', message: 'skipped: binary content (a NUL byte in its first 8 KB), not read as configuration' },
    ]);
  });
});
