/**
 * Two app replicas sharing a PostgreSQL store: webhooks land on either, jobs run once, on
 * whichever replica claims them. Skipped, saying so, when no PostgreSQL answers (as the store's
 * PostgreSQL suite does).
 */
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeGitHub } from './fake/github.js';
import { pullRequest } from './fake/payloads.js';
import { FakeRepo } from './fake/repo.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from '../store/postgres-server.js';

const URL = TEST_PG_URL;
const SCHEMA = runSchema('app');

const up = (await pgUnreachable(URL)) === undefined;
if (!up) console.warn('GitHub App replica test SKIPPED: PostgreSQL is not reachable. Start it or set DATABASE_URL.');

describe.skipIf(!up)('two replicas on PostgreSQL', () => {
  afterAll(() => dropSchemas(SCHEMA));

  it('share the webhooks and the queue: every review runs once', async () => {
    const gh = new FakeGitHub();
    gh.start();
    nock.enableNetConnect(/^127\.0\.0\.1:5432$/);
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const [storeA, storeB] = await Promise.all([openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: SCHEMA }), openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: SCHEMA })]);
    const a = await harness({ gh, repo, store: storeA, runner: { workerId: 'replica-a', concurrency: 2 } });
    const b = await harness({ gh, repo, store: storeB, runner: { workerId: 'replica-b', concurrency: 2 } });
    try {
      const base = repo.commit(monorepo());
      const deliveries: Promise<string>[] = [];
      for (let n = 1; n <= 6; n++) {
        const head = repo.commit({ ...monorepo(), ...payments('head'), 'infra/payments/pr.txt': String(n) });
        gh.openPull(repo, { number: n, base, head });
        const payload = pullRequest('opened', repo, { number: n, base, head });
        const id = `delivery-${n}`;
        // Every delivery reaches one replica, and GitHub redelivers half of them to the other.
        deliveries.push((n % 2 ? a : b).deliver('pull_request', payload, id));
        if (n % 2 === 0) deliveries.push(a.deliver('pull_request', payload, id));
      }
      await Promise.all(deliveries);
      await Promise.all([a.settle(), b.settle()]);
      await Promise.all([a.settle(), b.settle()]);

      const runs = [...gh.checkRuns.values()];
      expect(runs).toHaveLength(6);
      expect(runs.every((r) => r.status === 'completed' && r.conclusion === 'failure')).toBe(true);
      expect(gh.reviews).toHaveLength(6);
      expect(gh.issueComments).toHaveLength(6);
      expect(await storeA.unfinished()).toEqual([]);
      const owners = await storeA.db.selectFrom('review_jobs').select('lease_owner').distinct().execute();
      expect(owners.map((o) => o.lease_owner!.split('#')[0]).sort()).toEqual(['replica-a', 'replica-b']);
      expect(gh.invalid).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
      gh.stop();
    }
  });
});
