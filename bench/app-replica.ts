/**
 * One app replica for `bench:app`'s kill test, in its own process so it can be killed with
 * SIGKILL: the real server (its workers on their own thread, as `npm start` runs them) on a SQLite
 * file shared with its successor, GitHub faked in-process on a loopback port (slowed so a review
 * takes seconds). GitHub's state outlives a replica, so a successor's fake
 * starts with the in-progress check runs the store names. Prints `url <url>` when listening and
 * `done <jobId> <conclusion>` for each check run it completes.
 */
import { serve } from '../src/github/server.js';
import { openStore } from '../src/store/index.js';
import { monorepo, payments } from '../test/github/fake/fixtures.js';
import { FakeGitHub } from '../test/github/fake/github.js';
import { APP_ID, WEBHOOK_SECRET, captureLogger } from '../test/github/fake/probot.js';
import { FakeRepo } from '../test/github/fake/repo.js';

const [db, replica, keyFile] = process.argv.slice(2) as [string, string, string];
const gh = new FakeGitHub();
const github = await gh.listen();
gh.latencyMs = 250;
const repo = gh.add(new FakeRepo('acme', 'infra', 100));
const base = repo.commit(monorepo({ stacks: 20 }));
const head = repo.commit({ ...monorepo({ stacks: 20 }), ...payments('head') });
gh.openPull(repo, { number: 1, base, head });

const store = await openStore({ SPOF_REVIEW_DB: db });
for (const job of await store.unfinished()) {
  if (job.checkRunId === null) continue;
  gh.checkRuns.set(job.checkRunId, { id: job.checkRunId, head_sha: job.headSha, name: 'SPOF review', status: 'in_progress', conclusion: null, output: {}, annotations: [], actions: [], updates: 0 });
}
const { readFileSync } = await import('node:fs');
const server = await serve({
  env: { APP_ID: String(APP_ID), PRIVATE_KEY: readFileSync(keyFile, 'utf8'), WEBHOOK_SECRET, REPLICA_ID: replica, GHE_HOST: github.origin.replace(/^http:\/\//, ''), GHE_PROTOCOL: 'http' },
  store,
  host: '127.0.0.1',
  port: 0,
  octokit: { retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 },
  log: captureLogger([], 'warn'),
});
process.stdout.write(`url ${server.url} ${base} ${head}\n`);
const reported = new Set<number>();
setInterval(() => {
  for (const run of gh.checkRuns.values()) {
    if (run.status !== 'completed' || reported.has(run.id)) continue;
    reported.add(run.id);
    process.stdout.write(`done ${run.id} ${run.conclusion}\n`);
  }
}, 20);
