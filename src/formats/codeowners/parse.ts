/**
 * GitHub's CODEOWNERS syntax: one rule per line, a pattern then owners separated by whitespace; `#`
 * starts a comment, on its own line or after a rule; `\ ` keeps a space inside a pattern. Owners are
 * `@user`, `@org/team` or an email address. GitHub skips a line it cannot read (and flags it in its
 * editor), so such a line is skipped here too, with a warning at its line.
 */
import type { Diagnostic, Owner } from '../../model/index.js';
import { translatePattern } from './pattern.js';

export interface Rule {
  pattern: string;
  globs: string[];
  owners: Owner[];
  line: number;
  /** The owners as written, for evidence: `@alice @org/infra`. */
  ownersText: string;
}

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)$/;
const TEAM = /^@([A-Za-z0-9][A-Za-z0-9_-]*)\/([A-Za-z0-9_][A-Za-z0-9_.-]*)$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

export function parseCodeowners(text: string, file: string): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const rules: Rule[] = [];
  const diagnostics: Diagnostic[] = [];
  const warn = (line: number, message: string) => diagnostics.push({ file, line, severity: 'warning', message: `${message}; GitHub skips this line, and so does the review` });
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('\\#')) return warn(line, 'escaping "#" with "\\" does not work in CODEOWNERS');
    const tokens = tokenize(trimmed);
    if (tokens.length === 0) return;
    const [pattern, ...ownerTokens] = tokens as [string, ...string[]];
    const translated = translatePattern(pattern);
    if ('unsupported' in translated) return warn(line, `pattern ${pattern}: ${translated.unsupported}`);
    const owners: Owner[] = [];
    for (const token of ownerTokens) {
      const owner = ownerOf(token);
      if (!owner) return warn(line, `owner ${token} is neither @user, @org/team nor an email address`);
      owners.push(owner);
    }
    rules.push({ pattern, globs: translated.globs, owners, line, ownersText: ownerTokens.join(' ') });
  });
  return { rules, diagnostics };
}

/** Whitespace-separated tokens up to a comment; `\` keeps the next character (a space) in the token. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + line[i + 1];
      i++;
    } else if (ch === '#') break;
    else if (ch === ' ' || ch === '\t') {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

function ownerOf(token: string): Owner | undefined {
  const team = TEAM.exec(token);
  if (team) return { kind: 'team', name: `${team[1]}/${team[2]}` };
  const user = USER.exec(token);
  if (user) return { kind: 'user', name: user[1]! };
  if (EMAIL.test(token)) return { kind: 'email', name: token };
  return undefined;
}
