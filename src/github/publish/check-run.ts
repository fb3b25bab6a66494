/**
 * The `SPOF review` check run: created in progress on the head SHA as soon as a review starts,
 * completed with the conclusion, the summary and annotations. GitHub takes at most 50
 * annotations per request, so the first 50 ride on the completing update and the rest follow in
 * further updates (GitHub appends them).
 */
import type { Conclusion, Finding, Review } from '../../model/index.js';
import { atOrAbove, type FailOn } from '../../report/format.js';
import type { GitHubApi, RepoCoords } from '../types.js';
import { annotationMessage, annotationTitle } from './finding-text.js';
import { inHead } from './placement.js';

export const CHECK_NAME = 'SPOF review';
export const ACCEPT_ACTION = 'accept_risk';
export const ANNOTATIONS_PER_REQUEST = 50;
/** More annotations than this are noise; the summary still lists every finding. */
export const MAX_ANNOTATIONS = 500;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
}

export async function createCheckRun(gh: GitHubApi, coords: RepoCoords, headSha: string, externalId: string): Promise<number> {
  const { data } = await gh.request('POST /repos/{owner}/{repo}/check-runs', {
    ...coords,
    name: CHECK_NAME,
    head_sha: headSha,
    status: 'in_progress',
    external_id: externalId,
    started_at: new Date().toISOString(),
    output: { title: 'Reviewing the infrastructure changes…', summary: 'spof-review is reading the stacks this change touches.' },
  });
  return Number(data.id);
}

/** Annotations on head lines: failures at or above `fail_on`, warnings below, notices for resolved SPOFs. */
export function annotationsFor(review: Review, failOn: FailOn, headHas: (path: string) => boolean): Annotation[] {
  const out: Annotation[] = [];
  for (const f of review.findings) {
    if (f.suppressed || !inHead(f) || !headHas(f.location.file)) continue;
    const level = f.kind === 'resolved-spof' ? 'notice' : atOrAbove(f.severity, failOn) ? 'failure' : 'warning';
    const line = annotationLine(f, headHas);
    out.push({ ...line, annotation_level: level, title: annotationTitle(f), message: annotationMessage(f) });
  }
  return out.slice(0, MAX_ANNOTATIONS);
}

/** The changed attribute that decided the finding when there is one, else the component. */
function annotationLine(f: Finding, headHas: (path: string) => boolean): { path: string; start_line: number; end_line: number } {
  const e = f.evidence.find((x) => headHas(x.file));
  if (e && f.kind !== 'resolved-spof') return { path: e.file, start_line: e.line, end_line: e.line };
  return { path: f.location.file, start_line: f.location.startLine, end_line: Math.max(f.location.startLine, f.location.endLine) };
}

export async function completeCheckRun(
  gh: GitHubApi,
  coords: RepoCoords,
  checkRunId: number,
  result: { conclusion: Conclusion; output: CheckOutput; annotations?: readonly Annotation[]; offerAccept?: boolean },
): Promise<void> {
  const annotations = result.annotations ?? [];
  const first = annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
    ...coords,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...result.output, ...(first.length > 0 ? { annotations: first } : {}) },
    actions: result.offerAccept
      ? [{ label: 'Accept risk', identifier: ACCEPT_ACTION, description: 'Accept these findings: the check passes' }]
      : [],
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    try {
      await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...coords,
        check_run_id: checkRunId,
        output: { ...result.output, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) },
      });
    } catch (err) {
      // The check is complete already and its summary lists every finding: further annotations are extras.
      if (typeof (err as { status?: unknown }).status !== 'number') throw err;
      return;
    }
  }
}

/** Ends a check run that will not get a review result: superseded, or failed with a reason. */
export async function endCheckRun(
  gh: GitHubApi,
  coords: RepoCoords,
  checkRunId: number,
  conclusion: 'neutral' | 'failure' | 'success',
  output: CheckOutput,
): Promise<void> {
  await completeCheckRun(gh, coords, checkRunId, { conclusion, output });
}
