/**
 * The store filled through its own write API (what the app records) for the access scene: every
 * repository of harness.ts has a reviewed PR with findings, an acceptance, and a default-branch
 * inventory, each carrying the repository's name in its rule, title, file, component, reason and
 * team, so a leak shows up as that name anywhere in an answer. Bob's own repositories have two
 * findings where the others have one, so a count that includes them is off.
 */
import type { Store, RepoRef } from '../../src/store/types.js';
import { finding, sampleReview } from '../store/fixtures.js';
import { REPOS } from './harness.js';

const INSTALLATION: Record<string, number> = { acme: 11, globex: 22, initech: 33 };

export type SceneRepo = (typeof REPOS)[keyof typeof REPOS];

export function refOf(r: SceneRepo): RepoRef {
  return { installationId: r.id === REPOS.otherAppRepo.id ? 99 : INSTALLATION[r.owner]!, repoId: r.id, owner: r.owner, repo: r.name };
}

/** Strings unique to one repository: none may appear in an answer to someone who cannot see it. */
export function traces(r: SceneRepo): string[] {
  return [r.name, `rule-${r.name}`, `reason-${r.name}`];
}

export const PR = 10;

export async function seed(store: Store, now = new Date()): Promise<void> {
  const bobOnly = new Set<number>([REPOS.acmeBobOnly.id, REPOS.globexBobOnly.id]);
  let sha = 0;
  const hex = () => (++sha).toString(16).padStart(40, 'a');
  for (const r of Object.values(REPOS)) {
    const ref = refOf(r);
    const head = hex();
    const findings = Array.from({ length: bobOnly.has(r.id) ? 2 : 1 }, (_, i) =>
      finding({
        fingerprint: `${r.name}-${i}`.padEnd(20, '0').slice(0, 20),
        rule: `rule-${r.name}`,
        title: `${r.name} database ${i} is a single point of failure`,
        component: { id: `aws_db_instance.${r.name.replace(/-/g, '_')}_${i}`, type: 'aws_db_instance', format: 'terraform', stack: `stacks/${r.name}` },
        location: { file: `stacks/${r.name}/db.tf`, startLine: 3 + i, endLine: 9 + i },
      }),
    );
    const { job } = await store.enqueue({ ...ref, prNumber: PR, headSha: head, baseSha: hex(), trigger: 'pull_request', deliveryId: `d-${r.id}` });
    await store.saveReview({ ...ref, jobId: job.id, prNumber: PR, headSha: head, baseSha: job.baseSha, conclusion: 'failure', review: sampleReview(findings) });
    await store.mapHeadSha(r.id, head, PR);
    await store.recordAcceptance({ ...ref, prNumber: PR, headSha: head, fingerprints: [findings[0]!.fingerprint], acceptedBy: `owner-of-${r.name}`, via: 'comment', note: `reason-${r.name}`, expiresAt: new Date(now.getTime() + 7 * 86_400_000) });
    await store.recordAcceptanceEvent({ ...ref, prNumber: PR, headSha: head, action: 'accepted', actor: `owner-of-${r.name}`, via: 'comment', reason: `reason-${r.name}`, detail: null, fingerprints: [findings[0]!.fingerprint], expiresAt: null, deliveryId: `e-${r.id}` });
    await store.saveInventory({
      ...ref,
      ref: 'refs/heads/main',
      sha: hex(),
      spofs: findings.map((f) => ({ fingerprint: f.fingerprint, severity: f.severity, rule: f.rule, componentId: f.component.id, stack: f.component.stack, file: f.location.file, line: f.location.startLine, title: f.title })),
    });
  }
}
