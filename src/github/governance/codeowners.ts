/**
 * CODEOWNERS as GitHub reads it: the last pattern that matches a path names its owners (users
 * `@login`, teams `@org/team`, e-mail addresses). Patterns follow GitHub's subset of gitignore:
 * a leading `/` anchors at the root, a pattern without an inner `/` matches at any depth, a trailing
 * `/` or a directory name covers everything below, `*` stays within a path segment, `**` crosses them.
 */
export interface CodeownersRule {
  pattern: string;
  owners: string[];
  regex: RegExp;
}

/** Where GitHub looks, in its order: the first file present is the one used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    // `!negation` and `[ranges]` are not supported by GitHub either: such lines are skipped.
    if (!pattern || pattern.startsWith('!') || /[[\]]/.test(pattern)) continue;
    rules.push({ pattern, owners, regex: patternRegex(pattern) });
  }
  return rules;
}

/** The owners of a path (possibly none: a last matching pattern without owners un-owns it). */
export function ownersOf(rules: readonly CodeownersRule[], path: string): string[] {
  let owners: string[] = [];
  for (const r of rules) if (r.regex.test(path)) owners = r.owners;
  return owners;
}

function patternRegex(pattern: string): RegExp {
  let p = pattern;
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/$/, '');
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') body += '[^/]*';
    else if (ch === '?') body += '[^/]';
    else body += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const start = anchored ? '^' : '^(?:.*/)?';
  // A name matches the file itself or, as a directory, everything below it.
  const end = dirOnly ? '/.*$' : '(?:/.*)?$';
  return new RegExp(start + body + end);
}
