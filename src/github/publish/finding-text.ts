/** The words of one finding, as a review comment body and as a check run annotation. */
import type { Finding, Severity } from '../../model/index.js';
import { dependsUnsaid, fixSentence, ratedSentence, recoveryPhrase, truncate, whatSentence, type SuggestionShown } from '../../report/format.js';
import { mdCode, mdEscape } from '../../report/markdown.js';
import type { Placement } from './placement.js';
import { maxOf } from '../../model/index.js';

export const ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };

/** Hidden in each review comment, so a comment can be traced back to its finding. */
export function findingMarker(fingerprint: string): string {
  return `<!-- spof-review:finding ${fingerprint.replace(/[^A-Za-z0-9_-]/g, '')} -->`;
}

export function findingFromMarker(body: string | undefined | null): string | undefined {
  return body ? /<!-- spof-review:finding ([A-Za-z0-9_-]+) -->/.exec(body)?.[1] : undefined;
}

/** A fence longer than any backtick run inside the text. */
function fence(text: string): string {
  const longest = maxOf([...text.matchAll(/`+/g)].map((m) => m[0].length), 0);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** How the comment at `place` relates to the finding's suggestion (never "see the edit at <this very line>"). */
function suggestionShown(f: Finding, place: Placement | undefined): SuggestionShown {
  if (place?.suggestion !== undefined) return 'here';
  const s = f.suggestion;
  if (s && place && s.file === place.path && s.startLine <= place.line && place.line <= s.endLine) return 'none';
  return 'elsewhere';
}

/** The body of a review comment: what fails, what depends on it (when not said already), the fix, and a one-click suggestion. */
export function commentBody(f: Finding, place?: Placement): string {
  const depends = dependsUnsaid(f);
  const lines = [
    `**${ICON[f.severity]} ${f.severity.toUpperCase()} · ${mdEscape(f.title)}**`,
    '',
    `**What fails:** ${mdEscape(whatSentence(f))}`,
    '',
    ...(depends ? [`**Depends on it:** ${mdEscape(depends)}`, ''] : []),
    `**Fix:** ${mdEscape(fixSentence(f, suggestionShown(f, place)))}`,
  ];
  if (f.rated) lines.push('', `_${mdEscape(ratedSentence(f)!)}_`);
  const rec = recoveryPhrase(f);
  if (rec) lines.push('', `**Recovery:** ${mdEscape(rec.replace(/->/g, '→'))}`);
  if (place?.suggestion !== undefined) {
    const text = place.suggestion.replace(/\n$/, '');
    const f3 = fence(text);
    lines.push('', `${f3}suggestion`, text, f3);
  }
  lines.push(
    '',
    `<sub>spof-review · rule ${mdCode(f.rule)} · component ${mdCode(f.component.id)} · accept the risk from the check run if intended</sub>`,
    findingMarker(f.fingerprint),
  );
  return lines.join('\n');
}

/** Plain text for an annotation message (annotations do not render markdown). */
export function annotationMessage(f: Finding): string {
  const depends = dependsUnsaid(f);
  const parts = [`What fails: ${whatSentence(f)}`, ...(depends ? [`Depends on it: ${depends}`] : []), `Fix: ${fixSentence(f)}`];
  if (f.rated) parts.push(ratedSentence(f)!);
  const rec = recoveryPhrase(f);
  if (rec) parts.push(`Recovery: ${rec}`);
  return truncate(parts.join('\n'), 60_000);
}

export function annotationTitle(f: Finding): string {
  return truncate(`[${f.severity.toUpperCase()}] ${f.title}`, 255);
}
