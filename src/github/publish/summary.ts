/**
 * The summary of a review, in markdown: the findings table and details (the report renderer),
 * plus what only the app knows: accepted risk, config errors, which findings have no inline
 * comment (marked in the table), the findings fixed since the last push and a collapsed diagram of
 * the affected part of the graph. Each finding is said once: a row, and its collapsed details.
 * It must fit a check run summary (65,535 characters), so the details shrink to fit.
 */
import type { ConfigError } from '../../config/parse.js';
import type { Finding, Review } from '../../model/index.js';
import { plural, reportable, sortFindings } from '../../report/format.js';
import { mdEscape, renderMarkdown } from '../../report/markdown.js';

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
  /** Open findings without an inline comment on the pull request (marked in the table); absent without comments. */
  uncommented?: readonly Finding[];
  /** Set when accepted risk turned a failure into a success. */
  accepted?: Acceptance;
  /** Fingerprints resolved on this PR earlier (listed as fixed). */
  fixed?: readonly Finding[];
  diagram?: string;
  link?: (file: string, line: number) => string | undefined;
  notes?: readonly string[];
  title?: string;
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

function fixedBlock(findings: readonly Finding[]): string {
  return ['### Fixed since the previous review', '', ...findings.slice(0, MAX_LIST).map((f) => `- ✅ ~~${mdEscape(f.title)}~~`), ...more(findings.length)].join('\n');
}

const DIAGRAM_SUMMARY = '<details><summary>Affected part of the graph';

function diagramBlock(diagram: string): string {
  return [`${DIAGRAM_SUMMARY} (<code>A --&gt; B</code>: A needs B; SPOFs in red)</summary>`, '', '```mermaid', diagram.trimEnd(), '```', '', '</details>'].join('\n');
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function renderSummary(input: SummaryInput, maxBytes = MAX_SUMMARY_BYTES): string {
  const review = input.accepted ? { ...input.review, conclusion: 'success' as const } : input.review;
  const before: string[] = [];
  if (input.accepted) before.push(acceptedBlock(input.accepted));
  if (input.configErrors.length > 0) before.push(configBlock(input.configErrors));
  for (const n of input.notes ?? []) before.push(`> [!WARNING]\n> ${mdEscape(n)}`);
  const after: string[] = [];
  if (input.fixed && input.fixed.length > 0) after.push(fixedBlock(input.fixed));
  if (input.diagram) after.push(diagramBlock(input.diagram));

  const assemble = (body: string, extra: string[]) => [...before, body.trimEnd(), ...extra].join('\n\n') + '\n';
  // Give the findings whatever room the fixed parts leave; drop the diagram first if they do not fit.
  let extra = after;
  if (bytes(assemble('', extra)) > maxBytes / 2 && input.diagram) extra = after.filter((b) => !b.startsWith(DIAGRAM_SUMMARY));
  const room = maxBytes - bytes(assemble('', extra));
  // The findings table grows with every finding: show the most severe ones that fit.
  const all = sortFindings(reportable(review));
  const uncommented = input.uncommented ? new Set(input.uncommented.map((f) => f.fingerprint)) : undefined;
  let shown = all.length;
  let out = '';
  for (let i = 0; i < 12 && room > 0; i++) {
    const cut = all.length - shown;
    const note = cut > 0 ? `\n\n_${plural(cut, 'more finding')} not listed here: see the annotations of the check run._` : '';
    const body = renderMarkdown({ ...review, findings: all.slice(0, shown) }, { ...(input.link ? { link: input.link } : {}), ...(input.title ? { title: input.title } : {}), maxLength: room, ...(uncommented ? { uncommented } : {}) });
    out = assemble(body.trimEnd() + note, extra);
    if (bytes(out) <= maxBytes) return out;
    shown = Math.max(0, Math.floor(shown * (maxBytes / bytes(out)) * 0.9));
  }
  const cut = Buffer.from(out || assemble('', extra), 'utf8').subarray(0, maxBytes - 100).toString('utf8').replace(/\uFFFD$/, '');
  return `${cut}\n\n_Summary cut to fit GitHub's limit._\n`;
}
