/**
 * CODEOWNERS patterns as the project's globs (`model/glob.ts`: picomatch's syntax, matched in linear
 * time, since a CODEOWNERS file is untrusted input). GitHub reads them as gitignore patterns without
 * negation, character ranges or the `\#` escape: a leading `/` or a `/` inside anchors the pattern at
 * the repository root, otherwise it matches at any depth; a trailing `/` matches a directory's
 * contents; a last segment that is not `*` also matches everything under a directory of that name;
 * `*` and `?` stay inside one segment, `**` spans segments. Paths are case-sensitive.
 */
import { globProblem } from '../../model/index.js';

/** The globs for a pattern, or why GitHub does not accept it. */
export type Translation = { globs: string[] } | { unsupported: string };

/** Characters the glob syntax gives a meaning that CODEOWNERS does not (braces, extglobs, negation). */
const LITERAL_IN_CODEOWNERS = new Set(['(', ')', '{', '}', '!', '+', '@', '$', '^', '|', ',']);

export function translatePattern(pattern: string): Translation {
  if (pattern.startsWith('!')) return { unsupported: 'negation with "!" does not work in CODEOWNERS' };
  if (/[[\]]/.test(pattern)) return { unsupported: 'character ranges with "[ ]" do not work in CODEOWNERS' };
  if (pattern.includes('***')) return { unsupported: 'three consecutive asterisks are not a pattern' };
  if (pattern === '/') return { globs: [] };
  let segs = pattern.split('/');
  if (segs[0] === '') segs = segs.slice(1);
  else if ((segs.length === 1 || (segs.length === 2 && segs[1] === '')) && segs[0] !== '**') segs = ['**', ...segs];
  if (segs.length > 1 && segs[segs.length - 1] === '') segs[segs.length - 1] = '**';
  if (segs.some((s, i) => s === '' && i < segs.length - 1)) return { unsupported: 'an empty path segment ("//")' };
  const base = segs.map(segment).join('/');
  const last = segs[segs.length - 1];
  const globs = last === '**' || last === '*' ? [base] : [base, `${base}/**`];
  const problem = globs.map((g) => globProblem(g)).find((p) => p !== undefined);
  return problem ? { unsupported: problem } : { globs };
}

function segment(seg: string): string {
  if (seg === '**') return seg;
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '\\') {
      const next = seg[i + 1];
      if (next !== undefined) out += `\\${next}`;
      i++;
    } else if (LITERAL_IN_CODEOWNERS.has(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
