import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { privateKey, WEBHOOK_SECRET } from './fake/probot.js';
import { pullRequest } from './fake/payloads.js';

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

/** A PR that turns the payments database single-AZ and collapses the NAT gateways. */
async function costCutPr(number = 1) {
  const base = h.repo.commit(monorepo({ stacks: 5 }));
  const head = h.repo.commit({ ...monorepo({ stacks: 5 }), ...payments('head') });
  h.gh.openPull(h.repo, { number, base, head });
  return { number, base, head };
}

describe('a pull request review', () => {
  it('creates the check at once, reads the change economically, comments on the diff, posts one summary, completes the check', async () => {
    h = await harness();
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();

    expect(h.gh.ops()).toEqual([
      'GET repos/get-content', // .github/spof-review.yml in the repo
      'GET repos/get-content', // ... and in the org's .github repository
      'POST checks/create',
      'GET repos/compare-commits-with-basehead',
      'GET git/get-tree',
      'GET git/get-tree',
      'POST graphql:query Blobs',
      'POST pulls/create-review',
      'GET pulls/list-comments-for-review',
      'GET issues/list-comments',
      'POST issues/create-comment',
      'PATCH checks/update',
    ]);
    const [run] = [...h.gh.checkRuns.values()];
    expect(run).toMatchObject({ name: 'SPOF review', head_sha: pr.head, status: 'completed', conclusion: 'failure' });
    expect(h.gh.calls.find((c) => c.op === 'checks/create')!.body).toMatchObject({ status: 'in_progress', head_sha: pr.head });
    expect(run!.output.title).toBe('2 new SPOFs (1 at or above high)');
    expect(run!.output.summary).toContain('| Severity | Finding | Component | Location | Blast radius |');
    // Each finding once: its row and its collapsed details (recovery inside them); the diagram collapsed.
    expect(run!.output.summary).not.toContain('### Recovery (RTO / RPO)');
    expect(run!.output.summary!.match(/- Recovery: /g)).toHaveLength(2);
    expect(run!.output.summary).toContain('<details><summary>Affected part of the graph');
    expect(run!.output.summary).toContain('```mermaid\nflowchart LR');
    // Both findings sit on lines the PR changed (the NAT gateway on `nat_per_az = false`): none is marked uncommented.
    expect(run!.output.summary).not.toContain('(no inline comment)');
    expect(run!.output.summary).toContain(`https://github.com/acme/infra/blob/${pr.head}/infra/payments/database.tf#L6`);
    expect(run!.actions).toEqual([{ label: 'Accept risk', identifier: 'accept_risk', description: expect.any(String) }]);
    expect(run!.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['infra/payments/terraform.tfvars', 2, 'failure'],
      ['infra/payments/terraform.tfvars', 3, 'warning'],
    ]);

    expect(h.gh.reviewComments.map((c) => [c.path, c.line])).toEqual([
      ['infra/payments/terraform.tfvars', 2],
      ['infra/payments/terraform.tfvars', 3],
    ]);
    expect(h.gh.reviewComments[0]!.body).toContain('```suggestion\ndb_multi_az = true\n```');
    expect(h.gh.issueComments).toHaveLength(1);
    expect(h.gh.issueComments[0]!.body).toMatch(/^<!-- spof-review:summary -->\n## SPOF review: ❌ failure/);

    const stored = await h.store.latestReview(100, 1);
    expect(stored?.headSha).toBe(pr.head);
    expect((await h.store.posted(100, 1)).map((p) => p.fingerprint).sort()).toEqual(stored!.review.findings.map((f) => f.fingerprint).sort());
  });

  it('on a re-push that changes one file fetches only that blob, posts nothing twice and leaves the unchanged summary alone', async () => {
    h = await harness();
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    h.gh.calls.length = 0;

    // The instance type changes back: same findings, one new blob.
    const service = h.repo.get(pr.head).files.get('infra/payments/service.tf')!;
    const head2 = h.repo.change(pr.head, { 'infra/payments/service.tf': service.replace('m6i.xlarge', 'm6i.2xlarge') });
    h.gh.openPull(h.repo, { number: 1, base: pr.base, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { ...pr, head: head2 }));
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
    const blobs = h.gh.calls.filter((c) => c.op === 'graphql:query Blobs').map((c) => Object.keys((c.body as { variables: object }).variables).filter((k) => /^o\d+$/.test(k)).length);
    expect(blobs).toEqual([1]);
    expect(h.gh.reviews).toHaveLength(1);
    expect(h.gh.issueComments).toHaveLength(1);
    expect([...h.gh.checkRuns.values()].map((r) => r.conclusion)).toEqual(['failure', 'failure']);
  });

  it('resolves the thread of a finding a later push fixes, and says so in the summary', async () => {
    h = await harness();
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    h.gh.calls.length = 0;
    const head2 = h.repo.change(pr.head, { 'infra/payments/terraform.tfvars': '# Cost review Q4: staging-sized footprint for payments.\ndb_multi_az = true\nnat_per_az  = false\n' });
    h.gh.openPull(h.repo, { number: 1, base: pr.base, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { ...pr, head: head2 }));
    await h.settle();

    expect(h.gh.ops()).toEqual([
      'GET repos/get-content',
      'GET repos/get-content',
      'POST checks/create',
      'GET repos/compare-commits-with-basehead',
      'GET git/get-tree',
      'GET git/get-tree',
      'POST graphql:query Blobs',
      'POST graphql:query Threads',
      'POST graphql:mutation Resolve',
      'PATCH issues/update-comment',
      'PATCH checks/update',
    ]);
    expect(h.gh.resolvedThreads.size).toBe(1);
    expect((await h.store.posted(100, 1)).map((p) => p.resolved).sort()).toEqual([false, true]);
    expect(h.gh.issueComments[0]!.body).toContain('### Fixed since the previous review');
    expect(h.gh.issueComments[0]!.body).toContain('~~New instance SPOF: aws\\_db\\_instance.payments (RDS DB instance)~~');
    const latest = [...h.gh.checkRuns.values()].find((r) => r.head_sha === head2)!;
    expect(latest.conclusion).toBe('neutral'); // the zonal NAT finding stays, below fail_on
  });

  it('gives a PR without infrastructure changes a quick success and no comment', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.change(base, { 'README.md': '# better docs\n' });
    h.gh.openPull(h.repo, { number: 2, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 2, base, head }));
    await h.settle();
    expect(h.gh.ops()).toEqual(['GET repos/get-content', 'GET repos/get-content', 'POST checks/create', 'GET repos/compare-commits-with-basehead', 'PATCH checks/update']);
    expect([...h.gh.checkRuns.values()][0]).toMatchObject({ conclusion: 'success', output: { title: 'No infrastructure change' } });
    expect(h.gh.issueComments).toHaveLength(0);
  });

  it('skips drafts until they are ready for review', async () => {
    h = await harness();
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, { ...pr, draft: true }));
    await h.settle();
    expect(h.gh.ops()).toEqual([]);
    await h.deliver('pull_request', pullRequest('ready_for_review', h.repo, pr));
    await h.settle();
    expect(h.gh.checkRuns.size).toBe(1);
  });

  it('shows an invalid config in the check and applies the defaults', async () => {
    h = await harness();
    h.repo.config = 'fail_on: hgh\ncomments:\n  mode: loud\n';
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run.conclusion).toBe('failure'); // default fail_on: high
    expect(run.output.summary).toContain('`.github/spof-review.yml` has 2 problems; the defaults apply where a setting is invalid:');
    expect(run.output.summary).toContain('fail\\_on: "hgh" is not one of critical, high, medium, low, never (did you mean "high"?)');
    expect(h.gh.ops().filter((o) => o === 'GET repos/get-content')).toHaveLength(1); // found in the repo: no org lookup
  });

  it('reads org defaults through _extends and lets the repo override them', async () => {
    h = await harness();
    h.gh.orgConfig = 'fail_on: never\ncomments:\n  mode: off\n';
    h.repo.config = '_extends: .github\nfail_on: critical\n';
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    const run = [...h.gh.checkRuns.values()][0]!;
    expect(run.conclusion).toBe('failure'); // critical from the repo, over never from the org
    expect(h.gh.reviews).toHaveLength(0); // comments off from the org
    expect(h.gh.issueComments).toHaveLength(0);
  });

  it('never writes secrets to the logs, even at trace level', async () => {
    h = await harness();
    const pr = await costCutPr();
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.settle();
    const logs = h.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('ghs_fakeinstallationtoken');
    expect(logs).not.toContain(WEBHOOK_SECRET);
    const keyLine = privateKey().split('\n')[1]!;
    expect(logs).not.toContain(keyLine);
    expect(logs).not.toMatch(/authorization/i);
  });
});
