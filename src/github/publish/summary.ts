/**
 * The summary of a review, in markdown: the findings table and details (the report renderer),
 * plus what only the app knows: accepted risk, config errors, the findings that could not be
 * commented on the diff, the RTO/RPO effects and a diagram of the affected part of the graph.
 * It must fit a check run summary (65,535 characters), so the details shrink to fit.
 */
import type { ConfigError } from '../../config/parse.js';
import type { Finding, Review } from '../../model/index.js';
import { plural, reportable, sortFindings } from '../../report/format.js';
import { mdCode, mdEscape, renderMarkdown } from '../../report/markdown.js';
import { ICON } from './finding-text.js';

/** GitHub's limit is 65,535; bytes are counted so that no character set can push past it. */
export const MAX_SUMMARY_BYTES = 65_000;

export interface Acceptance {
  by: string[];
  fingerprints: ReadonlySet<string>;
  /** The earliest expiry among the acceptances used (config `accept.expires_after`). */
  until?: Date;
}

export interface SummaryInput {
  review: Review;
  configErrors: readonly ConfigError[];
  /** Open findings without a comment on the diff. */
  outside: readonly Finding[];
  /** Set when accepted risk turned a failure into a success. */
  accepted?: Acceptance;
  /** Fingerprints resolved on this PR earlier (listed as fixed). */
  fixed?: readonly Finding[];
  diagram?: string;
  link?: (file: string, line: number) => string | undefined;
  notes?: readonly string[];
  title?: string;
}

function where(f: Finding, link: SummaryInput['link']): string {
  const label = mdCode(`${f.location.file}:${f.location.startLine}`);
  const url = link?.(f.location.file, f.location.startLine);
  return url ? `[${label}](${url})` : label;
}

function acceptedBlock(a: Acceptance): string {
  const who = a.by.map((b) => `@${b.replace(/[^A-Za-z0-9-[\]]/g, '')}`).join(', ');
  const until = a.until ? ` until ${a.until.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  return `> [!NOTE]\n> Risk accepted by ${who} for ${plural(a.fingerprints.size, 'finding')}${until}: the check passes. New findings on later pushes are not covered.`;
}

function configBlock(errors: readonly ConfigError[]): string {
  const lines = ['> [!WARNING]', `> \`.github/spof-review.yml\` has ${plural(errors.length, 'problem')}; the defaults apply where a setting is invalid:`];
  for (const e of errors.slice(0, 20)) lines.push(`> - ${e.line > 0 ? `line ${e.line}: ` : ''}${mdEscape(e.message)}`);
  if (errors.length > 20) lines.push(`> - and ${errors.length - 20} more`);
  return lines.join('\n');
}

/** Lists in the summary stop here: the findings table above is the complete record. */
const MAX_LIST = 25;

function more(total: number): string[] {
  return total > MAX_LIST ? [`- … and ${total - MAX_LIST} more`] : [];
}

function outsideBlock(findings: readonly Finding[], link: SummaryInput['link']): string {
  const lines = ['### Not on the diff', '', 'These findings concern lines this change did not touch, so they have no inline comment:', ''];
  for (const f of findings.slice(0, MAX_LIST)) lines.push(`- ${ICON[f.severity]} ${f.severity} · ${mdEscape(f.title)} at ${where(f, link)}`);
  lines.push(...more(findings.length));
  return lines.join('\n');
}

function recoveryBlock(findings: readonly Finding[]): string | undefined {
  const rows = findings.filter((f) => f.recovery && f.kind !== 'resolved-spof');
  if (rows.length === 0) return undefined;
  const arrow = (v: { before: string; after: string }) => (v.before === v.after ? mdEscape(v.after) : `${mdEscape(v.before)} → **${mdEscape(v.after)}**`);
  const lines = ['### Recovery (RTO / RPO)', '', '| Component | RTO | RPO |', '| --- | --- | --- |'];
  for (const f of rows.slice(0, MAX_LIST)) lines.push(`| ${mdCode(f.component.id)} | ${arrow(f.recovery!.rto)} | ${arrow(f.recovery!.rpo)} |`);
  if (rows.length > MAX_LIST) lines.push('', `… and ${rows.length - MAX_LIST} more (see each finding).`);
  return lines.join('\n');
}

function fixedBlock(findings: readonly Finding[]): string {
  return ['### Fixed since the previous review', '', ...findings.slice(0, MAX_LIST).map((f) => `- ✅ ~~${mdEscape(f.title)}~~`), ...more(findings.length)].join('\n');
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function renderSummary(input: SummaryInput, maxBytes = MAX_SUMMARY_BYTES): string {
  const review = input.accepted ? { ...input.review, conclusion: 'success' as const } : input.review;
  const before: string[] = [];
  if (input.accepted) before.push(acceptedBlock(input.accepted));
  if (input.configErrors.length > 0) before.push(configBlock(input.configErrors));
  for (const n of input.notes ?? []) before.push(`> [!WARNING]\n> ${mdEscape(n)}`);
  const after: string[] = [];
  const recovery = recoveryBlock(input.review.findings);
  if (recovery) after.push(recovery);
  if (input.outside.length > 0) after.push(outsideBlock(input.outside, input.link));
  if (input.fixed && input.fixed.length > 0) after.push(fixedBlock(input.fixed));
  if (input.diagram) after.push(['### Affected part of the graph', '', '`A --> B`: A needs B. SPOFs in red.', '', '```mermaid', input.diagram.trimEnd(), '```'].join('\n'));

  const assemble = (body: string, extra: string[]) => [...before, body.trimEnd(), ...extra].join('\n\n') + '\n';
  // Give the findings whatever room the fixed parts leave; drop the diagram first if they do not fit.
  let extra = after;
  if (bytes(assemble('', extra)) > maxBytes / 2 && input.diagram) extra = after.filter((b) => !b.startsWith('### Affected part'));
  const room = maxBytes - bytes(assemble('', extra));
  // The findings table grows with every finding: show the most severe ones that fit.
  const all = sortFindings(reportable(review));
  let shown = all.length;
  let out = '';
  for (let i = 0; i < 12 && room > 0; i++) {
    const cut = all.length - shown;
    const note = cut > 0 ? `\n\n_${plural(cut, 'more finding')} not listed here: see the annotations of the check run._` : '';
    const body = renderMarkdown({ ...review, findings: all.slice(0, shown) }, { ...(input.link ? { link: input.link } : {}), ...(input.title ? { title: input.title } : {}), maxLength: room });
    out = assemble(body.trimEnd() + note, extra);
    if (bytes(out) <= maxBytes) return out;
    shown = Math.max(0, Math.floor(shown * (maxBytes / bytes(out)) * 0.9));
  }
  const cut = Buffer.from(out || assemble('', extra), 'utf8').subarray(0, maxBytes - 100).toString('utf8').replace(/\uFFFD$/, '');
  return `${cut}\n\n_Summary cut to fit GitHub's limit._\n`;
}
