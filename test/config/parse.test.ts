import { describe, expect, it } from 'vitest';
import { configFromObject, didYouMean, parseConfig, parseDuration } from '../../src/config/parse.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';

const FILE = '.github/spof-review.yml';
const parse = (text: string) => parseConfig(text, FILE);

describe('parseConfig', () => {
  it('returns the defaults for an empty file', () => {
    for (const text of ['', '# nothing\n', '---\n']) {
      const { config, errors } = parse(text);
      expect(errors).toEqual([]);
      expect(config).toEqual(DEFAULT_CONFIG);
    }
  });

  it('reads every field of a full config', () => {
    const { config, errors } = parse(`
_extends: .github
enabled: false
fail_on: medium
on_error: failure
paths:
  include: ["infra/**", "k8s/**"]
  exclude: ["**/test/**"]
terraform:
  var_files:
    - stack: "envs/*"
      files: ["common.tfvars", "prod.tfvars"]
  terragrunt:
    env:
      - { units: "live/prod/**", values: { ENVIRONMENT: prod, REPLICAS: 3 } }
cloudformation:
  parameter_files:
    - stack: "templates/*.yaml"
      files: ["params/prod.json"]
policy: { rto: 15m, rpo: 5m }
ignore:
  - rule: aws-nat-gateway
    component: "aws_nat_gateway.*"
    reason: one NAT is fine in dev
  - rule: new-spof
    reason: accepted for the bastion
comments: { mode: off, suggestions: false, min_severity: High }
accept_label: risk-accepted
accept:
  by: ["@platform-lead", "@acme/sre", codeowners]
  author_may_accept: true
  expires_after: 30d
  require_reason: true
environments:
  "live/prod/**": production
  "live/**": non-production
teams:
  "@acme/platform": 3
limits: { steps: 5000000, seconds: 30 }
`);
    expect(errors).toEqual([]);
    expect(config).toEqual({
      enabled: false,
      fail_on: 'medium',
      on_error: 'failure',
      paths: { include: ['infra/**', 'k8s/**'], exclude: ['**/test/**'] },
      terraform: {
        var_files: [{ stack: 'envs/*', files: ['common.tfvars', 'prod.tfvars'], at: { file: FILE, lines: [12, 12] } }],
        terragrunt: { env: [{ units: 'live/prod/**', values: { ENVIRONMENT: 'prod', REPLICAS: '3' } }] },
      },
      cloudformation: { parameter_files: [{ stack: 'templates/*.yaml', files: ['params/prod.json'], at: { file: FILE, lines: [19] } }] },
      policy: { rto: '15m', rpo: '5m' },
      ignore: [
        { rule: 'aws-nat-gateway', component: 'aws_nat_gateway.*', reason: 'one NAT is fine in dev' },
        { rule: 'new-spof', component: '*', reason: 'accepted for the bastion' },
      ],
      comments: { mode: 'off', suggestions: false, min_severity: 'high' },
      accept_label: 'risk-accepted',
      accept: {
        by: [{ kind: 'user', login: 'platform-lead' }, { kind: 'team', org: 'acme', slug: 'sre' }, { kind: 'codeowners' }],
        author_may_accept: true,
        expires_after: '30d',
        require_reason: true,
      },
      environments: [
        { glob: 'live/prod/**', environment: 'production' },
        { glob: 'live/**', environment: 'non-production' },
      ],
      teams: { 'acme/platform': 3 },
      limits: { steps: 5_000_000, seconds: 30 },
    });
  });

  it('validates limits: whole numbers of at least 1, capped at the hard maximum', () => {
    const { config, errors } = parse('limits:\n  steps: 900000000\n  seconds: -1\n');
    expect(config.limits).toEqual({ steps: 200_000_000, seconds: 60 });
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'limits.steps: at most 200000000; 200000000 applies'],
      [3, 'limits.seconds: expected a whole number of at least 1, got number -1; the default applies'],
    ]);
  });

  it('validates environments: a map of stack globs to production or non-production, in order', () => {
    const { config, errors } = parse('environments:\n  "examples/**": Non-Production\n  "tests/**": prod\n  "": production\n');
    expect(config.environments).toEqual([{ glob: 'examples/**', environment: 'non-production' }]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'environments."tests/**": expected production or non-production, got "prod"; the entry is skipped'],
      [4, expect.stringContaining('the stack glob is empty')],
    ]);
    expect(parse('environments: [examples]').errors[0]!.message).toContain('environments: expected a map');
  });

  it('validates accept: who may accept, for how long, and a reason; a bad entry keeps the default with its line', () => {
    const { config, errors } = parse('accept:\n  by: [alice, "acme/Platform-SRE"]\n  expires_after: 12h\n');
    expect(errors).toEqual([]);
    expect(config.accept).toEqual({ by: [{ kind: 'user', login: 'alice' }, { kind: 'team', org: 'acme', slug: 'platform-sre' }], author_may_accept: false, expires_after: '12h', require_reason: false });
    const bad = parse('enabled: nope\naccept:\n  by: ["a b", ok]\n  expires_after: 10s\n  require_reason: yes please\n  approvers: x\n');
    expect(bad.config.enabled).toBe(true);
    expect(bad.config.accept).toEqual(DEFAULT_CONFIG.accept);
    expect(bad.errors.map((e) => [e.line, e.message])).toEqual([
      [1, expect.stringContaining('enabled: expected true or false')],
      [3, 'accept.by: "a b" is not a user (@login), a team (@org/team-slug) or codeowners'],
      [3, expect.stringContaining('accept.by: invalid entries; the default applies')],
      [4, expect.stringContaining('accept.expires_after: an acceptance must last at least a minute')],
      [5, expect.stringContaining('accept.require_reason: expected true or false')],
      [6, 'accept: unknown key "approvers"; allowed: by, author_may_accept, expires_after, require_reason'],
    ]);
  });

  it('accepts fail_on never and any case', () => {
    expect(parse('fail_on: never').config.fail_on).toBe('never');
    expect(parse('fail_on: HIGH').config.fail_on).toBe('high');
  });

  it('reports a bad value with its line and did-you-mean, falls back for it, keeps the rest', () => {
    const { config, errors } = parse('accept_label: ok-label\nfail_on: hgh\ncomments:\n  mode: sometimes\n');
    expect(config.fail_on).toBe('high');
    expect(config.comments.mode).toBe('update');
    expect(config.accept_label).toBe('ok-label');
    expect(errors).toEqual([
      { file: FILE, line: 2, message: expect.stringContaining('fail_on: "hgh" is not one of critical, high, medium, low, never (did you mean "high"?)') },
      { file: FILE, line: 4, message: expect.stringContaining('comments.mode: "sometimes" is not one of update, off') },
    ]);
  });

  it('reports unknown keys at their line with a suggestion for near misses', () => {
    const { errors, config } = parse('fail_on: low\nfail-on: high\npolicy:\n  rtoo: 1h\nbanana: 1\n');
    expect(config.fail_on).toBe('low');
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, expect.stringContaining('unknown key "fail-on" (did you mean "fail_on"?)')],
      [4, expect.stringContaining('policy: unknown key "rtoo" (did you mean "rto"?)')],
      [5, expect.not.stringContaining('did you mean')],
    ]);
  });

  it('validates durations', () => {
    const { config, errors } = parse('policy:\n  rto: 15 minutes\n  rpo: 30s\n');
    expect(config.policy).toEqual({ rpo: '30s' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toContain('policy.rto: expected a duration');
    expect(parse('policy: { rto: 900 }').errors[0]!.message).toContain('expected a duration');
    expect(parse('policy: { rpo: 0 }').config.policy).toEqual({ rpo: '0' });
  });

  it('takes a plain list of var files as applying to all stacks', () => {
    const { config, errors } = parse('terraform:\n  var_files: [common.tfvars, prod.tfvars]\n');
    expect(errors).toEqual([]);
    expect(config.terraform.var_files).toEqual([{ stack: '**', files: ['common.tfvars', 'prod.tfvars'], at: { file: FILE, lines: [2, 2] } }]);
  });

  it('reports bad var_files entries and keeps the good ones', () => {
    const { config, errors } = parse('terraform:\n  var_files:\n    - stack: a\n    - stack: b\n      files: [b.tfvars]\n    - 42\n');
    expect(config.terraform.var_files).toEqual([{ stack: 'b', files: ['b.tfvars'], at: { file: FILE, lines: [5] } }]);
    expect(errors.map((e) => e.line)).toEqual([3, 6]);
    expect(errors[0]!.message).toContain('"files" is required');
  });

  it('reads terraform.terragrunt.env per unit glob and reports bad entries with their line', () => {
    const { config, errors } = parse('terraform:\n  terragrunt:\n    env:\n      - values: { ENVIRONMENT: dev }\n      - units: "prod/**"\n      - { units: "prod/**", values: { A: [1] } }\n');
    expect(config.terraform.terragrunt.env).toEqual([{ units: '**', values: { ENVIRONMENT: 'dev' } }, { units: 'prod/**', values: {} }]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [5, 'terraform.terragrunt.env[1]: "values" is required'],
      [6, 'terraform.terragrunt.env[2].values.A: expected a string, number or boolean'],
    ]);
  });

  it('reads cloudformation.parameter_files like var_files, naming its own path in errors', () => {
    const ok = parse('cloudformation:\n  parameter_files: [params.json]\n');
    expect(ok.errors).toEqual([]);
    expect(ok.config.cloudformation.parameter_files).toEqual([{ stack: '**', files: ['params.json'], at: { file: FILE, lines: [2] } }]);
    const bad = parse('cloudformation:\n  parameter_files:\n    - stack: a.yaml\n');
    expect(bad.config.cloudformation.parameter_files).toEqual([]);
    expect(bad.errors).toEqual([{ file: FILE, line: 3, message: 'cloudformation.parameter_files[0]: "files" is required' }]);
  });

  it('requires rule and reason in ignore entries and skips bad ones only', () => {
    const { config, errors } = parse('ignore:\n  - rule: a\n  - reason: why\n  - rule: b\n    reason: ok\n    componnet: x\n');
    expect(config.ignore).toEqual([{ rule: 'b', component: '*', reason: 'ok' }]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, expect.stringContaining('ignore[0]: "reason" is required')],
      [3, expect.stringContaining('ignore[1]: "rule" is required')],
      [6, expect.stringContaining('unknown key "componnet" (did you mean "component"?)')],
    ]);
  });

  it('checks types: lists, booleans, maps, strings', () => {
    const { config, errors } = parse('paths:\n  include: 3\n  exclude: [ok, 4]\ncomments:\n  suggestions: "yes"\naccept_label: ""\nterraform: nope\n');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 3, 5, 6, 7]);
    expect(parse('paths: { include: "infra/**" }').config.paths.include).toEqual(['infra/**']);
  });

  it('reads comments.min_severity (default medium) and keeps the default for a value that is not a severity', () => {
    expect(parse('fail_on: high').config.comments.min_severity).toBe('medium');
    expect(parse('comments: { min_severity: low }').config.comments.min_severity).toBe('low');
    const { config, errors } = parse('comments:\n  min_severity: never\n');
    expect(config.comments.min_severity).toBe('medium');
    expect(errors).toEqual([{ file: FILE, line: 2, message: expect.stringContaining('comments.min_severity: "never" is not one of critical, high, medium, low') }]);
  });

  it('treats comments.mode false (YAML 1.1 habits) as off', () => {
    expect(parse('comments: { mode: false }').config.comments.mode).toBe('off');
  });

  it('falls back to defaults on invalid YAML, with the line', () => {
    const { config, errors } = parse('fail_on: low\npaths: [unclosed\n');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/invalid YAML/);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a non-map root', () => {
    const { config, errors } = parse('- a\n- b\n');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('must be a map') });
  });

  it('reports duplicate keys and still applies the file', () => {
    const { config, errors } = parse('fail_on: low\naccept_label: x\nfail_on: medium\n');
    expect(errors[0]).toMatchObject({ line: 3, message: expect.stringContaining('duplicate key') });
    expect(config.accept_label).toBe('x');
  });

  it('does bounded work on an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push(`ignore: *l`);
    const { config, errors } = parse(bomb.join('\n'));
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('resolves ordinary aliases', () => {
    const { config, errors } = parse('x_tmp: &globs ["infra/**"]\n'.replace('x_tmp', '_extends') + 'paths: { include: *globs }\n');
    expect(config.paths.include).toEqual(['infra/**']);
    expect(errors).toEqual([]);
  });

  it('returns a fresh config each time (defaults are not shared)', () => {
    const a = parse('').config;
    a.paths.include.push('mutated');
    expect(parse('').config.paths.include).toEqual(['**']);
    expect(DEFAULT_CONFIG.paths.include).toEqual(['**']);
  });
});

describe('configFromObject', () => {
  it('validates an already-merged object with line 0', () => {
    const { config, errors } = configFromObject({ fail_on: 'low', comments: { mode: 'nope' } }, FILE);
    expect(config.fail_on).toBe('low');
    expect(errors).toEqual([{ file: FILE, line: 0, message: expect.stringContaining('comments.mode') }]);
  });
});

describe('parseDuration', () => {
  it('parses units and combinations into seconds', () => {
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration(' 1H ')).toBe(3600);
    expect(parseDuration('0')).toBe(0);
  });

  it('rejects what is not a duration', () => {
    for (const s of ['', '15', 'm', '15 m', '1y', '-5m', '1h-30m', 'abc']) expect(parseDuration(s)).toBeNull();
  });
});

describe('didYouMean', () => {
  it('suggests near misses only', () => {
    expect(didYouMean('failOn', ['fail_on', 'paths'])).toBe('fail_on');
    expect(didYouMean('pathz', ['fail_on', 'paths'])).toBe('paths');
    expect(didYouMean('zzzzzz', ['fail_on', 'paths'])).toBeUndefined();
  });
});
