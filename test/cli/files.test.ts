import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, readDirectory } from '../../src/cli/files.js';
import { isCandidatePath } from '../../src/formats/index.js';
import { MAX_FILE_BYTES } from '../../src/model/index.js';
import { parseLsTree, readGitTree, repositoryFromUrl, resolveCommit } from '../../src/cli/git.js';
import { git, tempDir, write } from './helpers.js';

describe('isCandidatePath', () => {
  it('keeps the file kinds some format could want', () => {
    for (const p of ['main.tf', 'a/b.tf.json', 'prod.tfvars', 'x.tfvars.json', 'k8s/dep.yaml', 'compose.yml', 'cfn.json', 'stack.template', 'UP.YML', '.env', 'app/.env', 'db.env']) {
      expect(isCandidatePath(p), p).toBe(true);
    }
    for (const p of ['README.md', 'main.go', 'tf', '.tf', 'node_modules/x/a.tf', '.terraform/modules/m/main.tf', '.git/config.yml', 'a.tf.bak']) {
      expect(isCandidatePath(p), p).toBe(false);
    }
  });
});

describe('readDirectory', () => {
  it('walks recursively, POSIX repo-relative paths, skipping junk, binaries and huge files', async () => {
    const root = tempDir();
    write(root, {
      'main.tf': 'resource "a" "b" {}\n',
      'envs/prod/prod.tfvars': 'x = 1\n',
      'k8s/app.yaml': 'kind: Deployment\n',
      'README.md': '# no\n',
      'node_modules/pkg/x.tf': 'no',
      '.terraform/modules/m/main.tf': 'no',
      '.git/x.yml': 'no',
      'bin.json': Buffer.from([0x7b, 0x00, 0x01, 0x02]),
      'big.json': Buffer.alloc(MAX_FILE_BYTES + 1, 0x20),
      'bom.yml': '\ufeffa: 1\n',
    });
    symlinkSync(join(root, 'main.tf'), join(root, 'link.tf'));
    const { files, diagnostics } = await readDirectory(root);
    expect(files.paths()).toEqual(['bom.yml', 'envs/prod/prod.tfvars', 'k8s/app.yaml', 'main.tf']);
    expect(files.read('main.tf')).toBe('resource "a" "b" {}\n');
    expect(files.read('bom.yml')).toBe('a: 1\n');
    expect(diagnostics).toEqual([
      { file: 'big.json', line: 1, severity: 'error', message: expect.stringContaining('over the 5 MB limit') },
      { file: 'bin.json', line: 1, severity: 'warning', message: expect.stringContaining('binary content') },
      { file: 'link.tf', line: 1, severity: 'error', message: 'not reviewed: a symbolic link (links are not followed; commit the file itself)' },
    ]);
  });

  it('refuses a missing directory or a file', async () => {
    await expect(readDirectory('/nonexistent/dir')).rejects.toBeInstanceOf(InputError);
    const root = tempDir();
    write(root, { 'a.tf': '' });
    await expect(readDirectory(join(root, 'a.tf'))).rejects.toThrow(/not a directory/);
  });
});

describe('repositoryFromUrl', () => {
  it('reads owner/name from https, ssh and scp-like remotes', () => {
    expect(repositoryFromUrl('https://github.com/argoproj/argocd-example-apps.git')).toBe('argoproj/argocd-example-apps');
    expect(repositoryFromUrl('ssh://git@github.example.com:2222/platform/live/')).toBe('platform/live');
    expect(repositoryFromUrl('git@github.com:aws-samples/eks-workshop-v2.git')).toBe('aws-samples/eks-workshop-v2');
    expect(repositoryFromUrl('/srv/git/infra.git')).toBe('git/infra');
  });
});

describe('git reader', () => {
  it('parses ls-tree --long -z output, blobs and links only', () => {
    const out = Buffer.from(
      '100644 blob 1111111111111111111111111111111111111111      12\tmain.tf\0' +
        '120000 blob 2222222222222222222222222222222222222222      7\tlink.tf\0' +
        '160000 commit 3333333333333333333333333333333333333333       -\tsub\0' +
        '100644 blob 4444444444444444444444444444444444444444   99999\tdir with space/tab\there.tf\0',
    );
    expect(parseLsTree(out)).toEqual([
      { path: 'main.tf', oid: '1111111111111111111111111111111111111111', size: 12 },
      { path: 'link.tf', oid: '2222222222222222222222222222222222222222', size: 7, link: true },
      { path: 'dir with space/tab\there.tf', oid: '4444444444444444444444444444444444444444', size: 99999 },
    ]);
  });

  it('reads a ref without checkout, filtered like a directory', async () => {
    const repo = tempDir('spof-git-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { 'main.tf': 'v1\n', 'docs/readme.md': 'x', 'sub dir/ünï.yaml': 'a: 1\n', 'bin.yml': Buffer.from([0, 1, 2]) });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    write(repo, { 'main.tf': 'v2\n', 'new.tf': 'n\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'two');
    write(repo, { 'main.tf': 'dirty work tree\n' });

    const one = await readGitTree(repo, 'HEAD~1');
    expect(one.files.paths()).toEqual(['main.tf', 'sub dir/ünï.yaml']);
    expect(one.files.read('main.tf')).toBe('v1\n');
    expect(one.files.read('sub dir/ünï.yaml')).toBe('a: 1\n');
    const two = await readGitTree(repo, 'main');
    expect(two.files.paths()).toEqual(['main.tf', 'new.tf', 'sub dir/ünï.yaml']);
    expect(two.files.read('main.tf')).toBe('v2\n');
    // From a subdirectory, paths stay repo-relative.
    const sub = await readGitTree(join(repo, 'sub dir'), 'HEAD');
    expect(sub.files.paths()).toContain('main.tf');
  });

  it('rejects bad refs and non-repositories with InputError', async () => {
    const repo = tempDir('spof-git-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { 'a.tf': '' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    await expect(resolveCommit(repo, 'no-such-branch')).rejects.toThrow(/unknown git ref "no-such-branch"/);
    await expect(resolveCommit(repo, '--output=/tmp/x')).rejects.toThrow(/invalid git ref/);
    await expect(resolveCommit(tempDir(), 'HEAD')).rejects.toThrow(/not a git repository/);
    await expect(resolveCommit('/nonexistent', 'HEAD')).rejects.toBeInstanceOf(InputError);
  });
});
