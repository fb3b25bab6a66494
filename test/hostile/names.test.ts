import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { Glob, globMatcher, globProblem } from '../../src/model/glob.js';
import { cli, git, tempDir, write } from '../cli/helpers.js';

const db = (multiAz: boolean) =>
  `resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = ${multiAz}\n}\n`;

/** Names git and a POSIX file system store: a newline, a tab, a leading dash, a space, non-ASCII. */
const NAMES = ['db\n.tf', 'tab\there.tf', '-rf.tf', 'with space.tf', 'zürich.tf'];

describe('file names with any character git can store', () => {
  it('directory mode: each file is reviewed, the newline shown escaped in text output', () => {
    const base = tempDir();
    const head = tempDir();
    for (const name of NAMES) {
      write(base, { [name]: db(true).replace('"main"', JSON.stringify(`m${NAMES.indexOf(name)}`)) });
      write(head, { [name]: db(false).replace('"main"', JSON.stringify(`m${NAMES.indexOf(name)}`)) });
    }
    const r = cli(['diff', base, head, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.stats.files).toBe(NAMES.length);
    expect(new Set(report.findings.map((f: { location: { file: string } }) => f.location.file))).toEqual(new Set(NAMES));
    const text = cli(['diff', base, head]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('db\\n.tf:4');
    expect(text.stdout.split('\n').some((l) => l.trim() === '.tf:4')).toBe(false);
  });

  it('git mode (diff --repo): a path with a newline is read from the tree and reviewed', () => {
    const repo = tempDir('spof-git-');
    git(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'infra'));
    writeFileSync(join(repo, 'infra', 'db\n.tf'), db(true));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'tag', 'base');
    writeFileSync(join(repo, 'infra', 'db\n.tf'), db(false));
    git(repo, 'commit', '-q', '-am', 'head');
    const r = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'new-spof', location: expect.objectContaining({ file: 'infra/db\n.tf', startLine: 1 }) }));
  });

  it('the default include glob matches every name; a config glob matches across newlines like any character', () => {
    for (const name of [...NAMES, 'a/b\n/c.yaml', '.github/x.yml']) expect(globMatcher('**')(name)).toBe(true);
    expect(globMatcher('infra/**/*.tf')('infra/x\ny/db\n.tf')).toBe(true);
    expect(globMatcher('*.tf')('a/b.tf')).toBe(false);
  });
});

describe('config globs are untrusted', () => {
  const pathological = '*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)b';

  it('a backtracking glob against a long directory name: picomatch backtracks, the matcher does not', () => {
    // picomatch's RegExp for this glob takes seconds at 18 characters (doubling every 1-2 more): measured
    // in DESIGN amendment 44, here only shown to be exponential on a size the test can afford.
    const re = picomatch.makeRe(pathological, { dot: true });
    expect(re.source).toMatch(/\(\?:a\[\^\/\]\*\?\)\*/);
    const g = new Glob(pathological);
    expect(g.match('a'.repeat(100_000))).toBe(false);
    expect(g.match(`${'a'.repeat(100_000)}b`)).toBe(true);
  });

  it('a scan whose config excludes with it and directories named with 200 a-s completes and reviews the file', () => {
    const dir = tempDir();
    const long = 'a'.repeat(200);
    write(dir, {
      '.github/spof-review.yml': `paths:\n  exclude: ["${pathological}"]\n`,
      [`${long}/${long}/main.tf`]: db(false),
    });
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).spofs).toContainEqual(expect.objectContaining({ location: expect.objectContaining({ file: `${long}/${long}/main.tf` }) }));
  });

  it('globs too long, too nested or not supported are config errors with their line; the rest of the config applies', () => {
    const nested = `${'{a,'.repeat(20)}b${'}'.repeat(20)}`;
    const { config, errors } = parseConfig(
      [
        'fail_on: medium',
        'paths:',
        `  exclude: ["${'x'.repeat(600)}"]`,
        'environments:',
        `  "${nested}": production`,
        '  "!(examples)/**": production',
        'ignore:',
        '  - { rule: aws-rds-instance, component: "module.dev_*", reason: dev }',
      ].join('\n'),
      '.github/spof-review.yml',
    );
    expect(config.fail_on).toBe('medium');
    expect(config.paths.exclude).toEqual([]);
    expect(config.environments).toEqual([]);
    expect(config.ignore).toHaveLength(1);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, message: expect.stringContaining('longer than 512 characters') }),
        expect.objectContaining({ line: 5, message: expect.stringContaining('nested deeper than 8 levels') }),
        expect.objectContaining({ line: 6, message: expect.stringContaining('negated extglobs') }),
      ]),
    );
    expect(globProblem('live/{prod,stage}/**')).toBeUndefined();
  });

  it('matches as picomatch does on the globs configs use', () => {
    const globs = ['**', '*.tf', '**/*.tf', 'a/**', 'a/**/b', '**/x.tf', 'envs/prod/**', 'templates/prod-*.yaml', '{a,b}/*.tf', '{1..3}.tf', '{a}.tf', './envs/**', 'a**b', '[a-c]/**', '+(a)', '@(a|b)', '?(x)y', '*(a|b)c', 'live/{prod,stage}/**/terragrunt.hcl', '*.{yml,yaml}', 'a?c', '**/.github/**', '{a,{b,c}}d', 'a\\*b', '!examples/**'];
    const paths = ['a', 'a/b', 'a/b/c', 'x.tf', 'a/x.tf', 'a/b/x.tf', 'envs/prod/main.tf', 'envs/prod', 'templates/prod-1.yaml', 'templates/dev-1.yaml', '2.tf', '4.tf', '{a}.tf', 'a.tf', 'envs/x', 'axxb', 'ax/xb', 'b/q', 'c/q/r', 'aa', 'b', 'y', 'xy', 'abac', 'live/prod/a/terragrunt.hcl', 'live/prod/terragrunt.hcl', 'f.yml', 'f.yaml', 'abc', 'a/.github/x', '.github/spof-review.yml', 'bd', 'cd', 'a*b', 'aXb', 'examples/x.tf', '.hidden', 'a//b'];
    for (const glob of globs) {
      const expected = picomatch(glob, { dot: true });
      const g = new Glob(glob);
      for (const p of paths) expect(g.match(p), `${glob} ~ ${p}`).toBe(expected(p));
    }
  });

  it('component-id globs: * spans / and ., ? is one character, nothing else is special', () => {
    const m = globMatcher('module.db[0].*', 'id');
    expect(m('module.db[0].aws_db_instance.this')).toBe(true);
    expect(m('module.db0.aws_db_instance.this')).toBe(false);
    expect(globMatcher(`${'*a'.repeat(30)}b`, 'id')('a'.repeat(50_000))).toBe(false);
  });
});
