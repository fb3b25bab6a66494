/**
 * Accepted risk (given through governance/accept.ts): an acceptance names the fingerprints open at
 * that moment, so it covers exactly those findings; a later push that brings a new finding fails
 * again. A revoked acceptance covers nothing, nor does one past its expiry.
 */
import { minOf, type Review } from '../../model/index.js';
import { failing, type FailOn } from '../../report/format.js';
import type { Acceptance as StoredAcceptance, Store } from '../../store/types.js';
import type { Acceptance } from '../publish/summary.js';

export { openFindings } from '../publish/check-text.js';

/** The acceptance that turns this review's failure into a success, if every failing finding is covered. */
export async function acceptanceFor(
  store: Store,
  repoId: number,
  prNumbers: readonly number[],
  review: Review,
  failOn: FailOn,
  now = new Date(),
): Promise<Acceptance | undefined> {
  const failingNow = failing(review, failOn);
  if (failingNow.length === 0) return undefined;
  const all = (await Promise.all(prNumbers.map((n) => store.acceptances(repoId, n)))).flat().filter((a) => inForce(a, now));
  const covered = new Set(all.flatMap((a) => a.fingerprints));
  if (!failingNow.every((f) => covered.has(f.fingerprint))) return undefined;
  const used = all.filter((a) => a.fingerprints.some((fp) => failingNow.some((f) => f.fingerprint === fp)));
  const by = [...new Set(used.map((a) => a.acceptedBy))];
  const expiries = used.flatMap((a) => (a.expiresAt ? [a.expiresAt.getTime()] : []));
  return { by, fingerprints: new Set(failingNow.map((f) => f.fingerprint)), ...(expiries.length > 0 ? { until: new Date(minOf(expiries)) } : {}) };
}

export function inForce(a: StoredAcceptance, now: Date): boolean {
  return a.revokedAt === null && (a.expiresAt === null || a.expiresAt.getTime() > now.getTime());
}

/** `gh-readonly-queue/main/pr-12-<sha>`: the PRs a merge group was built from. */
export function mergeGroupPulls(ref: string | undefined): number[] {
  return [...(ref ?? '').matchAll(/pr-(\d+)-[0-9a-f]{7,40}/g)].map((m) => Number(m[1]));
}
