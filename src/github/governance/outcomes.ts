/**
 * What became of a pull request's findings when it closed, for the dashboard: merged with the
 * finding still open ("merged with risk", accepted or not), fixed by a later push before the merge,
 * or abandoned with the pull request. Pure: the handler gathers the inputs.
 */
import type { Finding, Review } from '../../model/index.js';
import type { FindingOutcome, StoredFinding } from '../../store/types.js';

export interface ClosedPull {
  merged: boolean;
  headSha: string;
  mergeSha: string | null;
  closedAt: Date;
}

type Row = Omit<FindingOutcome, 'installationId' | 'repoId' | 'owner' | 'repo' | 'prNumber'>;

export function outcomesOf(latest: Review, seen: readonly StoredFinding[], accepted: ReadonlySet<string>, pull: ClosedPull): Row[] {
  const open = latest.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
  const openPrints = new Set(open.map((f) => f.fingerprint));
  // Suppressed in the end (an ignore rule or inline comment): neither fixed nor merged with risk.
  const suppressed = new Set(latest.findings.filter((f) => f.suppressed).map((f) => f.fingerprint));
  const rows = new Map<string, Row>();
  const base = { headSha: pull.headSha, mergeSha: pull.merged ? pull.mergeSha : null, closedAt: pull.closedAt };
  for (const f of open) {
    rows.set(f.fingerprint, { ...base, ...describe(f), outcome: pull.merged ? 'merged-with-risk' : 'abandoned', accepted: accepted.has(f.fingerprint) });
  }
  for (const f of seen) {
    if (f.kind === 'resolved-spof' || openPrints.has(f.fingerprint) || suppressed.has(f.fingerprint) || rows.has(f.fingerprint)) continue;
    rows.set(f.fingerprint, {
      ...base, fingerprint: f.fingerprint, severity: f.severity, rule: f.rule, componentId: f.componentId, title: f.title,
      outcome: pull.merged ? 'fixed-before-merge' : 'abandoned', accepted: false,
    });
  }
  return [...rows.values()];
}

function describe(f: Finding) {
  return { fingerprint: f.fingerprint, severity: f.severity, rule: f.rule, componentId: f.component.id, title: f.title };
}
