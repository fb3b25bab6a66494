/**
 * Retention (DESIGN amendment 53): how long a purge and a blob expiry hold the store, at a size past
 * one busy installation: 20 repositories x 50 pull requests x 2 reviews x 10 findings, acceptances,
 * their trail, outcomes, and 500 cached blobs (2 KB) per repository. SQLite in a temporary file, and
 * PostgreSQL when DATABASE_URL (or the local test server) answers.
 *
 *   node --import tsx bench/retention-bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openStore } from '../src/store/open.js';
import type { RepoRef } from '../src/store/types.js';
import { finding, sampleReview } from '../test/store/fixtures.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from '../test/store/postgres-server.js';

const REPOS = 20;
const PULLS = 50;
const FINDINGS = 10;
const BLOBS = 500;

async function fill(store: KyselyStore): Promise<RepoRef[]> {
  const repos: RepoRef[] = Array.from({ length: REPOS }, (_, i) => ({ installationId: 77, repoId: 1000 + i, owner: 'acme', repo: `infra-${i}` }));
  const findings = Array.from({ length: FINDINGS }, (_, i) => finding({ fingerprint: `fp-${i}` }));
  const filler = 'x'.repeat(2048);
  for (const ref of repos) {
    for (let pr = 1; pr <= PULLS; pr++) {
      for (const sha of ['a', 'b']) {
        const { job } = await store.enqueue({ ...ref, prNumber: pr, headSha: sha.repeat(40), baseSha: null, trigger: 'pull_request', deliveryId: `${ref.repoId}-${pr}-${sha}` });
        await store.saveReview({ ...ref, jobId: job.id, prNumber: pr, headSha: job.headSha, baseSha: null, conclusion: 'failure', review: sampleReview(findings) });
      }
      await store.recordAcceptance({ ...ref, prNumber: pr, headSha: 'b'.repeat(40), fingerprints: findings.map((f) => f.fingerprint), acceptedBy: 'lead', via: 'comment', note: 'ok' });
      await store.recordAcceptanceEvent({ ...ref, prNumber: pr, headSha: null, action: 'accepted', actor: 'lead', via: 'comment', reason: 'ok', detail: null, fingerprints: [], expiresAt: null, deliveryId: null });
    }
    for (let b = 0; b < BLOBS; b++) await store.putBlob(`${ref.repoId}-${b}`, filler, ref);
  }
  return repos;
}

async function measure(name: string, env: Parameters<typeof openStore>[0], cleanup: () => Promise<void>): Promise<string> {
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  const store = await openStore(env, { now: () => new Date(clock.t) });
  try {
    const started = performance.now();
    const repos = await fill(store);
    const filled = performance.now() - started;
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const one = await time(() => store.purgeRepository(repos[0]!.repoId));
    const expire = await time(() => store.expireBlobs(new Date(clock.t + 1)));
    const all = await time(() => store.purgeInstallation(77));
    const per = PULLS * 2;
    return `${name}: filled ${REPOS} repos (${(REPOS * per).toLocaleString('en')} reviews, ${(REPOS * per * FINDINGS).toLocaleString('en')} findings, ${(REPOS * BLOBS).toLocaleString('en')} blobs) in ${(filled / 1000).toFixed(1)} s; `
      + `purge one repository ${one.toFixed(0)} ms; expire ${((REPOS - 1) * BLOBS).toLocaleString('en')} blobs ${expire.toFixed(0)} ms; purge the installation (${REPOS - 1} repositories) ${all.toFixed(0)} ms`;
  } finally {
    await store.close();
    await cleanup();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'spof-retention-'));
console.log(await measure('SQLite', { SPOF_REVIEW_DB: join(dir, 'bench.db') }, async () => rmSync(dir, { recursive: true, force: true })));

const unreachable = await pgUnreachable();
if (unreachable) console.log(`PostgreSQL skipped: ${unreachable}`);
else {
  const schema = runSchema('bench');
  console.log(await measure('PostgreSQL', { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema }, () => dropSchemas(schema)));
}
