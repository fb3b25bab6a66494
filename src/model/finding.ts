import type { Format } from './component.js';
import type { Diagnostic, SourceRange } from './source.js';

export type FindingKind = 'new-spof' | 'redundancy-reduced' | 'blast-radius-grown' | 'resolved-spof';
export const FINDING_KINDS: readonly FindingKind[] = ['new-spof', 'redundancy-reduced', 'blast-radius-grown', 'resolved-spof'];

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export interface Evidence {
  file: string;
  line: number;
  attribute: string;
  before: unknown;
  after: unknown;
}

export interface Suggestion {
  file: string;
  startLine: number;
  endLine: number;
  replacement: string;
}

export interface RedundancySummary {
  instances: number | null;
  zones: number | null;
}

export interface Finding {
  fingerprint: string;
  kind: FindingKind;
  severity: Severity;
  rule: string;
  title: string;
  message: string;
  component: { id: string; type: string; format: Format; stack: string };
  location: SourceRange;
  evidence: Evidence[];
  redundancy: { before: RedundancySummary | null; after: RedundancySummary | null };
  blastRadius: { before: number; after: number; dependents: string[]; entryPoints: string[] };
  recovery?: { rto: { before: string; after: string }; rpo: { before: string; after: string } };
  suggestion?: Suggestion;
  /** How to fix it, in one clause (also the end of `message`); absent for resolved SPOFs. */
  fix?: string;
  /**
   * Why the severity is lower than the shape of the SPOF gives (a non-production stack, one more member
   * of a numbered set): `from` is the severity it would have had. Reports show it next to the finding.
   */
  rated?: { from: Severity; because: string };
  /** Where its stack runs (config `environments`, else inferred from the path): non-production findings are at most low. */
  environment?: 'production' | 'non-production';
  /** Why the finding does not count (inline comment or config ignore); suppressed findings are not reported. */
  suppressed?: string;
}

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface Review {
  schemaVersion: 1;
  conclusion: Conclusion;
  counts: Record<FindingKind, number>;
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: {
    files: number;
    /** Components of the stacks that were reviewed (stacks whose files did not change are skipped). */
    components: { base: number; head: number };
    durationMs: number;
    /** Findings silenced by inline comments or config `ignore`. */
    suppressed: number;
    stacks: { reviewed: number; unchanged: number };
  };
}
