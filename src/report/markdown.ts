import type { Inventory } from '../analysis/api.js';
import type { Diagnostic, Finding, Review, Severity } from '../model/index.js';
import {
  dependsUnsaid,
  otherDependents,
  whatSentence,
  ratedSentence,
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
import { append, maxOf } from '../model/index.js';

export interface MarkdownOptions {
  /** First heading; default `SPOF review`. */
  title?: string;
  /** Link target for a file line (e.g. a blob URL at the head SHA); plain `file:line` when absent or undefined. */
  link?: (file: string, line: number) => string | undefined;
  /** Stop adding details past this many characters (GitHub comments hold 65536). Default 60000. */
  maxLength?: number;
  /** Fingerprints of findings that have no inline comment on the pull request (the app marks them). */
  uncommented?: ReadonlySet<string>;
}

const ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };

/** Escapes text for a markdown paragraph or table cell: no markup, no HTML, no cell breaks. */
export function mdEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|#!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** Escapes text for HTML (inside `<summary>`, where markdown does not apply). */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks in the text and `|` inside table cells. */
export function mdCode(s: string): string {
  const text = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = maxOf([...text.matchAll(/`+/g)].map((m) => m[0].length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function codeBlock(text: string, lang: string): string {
  const longest = maxOf([...text.matchAll(/`+/g)].map((m) => m[0].length), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function langOf(file: string): string {
  if (/\.tf$|\.tfvars$/.test(file)) return 'hcl';
  if (/\.ya?ml$/.test(file)) return 'yaml';
  if (/\.json$/.test(file)) return 'json';
  return '';
}

function where(file: string, line: number, options: MarkdownOptions): string {
  const label = mdCode(`${file}:${line}`);
  const url = options.link?.(file, line);
  return url ? `[${label}](${url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : label;
}

/** A PR summary: counts, a findings table and one collapsible section per finding. */
export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const findings = sortFindings(reportable(review));
  const open = findings.filter((f) => f.kind !== 'resolved-spof');
  const resolved = findings.filter((f) => f.kind === 'resolved-spof');
  const out: string[] = [];
  const verdict = review.conclusion === 'failure' ? '❌ failure' : review.conclusion === 'success' ? '✅ success' : '⚪ neutral';
  out.push(`## ${mdEscape(options.title ?? 'SPOF review')}: ${verdict}`, '');

  // Counts that are zero say nothing.
  const c = review.counts;
  const counts = [
    c['new-spof'] > 0 ? `**${plural(c['new-spof'], 'new SPOF')}**` : '',
    c['redundancy-reduced'] > 0 ? `${c['redundancy-reduced']} redundancy reduced` : '',
    c['blast-radius-grown'] > 0 ? `${c['blast-radius-grown']} blast radius grown` : '',
    c['resolved-spof'] > 0 ? `${c['resolved-spof']} resolved` : '',
  ].filter(Boolean);
  const scope = `${plural(review.stats.files, 'file')}, components ${review.stats.components.base} → ${review.stats.components.head}`;
  out.push(counts.length > 0 ? `${counts.join(' · ')} — ${scope}` : `${scope[0]!.toUpperCase()}${scope.slice(1)}`, '');

  if (open.length === 0) {
    out.push('No single point of failure introduced or changed by this change.', '');
  } else {
    out.push('| Severity | Finding | Component | Location | Blast radius |', '| --- | --- | --- | --- | --- |');
    for (const f of open) {
      const br = f.blastRadius.before === f.blastRadius.after ? `${f.blastRadius.after}` : `${f.blastRadius.before} → ${f.blastRadius.after}`;
      out.push(
        `| ${ICON[f.severity]} ${f.severity} | ${mdEscape(f.title)} | ${mdCode(f.component.id)} | ${where(
          f.location.file,
          f.location.startLine,
          options,
        )}${options.uncommented?.has(f.fingerprint) ? ' (no inline comment)' : ''} | ${br} |`,
      );
    }
    out.push('');
  }

  let length = out.join('\n').length;
  let omitted = 0;
  for (const f of open) {
    const d = details(f, options);
    if (length + d.length > maxLength) {
      omitted++;
      continue;
    }
    out.push(d, '');
    length += d.length + 2;
  }

  if (resolved.length > 0) {
    const lines = [`<details><summary>✅ Resolved: ${plural(resolved.length, 'single point of failure', 'single points of failure')}</summary>`, ''];
    for (const f of resolved) lines.push(`- ${mdCode(f.component.id)} at ${where(f.location.file, f.location.startLine, options)}: ${mdEscape(whatSentence(f))}`);
    lines.push('', '</details>');
    const block = lines.join('\n');
    if (length + block.length <= maxLength) {
      out.push(block, '');
      length += block.length + 2;
    } else omitted += resolved.length;
  }

  const diags = diagnosticsBlock(review.diagnostics, options);
  if (diags && length + diags.length <= maxLength) out.push(diags, '');
  if (omitted > 0) out.push(`_${plural(omitted, 'more finding')} not shown here: see the check run or the JSON output._`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** One finding, collapsed: each thing said once (the table row above has its blast radius). */
function details(f: Finding, options: MarkdownOptions): string {
  const depends = dependsUnsaid(f);
  const lines = [
    `<details><summary>${ICON[f.severity]} <b>${f.severity.toUpperCase()}</b> ${htmlEscape(f.title)} — <code>${htmlEscape(
      `${f.location.file}:${f.location.startLine}`,
    )}</code></summary>`,
    '',
    `**What fails:** ${mdEscape(whatSentence(f))}`,
    '',
    ...(depends ? [`**Depends on it:** ${mdEscape(depends)}`, ''] : []),
    `**Fix:** ${mdEscape(fixSentence(f, 'here'))}`,
    '',
  ];
  if (f.suggestion) {
    lines.push(
      `Suggested edit for ${where(f.suggestion.file, f.suggestion.startLine, options)}${
        f.suggestion.endLine !== f.suggestion.startLine ? `–${f.suggestion.endLine}` : ''
      }:`,
      '',
      codeBlock(f.suggestion.replacement, langOf(f.suggestion.file)),
      '',
    );
  }
  if (f.rated) lines.push(`_${mdEscape(ratedSentence(f)!)}_`, '');
  if (f.evidence.length > 0) {
    lines.push('| Evidence | Attribute | Before | After |', '| --- | --- | --- | --- |');
    for (const e of f.evidence) {
      lines.push(`| ${where(e.file, e.line, options)} | ${mdCode(e.attribute)} | ${mdCode(formatValue(e.before))} | ${mdCode(formatValue(e.after))} |`);
    }
    lines.push('');
  }
  const facts: string[] = [];
  if (f.redundancy.before || f.redundancy.after) {
    facts.push(`- Redundancy: ${redundancyPhrase(f.redundancy.before, f)} → ${redundancyPhrase(f.redundancy.after, f)}`);
  }
  const rec = recoveryPhrase(f);
  if (rec) facts.push(`- Recovery: ${mdEscape(rec.replace(/->/g, '→'))}`);
  facts.push(
    `- Component ${mdCode(f.component.id)} (${mdCode(f.component.type)}, ${f.component.format}, stack ${mdCode(f.component.stack)}), rule ${mdCode(f.rule)}, at ${where(
      f.location.file,
      f.location.startLine,
      options,
    )}`,
  );
  append(lines, facts).push('', '</details>');
  return lines.join('\n');
}

function diagnosticsBlock(diags: readonly Diagnostic[], options: MarkdownOptions): string | undefined {
  if (diags.length === 0) return undefined;
  const lines = [`<details><summary>⚠️ ${plural(diags.length, 'diagnostic')}</summary>`, '', '| Severity | Location | Message |', '| --- | --- | --- |'];
  for (const d of diags) lines.push(`| ${d.severity} | ${where(d.file, d.line, options)} | ${mdEscape(d.message)} |`);
  lines.push('', '</details>');
  return lines.join('\n');
}

/** `scan --format markdown`: the SPOFs present in one snapshot. */
export function renderInventoryMarkdown(inventory: Inventory, options: MarkdownOptions = {}): string {
  const spofs = sortSpofs(inventory.spofs);
  const out = [
    `## ${mdEscape(options.title ?? 'SPOF inventory')}`,
    '',
    `${plural(spofs.length, 'single point of failure', 'single points of failure')} in ${plural(
      inventory.snapshot.components.length,
      'component',
    )} (${plural(inventory.snapshot.files, 'file')}).`,
    '',
  ];
  if (spofs.length > 0) {
    out.push('| Severity | Component | Type | Kind | Location | Dependents | Entry points |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const s of spofs) {
      const c = s.component;
      out.push(
        `| ${ICON[s.severity]} ${s.severity} | ${mdCode(c.id)} | ${mdCode(c.type)} | ${s.kinds.join(', ')} | ${where(
          c.location.file,
          c.location.startLine,
          options,
        )} | ${otherDependents(s).length} | ${s.blastRadius.entryPoints.length} |`,
      );
    }
    out.push('');
  }
  const diags = diagnosticsBlock(inventory.snapshot.diagnostics, options);
  if (diags) out.push(diags, '');
  return `${out.join('\n').trimEnd()}\n`;
}
