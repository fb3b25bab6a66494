/**
 * The GitHub Action end to end, run as the runner runs it: `node action/dist/index.js` (the committed
 * bundle) with the runner's environment, a real git checkout made here, and the test suite's GitHub
 * stand-in on loopback under `/api/v3` (GitHub Enterprise Server's shape of GITHUB_API_URL). Every
 * request body is checked against GitHub's OpenAPI description (`gh.invalid`).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payments } from '../github/fake/fixtures.js';
import { FakeGitHub } from '../github/fake/github.js';
import { mergeGroup, pullRequest } from '../github/fake/payloads.js';
import { FakeRepo } from '../github/fake/repo.js';
import { Workspace, runBundledAction, type ActionRun } from './workspace.js';

const TOKEN = 'ghs_workflowtoken0123456789';
let gh: FakeGitHub;
let server: { origin: string; close: () => Promise<void> };
let ws: Workspace;
let repo: FakeRepo;

beforeEach(async () => {
  gh = new FakeGitHub();
  gh.botLogin = 'github-actions[bot]';
  server = await gh.listen();
  repo = gh.add(new FakeRepo('acme', 'infra', 100));
  ws = new Workspace();
});

afterEach(async () => {
  await server.close();
  ws.remove();
  expect(gh.invalid).toEqual([]);
  // The workflow token, and nothing else, authorizes every request.
  expect(gh.calls.filter((c) => c.authorization !== `token ${TOKEN}`).map((c) => c.op)).toEqual([]);
});

const README = { 'README.md': '# infra\n' };

/** Base on main, head on a feature branch, both known to the stand-in; PR 5 open between them. */
function change(baseFiles: Record<string, string>, headFiles: Record<string, string>): { base: string; head: string } {
  const base = ws.commit(baseFiles);
  const head = ws.commit(headFiles, { from: base });
  repo.adopt(base, baseFiles);
  repo.adopt(head, headFiles, [base]);
  gh.openPull(repo, { number: 5, base, head });
  return { base, head };
}

/** A later push to the same pull request. */
function push(from: string, files: Record<string, string>): string {
  const head = ws.commit(files, { from });
  repo.adopt(head, files, [from]);
  return head;
}

function run(event: 'pull_request' | 'merge_group', payload: unknown, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: ws.writeEvent(payload),
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_API_URL: `${server.origin}/api/v3`,
    GITHUB_SERVER_URL: server.origin,
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_FAIL-ON': '',
    INPUT_CONFIG: '',
    INPUT_COMMENT: 'inline',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return runBundledAction(ws, env);
}

function pr(c: { base: string; head: string }) {
  return pullRequest('synchronize', repo, { number: 5, base: c.base, head: c.head });
}

const writes = () => gh.ops((c) => c.method !== 'GET' && !c.op.startsWith('graphql:query'));

describe('the GitHub Action', () => {
  it('a new SPOF: failing check run, an inline comment with a suggestion, one summary comment, job summary, SARIF, outputs, exit 1', async () => {
    const c = change({ ...payments('base'), ...README }, { ...payments('head'), ...README });
    const r = await run('pull_request', pr(c));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    const [check, ...more] = [...gh.checkRuns.values()];
    expect(more).toEqual([]);
    expect(check).toMatchObject({ name: 'SPOF review', head_sha: c.head, status: 'completed', conclusion: 'failure' });
    expect(check!.output.title).toBe('2 new SPOFs (1 at or above high)');
    expect(check!.annotations.map((a) => [a.path, a.annotation_level])).toEqual([
      ['infra/payments/terraform.tfvars', 'failure'],
      ['infra/payments/terraform.tfvars', 'warning'],
    ]);

    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviews[0]).toMatchObject({ pull: 5, commit_id: c.head, event: 'COMMENT' });
    const comments = gh.reviewComments.filter((x) => x.pull === 5);
    expect(comments.map((x) => [x.path, x.line])).toEqual([
      ['infra/payments/terraform.tfvars', 2],
      ['infra/payments/terraform.tfvars', 3],
    ]);
    expect(comments[0]!.body).toContain('```suggestion\ndb_multi_az = true\n```');
    expect(comments.every((x) => x.user.login === 'github-actions[bot]')).toBe(true);
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toMatch(/^<!-- spof-review:summary -->\n## SPOF review: ❌ failure/);

    expect(r.summary).toMatch(/^## SPOF review: ❌ failure/);
    expect(r.summary).toContain('aws_db_instance.payments');
    expect(r.outputs).toMatchObject({ conclusion: 'failure', findings: '2', 'new-spofs': '2', 'redundancy-reduced': '0', 'blast-radius-grown': '0', 'resolved-spofs': '0', errors: '0' });
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-path']!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(r.stdout).toContain('::error::SPOF review: 2 new SPOFs (1 at or above high)');
  });

  it('runs again: the summary comment stays one and untouched, no comment is posted twice; a fix edits the summary in place and settles the thread', async () => {
    const c = change({ ...payments('base'), ...README }, { ...payments('head'), ...README });
    expect((await run('pull_request', pr(c))).code).toBe(1);
    const summary = { ...gh.issueComments[0]! };
    const first = writes().length;

    const again = await run('pull_request', pr(c));
    expect(again.code).toBe(1);
    // The second run writes only its own check run: no review, no comment, no summary edit.
    expect(writes().slice(first)).toEqual(['POST checks/create', 'PATCH checks/update']);
    expect(gh.issueComments).toEqual([summary]);
    expect(again.outputs.findings).toBe('2');
    expect(gh.reviewComments).toHaveLength(2);

    // The database standby is back: one finding is fixed, its thread resolved, the summary edited in place.
    const fixed = push(c.head, { ...payments('head'), 'infra/payments/terraform.tfvars': 'db_multi_az = true\nnat_per_az  = false\n', ...README });
    gh.openPull(repo, { number: 5, base: c.base, head: fixed });
    const third = await run('pull_request', pr({ base: c.base, head: fixed }));
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.id).toBe(summary.id);
    expect(gh.issueComments[0]!.body).not.toBe(summary.body);
    expect(gh.issueComments[0]!.body).toContain('aws\\_nat\\_gateway.main');
    expect(gh.issueComments[0]!.body).not.toContain('aws\\_db\\_instance.payments');
    expect(gh.resolvedThreads.size).toBe(1);
    expect(gh.reviewComments.filter((x) => x.in_reply_to === undefined)).toHaveLength(2);
    expect(third.outputs.findings).toBe('1');
  });

  it('without checks: write (403): no crash, the job fails per fail-on, the findings become job annotations, comments and the summary still come', async () => {
    const c = change({ ...payments('base'), ...README }, { ...payments('head'), ...README });
    gh.fail('POST', /\/check-runs$/, 403, 5, {}, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run' });
    const r = await run('pull_request', pr(c));
    expect(r.code).toBe(1);
    expect(gh.checkRuns.size).toBe(0);
    // Asked once: a refusal for want of a permission is not tried again at the end.
    expect(gh.ops((x) => x.op === 'checks/create')).toHaveLength(1);
    expect(r.stdout).toMatch(/^::error file=infra\/payments\/terraform\.tfvars,line=2,endLine=2,title=\[CRITICAL\] New instance SPOF%3A aws_db_instance\.payments .*::What fails: /m);
    expect(r.stdout).toMatch(/^::warning::The check run could not be started: GitHub API error 403 .*Resource not accessible by integration.*\. Grant the job `checks: write`/m);
    expect(r.summary).toContain('Resource not accessible by integration');
    expect(r.summary).toContain('aws_db_instance.payments');
    expect(gh.reviewComments).toHaveLength(2);
    expect(gh.issueComments).toHaveLength(1);

    // fail-on decides the job: never fails it.
    const lenient = await run('pull_request', pr(c), { 'fail-on': 'never' });
    expect(lenient.code).toBe(0);
    expect(lenient.outputs.conclusion).toBe('neutral');
  });

  it('comment: off posts nothing on the pull request (the check run and the job still fail)', async () => {
    const c = change({ ...payments('base'), ...README }, { ...payments('head'), ...README });
    const r = await run('pull_request', pr(c), { comment: 'off' });
    expect(r.code).toBe(1);
    expect([...gh.checkRuns.values()].map((x) => x.conclusion)).toEqual(['failure']);
    expect(gh.ops((x) => /^(pulls|issues)\//.test(x.op))).toEqual([]);
  });

  it('a merge group: its check run on the group head, against its base, and no comments', async () => {
    const base = ws.commit({ ...payments('base'), ...README });
    const head = ws.commit({ ...payments('head'), ...README }, { from: base, branch: 'gh-readonly-queue/main/pr-5-abc' });
    repo.adopt(base, { ...payments('base'), ...README });
    repo.adopt(head, { ...payments('head'), ...README }, [base]);
    const r = await run('merge_group', mergeGroup(repo, { head, base, pulls: [5] }));
    expect(r.code).toBe(1);
    expect([...gh.checkRuns.values()].map((x) => [x.head_sha, x.conclusion])).toEqual([[head, 'failure']]);
    expect(gh.ops((x) => /^(pulls|issues)\//.test(x.op))).toEqual([]);
    expect(r.outputs['new-spofs']).toBe('2');
  });

  it('a pull request that changes no infrastructure file: a quick success, no comment', async () => {
    const c = change({ ...payments('head'), ...README }, { ...payments('head'), 'README.md': '# infra\n\nMore words.\n' });
    const r = await run('pull_request', pr(c));
    expect(r.code).toBe(0);
    expect([...gh.checkRuns.values()].map((x) => [x.conclusion, x.output.title])).toEqual([['success', 'No infrastructure change']]);
    expect(gh.reviews).toEqual([]);
    expect(gh.issueComments).toEqual([]);
    expect(r.outputs).toMatchObject({ conclusion: 'success', findings: '0' });
    expect(JSON.parse(readFileSync(r.outputs['sarif-path']!, 'utf8')).runs[0].results).toEqual([]);
  });

  it("the base's config decides: its problems are reported, a file that does not parse ends the check per on_error, the head cannot loosen it", async () => {
    const config = 'on_error: failure\nfail_on: sometimes\n';
    const broken = { 'infra/web/main.tf': 'resource "aws_instance" "web" {\n  count = \n' };
    const c = change(
      { ...payments('base'), ...README, '.github/spof-review.yml': config },
      { ...payments('base'), ...README, ...broken, '.github/spof-review.yml': 'enabled: false\n' },
    );
    const r = await run('pull_request', pr(c));
    expect(r.code).toBe(1);
    const [check] = [...gh.checkRuns.values()];
    expect(check!.conclusion).toBe('failure');
    expect(r.outputs).toMatchObject({ conclusion: 'failure', errors: '1', findings: '0' });
    expect(r.summary).toContain('infra/web/main.tf');
    expect(r.summary).toContain('`.github/spof-review.yml` has 1 problem');
    expect(r.stdout).toContain('::warning file=.github/spof-review.yml,title=spof-review config::fail_on: "sometimes" is not one of critical, high, medium, low, never; the default applies');
    expect(r.stdout).toContain('::error::SPOF review: Not fully reviewed: 1 error, no finding in the rest');

    // With the default on_error the same change is neutral: the job passes, the check does not.
    gh.checkRuns.clear();
    const neutral = change({ ...payments('base'), ...README }, { ...payments('base'), ...README, ...broken });
    const n = await run('pull_request', pr(neutral));
    expect(n.code).toBe(0);
    expect([...gh.checkRuns.values()].map((x) => x.conclusion)).toEqual(['neutral']);
  });

  it('refuses what it cannot review: another event, a checkout without the base commit', async () => {
    const other = await run('pull_request', { pull_request: { number: 5 } });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('::error::the pull_request event has no pull_request.base.sha');

    const c = change({ ...payments('base'), ...README }, { ...payments('head'), ...README });
    const missing = await run('pull_request', pullRequest('opened', repo, { number: 5, base: 'a'.repeat(40), head: c.head }));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`::error::commit ${'a'.repeat(40)} is not in the checkout: use actions/checkout with fetch-depth: 0`);
    expect(gh.calls).toEqual([]);
  });
});
