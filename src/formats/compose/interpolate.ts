/**
 * Compose variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR:+alternative}`, `$$`) from the values of an env file, and the env file
 * format itself. Nothing is executed and the process environment is never read: a variable that the
 * reviewed files do not set and that has no default is unknown.
 */
import type { Diagnostic } from '../../model/index.js';
import type { Origin, Src } from './tree.js';

export interface EnvVar {
  value: string;
  site: Src;
}

export type Env = ReadonlyMap<string, EnvVar>;

export const EMPTY_ENV: Env = new Map();

export interface Interpolated {
  value: string;
  /** Set when the whole string is one variable expression. */
  origin?: Origin;
  /** Variables without a value or default. */
  unresolved: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Interpolated values are cut here: nested defaults must not build huge strings. */
const MAX_LENGTH = 64 * 1024;
const MAX_DEPTH = 16;

export function interpolate(input: string, env: Env): Interpolated {
  if (!input.includes('$')) return { value: input, unresolved: [] };
  const unresolved: string[] = [];
  const value = expand(input, env, unresolved, 0).slice(0, MAX_LENGTH);
  const out: Interpolated = { value, unresolved };
  const whole = wholeExpression(input);
  if (whole) {
    const { variable, op } = whole;
    const set = env.get(variable);
    const usesSet = set !== undefined && !(op?.startsWith(':') && set.value === '') && (op === undefined || !op.endsWith('+'));
    if (usesSet) out.origin = { variable, source: 'env', site: set.site };
    else if (op === ':-' || op === '-') out.origin = { variable, source: 'default' };
    else if (!set) out.origin = { variable, source: 'unset' };
  }
  return out;
}

/** `${VAR...}` or `$VAR` spanning the whole string: its variable and operator. */
function wholeExpression(s: string): { variable: string; op: string | undefined } | undefined {
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(s);
  if (plain) return { variable: plain[1]!, op: undefined };
  if (!s.startsWith('${') || matchingBrace(s, 1) !== s.length - 1) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?/.exec(s.slice(2, -1));
  if (!m) return undefined;
  const rest = s.slice(2 + m[1]!.length, -1);
  if (m[2] === undefined && rest !== '') return undefined;
  return { variable: m[1]!, op: m[2] };
}

/** Expand every `$` form of `s`; unknown variables expand to '' and are recorded. */
function expand(s: string, env: Env, unresolved: string[], depth: number): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('$', i);
    if (at < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, at);
    const next = s[at + 1];
    if (next === '$') {
      out += '$';
      i = at + 2;
    } else if (next === '{') {
      const close = matchingBrace(s, at + 1);
      if (close < 0) {
        out += s.slice(at);
        break;
      }
      out += braced(s.slice(at + 2, close), env, unresolved, depth);
      i = close + 1;
    } else {
      const m = NAME.exec(s.slice(at + 1));
      if (!m) {
        out += '$';
        i = at + 1;
      } else {
        out += lookup(m[0], env, unresolved);
        i = at + 1 + m[0].length;
      }
    }
    if (out.length > MAX_LENGTH) break;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function lookup(name: string, env: Env, unresolved: string[]): string {
  const v = env.get(name);
  if (v) return v.value;
  if (!unresolved.includes(name)) unresolved.push(name);
  return '';
}

/** The inside of `${...}`. */
function braced(body: string, env: Env, unresolved: string[], depth: number): string {
  const m = NAME.exec(body);
  if (!m) return '';
  const name = m[0];
  const rest = body.slice(name.length);
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  const arg = op ? rest.slice(op.length) : '';
  const nested = (): string => (depth >= MAX_DEPTH ? '' : expand(arg, env, unresolved, depth + 1));
  const v = env.get(name);
  const empty = op?.startsWith(':') ? !v || v.value === '' : !v;
  switch (op) {
    case ':-':
    case '-':
      return empty ? nested() : v!.value;
    case ':+':
    case '+':
      return empty ? '' : nested();
    case ':?':
    case '?':
      if (empty && !unresolved.includes(name)) unresolved.push(name);
      return v?.value ?? '';
    default:
      return lookup(name, env, unresolved);
  }
}

/**
 * An env file (`.env`, `env_file:`): `KEY=value` lines, optional `export `, quotes, `#` comments.
 * Values may use the variables defined above them.
 */
export function parseEnvFile(file: string, text: string): { vars: Map<string, EnvVar>; diagnostics: Diagnostic[] } {
  const vars = new Map<string, EnvVar>();
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:\s)\s*(.*)$/.exec(line) ?? /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)()$/.exec(line);
    if (!m) {
      if (diagnostics.length < 5) diagnostics.push({ file, line: n + 1, severity: 'warning', message: `env file line is not KEY=VALUE: ${line.slice(0, 60)}` });
      continue;
    }
    const site: Src = { file, line: n + 1 };
    vars.set(m[1]!, { value: envValue(m[2]!, vars), site });
  }
  return { vars, diagnostics };
}

function envValue(raw: string, defined: Env): string {
  const q = raw[0];
  if (q === '"' || q === "'") {
    const close = raw.indexOf(q, 1);
    const inner = close > 0 ? raw.slice(1, close) : raw.slice(1);
    return q === '"' ? interpolate(inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1'), defined).value : inner;
  }
  const comment = raw.search(/\s#/);
  return interpolate((comment >= 0 ? raw.slice(0, comment) : raw).trim(), defined).value;
}
