import { KEY_PERSON_RULE } from '../analysis/key-people.js';
import { FINDING_KINDS, SEVERITIES, severityRank } from '../model/index.js';
import type { Finding, FindingKind, Review, Severity } from '../model/index.js';

/** `fail_on` / `--fail-on` values: a severity, or `never`. */
export type FailOn = Severity | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

/** True when a severity is at or above the threshold (`never` is never reached). */
export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && severityRank(severity) >= severityRank(threshold);
}

/** Findings a report shows: suppressed ones are dropped. */
export function reportable(review: Review): Finding[] {
  return review.findings.filter((f) => !f.suppressed);
}

/** Findings that count against a threshold: shown, not resolved, at or above it. */
export function failing(review: Review, threshold: FailOn): Finding[] {
  return reportable(review).filter((f) => f.kind !== 'resolved-spof' && atOrAbove(f.severity, threshold));
}

const KIND_ORDER: Record<FindingKind, number> = Object.fromEntries(FINDING_KINDS.map((k, i) => [k, i])) as Record<
  FindingKind,
  number
>;

/** Most severe first; resolved findings last; then by file, line and component id (stable output). */
export function compareFindings(a: Finding, b: Finding): number {
  const ra = a.kind === 'resolved-spof' ? 1 : 0;
  const rb = b.kind === 'resolved-spof' ? 1 : 0;
  return (
    ra - rb ||
    severityRank(b.severity) - severityRank(a.severity) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    cmp(a.location.file, b.location.file) ||
    a.location.startLine - b.location.startLine ||
    cmp(a.component.id, b.component.id) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `plural(1, 'finding')` -> `1 finding`; `plural(2, 'entry', 'entries')` -> `2 entries`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Shortens to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  if (s.length <= max) return s;
  return max === 1 ? '…' : `${s.slice(0, max - 1)}…`;
}

/** A list of ids for a sentence: `a, b and 3 more`. */
export function listIds(ids: readonly string[], max = 5): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, max);
  const rest = ids.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

/**
 * Evidence values longer than this are cut: a reviewer needs the whole value to check it (an ARN, a
 * subnet list), so only values past any readable size are shortened, and then the text says how long.
 */
export const VALUE_LIMIT = 200;

/** An evidence value for humans: `(unset)` when absent, JSON otherwise, whole unless absurdly long. */
export function formatValue(v: unknown, max = VALUE_LIMIT): string {
  if (v === undefined) return '(unset)';
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  if (s.length <= max) return s;
  return `${s.slice(0, max)}… (${s.length} characters in all)`;
}

/** `file:line`; a control character in the name (git stores `db\n.tf`) is shown escaped, so it cannot split or forge a line. */
export function fileLine(file: string, line: number): string {
  return `${file.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}:${line}`;
}

export const KIND_LABEL: Record<FindingKind, string> = {
  'new-spof': 'new single point of failure',
  'redundancy-reduced': 'redundancy reduced',
  'blast-radius-grown': 'blast radius grown',
  'resolved-spof': 'single point of failure resolved',
};

/** Dependents that are not also listed as entry points (the engine lists entry points in both). */
export function otherDependents(f: { blastRadius: { dependents: readonly string[]; entryPoints: readonly string[] } }): string[] {
  const entry = new Set(f.blastRadius.entryPoints);
  return f.blastRadius.dependents.filter((d) => !entry.has(d));
}

const FIX_SEPARATOR = /;\s*fix:\s*/i;

/** Ends with a full stop; a leading plain word is capitalized, a leading identifier (`aws_db.x`) is not. */
function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  const capital = /^[a-z]+(\s|$)/.test(t) ? t[0]!.toUpperCase() + t.slice(1) : t;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The engine writes one message: "<what fails>; fix: <how>". Renderers show the parts as separate
 * sentences; a message without a fix part is all "what fails".
 */
export function splitMessage(message: string): { what: string; fix?: string } {
  const m = FIX_SEPARATOR.exec(message);
  if (!m) return { what: sentence(message) };
  const fix = message.slice(m.index + m[0].length);
  return fix.trim() ? { what: sentence(message.slice(0, m.index)), fix: sentence(fix) } : { what: sentence(message.slice(0, m.index)) };
}

/** One sentence: why the severity is lower than the SPOF's shape gives, when it is. */
export function ratedSentence(f: Finding): string | undefined {
  return f.rated ? sentence(`Rated ${f.severity} instead of ${f.rated.from}: ${f.rated.because}`) : undefined;
}

/** The message with the rating, for outputs that carry one text (JSON `message`, SARIF). */
export function fullMessage(f: Finding): string {
  const rated = ratedSentence(f);
  return rated ? `${f.message} ${rated}` : f.message;
}

/** One sentence: what fails. */
export function whatSentence(f: Finding): string {
  return splitMessage(f.message).what;
}

/** One sentence: what depends on the component (its blast radius). */
export function dependsSentence(f: Finding): string {
  if (f.rule === KEY_PERSON_RULE) {
    // A key person's "dependents" are the infrastructure files whose reviews wait on them.
    const files = f.blastRadius.dependents;
    return f.kind === 'resolved-spof'
      ? `${plural(files.length, 'infrastructure file')} (${listIds(files)}) no longer wait on one reviewer.`
      : `Every change to ${plural(files.length, 'infrastructure file')} (${listIds(files)}) waits on this one reviewer.`;
  }
  const { entryPoints, before, after } = f.blastRadius;
  const dependents = otherDependents(f);
  const grown = f.kind === 'blast-radius-grown' || (f.kind !== 'resolved-spof' && before > 0 && after !== before);
  const change = grown ? ` (blast radius ${before} -> ${after})` : '';
  if (dependents.length === 0 && entryPoints.length === 0) {
    return f.kind === 'resolved-spof' ? `Nothing depends on it any more${change}.` : `Nothing in this repository depends on it${change}.`;
  }
  const parts: string[] = [];
  if (dependents.length > 0) parts.push(`${plural(dependents.length, 'component')} (${listIds(dependents)})`);
  if (entryPoints.length > 0) parts.push(`${plural(entryPoints.length, 'entry point')} (${listIds(entryPoints)})`);
  const one = dependents.length + entryPoints.length === 1;
  return `If it fails, ${parts.join(' and ')} ${one ? 'fails' : 'fail'} with it${change}.`;
}

/**
 * The depends-on sentence when it adds something: the engine's what-fails sentence usually names
 * every dependent and entry point already ("..., taking down X and entry point Y"), and then a
 * reader is told once. A grown blast radius keeps its numbers.
 */
export function dependsUnsaid(f: Finding): string | undefined {
  const what = whatSentence(f);
  const named = [...otherDependents(f), ...f.blastRadius.entryPoints.filter((e) => e !== f.component.id)];
  const nothing = named.length === 0 && /nothing in this repository/i.test(what);
  if (!nothing && !(named.length > 0 && named.every((id) => what.includes(id)))) return dependsSentence(f);
  const { before, after } = f.blastRadius;
  return f.kind === 'blast-radius-grown' && before !== after ? `Blast radius ${before} -> ${after}.` : undefined;
}

/**
 * Where a renderer shows the one-edit suggestion relative to the fix sentence: `here` right below it
 * (a review comment's suggestion block, the summary's code block), `none` not at all (it would sit on
 * the very line the comment is on), else the sentence points at the suggestion's file and line.
 */
export type SuggestionShown = 'elsewhere' | 'here' | 'none';

/** One sentence: how to fix it (the engine's fix when the message has one). */
export function fixSentence(f: Finding, shown: SuggestionShown = 'elsewhere'): string {
  if (f.kind === 'resolved-spof') return 'Nothing to do: this change removed a single point of failure.';
  const own = f.fix ? sentence(f.fix) : splitMessage(f.message).fix;
  if (f.suggestion && shown === 'here') return own ? `${own.replace(/\.$/, '')}, as suggested below.` : 'Apply the suggestion below, or accept the risk.';
  if (f.suggestion && shown === 'elsewhere') {
    const { file, startLine, endLine } = f.suggestion;
    const where = startLine === endLine ? fileLine(file, startLine) : `${file}:${startLine}-${endLine}`;
    return own ? `${own.replace(/\.$/, '')}: see the suggested edit at ${where}.` : `Apply the suggested edit at ${where}, or accept the risk.`;
  }
  if (own) return own;
  const attrs = [...new Set(f.evidence.map((e) => e.attribute))];
  switch (f.kind) {
    case 'new-spof':
      return `Give ${f.component.id} redundancy (a second instance in another zone or automatic failover${
        attrs.length > 0 ? `, see ${attrs.join(', ')}` : ''
      }), or accept the risk.`;
    case 'redundancy-reduced':
      return attrs.length > 0
        ? `Restore the previous value of ${attrs.join(', ')}, or accept the reduced redundancy.`
        : `Restore the previous redundancy of ${f.component.id}, or accept the reduced redundancy.`;
    case 'blast-radius-grown':
      return `Make ${f.component.id} redundant before more depends on it, or point the new dependents at a redundant alternative.`;
  }
}

/** RTO/RPO change as a short phrase, or undefined when the finding has no recovery estimate. */
export function recoveryPhrase(f: Finding): string | undefined {
  if (!f.recovery) return undefined;
  const { rto, rpo } = f.recovery;
  const one = (name: string, v: { before: string; after: string }) =>
    v.before === v.after ? `${name} ${v.after}` : `${name} ${v.before} -> ${v.after}`;
  return `${one('RTO', rto)}, ${one('RPO', rpo)}`;
}

export function redundancyPhrase(r: Finding['redundancy']['before'], f?: Finding): string {
  if (!r) return 'absent';
  // Key people: instances are the people who can review (at least that many).
  if (f?.rule === KEY_PERSON_RULE) return r.instances === null ? 'unknown owners' : r.instances === 1 ? '1 person' : `${r.instances} people`;
  const i = r.instances === null ? 'unknown instances' : plural(r.instances, 'instance');
  const z = r.zones === null ? 'unknown zones' : plural(r.zones, 'zone');
  return `${i}, ${z}`;
}

export { SEVERITIES, severityRank };
