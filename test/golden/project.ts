import type { Review } from '../../src/model/index.js';

/**
 * The part of a review a golden case pins down, in compact strings so that expected.json files
 * read like a review: `kind`, `severity`, `rule`, component id, `file:line` of the finding, every
 * evidence item, and where the suggestion lands. Messages are free to improve without churn.
 */
export interface GoldenView {
  conclusion: Review['conclusion'];
  findings: {
    kind: string;
    severity: string;
    rule: string;
    component: string;
    location: string;
    evidence: string[];
    suggestion?: string;
    /** The severity it would have had, when something rated it lower. */
    ratedFrom?: string;
  }[];
  diagnostics: string[];
}

const show = (v: unknown) => JSON.stringify(v ?? null);

export function project(review: Review): GoldenView {
  return {
    conclusion: review.conclusion,
    findings: review.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      rule: f.rule,
      component: f.component.stack === '.' ? f.component.id : `${f.component.stack}:${f.component.id}`,
      location: `${f.location.file}:${f.location.startLine}`,
      evidence: f.evidence.map((e) => `${e.attribute}@${e.file}:${e.line}: ${show(e.before)} -> ${show(e.after)}`),
      ...(f.rated ? { ratedFrom: f.rated.from } : {}),
      ...(f.suggestion ? { suggestion: `${f.suggestion.file}:${f.suggestion.startLine}-${f.suggestion.endLine}: ${f.suggestion.replacement}` } : {}),
    })),
    diagnostics: review.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity}: ${d.message}`),
  };
}
