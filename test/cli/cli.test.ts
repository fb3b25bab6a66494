import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate as validateSarif } from '../report/sarif-schema.js';
import { EXAMPLE, cli, exampleRepo, git, tempDir, write } from './helpers.js';

const BASE = join(EXAMPLE, 'base');
const HEAD = join(EXAMPLE, 'head');

describe('spof-review CLI: usage', () => {
  it('--version prints the package version, --help shows examples', () => {
    const pkg = JSON.parse(readFileSync(join(EXAMPLE, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    const v = cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Examples:');
    expect(h.stdout).toContain('diff --repo');
    expect(cli(['diff', '--help']).stdout).toContain('--fail-on <severity>');
  });

  it('exits 2 on usage errors', () => {
    const cases: string[][] = [
      [],
      ['bogus'],
      ['diff'],
      ['diff', BASE],
      ['diff', BASE, HEAD, '--format', 'xml'],
      ['diff', BASE, HEAD, '--fail-on', 'severe'],
      ['diff', '--repo', '.', '--base', 'HEAD'],
      ['diff', BASE, HEAD, '--repo', '.', '--base', 'a', '--head', 'b'],
      ['scan', BASE, '--format', 'sarif'],
      ['graph', BASE, '--format', 'svg'],
      ['diff', BASE, HEAD, '--unknown-flag'],
    ];
    for (const args of cases) {
      const r = cli(args);
      expect(r.code, `spof-review ${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
    }
  }, 180_000);

  it('exits 2 on unreadable input with a clear message', () => {
    const missing = cli(['diff', '/nonexistent/base', HEAD]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read directory /nonexistent/base');
    const config = cli(['diff', BASE, HEAD, '--config', '/nonexistent/spof.yml']);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('cannot read config /nonexistent/spof.yml');
    expect(cli(['scan', '/nonexistent']).code).toBe(2);
  });
});

describe('spof-review diff <base-dir> <head-dir>', () => {
  it('exits 1 when the change adds a SPOF at or above high, with file:line in the text report', () => {
    const r = cli(['diff', BASE, HEAD]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/\[(CRITICAL|HIGH)\]/);
    expect(r.stdout).toMatch(/database\.tf:\d+/);
    expect(r.stdout).toContain('What fails:');
    expect(r.stdout).toContain('Fix:');
    // Each finding says once what depends on it and where its suggested edit is.
    const db = r.stdout.split('\n\n').find((b) => b.includes('aws_db_instance.payments'))!;
    expect(db.split('aws_autoscaling_group.api').length - 1).toBe(1);
    expect(db).toContain('as suggested below.');
    expect(db.match(/terraform\.tfvars:2:/g)).toHaveLength(1);
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colors
  });

  it('exits 0 when nothing changed, and with --fail-on never', () => {
    const same = cli(['diff', BASE, BASE]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('No single point of failure introduced or changed.');
    expect(cli(['diff', BASE, HEAD, '--fail-on', 'never']).code).toBe(0);
  });

  it('--format json follows the contract', () => {
    const r = cli(['diff', BASE, HEAD, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.conclusion).toBe('failure');
    expect(Object.keys(out)).toEqual(['schemaVersion', 'conclusion', 'counts', 'findings', 'diagnostics', 'stats']);
    const db = out.findings.find((f: any) => f.component.id === 'aws_db_instance.payments');
    expect(db).toMatchObject({ kind: 'new-spof', component: { format: 'terraform' }, location: { file: 'database.tf' } });
    expect(['critical', 'high']).toContain(db.severity);
  });

  it('--format sarif and markdown', () => {
    const s = cli(['diff', BASE, HEAD, '--format', 'sarif']);
    expect(s.code).toBe(1);
    const log = JSON.parse(s.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.name).toBe('spof-review');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    const m = cli(['diff', BASE, HEAD, '--format', 'markdown']);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/^## SPOF review: ❌ failure/);
    expect(m.stdout).toContain('<details>');
  });

  it('--output writes the report to a file; --color forces colors', () => {
    const dir = tempDir();
    const file = join(dir, 'out.json');
    const r = cli(['diff', BASE, HEAD, '--format', 'json', '--output', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
    expect(cli(['diff', BASE, HEAD, '--color']).stdout).toContain('\u001b[');
    expect(cli(['diff', BASE, HEAD], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(cli(['diff', BASE, HEAD, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('reads .github/spof-review.yml from the head; config errors are warnings and defaults apply', () => {
    const head = tempDir();
    cpSync(HEAD, head, { recursive: true });
    write(head, { '.github/spof-review.yml': 'fail_on: never\n' });
    const quiet = cli(['diff', BASE, head]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');

    write(head, { '.github/spof-review.yml': 'fail_on: nevr\ncomments: { mode: off }\n' });
    const warned = cli(['diff', BASE, head]);
    expect(warned.code).toBe(1); // fail_on fell back to high
    expect(warned.stderr).toContain('warning: .github/spof-review.yml:1: fail_on: "nevr" is not one of');
    expect(warned.stderr).toContain('did you mean "never"?');

    // --fail-on overrides the config; --config overrides the file in the head.
    expect(cli(['diff', BASE, head, '--fail-on', 'never']).code).toBe(0);
    const cfgDir = tempDir();
    write(cfgDir, { 'c.yml': 'fail_on: never\n' });
    expect(cli(['diff', BASE, head, '--config', join(cfgDir, 'c.yml')]).code).toBe(0);
  });

  it('reports unparseable IaC as an error diagnostic with its line, reviews the rest, and exits 2 (not reviewed is not passed)', () => {
    const base = tempDir();
    const head = tempDir();
    cpSync(BASE, join(base, 'app'), { recursive: true });
    cpSync(BASE, join(head, 'app'), { recursive: true });
    write(head, { 'broken/main.tf': 'resource "aws_instance" "x" {\n  ami = \n' });
    const r = cli(['diff', base, head, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.conclusion).toBe('neutral');
    expect(out.diagnostics.some((d: any) => d.file === 'broken/main.tf' && d.severity === 'error' && d.line > 1)).toBe(true);
    const t = cli(['diff', base, head]);
    expect(t.stdout).toContain('broken/main.tf:');
  });
});

describe('spof-review diff --repo', () => {
  let repo: string;
  beforeAll(() => {
    repo = exampleRepo();
  });

  it('reads two refs without a checkout and finds the same as the directories', () => {
    git(repo, 'checkout', '-q', 'base'); // the work tree is at base: the head must come from git objects
    const r = cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    const db = out.findings.find((f: any) => f.component.id === 'aws_db_instance.payments');
    expect(db).toMatchObject({ kind: 'new-spof', location: { file: 'infra/database.tf' }, component: { stack: 'infra' } });

    const dirs = JSON.parse(cli(['diff', BASE, HEAD, '--format', 'json']).stdout);
    expect(out.findings.map((f: any) => [f.kind, f.component.id, f.severity])).toEqual(
      dirs.findings.map((f: any) => [f.kind, f.component.id, f.severity]),
    );
    expect(cli(['diff', '--repo', repo, '--base', 'main', '--head', 'main']).code).toBe(0);
  });

  it('exits 2 on a bad ref or a non-repository', () => {
    const bad = cli(['diff', '--repo', repo, '--base', 'no-such-ref', '--head', 'main']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown git ref "no-such-ref"');
    const notRepo = cli(['diff', '--repo', tempDir(), '--base', 'a', '--head', 'b']);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain('not a git repository');
  });

  it("rates a teaching repository's findings as non-production, named by origin or --repository", () => {
    const clone = tempDir();
    git(clone, 'clone', '-q', repo, '.');
    const asIs = JSON.parse(cli(['diff', '--repo', clone, '--base', 'base', '--head', 'origin/main', '--format', 'json']).stdout);
    expect(asIs.findings.map((f: any) => f.severity)).toContain('critical');

    git(clone, 'remote', 'set-url', 'origin', 'git@github.com:acme/terraform-examples.git');
    const byOrigin = cli(['diff', '--repo', clone, '--base', 'base', '--head', 'origin/main', '--format', 'json']);
    expect(byOrigin.code).toBe(0);
    const rated = JSON.parse(byOrigin.stdout).findings.filter((f: any) => f.kind === 'new-spof');
    expect(rated.length).toBeGreaterThan(0);
    for (const f of rated) {
      expect(f.severity).toBe('low');
      expect(f.message).toContain('repository name "acme/terraform-examples"');
    }
    // The option wins over the remote.
    expect(cli(['diff', '--repo', clone, '--base', 'base', '--head', 'origin/main', '--repository', 'acme/payments-live']).code).toBe(1);
  });

  it('uses the config in the head ref', () => {
    git(repo, 'checkout', '-q', 'main');
    write(repo, { '.github/spof-review.yml': 'fail_on: never\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'config');
    expect(cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main']).code).toBe(0);
    expect(cli(['diff', '--repo', repo, '--base', 'base', '--head', 'main~1']).code).toBe(1);
  });
});

describe('spof-review scan and graph', () => {
  it('scan lists the SPOFs present now, in text, json and markdown', () => {
    const t = cli(['scan', HEAD]);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain('aws_db_instance.payments');
    const j = JSON.parse(cli(['scan', HEAD, '--format', 'json']).stdout);
    expect(j.spofs.some((s: any) => s.component.id === 'aws_db_instance.payments')).toBe(true);
    expect(cli(['scan', HEAD, '--format', 'markdown']).stdout).toContain('## SPOF inventory');
    expect(cli(['scan', HEAD, '--fail-on', 'never']).code).toBe(0);
  });

  it('graph draws mermaid, dot and json', () => {
    const m = cli(['graph', HEAD]);
    expect(m.code).toBe(0);
    expect(m.stdout.startsWith('flowchart LR')).toBe(true);
    expect(m.stdout).toContain('n_aws_db_instance_payments');
    const d = cli(['graph', HEAD, '--format', 'dot']);
    expect(d.stdout.startsWith('digraph')).toBe(true);
    const j = JSON.parse(cli(['graph', HEAD, '--format', 'json']).stdout);
    expect(j.nodes.some((n: any) => n.id === 'aws_db_instance.payments' && n.spof)).toBe(true);
  });
});
