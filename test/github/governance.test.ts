import { afterEach, describe, expect, it } from 'vitest';
import { acceptanceFor } from '../../src/github/jobs/acceptance.js';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { checkRun, closed, installationDeleted, issueComment, labeled, pullRequest, repositoriesRemoved } from './fake/payloads.js';
import { FakeRepo } from './fake/repo.js';

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

/** The cost-cut PR reviewed: its check fails on a new single-AZ database (and a NAT gateway below the bar). */
async function reviewedPr(config?: string, author = 'Codertocat') {
  if (config !== undefined) h.repo.config = config;
  const base = h.repo.commit(monorepo());
  const head = h.repo.commit({ ...monorepo(), ...payments('head') });
  const pr = { number: 3, base, head };
  h.gh.openPull(h.repo, { ...pr, author });
  await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
  await h.settle();
  return pr;
}

const run = () => [...h.gh.checkRuns.values()][0]!;
const replies = () => h.gh.issueComments.filter((c) => !c.body.startsWith('<!-- spof-review:summary -->')).map((c) => c.body);

describe('accepting risk with a /spof-review accept comment', () => {
  it('records the reason and the trail, answers the command and turns the same check green', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  expires_after: 30d\n');
    expect(run().conclusion).toBe('failure');
    h.gh.calls.length = 0;
    const before = Date.now();
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept the standby comes back in the next sprint (INFRA-42)', 'alice'));
    await h.settle();

    const [acceptance] = await h.store.acceptances(100, 3);
    expect(acceptance).toMatchObject({ acceptedBy: 'alice', via: 'comment', headSha: pr.head, note: 'the standby comes back in the next sprint (INFRA-42)', revokedAt: null });
    expect(acceptance!.fingerprints).toHaveLength(2);
    const days = (acceptance!.expiresAt!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    const [event] = await h.store.acceptanceEvents(100, 3);
    expect(event).toMatchObject({ action: 'accepted', actor: 'alice', via: 'comment', reason: acceptance!.note, detail: '@alice has write access', headSha: pr.head });
    expect(h.gh.calls.find((c) => c.op === 'repos/get-collaborator-permission-level')?.path).toBe('/repos/acme/infra/collaborators/alice/permission');
    expect(replies()).toEqual([expect.stringMatching(/^✅ Risk \*\*accepted\*\* by @alice for 2 findings of [0-9a-f]{7} until \d{4}-\d\d-\d\d \d\d:\d\d UTC\./)]);
    expect(h.gh.checkRuns.size).toBe(1);
    expect(run()).toMatchObject({ conclusion: 'success', output: { title: 'Risk accepted by @alice' } });
    expect(run().output.summary).toMatch(/Risk accepted by @alice for 1 finding until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('refuses the author by default, says why, records the refusal and leaves the check as it was', async () => {
    h = await harness();
    const pr = await reviewedPr(undefined, 'dev');
    const updates = run().updates;
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept trust me', 'dev', { author: 'dev' }));
    await h.settle();
    expect(await h.store.acceptances(100, 3)).toEqual([]);
    expect(replies()).toEqual(['❌ @dev, the risk was **not accepted**: @dev opened this pull request, and its author may not accept its risk (`accept.author_may_accept` is false). The check is unchanged.']);
    expect((await h.store.acceptanceEvents(100, 3)).map((e) => [e.action, e.actor, e.reason])).toEqual([['refused', 'dev', 'trust me']]);
    expect(run()).toMatchObject({ conclusion: 'failure', updates });
  });

  it('lets the author accept with accept.author_may_accept', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  author_may_accept: true\n', 'dev');
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept single AZ until the migration', 'dev', { author: 'dev' }));
    await h.settle();
    expect(run().conclusion).toBe('success');
  });

  it('refuses someone without write access', async () => {
    h = await harness();
    const pr = await reviewedPr();
    h.gh.permissions.set('visitor', 'read');
    h.gh.permissions.set('stranger', 'none');
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept looks fine to me', 'visitor'));
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept lgtm', 'stranger'));
    await h.settle();
    expect(replies()).toEqual([
      expect.stringContaining('@visitor has no write access to acme/infra'),
      expect.stringContaining('@stranger has no write access to acme/infra'),
    ]);
    expect(run().conclusion).toBe('failure');
  });

  it('ignores other comments, bots, quoted commands and issues that are not pull requests', async () => {
    h = await harness();
    const pr = await reviewedPr();
    h.gh.calls.length = 0;
    await h.deliver('issue_comment', issueComment(h.repo, pr, 'Should we /spof-review accept this?', 'alice'));
    await h.deliver('issue_comment', issueComment(h.repo, pr, '```\n/spof-review accept reason\n```', 'alice'));
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept automated', 'ci[bot]', { bot: true }));
    const onIssue = issueComment(h.repo, pr, '/spof-review accept on an issue', 'alice');
    delete onIssue.issue.pull_request;
    await h.deliver('issue_comment', onIssue);
    await h.settle();
    expect(h.gh.ops()).toEqual([]);
    expect(await h.store.acceptanceEvents(100)).toEqual([]);
  });
});

describe('who may accept (accept.by)', () => {
  it('a listed team: membership is asked of GitHub, and a 404 or 403 means not a member', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  by: ["@acme/sre", "@acme/secret-ops"]\n  require_reason: true\n');
    h.gh.teams.set('acme/sre', ['carol']);
    h.gh.secretTeams.add('acme/secret-ops');
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept we need it', 'bob'));
    await h.settle();
    expect(h.gh.calls.filter((c) => c.op === 'teams/get-membership-for-user-in-org').map((c) => c.path)).toEqual([
      '/orgs/acme/teams/sre/memberships/bob',
      '/orgs/acme/teams/secret-ops/memberships/bob',
    ]);
    expect(replies()).toEqual(['❌ @bob, the risk was **not accepted**: @bob is not among those who may accept (`accept.by`: @acme/sre, @acme/secret-ops). The check is unchanged.']);
    expect(run().conclusion).toBe('failure');

    // A member, but without the reason this repository requires.
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept', 'carol'));
    await h.settle();
    expect(replies()[1]).toContain('a reason is required (`accept.require_reason`)');
    expect(run().conclusion).toBe('failure');

    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept\nThe standby is restored by INFRA-42 before the launch.', 'carol'));
    await h.settle();
    expect(replies()[2]).toMatch(/^✅ Risk \*\*accepted\*\* by @carol/);
    expect((await h.store.acceptances(100, 3))[0]).toMatchObject({ acceptedBy: 'carol', note: 'The standby is restored by INFRA-42 before the launch.' });
    expect((await h.store.acceptanceEvents(100, 3)).map((e) => [e.action, e.actor])).toEqual([['refused', 'bob'], ['refused', 'carol'], ['accepted', 'carol']]);
    expect((await h.store.acceptanceEvents(100, 3))[2]!.detail).toBe('@carol is a member of @acme/sre');
    expect(run().conclusion).toBe('success');
  });

  it('codeowners: an owner (directly or through a team) of every file the findings are in', async () => {
    h = await harness();
    h.gh.codeowners.set('acme/infra', { '.github/CODEOWNERS': '* @acme/everyone\n/infra/payments/ @acme/payments @lead\n/infra/payments/network.tf @netops\n' });
    h.gh.teams.set('acme/payments', ['dave']);
    const pr = await reviewedPr('accept:\n  by: [codeowners]\n');
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept ok', 'dave'));
    await h.settle();
    // network.tf is owned by @netops alone: dave owns database.tf only.
    expect(replies()[0]).toContain('CODEOWNERS does not make @dave an owner of `infra/payments/network.tf`');
    h.gh.codeowners.set('acme/infra', { '.github/CODEOWNERS': '* @acme/everyone\n/infra/payments/ @acme/payments @lead\n' });
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept ok now', 'dave'));
    await h.settle();
    expect(replies()[1]).toMatch(/^✅/);
    expect(run().conclusion).toBe('success');
  });

  it('the label and the button follow the same rules, and answer only a refusal', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  by: ["@lead"]\n');
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'bob'));
    await h.deliver('check_run', checkRun('requested_action', h.repo, { id: run().id, headSha: pr.head, pull: pr, sender: 'bob' }));
    await h.settle();
    expect(replies()).toHaveLength(2);
    expect(replies().every((r) => r.includes('@bob is not among those who may accept'))).toBe(true);
    expect(run().conclusion).toBe('failure');
    await h.deliver('check_run', checkRun('requested_action', h.repo, { id: run().id, headSha: pr.head, pull: pr, sender: 'lead' }));
    await h.settle();
    expect(replies()).toHaveLength(2);
    expect(run()).toMatchObject({ conclusion: 'success', output: { title: 'Risk accepted by @lead' } });
    expect((await h.store.acceptanceEvents(100, 3)).map((e) => [e.action, e.via, e.actor])).toEqual([
      ['refused', 'label', 'bob'], ['refused', 'check_run_action', 'bob'], ['accepted', 'check_run_action', 'lead'],
    ]);
  });

  it('with require_reason the label alone is refused and points at the command', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  require_reason: true\n');
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'bob'));
    await h.settle();
    expect(replies()[0]).toContain('comment `/spof-review accept <why the risk is acceptable>`');
    expect(run().conclusion).toBe('failure');
  });
});

describe('expiry and revocation', () => {
  it('an acceptance covers nothing once expired', async () => {
    h = await harness();
    const pr = await reviewedPr('accept:\n  expires_after: 1h\n');
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept for the demo', 'alice'));
    await h.settle();
    const latest = (await h.store.latestReview(100, 3))!;
    expect(await acceptanceFor(h.store, 100, [3], latest.review, 'high', new Date(Date.now() + 59 * 60_000))).toMatchObject({ by: ['alice'] });
    expect(await acceptanceFor(h.store, 100, [3], latest.review, 'high', new Date(Date.now() + 61 * 60_000))).toBeUndefined();
  });

  it('removing the accept label revokes the acceptance, says so, and fails the check again', async () => {
    h = await harness();
    const pr = await reviewedPr();
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'bob'));
    await h.settle();
    expect(run().conclusion).toBe('success');
    await h.deliver('pull_request', labeled(h.repo, pr, 'bug', 'erin', 'unlabeled'));
    await h.settle();
    expect(run().conclusion).toBe('success');
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'erin', 'unlabeled'));
    await h.settle();
    expect((await h.store.acceptances(100, 3))[0]).toMatchObject({ acceptedBy: 'bob', revokedBy: 'erin' });
    expect(replies()).toEqual(['↩️ @erin removed the `spof-accepted` label: the risk accepted by @bob is **no longer accepted**, and the check is concluded again.']);
    expect((await h.store.acceptanceEvents(100, 3)).map((e) => [e.action, e.actor])).toEqual([['accepted', 'bob'], ['revoked', 'erin']]);
    expect(h.gh.checkRuns.size).toBe(1);
    expect(run().conclusion).toBe('failure');
    // Labelled again: accepted again.
    await h.deliver('pull_request', labeled(h.repo, pr, 'spof-accepted', 'bob'));
    await h.settle();
    expect(run().conclusion).toBe('success');
  });
});

describe('pull request outcomes', () => {
  it('merged: the open findings were merged with risk (accepted or not)', async () => {
    h = await harness();
    const pr = await reviewedPr();
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept agreed', 'alice'));
    await h.settle();
    await h.deliver('pull_request', closed(h.repo, pr, true));
    const outcomes = await h.store.outcomes(100, 3);
    expect(outcomes.map((o) => [o.componentId, o.outcome, o.accepted, o.mergeSha])).toEqual([
      ['aws_db_instance.payments', 'merged-with-risk', true, 'f'.repeat(40)],
      ['aws_nat_gateway.main', 'merged-with-risk', true, 'f'.repeat(40)],
    ]);
    expect(outcomes[0]!.closedAt).toEqual(new Date('2026-12-01T10:00:00Z'));
  });

  it('a finding a later push removed was fixed before merge; a closed, unmerged pull request abandoned its findings', async () => {
    h = await harness();
    const pr = await reviewedPr();
    // The database gets its standby back; the NAT gateway cut stays.
    const head2 = h.repo.change(pr.head, { 'infra/payments/terraform.tfvars': 'db_multi_az = true\nnat_per_az  = false\n' });
    h.gh.openPull(h.repo, { ...pr, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { ...pr, head: head2 }));
    await h.settle();
    await h.deliver('pull_request', closed(h.repo, { ...pr, head: head2 }, true));
    expect((await h.store.outcomes(100, 3)).map((o) => [o.componentId, o.outcome, o.accepted])).toEqual([
      ['aws_nat_gateway.main', 'merged-with-risk', false],
      ['aws_db_instance.payments', 'fixed-before-merge', false],
    ]);
    await h.deliver('pull_request', pullRequest('reopened', h.repo, { ...pr, head: head2 }));
    await h.deliver('pull_request', closed(h.repo, { ...pr, head: head2 }, false));
    expect((await h.store.outcomes(100, 3)).map((o) => [o.componentId, o.outcome, o.mergeSha])).toEqual([
      ['aws_nat_gateway.main', 'abandoned', null],
      ['aws_db_instance.payments', 'abandoned', null],
    ]);
  });
});

describe('what a repository chooses', () => {
  it('on_error: failure fails closed when the review cannot complete; neutral is the default', async () => {
    h = await harness();
    await reviewedPr('on_error: failure\n');
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    h.gh.openPull(h.repo, { number: 5, base, head });
    h.gh.fail('GET', /\/git\/trees\//, 500, 100);
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 5, base, head }));
    await h.settle();
    const failed = [...h.gh.checkRuns.values()].find((r) => r.head_sha === head)!;
    expect(failed).toMatchObject({ conclusion: 'failure', output: { title: 'SPOF review could not complete' } });
    expect(failed.output.summary).toContain('this repository fails closed (`on_error: failure`)');
  });

  it('on_error decides the check of a file that does not parse', async () => {
    h = await harness();
    const base = h.repo.commit(monorepo());
    const head = h.repo.change(base, { 'infra/web-000/broken.tf': 'resource "aws_instance" "x" {\n  ami = \n' });
    h.gh.openPull(h.repo, { number: 6, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 6, base, head }));
    await h.settle();
    expect(run().conclusion).toBe('neutral');
    h.repo.config = 'on_error: failure\n';
    const head2 = h.repo.change(head, { 'infra/web-000/broken.tf': 'resource "aws_instance" "x" {\n  ami = \n\n' });
    h.gh.openPull(h.repo, { number: 6, base, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { number: 6, base, head: head2 }));
    await h.settle();
    expect([...h.gh.checkRuns.values()].find((r) => r.head_sha === head2)!.conclusion).toBe('failure');
  });

  it('enabled: false: no check run, no comment, no acceptance, no inventory', async () => {
    h = await harness();
    h.repo.config = 'enabled: false\n';
    const base = h.repo.commit(monorepo());
    const head = h.repo.commit({ ...monorepo(), ...payments('head') });
    const pr = { number: 3, base, head };
    h.gh.openPull(h.repo, pr);
    await h.deliver('pull_request', pullRequest('opened', h.repo, pr));
    await h.deliver('issue_comment', issueComment(h.repo, pr, '/spof-review accept please', 'alice'));
    await h.settle();
    expect(h.gh.ops((c) => c.method !== 'GET')).toEqual([]);
    expect(h.gh.checkRuns.size).toBe(0);
    expect(await h.store.latestReview(100, 3)).toBeUndefined();
    expect(await h.store.acceptanceEvents(100)).toEqual([]);
  });

  it('shadow mode (fail_on: never, comments off): a check that never blocks, nothing posted on the pull request', async () => {
    h = await harness();
    await reviewedPr('fail_on: never\ncomments: { mode: off }\n');
    expect(run().conclusion).toBe('neutral');
    expect(run().output.title).toBe('2 new SPOFs');
    expect(h.gh.reviews).toHaveLength(0);
    expect(h.gh.issueComments).toHaveLength(0);
    expect(await h.store.latestReview(100, 3)).toBeDefined();
  });
});

describe('retention', () => {
  it('installation_repositories.removed purges that repository; installation.deleted purges the rest', async () => {
    h = await harness();
    const other = h.gh.add(new FakeRepo('acme', 'apps', 200));
    await reviewedPr();
    const sha = other.commit(monorepo({ side: 'head' }));
    const { push } = await import('./fake/payloads.js');
    await h.deliver('push', push(other, sha));
    await h.settle();
    expect(await h.store.latestInventory(200, 'refs/heads/main')).toBeDefined();
    const blob = [...h.repo.blobs.keys()].find((k) => h.repo.blobs.get(k)!.includes('aws_db_instance'))!;
    expect(await h.store.blob(blob)).toBeDefined();

    await h.deliver('installation_repositories', repositoriesRemoved(1, [h.repo]));
    expect(await h.store.latestReview(100, 3)).toBeUndefined();
    expect(await h.store.latestInventory(200, 'refs/heads/main')).toBeDefined();

    await h.deliver('installation', installationDeleted(1));
    expect(await h.store.latestInventory(200, 'refs/heads/main')).toBeUndefined();
    expect(await h.store.unfinished()).toEqual([]);
    const counts = await h.store.purgeInstallation(1);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('cached blobs expire after BLOB_CACHE_DAYS', async () => {
    h = await harness({ runner: { blobCacheDays: 7 } });
    await h.store.putBlob('old', 'text', { installationId: 1, repoId: 100 });
    expect(await h.runner.expireBlobs(new Date(Date.now() + 6 * 86_400_000))).toBe(0);
    expect(await h.runner.expireBlobs(new Date(Date.now() + 8 * 86_400_000))).toBe(1);
    expect(await h.store.blob('old')).toBeUndefined();
  });
});
