import { describe, expect, it } from 'vitest';
import { review, scan, scanTeamsToAsk, teamsToAsk } from '../../src/analysis/index.js';
import { headcount } from '../../src/analysis/key-people.js';
import { parseConfig } from '../../src/config/parse.js';
import { fileSetFromRecord, type Finding } from '../../src/model/index.js';

const INFRA = { 'infra/main.tf': 'resource "aws_s3_bucket" "state" {\n  bucket = "state"\n}\n', 'README.md': '# readme\n' };

function keyPeople(base: string, head: string, extra: Partial<Parameters<typeof review>[0]> = {}): Finding[] {
  const r = review({
    base: fileSetFromRecord({ ...INFRA, '.github/CODEOWNERS': base }),
    head: fileSetFromRecord({ ...INFRA, '.github/CODEOWNERS': head }),
    ...extra,
  });
  return r.findings.filter((f) => f.rule === 'codeowners-key-person');
}

describe('key people', () => {
  it('flags a team of known size narrowed to one person, on the line that changed', () => {
    const [f, ...rest] = keyPeople('* @acme/dev\n/infra/ @acme/platform\n', '* @acme/dev\n/infra/ @alice\n', { teamMembers: { 'acme/platform': ['bob', 'carol'] } });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'new-spof', severity: 'medium', component: { id: 'codeowners:/infra/', stack: '.github/CODEOWNERS', format: 'codeowners' }, location: { file: '.github/CODEOWNERS', startLine: 2 } });
    expect(f!.blastRadius.dependents).toEqual(['infra/main.tf']);
    expect(f!.message).toContain('@alice is now the only code owner');
    expect(f!.message).toContain('@acme/platform (2 members)');
    expect(f!.fix).toContain('add a team or a second owner');
  });

  it('counts a team of one as one person, and leaves a team of unknown size unknown', () => {
    expect(keyPeople('/infra/ @alice @bob\n', '/infra/ @acme/sre\n', { teamMembers: { 'acme/sre': 1 } })[0]!.title).toContain('the one member of @acme/sre');
    expect(keyPeople('/infra/ @alice @bob\n', '/infra/ @acme/sre\n')).toEqual([]);
    // A team whose only member is the user also named is still one person.
    expect(keyPeople('/infra/ @alice @bob\n', '/infra/ @alice @acme/sre\n', { teamMembers: { 'acme/sre': ['Alice'] } })).toHaveLength(1);
  });

  it('does not count a login and an email as two people (they may be one)', () => {
    expect(keyPeople('/infra/ @alice alice@example.com\n', '/infra/ @alice\n')).toEqual([]);
    expect(keyPeople('/infra/ a@example.com b@example.com\n', '/infra/ a@example.com\n')).toHaveLength(1);
  });

  it('follows last-match-wins: a new rule that takes infrastructure from a team, and a removed rule that hands it to one person', () => {
    const teams = { teamMembers: { 'acme/platform': 3 } };
    const [added] = keyPeople('* @acme/platform\n', '* @acme/platform\n/infra/*.tf @alice\n', teams);
    expect(added).toMatchObject({ component: { id: 'codeowners:/infra/*.tf' }, location: { startLine: 2 } });
    const [removed] = keyPeople('* @alice\n/infra/ @acme/platform\n', '* @alice\n', teams);
    expect(removed).toMatchObject({ component: { id: 'codeowners:*' }, location: { startLine: 1 } });
    expect(removed!.evidence).toEqual([{ file: '.github/CODEOWNERS', line: 2, attribute: 'owners of /infra/', before: '@acme/platform', after: '@alice' }]);
  });

  it('resolves the key person when one owner becomes several, and says nothing when nothing narrowed', () => {
    const [f] = keyPeople('/infra/ @alice\n', '/infra/ @alice @bob\n');
    expect(f).toMatchObject({ kind: 'resolved-spof', component: { id: 'codeowners:/infra/' } });
    expect(keyPeople('/infra/ @alice\n', '/infra/ @bob\n')).toEqual([]);
    expect(keyPeople('/infra/ @alice @bob\n', '/infra/\n')).toEqual([]);
    expect(keyPeople('/docs/ @alice @bob\n', '/docs/ @alice\n')).toEqual([]);
  });

  it('takes team sizes from the config when the reader learned none, the reader winning', () => {
    const config = parseConfig('teams:\n  "@Acme/Platform": 4\n', 'c.yml').config;
    expect(keyPeople('/infra/ @acme/platform\n', '/infra/ @alice\n', { config })).toHaveLength(1);
    expect(keyPeople('/infra/ @acme/platform\n', '/infra/ @alice\n', { config, teamMembers: { 'acme/platform': 1 } })).toEqual([]);
  });

  it('scan lists the rules under which one person alone owns infrastructure files', () => {
    const files = fileSetFromRecord({ ...INFRA, 'docs/CODEOWNERS': '* @acme/dev\n/infra/ @alice\n/README.md @bob\n' });
    const spofs = scan(files).spofs.filter((s) => s.kinds.includes('key-person'));
    expect(spofs.map((s) => [s.component.id, s.severity, s.blastRadius.dependents])).toEqual([['codeowners:/infra/', 'low', ['infra/main.tf']]]);
  });

  it('scan counts a team of one as one person, and names the teams whose size decides that', () => {
    const files = fileSetFromRecord({ ...INFRA, CODEOWNERS: '/infra/ @acme/sre\n/README.md @acme/docs\n' });
    expect(scanTeamsToAsk(files)).toEqual(['acme/sre']);
    expect(scan(files).spofs.filter((s) => s.kinds.includes('key-person'))).toEqual([]);
    expect(scan(files, undefined, undefined, undefined, { 'acme/sre': ['alice'] }).spofs.map((s) => s.component.id)).toEqual(['codeowners:/infra/']);
    expect(scanTeamsToAsk(files, parseConfig('teams: { "@acme/sre": 2 }', 'c.yml').config)).toEqual([]);
  });

  it('asks only the teams on rules whose owners of infrastructure the change rewrote', () => {
    const base = fileSetFromRecord({ ...INFRA, '.github/CODEOWNERS': '* @acme/dev\n/infra/ @acme/platform\n/README.md @acme/docs\n' });
    const head = fileSetFromRecord({ ...INFRA, '.github/CODEOWNERS': '* @acme/dev\n/infra/ @alice\n/README.md @bob\n' });
    expect(teamsToAsk({ base, head })).toEqual(['acme/platform']);
    expect(teamsToAsk({ base, head: base })).toEqual([]);
  });

  it('follows the file GitHub uses: a .github/CODEOWNERS added over a root one takes over', () => {
    const base = fileSetFromRecord({ ...INFRA, CODEOWNERS: '* @alice @bob\n' });
    const head = fileSetFromRecord({ ...INFRA, CODEOWNERS: '* @alice @bob\n', '.github/CODEOWNERS': '# only me now\n* @alice\n' });
    const found = review({ base, head }).findings.filter((f) => f.rule === 'codeowners-key-person');
    expect(found.map((f) => [f.component.stack, f.component.id, f.location.startLine])).toEqual([['.github/CODEOWNERS', 'codeowners:*', 2]]);
    // The root file, shadowed, changes nothing.
    const shadowed = fileSetFromRecord({ ...INFRA, CODEOWNERS: '* @alice\n', '.github/CODEOWNERS': '* @alice @bob\n' });
    expect(review({ base: fileSetFromRecord({ ...INFRA, CODEOWNERS: '* @alice @bob\n', '.github/CODEOWNERS': '* @alice @bob\n' }), head: shadowed }).findings).toEqual([]);
  });

  it('is silenced by an inline ignore above the CODEOWNERS line, like any finding', () => {
    expect(keyPeople('/infra/ @alice @bob\n', '# spof-review:ignore codeowners-key-person bob left, hiring\n/infra/ @alice\n')).toEqual([]);
  });

  it('headcount bounds people without guessing', () => {
    expect(headcount([{ kind: 'team', name: 'o/t' }], {})).toMatchObject({ atLeast: 0, atMost: Infinity });
    expect(headcount([{ kind: 'team', name: 'o/t' }, { kind: 'user', name: 'a' }], { 'o/t': 3 })).toMatchObject({ atLeast: 3, atMost: 4 });
  });
});

describe('config teams', () => {
  it('reads counts and logins, and reports what it cannot read', () => {
    const { config, errors } = parseConfig('teams:\n  "@acme/infra": 1\n  acme/dba: ["@Alice", bob]\n  nope: 2\n  "@acme/x": many\n', 'c.yml');
    expect(config.teams).toEqual({ 'acme/infra': 1, 'acme/dba': ['alice', 'bob'] });
    expect(errors.map((e) => e.line)).toEqual([4, 5]);
  });
});
