import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, git, tempDir, write } from './helpers.js';

const MODULE = {
  'main.tf': [
    'variable "multi_az" {',
    '  type    = bool',
    '  default = true',
    '}',
    '',
    'resource "aws_db_instance" "this" {',
    '  engine         = "postgres"',
    '  instance_class = "db.t3.micro"',
    '  multi_az       = var.multi_az',
    '}',
    '',
  ].join('\n'),
};

interface Spof {
  component: { id: string; stack: string };
  location: { file: string };
}

const caller = (multiAz: boolean): string =>
  ['module "db" {', '  source   = "../.."', `  multi_az = ${multiAz}`, '}', ''].join('\n');

/** A module repository (module at the root) with a caller in `tests/x`, committed. */
function moduleRepository(multiAz: boolean): string {
  const repo = tempDir('spof-within-');
  git(repo, 'init', '-q', '-b', 'main');
  write(repo, { ...MODULE, 'tests/x/main.tf': caller(multiAz) });
  return repo;
}

describe('a sub-directory of a repository', () => {
  it('scan resolves a module above the directory from the repository root', () => {
    const repo = moduleRepository(false);
    const r = cli(['scan', join(repo, 'tests', 'x'), '--format', 'json', '--repository', 'acme/db-module']);
    expect(r.stderr).not.toMatch(/not found|missing/i);
    const inv = JSON.parse(r.stdout);
    expect(inv.spofs.map((s: Spof) => [s.component.id, s.component.stack, s.location.file])).toEqual([
      // The stack's path is the repository's, as a pull request shows it; the resource is in the module.
      ['module.db.aws_db_instance.this', 'tests/x', 'main.tf'],
    ]);
  });

  it('scan of a self-contained sub-directory keeps paths relative to it', () => {
    const repo = tempDir('spof-within-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { 'envs/prod/main.tf': MODULE['main.tf'].replace('default = true', 'default = false') });
    const inv = JSON.parse(cli(['scan', join(repo, 'envs', 'prod'), '--format', 'json']).stdout);
    expect(inv.spofs.map((s: Spof) => [s.component.stack, s.location.file])).toEqual([['.', 'main.tf']]);
  });

  it('reads what the directory references, not its neighbours', () => {
    const repo = tempDir('spof-within-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, {
      'modules/db/main.tf': MODULE['main.tf'],
      // A root of its own next to the module: never read, never reported.
      'envs/staging/main.tf': ['module "db" {', '  source   = "../../modules/db"', '  multi_az = false', '}', ''].join('\n'),
      'envs/prod/main.tf': ['module "db" {', '  source = "../../modules/db"', '}', ''].join('\n'),
    });
    const inv = JSON.parse(cli(['scan', join(repo, 'envs', 'prod'), '--format', 'json']).stdout);
    // The module's default keeps the database multi-AZ in prod; staging's single-AZ copy is not this scan's.
    expect(inv.spofs).toEqual([]);
    expect(inv.stats).toMatchObject({ files: 2, components: 1 });
  });

  it('diff of two checkouts of the same sub-directory sees a module input change', () => {
    const base = moduleRepository(true);
    const head = moduleRepository(false);
    const r = cli(['diff', join(base, 'tests', 'x'), join(head, 'tests', 'x'), '--format', 'json', '--fail-on', 'never', '--repository', 'acme/db-module']);
    const review = JSON.parse(r.stdout);
    expect(review.findings.map((f: { kind: string; component: { id: string }; evidence: unknown[] }) => [f.kind, f.component.id, f.evidence])).toEqual([
      ['new-spof', 'module.db.aws_db_instance.this', [{ file: 'tests/x/main.tf', line: 3, attribute: 'multi_az', before: true, after: false }]],
    ]);
  });

  it('kustomize bases above an overlay are built from the repository', () => {
    const repo = tempDir('spof-within-');
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, {
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        'spec:',
        '  replicas: 3',
        '  selector:',
        '    matchLabels: {app: api}',
        '  template:',
        '    metadata:',
        '      labels: {app: api}',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: example/api:1',
        '',
      ].join('\n'),
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
    });
    const r = cli(['scan', join(repo, 'overlays', 'prod'), '--format', 'json']);
    expect(r.stderr).not.toMatch(/outside the repository|not found/);
    const inv = JSON.parse(r.stdout);
    expect(inv.stats).toMatchObject({ files: 3, components: 1 });
  });
});
