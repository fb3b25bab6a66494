/** The words of the `SPOF review` check that the app and the GitHub Action both write. */
import type { Config } from '../../config/types.js';
import type { Finding, Review } from '../../model/index.js';
import { failing, plural } from '../../report/format.js';
import type { CheckOutput } from './check-run.js';
import type { Acceptance } from './summary.js';

/** Findings still open: neither resolved nor suppressed. */
export function openFindings(review: Review): Finding[] {
  return review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
}

export function checkTitle(result: Review, failOn: Config['fail_on'], accepted?: Acceptance): string {
  const open = openFindings(result);
  if (accepted) return `Risk accepted by ${accepted.by.map((b) => `@${b}`).join(', ')}`;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  // What was not reviewed never passes for reviewed (the summary lists each error).
  if (open.length === 0 && errors > 0) return `Not fully reviewed: ${plural(errors, 'error')}, no finding in the rest`;
  if (open.length === 0) {
    return result.counts['resolved-spof'] > 0 ? `${plural(result.counts['resolved-spof'], 'SPOF')} resolved, none introduced` : 'No single point of failure introduced';
  }
  const parts: string[] = [];
  if (result.counts['new-spof'] > 0) parts.push(plural(result.counts['new-spof'], 'new SPOF'));
  if (result.counts['redundancy-reduced'] > 0) parts.push(`${result.counts['redundancy-reduced']} redundancy reduced`);
  if (result.counts['blast-radius-grown'] > 0) parts.push(`${result.counts['blast-radius-grown']} blast radius grown`);
  const over = failOn === 'never' ? 0 : failing(result, failOn).length;
  return `${parts.join(', ')}${over > 0 ? ` (${over} at or above ${failOn})` : ''}`;
}

/** The check of a change that touches no infrastructure file: a quick success. */
export function noInfrastructureOutput(configProblems: number): CheckOutput {
  return {
    title: 'No infrastructure change',
    summary: `This change touches no infrastructure-as-code file spof-review reads (Terraform, Kubernetes, docker-compose, CloudFormation), so it cannot add a single point of failure.${
      configProblems > 0 ? `\n\n\`.github/spof-review.yml\` has ${plural(configProblems, 'problem')}; they matter once infrastructure changes.` : ''
    }\n`,
  };
}

/** What an earlier summary comment becomes when a later push no longer changes infrastructure. */
export const NO_LONGER_INFRASTRUCTURE = '## SPOF review: ✅ success\n\nThis pull request no longer changes any infrastructure file.\n';
