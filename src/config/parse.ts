import { globProblem, type GlobKind } from '../model/glob.js';
import { CONFIG_YAML_LIMITS, nestingMessage, plainValue, readYaml, type YamlNode } from '../model/yaml/index.js';
import { FORMAT_SECTIONS } from './format-sections.js';
import { DEFAULT_CONFIG, ENVIRONMENTS, MAX_LIMITS } from './types.js';
import type { Config } from './types.js';

export interface ConfigError {
  file: string;
  /** 1-based; 0 when the position is unknown (a config given as an object). */
  line: number;
  message: string;
}

export interface ParsedConfig {
  config: Config;
  errors: ConfigError[];
}

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'never'] as const;
const ON_ERROR = ['neutral', 'failure'] as const;
const COMMENT_MODES = ['update', 'off'] as const;
const SEVERITY_NAMES = ['critical', 'high', 'medium', 'low'] as const;
/** The stack glob meaning "every stack" (a plain list of var files). */
export const ALL_STACKS = '**';

// ---------------------------------------------------------------- a position-keeping tree

/** A config value with the line it is written on. */
export type Value =
  | { t: 'map'; line: number; entries: { key: string; line: number; value: Value }[] }
  | { t: 'seq'; line: number; items: Value[] }
  | { t: 'scalar'; line: number; value: string | number | boolean | null };

class TooBig extends Error {}

/** The config's tree of a YAML tree (the reader has bounded it, aliases included); a dangling alias is null at `line`. */
function fromYaml(node: YamlNode | null, line: number): Value {
  if (node === null) return { t: 'scalar', line, value: null };
  if (node.kind === 'alias') return fromYaml(node.target, line);
  if (node.kind === 'map') return { t: 'map', line: node.line, entries: node.entries.map((e) => ({ key: keyText(e.key), line: e.keyLine, value: fromYaml(e.value, e.keyLine) })) };
  if (node.kind === 'seq') return { t: 'seq', line: node.line, items: node.items.map((item) => fromYaml(item, node.line)) };
  return { t: 'scalar', line: node.line, value: node.value };
}

/** A key as the validation names it: `*name` for an alias, JSON for a collection. */
function keyText(key: YamlNode | null): string {
  if (key === null) return '';
  if (key.kind === 'scalar') return String(key.value);
  if (key.kind === 'alias') return `*${key.name}`;
  return JSON.stringify(plainValue(key));
}

function fromJs(v: unknown, budget: { n: number }, depth = 0): Value {
  if (--budget.n < 0 || depth > CONFIG_YAML_LIMITS.maxDepth) throw new TooBig();
  if (Array.isArray(v)) return { t: 'seq', line: 0, items: v.map((x) => fromJs(x, budget, depth + 1)) };
  if (v !== null && typeof v === 'object') {
    return { t: 'map', line: 0, entries: Object.entries(v).map(([key, x]) => ({ key, line: 0, value: fromJs(x, budget, depth + 1) })) };
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { t: 'scalar', line: 0, value: v };
  return { t: 'scalar', line: 0, value: v === undefined || v === null ? null : String(v) };
}

// ---------------------------------------------------------------- helpers

/** Parses `30s`, `15m`, `1h`, `2d`, `500ms`, `1h30m` into seconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (s === '0') return 0;
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(s)) return null;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return Number.isFinite(total) ? total : null;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate when it is a plausible typo, else undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = norm(c) === norm(word) ? 0 : levenshtein(word.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.c : undefined;
}

function hint(word: string, candidates: readonly string[]): string {
  const s = didYouMean(word, candidates);
  return s ? ` (did you mean "${s}"?)` : '';
}

function describe(v: Value): string {
  if (v.t === 'map') return 'a map';
  if (v.t === 'seq') return 'a list';
  if (v.value === null) return 'empty';
  return typeof v.value === 'string' ? `"${v.value}"` : `${typeof v.value} ${String(v.value)}`;
}

/** A map of the config: a format's section is given to its parser as one. */
export type ConfigMap = Extract<Value, { t: 'map' }>;

/** Validates config values, reporting each problem with its line; format sections are parsed with it too. */
export class Checker {
  readonly errors: ConfigError[] = [];
  constructor(private readonly file: string) {}

  error(line: number, message: string): void {
    this.errors.push({ file: this.file, line, message });
  }

  /** Reports unknown keys of a map; returns the known entries by key. */
  keys(v: Extract<Value, { t: 'map' }>, path: string, known: readonly string[]): Map<string, Value> {
    const out = new Map<string, Value>();
    for (const e of v.entries) {
      if (known.includes(e.key)) {
        out.set(e.key, e.value);
        continue;
      }
      this.error(e.line, `${path ? `${path}: ` : ''}unknown key "${e.key}"${hint(e.key, known)}; allowed: ${known.join(', ')}`);
    }
    return out;
  }

  map(v: Value, path: string): Extract<Value, { t: 'map' }> | undefined {
    if (v.t === 'map') return v;
    if (v.t === 'scalar' && v.value === null) return { t: 'map', line: v.line, entries: [] };
    this.error(v.line, `${path}: expected a map, got ${describe(v)}; the default applies`);
    return undefined;
  }

  /** `glob`: the string is a glob of that kind, which must be one the matcher takes (bounded: globs are untrusted). */
  string(v: Value, path: string, opts: { nonEmpty?: boolean; glob?: GlobKind } = {}): string | undefined {
    if (v.t === 'scalar' && typeof v.value === 'string' && (!opts.nonEmpty || v.value.trim() !== '')) {
      if (opts.glob !== undefined && !this.glob(v.value, v.line, path, opts.glob)) return undefined;
      return v.value;
    }
    this.error(v.line, `${path}: expected ${opts.nonEmpty ? 'a non-empty string' : 'a string'}, got ${describe(v)}`);
    return undefined;
  }

  /** Whether `text` is a usable glob; if not, an error saying why (too long, nested too deep, unsupported syntax). */
  glob(text: string, line: number, path: string, kind: GlobKind = 'path'): boolean {
    const problem = globProblem(text, kind);
    if (problem === undefined) return true;
    const shown = text.length > 60 ? `${text.slice(0, 60)}...` : text;
    this.error(line, `${path}: the glob "${shown}" is not used: ${problem}`);
    return false;
  }

  /** A list of strings; a single string is taken as a one-element list. `glob`: each is a glob of that kind. */
  strings(v: Value, path: string, opts: { glob?: GlobKind } = {}): string[] | undefined {
    if (v.t === 'scalar' && typeof v.value === 'string' && v.value.trim() !== '') {
      if (opts.glob !== undefined && !this.glob(v.value, v.line, path, opts.glob)) {
        this.error(v.line, `${path}: invalid entries; the default applies`);
        return undefined;
      }
      return [v.value];
    }
    if (v.t !== 'seq') {
      this.error(v.line, `${path}: expected a list of strings, got ${describe(v)}; the default applies`);
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    v.items.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`, { nonEmpty: true, ...opts });
      if (s === undefined) ok = false;
      else out.push(s);
    });
    if (!ok) {
      this.error(v.line, `${path}: invalid entries; the default applies`);
      return undefined;
    }
    return out;
  }

  oneOf<T extends string>(v: Value, path: string, allowed: readonly T[]): T | undefined {
    if (v.t === 'scalar' && typeof v.value === 'string') {
      const s = v.value.trim().toLowerCase();
      const found = allowed.find((a) => a === s);
      if (found) return found;
      this.error(v.line, `${path}: "${v.value}" is not one of ${allowed.join(', ')}${hint(s, allowed)}; the default applies`);
      return undefined;
    }
    this.error(v.line, `${path}: expected one of ${allowed.join(', ')}, got ${describe(v)}; the default applies`);
    return undefined;
  }

  boolean(v: Value, path: string): boolean | undefined {
    if (v.t === 'scalar' && typeof v.value === 'boolean') return v.value;
    this.error(v.line, `${path}: expected true or false, got ${describe(v)}; the default applies`);
    return undefined;
  }

  /** A list of files for every stack, or of `{ stack: glob, files: [...] }` (`terraform.var_files`). */
  stackFiles(v: Value, name: string): { stack: string; files: string[]; at?: { file: string; lines: number[] } }[] {
    if (v.t === 'scalar' && v.value === null) return [];
    if (v.t !== 'seq') {
      this.error(v.line, `${name}: expected a list (of files, or of { stack, files }), got ${describe(v)}; the default applies`);
      return [];
    }
    const out: { stack: string; files: string[]; at?: { file: string; lines: number[] } }[] = [];
    const everywhere: string[] = [];
    const everywhereLines: number[] = [];
    v.items.forEach((item, i) => {
      const path = `${name}[${i}]`;
      if (item.t === 'scalar') {
        const s = this.string(item, path, { nonEmpty: true, glob: 'path' });
        if (s !== undefined) {
          everywhere.push(s);
          everywhereLines.push(item.line);
        }
        return;
      }
      if (item.t !== 'map') {
        this.error(item.line, `${path}: expected a file path or { stack: glob, files: [...] }, got ${describe(item)}`);
        return;
      }
      const e = this.keys(item, path, ['stack', 'files']);
      const stackV = e.get('stack');
      const stack = stackV ? this.string(stackV, `${path}.stack`, { nonEmpty: true, glob: 'path' }) : ALL_STACKS;
      const filesV = e.get('files');
      if (!filesV) {
        this.error(item.line, `${path}: "files" is required`);
        return;
      }
      const files = this.strings(filesV, `${path}.files`, { glob: 'path' });
      const lines = filesV.t === 'seq' ? filesV.items.map((x) => x.line) : [filesV.line];
      if (stack !== undefined && files && files.length > 0) out.push({ stack, files, at: { file: this.file, lines } });
    });
    if (everywhere.length > 0) out.unshift({ stack: ALL_STACKS, files: everywhere, at: { file: this.file, lines: everywhereLines } });
    return out;
  }

  duration(v: Value, path: string): string | undefined {
    if (v.t === 'scalar' && (typeof v.value === 'string' || v.value === 0)) {
      const text = String(v.value).trim();
      if (parseDuration(text) !== null) return text;
    }
    this.error(v.line, `${path}: expected a duration such as 30s, 15m, 1h or 1h30m, got ${describe(v)}; the setting is ignored`);
    return undefined;
  }
}

// ---------------------------------------------------------------- the config

const TOP_KEYS = ['_extends', 'enabled', 'fail_on', 'on_error', 'paths', ...FORMAT_SECTIONS.map((s) => s.key), 'policy', 'ignore', 'comments', 'accept_label', 'accept', 'environments', 'teams', 'limits'];

function defaults(): Config {
  return structuredClone(DEFAULT_CONFIG);
}

function validate(root: Value, c: Checker): Config {
  const config = defaults();
  if (root.t === 'scalar' && root.value === null) return config;
  if (root.t !== 'map') {
    c.error(root.line, `the config must be a map of settings, got ${describe(root)}; defaults apply`);
    return config;
  }
  const top = c.keys(root, '', TOP_KEYS);

  const enabled = top.get('enabled');
  if (enabled) config.enabled = c.boolean(enabled, 'enabled') ?? config.enabled;
  const failOn = top.get('fail_on');
  if (failOn) config.fail_on = c.oneOf(failOn, 'fail_on', FAIL_ON) ?? config.fail_on;
  const onError = top.get('on_error');
  if (onError) config.on_error = c.oneOf(onError, 'on_error', ON_ERROR) ?? config.on_error;

  const paths = top.get('paths');
  const pathsMap = paths && c.map(paths, 'paths');
  if (pathsMap) {
    const p = c.keys(pathsMap, 'paths', ['include', 'exclude']);
    const include = p.get('include');
    if (include) config.paths.include = c.strings(include, 'paths.include', { glob: 'path' }) ?? config.paths.include;
    const exclude = p.get('exclude');
    if (exclude) config.paths.exclude = c.strings(exclude, 'paths.exclude', { glob: 'path' }) ?? config.paths.exclude;
  }

  for (const section of FORMAT_SECTIONS) {
    const value = top.get(section.key);
    const map = value && c.map(value, section.key);
    if (map) Object.assign(config, { [section.key]: section.parse(map, c) });
  }

  const policy = top.get('policy');
  const policyMap = policy && c.map(policy, 'policy');
  if (policyMap) {
    const p = c.keys(policyMap, 'policy', ['rto', 'rpo']);
    for (const key of ['rto', 'rpo'] as const) {
      const v = p.get(key);
      if (!v || (v.t === 'scalar' && v.value === null)) continue;
      const d = c.duration(v, `policy.${key}`);
      if (d !== undefined) config.policy[key] = d;
    }
  }

  const ignore = top.get('ignore');
  if (ignore) config.ignore = ignoresOf(ignore, c);

  const comments = top.get('comments');
  const commentsMap = comments && c.map(comments, 'comments');
  if (commentsMap) {
    const p = c.keys(commentsMap, 'comments', ['mode', 'suggestions', 'min_severity']);
    const mode = p.get('mode');
    if (mode) {
      // `off` may arrive as false from YAML 1.1-minded writers.
      config.comments.mode = mode.t === 'scalar' && mode.value === false ? 'off' : (c.oneOf(mode, 'comments.mode', COMMENT_MODES) ?? config.comments.mode);
    }
    const suggestions = p.get('suggestions');
    if (suggestions) config.comments.suggestions = c.boolean(suggestions, 'comments.suggestions') ?? config.comments.suggestions;
    const minSeverity = p.get('min_severity');
    if (minSeverity) config.comments.min_severity = c.oneOf(minSeverity, 'comments.min_severity', SEVERITY_NAMES) ?? config.comments.min_severity;
  }

  const label = top.get('accept_label');
  if (label) {
    const s = c.string(label, 'accept_label', { nonEmpty: true });
    if (s !== undefined && s.length > 50) c.error(label.line, 'accept_label: GitHub labels have at most 50 characters; the default applies');
    else if (s !== undefined) config.accept_label = s.trim();
  }

  const accept = top.get('accept');
  const acceptMap = accept && c.map(accept, 'accept');
  if (acceptMap) config.accept = acceptPolicyOf(acceptMap, c);

  const environments = top.get('environments');
  if (environments) config.environments = environmentsOf(environments, c);
  const teams = top.get('teams');
  if (teams) config.teams = teamsOf(teams, c);

  const limits = top.get('limits');
  const limitsMap = limits && c.map(limits, 'limits');
  if (limitsMap) {
    const p = c.keys(limitsMap, 'limits', ['steps', 'seconds']);
    for (const key of ['steps', 'seconds'] as const) {
      const v = p.get(key);
      if (!v) continue;
      if (v.t !== 'scalar' || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value < 1) {
        c.error(v.line, `limits.${key}: expected a whole number of at least 1, got ${describe(v)}; the default applies`);
      } else if (v.value > MAX_LIMITS[key]) {
        c.error(v.line, `limits.${key}: at most ${MAX_LIMITS[key]}; ${MAX_LIMITS[key]} applies`);
        config.limits[key] = MAX_LIMITS[key];
      } else config.limits[key] = v.value;
    }
  }
  return config;
}

/** `teams: { "@org/infra": 3, "@org/dba": [alice, bob] }`: a member count or the members' logins. */
function teamsOf(v: Value, c: Checker): Config['teams'] {
  const map = c.map(v, 'teams');
  if (!map) return {};
  const out: Config['teams'] = {};
  for (const entry of map.entries) {
    const path = `teams."${entry.key}"`;
    const name = entry.key.trim().replace(/^@/, '').toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]*\/[a-z0-9_][a-z0-9_.-]*$/.test(name)) {
      c.error(entry.line, `${path}: expected a team as @org/team; the entry is skipped`);
      continue;
    }
    const value = entry.value;
    if (value.t === 'scalar' && typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 0) out[name] = value.value;
    else if (value.t === 'seq') {
      const logins = c.strings(value, path);
      if (logins) out[name] = logins.map((l) => l.trim().replace(/^@/, '').toLowerCase());
    } else c.error(value.line, `${path}: expected a member count or a list of logins, got ${describe(value)}; the entry is skipped`);
  }
  return out;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `accept: { by: [...], author_may_accept, expires_after, require_reason }`. */
function acceptPolicyOf(map: Value & { t: 'map' }, c: Checker): Config['accept'] {
  const out = structuredClone(DEFAULT_CONFIG.accept);
  const p = c.keys(map, 'accept', ['by', 'author_may_accept', 'expires_after', 'require_reason']);
  const by = p.get('by');
  const entries = by && c.strings(by, 'accept.by');
  if (entries) {
    const acceptors: Config['accept']['by'] = [];
    let ok = true;
    for (const raw of entries) {
      const text = raw.trim().replace(/^@/, '');
      const team = /^([^/]+)\/([^/]+)$/.exec(text);
      if (text.toLowerCase() === 'codeowners') acceptors.push({ kind: 'codeowners' });
      else if (team && LOGIN.test(team[1]!) && TEAM_SLUG.test(team[2]!)) acceptors.push({ kind: 'team', org: team[1]!, slug: team[2]!.toLowerCase() });
      else if (LOGIN.test(text)) acceptors.push({ kind: 'user', login: text });
      else {
        ok = false;
        c.error(by.line, `accept.by: "${raw}" is not a user (@login), a team (@org/team-slug) or codeowners`);
      }
    }
    if (ok) out.by = acceptors;
    else c.error(by.line, 'accept.by: invalid entries; the default applies (anyone with write access)');
  }
  const author = p.get('author_may_accept');
  if (author) out.author_may_accept = c.boolean(author, 'accept.author_may_accept') ?? out.author_may_accept;
  const expires = p.get('expires_after');
  if (expires && !(expires.t === 'scalar' && expires.value === null)) {
    const d = c.duration(expires, 'accept.expires_after');
    if (d !== undefined && (parseDuration(d) ?? 0) < 60) c.error(expires.line, 'accept.expires_after: an acceptance must last at least a minute; the setting is ignored');
    else if (d !== undefined) out.expires_after = d;
  }
  const reason = p.get('require_reason');
  if (reason) out.require_reason = c.boolean(reason, 'accept.require_reason') ?? out.require_reason;
  return out;
}

/** `environments: { "<stack glob>": production | non-production, ... }`, in the order written. */
function environmentsOf(v: Value, c: Checker): Config['environments'] {
  const map = c.map(v, 'environments');
  if (!map) return [];
  const out: Config['environments'] = [];
  for (const entry of map.entries) {
    const path = `environments."${entry.key}"`;
    if (entry.key.trim() === '') {
      c.error(entry.line, `${path}: the stack glob is empty; the entry is skipped`);
      continue;
    }
    const written = entry.value.t === 'scalar' && typeof entry.value.value === 'string' ? entry.value.value.trim().toLowerCase() : undefined;
    const environment = ENVIRONMENTS.find((e) => e === written);
    if (!c.glob(entry.key.trim(), entry.line, path)) continue;
    if (environment) out.push({ glob: entry.key.trim(), environment });
    else c.error(entry.value.line, `${path}: expected production or non-production, got ${describe(entry.value)}; the entry is skipped`);
  }
  return out;
}

function ignoresOf(v: Value, c: Checker): Config['ignore'] {
  if (v.t === 'scalar' && v.value === null) return [];
  if (v.t !== 'seq') {
    c.error(v.line, `ignore: expected a list of { rule, component, reason }, got ${describe(v)}; nothing is ignored`);
    return [];
  }
  const out: Config['ignore'] = [];
  v.items.forEach((item, i) => {
    const path = `ignore[${i}]`;
    if (item.t !== 'map') {
      c.error(item.line, `${path}: expected { rule, component, reason }, got ${describe(item)}; the entry is skipped`);
      return;
    }
    const e = c.keys(item, path, ['rule', 'component', 'reason']);
    const ruleV = e.get('rule');
    const reasonV = e.get('reason');
    if (!ruleV) c.error(item.line, `${path}: "rule" is required; the entry is skipped`);
    if (!reasonV) c.error(item.line, `${path}: "reason" is required (say why the risk is accepted); the entry is skipped`);
    const rule = ruleV && c.string(ruleV, `${path}.rule`, { nonEmpty: true });
    const reason = reasonV && c.string(reasonV, `${path}.reason`, { nonEmpty: true });
    const componentV = e.get('component');
    const component = componentV ? c.string(componentV, `${path}.component`, { nonEmpty: true, glob: 'id' }) : '*';
    if (rule && reason && component !== undefined) out.push({ rule: rule.trim(), component: component.trim(), reason: reason.trim() });
  });
  return out;
}

/**
 * Parses and validates `.github/spof-review.yml`. Never throws: each invalid setting is reported
 * with its line and falls back to its default while the valid ones apply.
 */
export function parseConfig(text: string, file: string): ParsedConfig {
  const c = new Checker(file);
  const read = readYaml(text, { limits: CONFIG_YAML_LIMITS, uniqueKeys: true });
  if (read.refused) {
    const r = read.refused.reason;
    c.error(read.refused.line, r === 'binary' ? 'the config is binary (NUL bytes), not YAML; defaults apply' : r === 'size' ? `the config is larger than ${CONFIG_YAML_LIMITS.maxBytes / 1024} KiB; defaults apply` : `the config has ${nestingMessage(CONFIG_YAML_LIMITS)}; defaults apply`);
    return { config: defaults(), errors: c.errors };
  }
  if (read.failed !== undefined) {
    c.error(1, `cannot parse YAML: ${read.failed}; defaults apply`);
    return { config: defaults(), errors: c.errors };
  }
  const doc = read.documents[0]!;
  const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  for (const e of doc.errors) {
    c.error(e.line, `${e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML'}: ${e.message}${fatal.length > 0 ? '; defaults apply' : ''}`);
  }
  if (fatal.length > 0) return { config: defaults(), errors: c.errors };
  if (doc.overLimits.length > 0) {
    c.error(1, 'the config is too large or too deeply nested (aliases included); defaults apply');
    return { config: defaults(), errors: c.errors };
  }
  const root = fromYaml(doc.root, 1);
  const config = validate(root, c);
  return { config, errors: c.errors.sort((a, b) => a.line - b.line) };
}

/**
 * Validates a config that is already an object (e.g. after Probot merged `_extends`). Positions
 * are unknown there, so errors carry line 0.
 */
export function configFromObject(value: unknown, file: string): ParsedConfig {
  const c = new Checker(file);
  let root: Value;
  try {
    root = fromJs(value, { n: CONFIG_YAML_LIMITS.maxNodes });
  } catch {
    c.error(0, 'the config is too large or too deeply nested; defaults apply');
    return { config: defaults(), errors: c.errors };
  }
  const config = validate(root, c);
  return { config, errors: c.errors.sort((a, b) => a.line - b.line) };
}
