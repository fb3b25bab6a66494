import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { FakeGitHub } from './fake/github.js';
import { pullRequest } from './fake/payloads.js';
import { FakeRepo } from './fake/repo.js';

let h: Harness | undefined;
const cleanup: (() => Promise<void>)[] = [];

/**
 * The stores' clock: it moves only when a test moves it, so a lease lapses when a test lets it and
 * never because this machine is busy (a review that outlived its lease would be retaken mid-run).
 */
let clock = 0;
beforeEach(() => {
  clock = Date.parse('2026-12-01T09:00:00Z');
});

async function frozenStore(): Promise<KyselyStore> {
  const s = await openStore({ SPOF_REVIEW_DB: ':memory:' }, { now: () => new Date(clock) });
  cleanup.push(() => s.close());
  return s;
}

afterEach(async () => {
  await h?.close();
  for (const c of cleanup.splice(0)) await c();
  if (h) expect(h.gh.invalid).toEqual([]);
  h = undefined;
});

function costCut(gh: FakeGitHub, repo: FakeRepo, number = 1) {
  const base = repo.commit(monorepo());
  const head = repo.commit({ ...monorepo(), ...payments('head') });
  gh.openPull(repo, { number, base, head });
  return { number, base, head };
}

describe('GitHub errors', () => {
  it('retries a 5xx and completes the review', async () => {
    h = await harness({ store: await frozenStore() });
    const pr = costCut(h.gh, h.repo);
    h.gh.fail('GET', /\/compare\//, 502, 2);
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    expect(h.gh.ops((c) => c.op === 'repos/compare-commits-with-basehead')).toHaveLength(3);
    expect([...h.gh.checkRuns.values()][0]!.conclusion).toBe('failure');
  });

  it('waits out a secondary rate limit (403 with retry-after) and goes on', async () => {
    h = await harness({ store: await frozenStore() });
    const pr = costCut(h.gh, h.repo);
    h.gh.fail('POST', /\/pulls\/\d+\/reviews$/, 403, 1, { 'retry-after': '1' }, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    expect(h.gh.ops((c) => c.op === 'pulls/create-review')).toHaveLength(2);
    expect(h.gh.reviews).toHaveLength(1);
    expect([...h.gh.checkRuns.values()][0]!.conclusion).toBe('failure');
  });

  it('ends the check as neutral with a readable reason when GitHub keeps failing', async () => {
    h = await harness({ store: await frozenStore() });
    const pr = costCut(h.gh, h.repo);
    h.gh.fail('GET', /\/git\/trees\//, 500, 100);
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'SPOF review could not complete' } });
    expect(run.output.summary).toMatch(/did not complete: GitHub API error 500 \(GET https:\/\/api\.github\.com\/repos\/acme\/infra\/git\/trees\/[0-9a-f]+\)/);
    const [job] = await h.store.unfinished();
    expect(job).toBeUndefined();
  });

  it('says so in the check when review comments are refused, and still concludes', async () => {
    h = await harness({ store: await frozenStore() });
    const pr = costCut(h.gh, h.repo);
    h.gh.fail('POST', /\/pulls\/\d+\/reviews$/, 422, 1, {}, { message: 'Unprocessable Entity', errors: ['pull_request_review_thread.line must be part of the diff'] });
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('GitHub refused the review comments');
    expect(h.gh.issueComments).toHaveLength(1);
  });
});

describe('durable jobs', () => {
  it('a restart resumes a job whose worker died mid-review: the same check run completes', async () => {
    const gh = new FakeGitHub();
    gh.start();
    cleanup.push(async () => gh.stop());
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const store = await frozenStore();
    const pr = costCut(gh, repo);

    // The first process records the job, creates the check run, then dies (its lease runs out).
    const first = await harness({ gh, repo, store, work: false });
    await first.deliver('pull_request', pullRequest('opened', repo, pr));
    const claimed = await store.claim('dead-worker', 1);
    const { data } = await (await first.probot.auth(1)).request('POST /repos/{owner}/{repo}/check-runs', { owner: 'acme', repo: 'infra', name: 'SPOF review', head_sha: pr.head, status: 'in_progress' });
    await store.setCheckRun(claimed!.id, Number(data.id));
    await first.close();
    clock += 10;

    h = await harness({ gh, repo, store });
    await h.settle();
    expect(gh.checkRuns.size).toBe(1);
    expect([...gh.checkRuns.values()][0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const job = await store.job(claimed!.id);
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    // A resumed job looks for comments it may already have posted.
    expect(gh.ops((c) => c.op === 'pulls/list-review-comments')).toHaveLength(1);
  });

  it('gives up, with a neutral check, on a job interrupted three times', async () => {
    const gh = new FakeGitHub();
    gh.start();
    cleanup.push(async () => gh.stop());
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const store = await frozenStore();
    const pr = costCut(gh, repo);
    const first = await harness({ gh, repo, store, work: false });
    await first.deliver('pull_request', pullRequest('opened', repo, pr));
    await first.close();
    // Three workers took it and died (say, out of memory on this repository).
    for (let i = 0; i < 3; i++) {
      await store.claim(`dead-${i}`, 1);
      clock += 5;
    }
    h = await harness({ gh, repo, store });
    await h.settle();
    const [run] = [...gh.checkRuns.values()];
    expect(run).toMatchObject({ conclusion: 'neutral', output: { title: 'SPOF review gave up on this commit' } });
    expect(run!.output.summary).toContain('interrupted 3 times');
    // The config is read to learn the repository's `on_error` (neutral by default).
    expect(gh.ops()).toEqual(['GET repos/get-content', 'GET repos/get-content', 'POST checks/create', 'PATCH checks/update']);
  });

  it('a newer push supersedes a review still running: its check ends neutral, naming the new head', async () => {
    const gh = new FakeGitHub();
    gh.start();
    cleanup.push(async () => gh.stop());
    const repo = gh.add(new FakeRepo('acme', 'infra', 100));
    const store = await frozenStore();
    const pr = costCut(gh, repo);

    // A worker elsewhere is busy with the first head (its lease is still valid).
    const first = await harness({ gh, repo, store, work: false });
    await first.deliver('pull_request', pullRequest('opened', repo, pr));
    const old = await store.claim('other-replica', 60_000);
    const { data } = await (await first.probot.auth(1)).request('POST /repos/{owner}/{repo}/check-runs', { owner: 'acme', repo: 'infra', name: 'SPOF review', head_sha: pr.head, status: 'in_progress' });
    await store.setCheckRun(old!.id, Number(data.id));
    await first.close();

    const head2 = repo.change(pr.head, { 'README.md': '# docs\n' });
    gh.openPull(repo, { ...pr, head: head2 });
    h = await harness({ gh, repo, store });
    await h.deliver('pull_request', pullRequest('synchronize', repo, { ...pr, head: head2 }));
    await h.settle();

    const oldRun = gh.checkRuns.get(Number(data.id))!;
    expect(oldRun).toMatchObject({ conclusion: 'neutral', output: { title: 'Superseded', summary: `Superseded by a newer push: ${head2}.` } });
    expect(await store.heartbeat(old!.id, 'other-replica', 60_000)).toBe(false);
    expect([...gh.checkRuns.values()].find((r) => r.head_sha === head2)!.conclusion).toBe('failure');
  });

  it('serializes the writes of one installation', async () => {
    h = await harness({ store: await frozenStore() });
    h.gh.latencyMs = 15;
    for (const n of [1, 2, 3]) {
      const pr = costCut(h.gh, h.repo, n);
      await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    }
    await h.settle();
    expect(h.gh.checkRuns.size).toBe(3);
    const writes = h.gh.calls.filter((c) => c.method !== 'GET' && !c.op.startsWith('graphql:query') && c.op !== 'apps/create-installation-access-token');
    // Each write starts after the previous one was answered (the fake answers after 15 ms).
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(14);
  });

  it('batches more than 50 annotations over several check run updates', async () => {
    h = await harness({ store: await frozenStore() });
    const dbs = (multiAz: boolean) =>
      Array.from({ length: 60 }, (_, i) => `resource "aws_db_instance" "db${i}" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`).join('\n');
    const base = h.repo.commit({ ...monorepo(), 'infra/fleet/main.tf': dbs(true) });
    const head = h.repo.change(base, { 'infra/fleet/main.tf': dbs(false) });
    h.gh.openPull(h.repo, { number: 8, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 8, base, head }));
    await h.settle();
    const updates = h.gh.calls.filter((c) => c.op === 'checks/update').map((c) => (c.body as { output: { annotations?: unknown[] } }).output.annotations?.length ?? 0);
    expect(updates).toEqual([50, 10]);
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run.annotations).toHaveLength(60);
    expect(run.conclusion).toBe('failure');
    // One review per push, capped; the rest are listed in the summary.
    expect(h.gh.reviews).toHaveLength(1);
    expect(h.gh.reviewComments).toHaveLength(50);
  });
});
