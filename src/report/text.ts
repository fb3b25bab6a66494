import type { Inventory } from '../analysis/api.js';
import type { Diagnostic, Finding, Review, Severity } from '../model/index.js';
import {
  dependsUnsaid,
  otherDependents,
  whatSentence,
  ratedSentence,
  fileLine,
  fixSentence,
  formatValue,
  listIds,
  plural,
  recoveryPhrase,
  redundancyPhrase,
  reportable,
  sortFindings,
} from './format.js';
import { sortSpofs } from './inventory.js';

export interface TextOptions {
  /** ANSI colors. The caller decides (TTY, NO_COLOR, --no-color); the renderer never sniffs. */
  color?: boolean;
}

type Style = (s: string) => string;
interface Palette {
  bold: Style;
  dim: Style;
  severity: Record<Severity, Style>;
  good: Style;
  error: Style;
  warning: Style;
}

const sgr = (open: number, close: number): Style => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Style = (s) => s;

function palette(color: boolean | undefined): Palette {
  if (!color) {
    return { bold: plain, dim: plain, severity: { critical: plain, high: plain, medium: plain, low: plain }, good: plain, error: plain, warning: plain };
  }
  const red = sgr(31, 39);
  const bold = sgr(1, 22);
  return {
    bold,
    dim: sgr(2, 22),
    severity: { critical: (s) => bold(sgr(35, 39)(s)), high: red, medium: sgr(33, 39), low: sgr(36, 39) },
    good: sgr(32, 39),
    error: red,
    warning: sgr(33, 39),
  };
}

/** Control characters (ESC, CSI, ...) from repository content must not drive the terminal. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A copy with every string cleaned of terminal control characters (newlines and tabs kept). */
export function terminalSafe<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(CONTROL, '\uFFFD') as T;
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => terminalSafe(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = terminalSafe(v, depth + 1);
  return out as T;
}

/** Terminal report of a base/head review. */
export function renderText(input: Review, options: TextOptions = {}): string {
  const review = terminalSafe(input);
  const p = palette(options.color);
  const findings = sortFindings(reportable(review));
  const open = findings.filter((f) => f.kind !== 'resolved-spof');
  const resolved = findings.filter((f) => f.kind === 'resolved-spof');
  const out: string[] = [];

  for (const f of open) out.push(finding(f, p), '');
  for (const f of resolved) out.push(finding(f, p), '');
  if (findings.length === 0) out.push('No single point of failure introduced or changed.', '');
  const diags = diagnostics(review.diagnostics, p);
  if (diags) out.push(diags, '');

  const counts = [
    review.counts['new-spof'] ? plural(review.counts['new-spof'], 'new SPOF') : '',
    review.counts['redundancy-reduced'] ? `${review.counts['redundancy-reduced']} redundancy reduced` : '',
    review.counts['blast-radius-grown'] ? `${review.counts['blast-radius-grown']} blast radius grown` : '',
    review.counts['resolved-spof'] ? `${review.counts['resolved-spof']} resolved` : '',
    review.stats.suppressed ? `${review.stats.suppressed} suppressed` : '',
  ].filter(Boolean);
  const conclusion =
    review.conclusion === 'failure' ? p.error('failure') : review.conclusion === 'success' ? p.good('success') : review.conclusion;
  out.push(
    `${p.bold('spof-review')}: ${counts.length > 0 ? counts.join(', ') : 'no findings'} — ${conclusion} ` +
      p.dim(
        `(${plural(review.stats.files, 'file')}, components ${review.stats.components.base} -> ${review.stats.components.head}, ${review.stats.durationMs} ms)`,
      ),
  );
  return `${out.join('\n')}\n`;
}

function finding(f: Finding, p: Palette): string {
  const resolved = f.kind === 'resolved-spof';
  const tag = resolved ? p.good('[RESOLVED]') : p.severity[f.severity](`[${f.severity.toUpperCase()}]`);
  const lines = [
    `${tag} ${p.bold(f.title)}`,
    `  ${fileLine(f.location.file, f.location.startLine)}  ${p.dim(`${f.component.id} (${f.component.type}, stack ${f.component.stack}, rule ${f.rule})`)}`,
    `  What fails: ${whatSentence(f)}`,
  ];
  // Once each: the dependents when what-fails has not named them (the blast radius line below
  // carries the numbers), and the fix pointing at the suggestion printed under this finding.
  const depends = dependsUnsaid(f);
  if (depends && !depends.startsWith('Blast radius')) lines.push(`  Depends on it: ${depends}`);
  lines.push(`  Fix: ${fixSentence(f, 'here')}`);
  const rated = ratedSentence(f);
  if (rated) lines.push(`  ${rated}`);
  if (f.evidence.length > 0) {
    lines.push('  Evidence:');
    for (const e of f.evidence) {
      lines.push(`    ${fileLine(e.file, e.line)}  ${e.attribute}: ${formatValue(e.before)} -> ${formatValue(e.after)}`);
    }
  }
  const { before, after } = f.redundancy;
  if (before || after) lines.push(`  Redundancy: ${redundancyPhrase(before, f)} -> ${redundancyPhrase(after, f)}`);
  const br = f.blastRadius;
  lines.push(
    `  Blast radius: ${br.before === br.after ? br.after : `${br.before} -> ${br.after}`} ` +
      `(${plural(otherDependents(f).length, 'dependent')}, ${plural(br.entryPoints.length, 'entry point')})`,
  );
  const rec = recoveryPhrase(f);
  if (rec) lines.push(`  Recovery: ${rec}`);
  if (f.suggestion) {
    const { file, startLine, endLine } = f.suggestion;
    lines.push(`  Suggestion for ${file}:${startLine}${endLine !== startLine ? `-${endLine}` : ''}:`);
    for (const l of f.suggestion.replacement.replace(/\n$/, '').split('\n')) lines.push(`    ${l}`);
  }
  return lines.join('\n');
}

function diagnostics(diags: readonly Diagnostic[], p: Palette): string | undefined {
  if (diags.length === 0) return undefined;
  const lines = [p.bold(`Diagnostics (${diags.length}):`)];
  for (const d of diags) {
    const sev = d.severity === 'error' ? p.error('error  ') : p.warning('warning');
    lines.push(`  ${sev} ${fileLine(d.file, d.line)}  ${d.message}`);
  }
  return lines.join('\n');
}

/** Terminal report of the SPOFs present in one snapshot (`scan`). */
export function renderInventoryText(input: Inventory, options: TextOptions = {}): string {
  const inventory: Inventory = { spofs: terminalSafe(input.spofs), snapshot: { ...input.snapshot, diagnostics: terminalSafe(input.snapshot.diagnostics) } };
  const p = palette(options.color);
  const spofs = sortSpofs(inventory.spofs);
  const out: string[] = [];
  for (const s of spofs) {
    const c = s.component;
    const dependents = otherDependents(s);
    const { entryPoints } = s.blastRadius;
    out.push(
      `${p.severity[s.severity](`[${s.severity.toUpperCase()}]`)} ${p.bold(c.id)} ${p.dim(`(${c.type}, ${s.kinds.join('+')} SPOF)`)}`,
      `  ${fileLine(c.location.file, c.location.startLine)}  ${p.dim(`stack ${c.stack}, rule ${c.rule}`)}`,
      `  Blast radius: ${plural(dependents.length, 'dependent')}${dependents.length > 0 ? ` (${listIds(dependents)})` : ''}, ` +
        `${plural(entryPoints.length, 'entry point')}${entryPoints.length > 0 ? ` (${listIds(entryPoints)})` : ''}`,
      '',
    );
  }
  if (spofs.length === 0) out.push('No single point of failure found.', '');
  const diags = diagnostics(inventory.snapshot.diagnostics, p);
  if (diags) out.push(diags, '');
  out.push(
    `${p.bold('spof-review')}: ${plural(spofs.length, 'SPOF')} ` +
      p.dim(`(${plural(inventory.snapshot.files, 'file')}, ${plural(inventory.snapshot.components.length, 'component')})`),
  );
  return `${out.join('\n')}\n`;
}
