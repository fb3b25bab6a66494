import { describe, expect, it } from 'vitest';
import { codeowners } from '../../../src/formats/codeowners/index.js';
import { parseCodeowners } from '../../../src/formats/codeowners/parse.js';
import { translatePattern } from '../../../src/formats/codeowners/pattern.js';
import { LastMatch, fileSetFromRecord, globMatcher } from '../../../src/model/index.js';

/** Whether GitHub's reading of `pattern` covers `path`, through the globs the format gives. */
function covers(pattern: string, path: string): boolean {
  const t = translatePattern(pattern);
  if ('unsupported' in t) throw new Error(t.unsupported);
  return globMatcher(t.globs)(path);
}

describe('CODEOWNERS patterns (GitHub docs examples)', () => {
  it.each([
    ['*', 'any/file.tf', true],
    ['*.js', 'src/app.js', true],
    ['*.js', 'src/app.ts', false],
    ['/build/logs/', 'build/logs/a/b.txt', true],
    ['/build/logs/', 'x/build/logs/a.txt', false],
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'x/docs/a.md', false],
    ['apps/', 'deep/apps/x.tf', true],
    ['apps/', 'apps/x.tf', true],
    ['/docs/', 'docs/a/b.md', true],
    ['**/logs', 'deeply/nested/logs/x', true],
    ['**/logs', 'logs/x', true],
    ['/apps/github', 'apps/github/main.tf', true],
    ['/apps/github', 'apps/github', true],
    ['/apps/github', 'apps/githubber/x', false],
    ['infra', 'a/infra/main.tf', true],
    ['terraform/prod', 'terraform/prod/main.tf', true],
    ['terraform/prod', 'x/terraform/prod/main.tf', false],
    ['/Infra/', 'infra/main.tf', false],
    ['a\\ b/', 'a b/c.tf', true],
    ['main(1).tf', 'main(1).tf', true],
    ['{a,b}.tf', 'a.tf', false],
    ['/', 'anything', false],
  ])('%s covers %s: %s', (pattern, path, expected) => {
    expect(covers(pattern, path)).toBe(expected);
  });

  it('refuses what GitHub does not accept', () => {
    expect(translatePattern('!infra/')).toHaveProperty('unsupported');
    expect(translatePattern('*.[ch]')).toHaveProperty('unsupported');
    expect(translatePattern('a/***/b')).toHaveProperty('unsupported');
  });
});

describe('parseCodeowners', () => {
  it('reads owners of every kind, comments, inline comments and escaped spaces', () => {
    const { rules, diagnostics } = parseCodeowners(
      ['# header', '', '*       @global-owner1 @global-owner2', '*.js    @js-owner #This is an inline comment.', '*.go docs@example.com', '*.txt @octo-org/octocats', 'path\\ with\\ spaces/ @x', '/apps/github', '  # indented comment'].join('\n'),
      'CODEOWNERS',
    );
    expect(diagnostics).toEqual([]);
    expect(rules.map((r) => [r.line, r.pattern, r.owners.map((o) => `${o.kind}:${o.name}`)])).toEqual([
      [3, '*', ['user:global-owner1', 'user:global-owner2']],
      [4, '*.js', ['user:js-owner']],
      [5, '*.go', ['email:docs@example.com']],
      [6, '*.txt', ['team:octo-org/octocats']],
      [7, 'path\\ with\\ spaces/', ['user:x']],
      [8, '/apps/github', []],
    ]);
  });

  it('skips malformed lines with a warning at their line, as GitHub skips them', () => {
    const { rules, diagnostics } = parseCodeowners(['\\#notes @a', '!infra/ @b', '*.[ch] @c', 'infra/ plainuser', 'ok/ @d'].join('\n'), '.github/CODEOWNERS');
    expect(rules.map((r) => r.pattern)).toEqual(['ok/']);
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, 'warning'],
      [2, 'warning'],
      [3, 'warning'],
      [4, 'warning'],
    ]);
    expect(diagnostics[3]!.message).toContain('plainuser');
  });
});

describe('the codeowners format', () => {
  it('uses the first of .github/, root, docs/ and keeps the last of a repeated pattern', () => {
    const files = fileSetFromRecord({
      CODEOWNERS: '* @root\n',
      'docs/CODEOWNERS': '* @docs\n',
      '.github/CODEOWNERS': '/infra/ @a\n* @b\n/infra/ @c @d\n',
    });
    const stacks = codeowners.stacks(['CODEOWNERS', 'docs/CODEOWNERS', '.github/CODEOWNERS'], files, {});
    expect(stacks).toEqual([{ format: 'codeowners', id: '.github/CODEOWNERS', files: ['.github/CODEOWNERS'] }]);
    const { components } = codeowners.extract(stacks[0]!, files, {});
    expect(components.map((c) => [c.id, c.location.startLine, c.ownership!.order, c.role])).toEqual([
      ['codeowners:*', 2, 1, 'passive'],
      ['codeowners:/infra/', 3, 2, 'passive'],
    ]);
    expect(codeowners.claims('sub/CODEOWNERS')).toBe(false);
    expect(codeowners.stacks(['docs/CODEOWNERS'], files, {})[0]!.id).toBe('docs/CODEOWNERS');
  });
});

describe('LastMatch', () => {
  it('finds the same last matching rule as trying every rule, filing rules under their literal directories', () => {
    const patterns = ['*', '*.tf', '/infra/', 'infra/prod', '/infra/prod/db/', 'docs/*', '**/modules/', '/infra/prod/*.tf', 'apps/', '/apps/github', 'a\\ b/', '/infra/prod/db/main.tf', '/'];
    const rules = patterns.map((pattern) => ({ pattern, ...(translatePattern(pattern) as { globs: string[] }) }));
    const paths = ['main.tf', 'infra/main.tf', 'infra/prod', 'infra/prod/main.tf', 'infra/prod/db/main.tf', 'infra/prod/db/x.yaml', 'x/infra/prod/y.tf', 'docs/a.md', 'docs/b/c.md', 'x/modules/m.tf', 'apps/github/k.yaml', 'y/apps/z', 'a b/c.tf', 'README.md'];
    const index = new LastMatch(rules);
    for (const path of paths) {
      const naive = [...rules].reverse().find((r) => globMatcher(r.globs)(path));
      expect(index.of(path)?.pattern, path).toBe(naive?.pattern);
    }
    expect(index.of('infra/prod/db/main.tf')?.pattern).toBe('/infra/prod/db/main.tf');
    expect(index.of('infra/prod/other.tf')?.pattern).toBe('/infra/prod/*.tf');
  });
});
