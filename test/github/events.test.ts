import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { checkRun, checkSuite, labeled, mergeGroup, pullRequest, push } from './fake/payloads.js';

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

async function reviewedPr(opts: { fork?: string } = {}) {
  const base = h.repo.commit(monorepo());
  const head = h.repo.commit({ ...monorepo(), ...payments('head') });
  const pr = { number: 3, base, head, ...(opts.fork ? { fork: opts.fork } : {}) };
  h.gh.openPull(h.repo, pr);
  await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
  await h.settle();
  return pr;
}

describe('re-runs', () => {
  it('a redelivered webhook makes no second check run', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    h.gh.openPull(h.repo, { number: 3, base, head });
    const payload = pullRequest('opened', h.repo, { number: 3, base, head });
    const id = await h.deliver('pull_request', payload);
    await h.deliver('pull_request', payload, id);
    await h.deliver('pull_request', pullRequest('reopened', h.repo, { number: 3, base, head })); // same head, another delivery
    await h.settle();
    expect(h.gh.ops((c) => c.op === 'checks/create')).toHaveLength(1);
    expect(h.gh.reviews).toHaveLength(1);
    expect(h.gh.issueComments).toHaveLength(1);
  });

  it('check_run.rerequested reviews again in a new check run without posting anything twice', async () => {
    h = await harness();
    const pr = await reviewedPr();
    const first = [...h.gh.checkRuns.values()][0]!;
    h.gh.calls.length = 0;
    await h.deliver('check_run', checkRun('rerequested', h.repo, { id: first.id, headSha: pr.head, pull: pr }));
    await h.settle();
    expect(h.gh.ops()).toEqual([
      'GET repos/get-content',
      'GET repos/get-content',
      'POST checks/create',
      'GET repos/compare-commits-with-basehead',
      'GET git/get-tree',
      'GET git/get-tree',
      'PATCH checks/update',
    ]);
    expect([...h.gh.checkRuns.values()].map((r) => r.conclusion)).toEqual(['failure', 'failure']);
    expect(h.gh.reviews).toHaveLength(1);
  });

  it('a re-run of an older commit answers in its check run only', async () => {
    h = await harness();
    const pr = await reviewedPr();
    const head2 = h.repo.change(pr.head, { 'README.md': '# docs\n' });
    h.gh.openPull(h.repo, { ...pr, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { ...pr, head: head2 }));
    await h.settle();
    const comment = h.gh.issueComments[0]!.body;
    h.gh.calls.length = 0;
    await h.deliver('check_run', checkRun('rerequested', h.repo, { id: 1, headSha: pr.head, pull: pr }));
    await h.settle();
    expect(h.gh.ops((c) => c.method !== 'GET' && !c.op.startsWith('graphql:query'))).toEqual(['POST checks/create', 'PATCH checks/update']);
    expect(h.gh.issueComments[0]!.body).toBe(comment);
    expect((await h.store.latestReview(100, 3))!.headSha).toBe(head2);
  });

  it('check_suite.rerequested of a fork PR (no pull_requests in the payload) finds the PR by its head SHA', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    const pr = { number: 4, base, head, fork: 'someone/infra' };
    h.gh.openPull(h.repo, pr);
    // The store has never seen this PR: GitHub is asked which PR has the commit.
    await h.deliver('check_suite', checkSuite(h.repo, { headSha: head }));
    await h.settle();
    expect(h.gh.ops().slice(2, 4)).toEqual(['GET repos/list-pull-requests-associated-with-commit', 'POST checks/create']);
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run).toMatchObject({ head_sha: head, conclusion: 'failure' });
    expect(new Set(h.gh.reviewComments.map((c) => c.pull))).toEqual(new Set([4]));
    expect(await h.store.prForHeadSha(100, head)).toBe(4);
  });

  it('check_suite.rerequested of a known fork PR uses the remembered head SHA', async () => {
    h = await harness();
    const pr = await reviewedPr({ fork: 'someone/infra' });
    h.gh.calls.length = 0;
    await h.deliver('check_suite', checkSuite(h.repo, { headSha: pr.head }));
    await h.settle();
    expect(h.gh.ops().slice(2, 4)).toEqual(['GET pulls/get', 'POST checks/create']);
    expect(h.gh.checkRuns.size).toBe(2);
  });
});

describe('accepting the risk', () => {
  it('the Accept risk action records who accepted which findings and turns the same check green', async () => {
    h = await harness();
    const pr = await reviewedPr();
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run.conclusion).toBe('failure');
    h.gh.calls.length = 0;
    await h.deliver('check_run', checkRun('requested_action', h.repo, { id: run.id, headSha: pr.head, pull: pr, sender: 'alice' }));
    await h.settle();

    const [acceptance] = await h.store.acceptances(100, 3);
    expect(acceptance).toMatchObject({ acceptedBy: 'alice', via: 'check_run_action', headSha: pr.head });
    expect(acceptance!.fingerprints).toHaveLength(2);
    expect(h.gh.ops((c) => c.op === 'checks/create')).toEqual([]);
    expect(run).toMatchObject({ conclusion: 'success', actions: [], output: { title: 'Risk accepted by @alice' } });
    expect(run.output.summary).toContain('Risk accepted by @alice for 1 finding');
    expect(h.gh.issueComments[0]!.body).toContain('Risk accepted by @alice');
  });

  it('does not cover a new finding pushed later', async () => {
    h = await harness();
    const pr = await reviewedPr();
    const run = [...h.gh.checkRuns.values()][0]!;
    await h.deliver('check_run', checkRun('requested_action', h.repo, { id: run.id, headSha: pr.head, pull: pr, sender: 'alice' }));
    await h.settle();
    // Now a new single-instance database appears in another stack.
    const head2 = h.repo.change(pr.head, { 'infra/web-000/db.tf': 'resource "aws_db_instance" "extra" {\n  engine   = "postgres"\n  multi_az = false\n}\n' });
    h.gh.openPull(h.repo, { ...pr, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { ...pr, head: head2 }));
    await h.settle();
    const latest = [...h.gh.checkRuns.values()].find((r) => r.head_sha === head2)!;
    expect(latest.conclusion).toBe('failure');
    expect(latest.output.title).toMatch(/^3 new SPOFs/);
  });

  it('the accept label does the same', async () => {
    h = await harness();
    const pr = await reviewedPr();
    await h.deliver('pull_request', labeled(h.repo, pr, 'bug', 'bob'));
    await h.settle();
    expect(await h.store.acceptances(100, 3)).toEqual([]);
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'bob'));
    await h.settle();
    expect((await h.store.acceptances(100, 3)).map((a) => [a.acceptedBy, a.via])).toEqual([['bob', 'label']]);
    const runs = [...h.gh.checkRuns.values()];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ conclusion: 'success', output: { title: 'Risk accepted by @bob' } });
  });
});

describe('merge queue and default branch', () => {
  it('merge_group.checks_requested gets a check run and no comments', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    await h.deliver('merge_group', mergeGroup(h.repo, { head, base, pulls: [3] }));
    await h.settle();
    expect(h.gh.ops()).toEqual([
      'GET repos/get-content',
      'GET repos/get-content',
      'POST checks/create',
      'GET repos/compare-commits-with-basehead',
      'GET git/get-tree',
      'GET git/get-tree',
      'POST graphql:query Blobs',
      'PATCH checks/update',
    ]);
    expect([...h.gh.checkRuns.values()][0]).toMatchObject({ head_sha: head, conclusion: 'failure', actions: [] });
  });

  it('a re-run of a merge group check finds the group base as its head commit\'s parent', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.change(base, payments('head'));
    await h.deliver('check_run', checkRun('rerequested', h.repo, { id: 77, headSha: head, headBranch: `gh-readonly-queue/main/pr-3-${head}` }));
    await h.settle();
    expect(h.gh.ops().slice(2, 4)).toEqual(['GET repos/get-commit', 'POST checks/create']);
    expect([...h.gh.checkRuns.values()][0]).toMatchObject({ head_sha: head, conclusion: 'failure' });
    expect(h.gh.reviews).toHaveLength(0);
  });

  it('a push to the default branch records the inventory; other branches are ignored', async () => {
    h = await harness();
    const sha = h.repo.commit(monorepo({ side: 'head' }));
    await h.deliver('push', push(h.repo, sha, 'refs/heads/feature'));
    await h.deliver('push', push(h.repo, sha));
    await h.settle();
    expect(h.gh.ops()).toEqual(['GET repos/get-content', 'GET repos/get-content', 'GET git/get-tree', 'POST graphql:query Blobs']);
    const inv = await h.store.latestInventory(100, 'refs/heads/main');
    expect(inv?.sha).toBe(sha);
    expect(inv!.spofs.map((s) => s.componentId).sort()).toEqual(['aws_db_instance.payments', 'aws_nat_gateway.main']);
    expect(h.gh.checkRuns.size).toBe(0);
  });
});
