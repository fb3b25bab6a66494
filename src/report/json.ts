import type { Inventory } from '../analysis/api.js';
import { FINDING_KINDS } from '../model/index.js';
import type { Diagnostic, Finding, RedundancySummary, Review } from '../model/index.js';
import { fullMessage, reportable, sortFindings } from './format.js';
import { sortSpofs } from './inventory.js';

/**
 * The DESIGN.md JSON contract (schemaVersion 1). Objects are built key by key so the key order is
 * stable and nothing outside the contract leaks (e.g. `suppressed`, which is never reported).
 */
export function toJsonReport(review: Review): Record<string, unknown> {
  return {
    schemaVersion: 1,
    conclusion: review.conclusion,
    counts: Object.fromEntries(FINDING_KINDS.map((k) => [k, review.counts[k] ?? 0])),
    findings: sortFindings(reportable(review)).map(findingJson),
    diagnostics: review.diagnostics.map(diagnosticJson),
    stats: {
      files: review.stats.files,
      components: { base: review.stats.components.base, head: review.stats.components.head },
      durationMs: review.stats.durationMs,
      // DESIGN amendment 4 (additive): suppressed findings and reviewed/unchanged stacks.
      suppressed: review.stats.suppressed,
      stacks: { reviewed: review.stats.stacks.reviewed, unchanged: review.stats.stacks.unchanged },
    },
  };
}

export function renderJson(review: Review): string {
  return `${JSON.stringify(toJsonReport(review), null, 2)}\n`;
}

function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    fingerprint: f.fingerprint,
    kind: f.kind,
    severity: f.severity,
    rule: f.rule,
    title: f.title,
    message: fullMessage(f),
    component: { id: f.component.id, type: f.component.type, format: f.component.format, stack: f.component.stack },
    location: { file: f.location.file, startLine: f.location.startLine, endLine: f.location.endLine },
    evidence: f.evidence.map((e) => ({
      file: e.file,
      line: e.line,
      attribute: e.attribute,
      before: jsonValue(e.before),
      after: jsonValue(e.after),
    })),
    redundancy: { before: redundancyJson(f.redundancy.before), after: redundancyJson(f.redundancy.after) },
    blastRadius: { before: f.blastRadius.before, after: f.blastRadius.after, ...listed(f.blastRadius) },
  };
  if (f.environment) out.environment = f.environment;
  if (f.rated) out.rated = { from: f.rated.from, because: f.rated.because };
  if (f.recovery) {
    out.recovery = {
      rto: { before: f.recovery.rto.before, after: f.recovery.rto.after },
      rpo: { before: f.recovery.rpo.before, after: f.recovery.rpo.after },
    };
  }
  if (f.suggestion) {
    const s = f.suggestion;
    out.suggestion = { file: s.file, startLine: s.startLine, endLine: s.endLine, replacement: s.replacement };
  }
  return out;
}

/** Ids a blast radius lists at most per list; the counts stay whole (`before`/`after`, `omitted`). */
export const MAX_LISTED = 100;

/**
 * The blast radius lists, each cut to `MAX_LISTED` ids with how many were left out (issue 10): n SPOFs
 * sharing n dependents would print n x n ids.
 */
export function listed(br: { dependents: readonly string[]; entryPoints: readonly string[] }): Record<string, unknown> {
  const out: Record<string, unknown> = { dependents: br.dependents.slice(0, MAX_LISTED), entryPoints: br.entryPoints.slice(0, MAX_LISTED) };
  const omitted = { dependents: Math.max(0, br.dependents.length - MAX_LISTED), entryPoints: Math.max(0, br.entryPoints.length - MAX_LISTED) };
  if (omitted.dependents || omitted.entryPoints) out.omitted = omitted;
  return out;
}

function redundancyJson(r: RedundancySummary | null): { instances: number | null; zones: number | null } | null {
  return r ? { instances: r.instances, zones: r.zones } : null;
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { file: d.file, line: d.line, severity: d.severity, message: d.message };
}

/** Any evidence value as JSON: undefined, symbols (the catalog's UNKNOWN) and functions become null. */
export function jsonValue(v: unknown, depth = 0): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object' || depth > 20) return null;
  if (Array.isArray(v)) return v.map((x) => jsonValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = jsonValue(x, depth + 1);
  return out;
}

/**
 * `scan --format json`: the SPOFs present in one snapshot. Not part of the DESIGN contract yet,
 * but versioned the same way.
 */
export function toInventoryJson(inventory: Inventory): Record<string, unknown> {
  return {
    schemaVersion: 1,
    spofs: sortSpofs(inventory.spofs).map((s) => ({
      severity: s.severity,
      kinds: [...s.kinds],
      rule: s.component.rule,
      component: { id: s.component.id, type: s.component.type, format: s.component.format, stack: s.component.stack },
      location: {
        file: s.component.location.file,
        startLine: s.component.location.startLine,
        endLine: s.component.location.endLine,
      },
      blastRadius: listed(s.blastRadius),
    })),
    diagnostics: inventory.snapshot.diagnostics.map(diagnosticJson),
    stats: { files: inventory.snapshot.files, components: inventory.snapshot.components.length },
  };
}

export function renderInventoryJson(inventory: Inventory): string {
  return `${JSON.stringify(toInventoryJson(inventory), null, 2)}\n`;
}
