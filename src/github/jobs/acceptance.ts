/**
 * Accepted risk: someone with write access pressed `Accept risk` on the check run or added the
 * accept label. The acceptance names the fingerprints open at that moment, so it covers exactly
 * those findings; a later push that brings a new finding fails again.
 */
import type { Finding, Review } from '../../model/index.js';
import { failing, type FailOn } from '../../report/format.js';
import type { Acceptance as StoredAcceptance, RepoRef, Store } from '../../store/types.js';
import type { Acceptance } from '../publish/summary.js';

export function openFindings(review: Review): Finding[] {
  return review.findings.filter((f) => f.kind !== 'resolved-spof' && !f.suppressed);
}

/**
 * Records an acceptance of the open findings of the PR's latest review, when that review is of
 * `headSha` (accepting what a stale check run showed would accept something unseen).
 */
export async function recordAcceptance(
  store: Store,
  ref: RepoRef,
  prNumber: number,
  headSha: string,
  acceptedBy: string,
  via: StoredAcceptance['via'],
): Promise<boolean> {
  const latest = await store.latestReview(ref.repoId, prNumber);
  if (!latest || latest.headSha !== headSha) return false;
  const fingerprints = openFindings(latest.review).map((f) => f.fingerprint);
  if (fingerprints.length === 0) return false;
  await store.recordAcceptance({ ...ref, prNumber, headSha, fingerprints, acceptedBy, via, note: null });
  return true;
}

/** The acceptance that turns this review's failure into a success, if every failing finding is covered. */
export async function acceptanceFor(store: Store, repoId: number, prNumbers: readonly number[], review: Review, failOn: FailOn): Promise<Acceptance | undefined> {
  const failingNow = failing(review, failOn);
  if (failingNow.length === 0) return undefined;
  const all = (await Promise.all(prNumbers.map((n) => store.acceptances(repoId, n)))).flat();
  const covered = new Set(all.flatMap((a) => a.fingerprints));
  if (!failingNow.every((f) => covered.has(f.fingerprint))) return undefined;
  const by = [...new Set(all.filter((a) => a.fingerprints.some((fp) => failingNow.some((f) => f.fingerprint === fp))).map((a) => a.acceptedBy))];
  return { by, fingerprints: new Set(failingNow.map((f) => f.fingerprint)) };
}

/** `gh-readonly-queue/main/pr-12-<sha>`: the PRs a merge group was built from. */
export function mergeGroupPulls(ref: string | undefined): number[] {
  return [...(ref ?? '').matchAll(/pr-(\d+)-[0-9a-f]{7,40}/g)].map((m) => Number(m[1]));
}
