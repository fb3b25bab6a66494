import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { fileSetFromRecord, type Finding, type Review } from '../../src/model/index.js';
import { annotationsFor, completeCheckRun, createCheckRun } from '../../src/github/publish/check-run.js';
import { parsePatch } from '../../src/github/publish/hunks.js';
import { placeFinding } from '../../src/github/publish/placement.js';
import { publishReviewComments } from '../../src/github/publish/review-comments.js';
import { SUMMARY_MARKER, bodyHash, publishSummaryComment } from '../../src/github/publish/summary-comment.js';
import { settleFixedThreads } from '../../src/github/publish/threads.js';
import { MAX_SUMMARY_BYTES, renderSummary } from '../../src/github/publish/summary.js';
import type { PostedComment } from '../../src/store/types.js';
import { payments } from './fake/fixtures.js';
import { useFake } from './fake/client.js';
import { finding, review as sampleReview } from '../report/sample.js';

const { gh, repo, client, coords } = useFake();

/** What publishing hands to the store, in order. */
let recorded: { fingerprint: string; commentId: number }[] = [];
const onPosted = async (p: readonly { fingerprint: string; commentId: number }[]) => {
  recorded.push(...p);
};

function paymentsChange() {
  recorded = [];
  const base = repo.commit(payments('base'));
  const head = repo.commit(payments('head'));
  gh.openPull(repo, { number: 5, base, head });
  const result = review({ base: fileSetFromRecord(payments('base')), head: fileSetFromRecord(payments('head')), config: DEFAULT_CONFIG });
  const files = gh.diff(repo, base, head).map((f) => ({ path: f.filename, status: f.status, patch: f.patch }));
  return { base, head, result, files };
}

describe('hunks and placement', () => {
  it('knows which head lines a patch shows', () => {
    const [h] = parsePatch('@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e');
    expect([...h!.right]).toEqual([1, 2, 3, 4]);
    expect([...h!.added]).toEqual([2, 3]);
  });

  it('puts a finding on its suggestion when the suggestion is inside a hunk, else on changed evidence, else nowhere', () => {
    const { result, files } = paymentsChange();
    const hunks = new Map(files.map((f) => [f.path, parsePatch(f.patch!)]));
    const [db, nat] = result.findings as [Finding, Finding];
    expect(placeFinding(db, hunks, true)).toEqual({ path: 'infra/payments/terraform.tfvars', line: 2, suggestion: 'db_multi_az = true' });
    expect(placeFinding(db, hunks, false)).toEqual({ path: 'infra/payments/terraform.tfvars', line: 2 });
    // The NAT gateway's count is chosen by `nat_per_az = false`, added at terraform.tfvars:3: the comment goes there.
    expect(placeFinding(nat, hunks, true)).toEqual({ path: 'infra/payments/terraform.tfvars', line: 3 });
  });
});

describe('review comments', () => {
  it('posts one review with comments inside hunks only, a suggestion block, and leaves the rest to the summary', async () => {
    const { head, result, files } = paymentsChange();
    const out = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'low', recover: false, onPosted });
    expect(gh.ops()).toEqual(['POST pulls/create-review', 'GET pulls/list-comments-for-review']);
    expect(recorded).toEqual(out.posted);
    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviewComments.map((c) => [c.path, c.line])).toEqual([
      ['infra/payments/terraform.tfvars', 2],
      ['infra/payments/terraform.tfvars', 3],
    ]);
    const body = gh.reviewComments[0]!.body;
    expect(body).toContain('**What fails:**');
    // The what-fails sentence names the dependents: they are not repeated, and the fix points at the suggestion below it.
    expect(body.match(/aws\\_autoscaling\\_group\.api/g)).toHaveLength(1);
    expect(body).not.toContain('**Depends on it:**');
    expect(body).toContain('**Fix:** Set multi\\_az = true (adds a synchronous standby in another zone), as suggested below.');
    expect(body).not.toContain('see the suggested edit');
    expect(body).toContain('```suggestion\ndb_multi_az = true\n```');
    expect(out.posted).toEqual(result.findings.map((f, i) => ({ fingerprint: f.fingerprint, commentId: gh.reviewComments[i]!.id })));
    expect(out.uncommented).toEqual([]);
  });

  it('never comments a fingerprint twice, and resolves the thread of a finding that went away', async () => {
    const { head, result, files } = paymentsChange();
    const first = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'low', recover: false, onPosted });
    const posted: PostedComment[] = first.posted.map((p) => ({ installationId: 1, repoId: 100, owner: 'acme', repo: 'infra', prNumber: 5, ...p, threadNodeId: null, resolved: false }));
    gh.calls.length = 0;
    const again = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted, suggestions: true, minSeverity: 'low', recover: false, onPosted });
    expect(gh.ops()).toEqual([]);
    expect(again.posted).toEqual([]);

    const fixed: Review = { ...result, findings: result.findings.slice(1) };
    const out = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: fixed, files, posted, suggestions: true, minSeverity: 'low', recover: false, onPosted });
    expect(gh.ops()).toEqual([]);
    expect(out.posted).toEqual([]);
    const gone = posted.filter((p) => !fixed.findings.some((f) => f.fingerprint === p.fingerprint));
    const settled: string[] = [];
    const threads = await settleFixedThreads(client, coords, { pullNumber: 5, headSha: head, gone, onSettled: async (fp, how) => void settled.push(`${fp}:${how}`) });
    expect(gh.ops()).toEqual(['POST graphql:query Threads', 'POST graphql:mutation Resolve']);
    expect(settled).toEqual([`${result.findings[0]!.fingerprint}:resolved`]);
    expect(threads.failed).toEqual([]);
    expect(gh.resolvedThreads.size).toBe(1);
  });

  it('answers "Fixed in <sha>" where GitHub refuses to resolve the thread', async () => {
    const { head, result, files } = paymentsChange();
    await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'low', recover: false, onPosted });
    const posted: PostedComment[] = recorded.map((p) => ({ installationId: 1, repoId: 100, owner: 'acme', repo: 'infra', prNumber: 5, ...p, threadNodeId: null, resolved: false }));
    gh.failGraphql('mutation Resolve', 'FORBIDDEN', 'Resource not accessible by integration');
    const settled: string[] = [];
    const out = await settleFixedThreads(client, coords, { pullNumber: 5, headSha: head, gone: posted.slice(0, 1), onSettled: async (fp, how) => void settled.push(`${fp}:${how}`) });
    expect(settled).toEqual([`${result.findings[0]!.fingerprint}:replied`]);
    expect(out.failed).toEqual([]);
    expect(gh.resolvedThreads.size).toBe(0);
    const reply = gh.reviewComments.find((c) => c.in_reply_to === posted[0]!.commentId)!;
    expect(reply.body).toContain(`Fixed in ${head}`);
  });

  it('leaves findings below comments.min_severity to the summary', async () => {
    const { head, result, files } = paymentsChange();
    // The database finding is critical: with min_severity critical it is still commented.
    const out = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'critical', recover: false, onPosted });
    expect(out.posted.map((p) => p.fingerprint)).toEqual([result.findings[0]!.fingerprint]);
    const lowered: Review = { ...result, findings: result.findings.map((f) => ({ ...f, fingerprint: `${f.fingerprint}x`, severity: 'high' as const })) };
    const none = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: lowered, files, posted: [], suggestions: true, minSeverity: 'critical', recover: false, onPosted });
    expect(none.posted).toEqual([]);
    expect(none.uncommented.map((f) => f.component.id).sort()).toEqual(['aws_db_instance.payments', 'aws_nat_gateway.main']);
    expect(gh.reviews).toHaveLength(1);
  });

  it('finds the comments of an interrupted attempt instead of posting them again', async () => {
    const { head, result, files } = paymentsChange();
    await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'low', recover: false, onPosted });
    gh.calls.length = 0;
    const out = await publishReviewComments(client, coords, { pullNumber: 5, headSha: head, review: result, files, posted: [], suggestions: true, minSeverity: 'low', recover: true, onPosted });
    expect(gh.ops()).toEqual(['GET pulls/list-review-comments']);
    expect(out.posted.map((p) => p.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
    expect(gh.reviews).toHaveLength(1);
  });
});

describe('check run', () => {
  it('sends the first 50 annotations with the completing update and the rest in further updates', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      finding({ fingerprint: `f${i}`, location: { file: 'infra/database.tf', startLine: i + 1, endLine: i + 1 }, evidence: [], component: { id: `c${i}`, type: 't', format: 'terraform', stack: '.' } }),
    );
    const r = sampleReview(many);
    const id = await createCheckRun(client, coords, 'a'.repeat(40), '1');
    const annotations = annotationsFor(r, 'high', () => true);
    expect(annotations).toHaveLength(120);
    await completeCheckRun(client, coords, id, { conclusion: 'failure', output: { title: 't', summary: 's' }, annotations, offerAccept: true });
    const patches = gh.calls.filter((c) => c.op === 'checks/update').map((c) => (c.body as { output: { annotations: unknown[] } }).output.annotations.length);
    expect(patches).toEqual([50, 50, 20]);
    const run = gh.checkRuns.get(id)!;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', actions: [{ label: 'Accept risk', identifier: 'accept_risk' }] });
    expect(run.annotations).toHaveLength(120);
  });

  it('keeps the summary under GitHub\'s limit however many findings there are', () => {
    const many = Array.from({ length: 600 }, (_, i) => finding({ fingerprint: `f${i}`, title: `宽 ${'x'.repeat(200)} ${i}`, component: { id: `c${i}`, type: 't', format: 'terraform', stack: '.' } }));
    const text = renderSummary({ review: sampleReview(many), configErrors: [], uncommented: many, diagram: 'flowchart LR\n' + 'a --> b\n'.repeat(3000) });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(text).toMatch(/more findings? not (shown|listed) here/);
    expect(text).toContain('| Severity | Finding |');
  });
});

describe('summary comment', () => {
  it('posts once, finds its marker, updates in place, and skips an unchanged body', async () => {
    repo.commit({ 'a.tf': '' });
    gh.openPull(repo, { number: 9, base: [...repo.commits.keys()][0]!, head: [...repo.commits.keys()][0]! });
    const first = await publishSummaryComment(client, coords, { issueNumber: 9, body: 'one', known: undefined, worthPosting: true });
    expect(first.action).toBe('created');
    expect(gh.issueComments[0]!.body).toBe(`${SUMMARY_MARKER}\none`);

    // A new store: the comment is found by its marker and edited, not posted again.
    const found = await publishSummaryComment(client, coords, { issueNumber: 9, body: 'two', known: undefined, worthPosting: true });
    expect(found.action).toBe('updated');
    const same = await publishSummaryComment(client, coords, { issueNumber: 9, body: 'two', known: found.state, worthPosting: true });
    expect(same.action).toBe('unchanged');
    expect(gh.ops()).toEqual(['GET issues/list-comments', 'POST issues/create-comment', 'GET issues/list-comments', 'PATCH issues/update-comment']);
    expect(gh.issueComments).toHaveLength(1);
    expect(found.state!.bodyHash).toBe(bodyHash(`${SUMMARY_MARKER}\ntwo`));
  });

  it('posts nothing when there is nothing to say and nothing was posted before', async () => {
    const r = await publishSummaryComment(client, coords, { issueNumber: 9, body: 'nothing', known: undefined, worthPosting: false });
    expect(r.action).toBe('skipped');
    expect(gh.ops()).toEqual([]);
  });
});
