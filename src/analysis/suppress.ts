import type { Config } from '../config/types.js';
import { globMatcher, type Diagnostic, type FileSet, type Finding } from '../model/index.js';

const MARKER = /spof-review:ignore(?:[ \t]+([^\s]+))?(?:[ \t]+([^\r\n]*?))?[ \t]*(?:\*\/)?[ \t]*$/;

export interface InlineIgnore {
  rule: string;
  reason: string;
  line: number;
}

/** `# spof-review:ignore <rule> <reason>` comments of one file, by line. Comment syntax is left to the file: `#`, `//`. */
export function inlineIgnores(text: string): Map<number, InlineIgnore> {
  const out = new Map<number, InlineIgnore>();
  if (!text.includes('spof-review:ignore')) return out;
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const at = l.indexOf('spof-review:ignore');
    if (at < 0) return;
    const m = MARKER.exec(l.slice(at));
    if (!m) return;
    out.set(i + 1, { rule: m[1] ?? '', reason: (m[2] ?? '').trim(), line: i + 1 });
  });
  return out;
}

function ruleMatches(pattern: string, f: Finding): boolean {
  return pattern === '*' || pattern === 'all' || pattern === f.rule || pattern === f.kind;
}

/**
 * Mark findings suppressed by an inline comment on or just above the component or an evidence line,
 * or by a config `ignore` entry. Returns warnings for ignores without a rule or reason.
 */
export function applySuppressions(findings: Finding[], head: FileSet, base: FileSet, config: Config): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, Map<number, InlineIgnore>>();
  const warned = new Set<string>();
  const ignoresOf = (file: string, kind: Finding['kind']): Map<number, InlineIgnore> => {
    const key = `${kind === 'resolved-spof' ? 'b' : 'h'}:${file}`;
    let m = cache.get(key);
    if (!m) {
      const text = (kind === 'resolved-spof' ? base.read(file) ?? head.read(file) : head.read(file)) ?? '';
      m = inlineIgnores(text);
      for (const ig of m.values()) {
        const w = `${file}:${ig.line}`;
        if ((!ig.rule || !ig.reason) && !warned.has(w)) {
          warned.add(w);
          diagnostics.push({
            file,
            line: ig.line,
            severity: 'warning',
            message: 'spof-review:ignore needs a rule id and a reason: `# spof-review:ignore <rule> <reason>`',
          });
        }
      }
      cache.set(key, m);
    }
    return m;
  };
  const configIgnores = config.ignore.map((ig) => ({ ...ig, match: idGlob(ig.component || '*') }));

  for (const f of findings) {
    if (f.kind === 'resolved-spof') continue;
    const places = [{ file: f.location.file, line: f.location.startLine }, ...f.evidence.map((e) => ({ file: e.file, line: e.line }))];
    for (const p of places) {
      const ignores = ignoresOf(p.file, f.kind);
      const hit = [ignores.get(p.line), ignores.get(p.line - 1)].find((ig) => ig && ig.rule && ruleMatches(ig.rule, f));
      if (hit) {
        f.suppressed = `inline at ${p.file}:${hit.line}${hit.reason ? `: ${hit.reason}` : ''}`;
        break;
      }
    }
    if (f.suppressed) continue;
    const cfg = configIgnores.find((ig) => ruleMatches(ig.rule, f) && ig.match(f.component.id));
    if (cfg) f.suppressed = `config ignore: ${cfg.reason}`;
  }
  return diagnostics;
}

/**
 * Component ids are not paths (`Deployment/shop/api`, `module.db.aws_db_instance.this`):
 * `*` matches any run of characters, `/` and `.` included; `?` one character. Linear in the id's
 * length (a regular expression of several `.*` backtracks on a long id).
 */
export function idGlob(pattern: string): (id: string) => boolean {
  return globMatcher(pattern, 'id');
}
