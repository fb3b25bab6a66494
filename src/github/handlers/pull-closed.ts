/**
 * pull_request.closed: what became of each finding the pull request carried (merged with risk,
 * fixed before merge, abandoned), recorded for the dashboard. Queued reviews of a closed pull
 * request have nothing left to say.
 */
import type { AppEvents } from '../events.js';
import { outcomesOf } from '../governance/outcomes.js';
import { inForce } from '../jobs/acceptance.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onPullClosed(events: AppEvents, deps: HandlerDeps): void {
  events.on('pull_request.closed', async (context) => {
    const pr = context.payload.pull_request;
    const ref = refOf(context.payload);
    if (!ref) return;
    const latest = await deps.store.latestReview(ref.repoId, pr.number);
    if (!latest) return;
    const closedAt = pr.closed_at ? new Date(pr.closed_at) : new Date();
    const accepted = new Set((await deps.store.acceptances(ref.repoId, pr.number)).filter((a) => inForce(a, closedAt)).flatMap((a) => a.fingerprints));
    const seen = await deps.store.pullFindings(ref.repoId, pr.number);
    const merged = pr.merged === true;
    const rows = outcomesOf(latest.review, seen, accepted, { merged, headSha: pr.head.sha, mergeSha: pr.merge_commit_sha ?? null, closedAt });
    await deps.store.recordOutcomes(ref, pr.number, rows);
    context.log.info({ pr: pr.number, merged, findings: rows.length }, 'pull request closed: finding outcomes recorded');
  });
}
