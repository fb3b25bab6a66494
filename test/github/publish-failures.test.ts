/**
 * Each publishing call of a review refused in turn (403, 422, 500; for GraphQL also a `FORBIDDEN`
 * error), over four pushes of one pull request: the cost cut (two findings), an unrelated change,
 * the database fixed, another unrelated change. The refused step degrades alone (the others still
 * happen, and the check says what did not), and no later push posts anything twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findingFromMarker } from '../../src/github/publish/finding-text.js';
import { SUMMARY_MARKER } from '../../src/github/publish/summary-comment.js';
import { harness, type Harness } from './fake/app.js';
import { payments } from './fake/fixtures.js';
import { pullRequest } from './fake/payloads.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  if (h) expect(h.gh.invalid).toEqual([]);
  h = undefined;
});

type Step = 'check run' | 'comments' | 'threads' | 'summary';

interface Call {
  name: string;
  method: string;
  path: RegExp;
  /** A GraphQL operation: the fault matches only it. */
  graphql?: string;
  /** The push (1-4) during which it is refused. */
  push: number;
  step: Step;
  /** Another way gets the step done (comments found by their markers, a "Fixed in" reply): nothing to warn about. */
  absorbed?: boolean;
}

const CALLS: Call[] = [
  { name: 'create the check run', method: 'POST', path: /\/check-runs$/, push: 1, step: 'check run' },
  { name: 'complete the check run', method: 'PATCH', path: /\/check-runs\/\d+$/, push: 1, step: 'check run' },
  { name: 'create the review', method: 'POST', path: /\/pulls\/\d+\/reviews$/, push: 1, step: 'comments' },
  { name: 'read the review comments back', method: 'GET', path: /\/pulls\/\d+\/reviews\/\d+\/comments$/, push: 1, step: 'comments', absorbed: true },
  { name: 'list the review threads', method: 'POST', path: /^\/graphql$/, graphql: 'query Threads', push: 3, step: 'threads', absorbed: true },
  { name: 'resolve the thread', method: 'POST', path: /^\/graphql$/, graphql: 'mutation Resolve', push: 3, step: 'threads', absorbed: true },
  { name: 'look for the summary comment', method: 'GET', path: /\/issues\/\d+\/comments$/, push: 1, step: 'summary' },
  { name: 'create the summary comment', method: 'POST', path: /\/issues\/\d+\/comments$/, push: 1, step: 'summary' },
  { name: 'update the summary comment', method: 'PATCH', path: /\/issues\/comments\/\d+$/, push: 3, step: 'summary' },
];

const REFUSALS: Record<number, unknown> = {
  403: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
  422: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', message: 'refused' }] },
  500: { message: 'Server Error' },
};

const NUMBER = 7;

const LEDGER = 'resource "aws_db_instance" "ledger" {\n  identifier     = "ledger"\n  engine         = "postgres"\n  instance_class = "db.r6g.large"\n  multi_az       = false\n}\n';

/** The cost cut, then three more heads: unrelated, database fixed (and a new finding), unrelated. */
function heads(x: Harness): string[] {
  const base = x.repo.commit({ ...payments('base'), 'README.md': '# infra\n' });
  const cut = x.repo.change(base, payments('head'));
  const other = x.repo.change(cut, { 'README.md': '# infra, cheaper\n' });
  // The database fixed, and a new single-AZ ledger database in the same push: a thread to settle and a comment to post.
  const fixed = x.repo.change(other, { 'infra/payments/terraform.tfvars': '# Cost review Q4: staging-sized footprint for payments.\nnat_per_az  = false\n', 'infra/payments/ledger.tf': LEDGER });
  const again = x.repo.change(fixed, { 'README.md': '# infra, cheaper still\n' });
  return [base, cut, other, fixed, again];
}

async function push(x: Harness, base: string, head: string, n: number): Promise<void> {
  x.gh.openPull(x.repo, { number: NUMBER, base, head });
  await x.deliver('pull_request', pullRequest(n === 1 ? 'opened' : 'synchronize', x.repo, { number: NUMBER, base, head }));
  await x.settle();
}

function runFor(x: Harness, sha: string) {
  return [...x.gh.checkRuns.values()].filter((r) => r.head_sha === sha);
}

/** Review comments per finding, replies left out. */
function commentsPerFinding(x: Harness): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of x.gh.reviewComments) {
    if (c.in_reply_to !== undefined) continue;
    const fp = findingFromMarker(c.body);
    if (fp) out.set(fp, (out.get(fp) ?? 0) + 1);
  }
  return out;
}

function summaries(x: Harness) {
  return x.gh.issueComments.filter((c) => c.body.startsWith(SUMMARY_MARKER));
}

/** After every push: nothing posted twice, every check run finished. */
function noDuplicates(x: Harness): void {
  for (const [fp, n] of commentsPerFinding(x)) expect(n, `comments of ${fp}`).toBe(1);
  const replies = x.gh.reviewComments.filter((c) => c.in_reply_to !== undefined);
  expect(new Set(replies.map((r) => r.in_reply_to)).size).toBe(replies.length);
  expect(summaries(x).length).toBeLessThanOrEqual(1);
  for (const run of x.gh.checkRuns.values()) expect(run.status).toBe('completed');
}

async function scenario(call: Call, refuse: (x: Harness) => void): Promise<Harness> {
  const x = await harness();
  h = x;
  const [base, ...pushes] = heads(x);
  for (const [i, head] of pushes.entries()) {
    const n = i + 1;
    if (n === call.push) refuse(x);
    await push(x, base!, head, n);
    x.gh.faults.length = 0;
    noDuplicates(x);
    if (n !== call.push) continue;

    // The check concludes all the same, and names the refused step (or says its own summary was refused).
    const [run] = runFor(x, head);
    expect(run, 'the check run of the refused push').toBeDefined();
    expect(run!.conclusion).toBe('failure');
    if (call.absorbed) expect(run!.output.summary).not.toContain('[!WARNING]');
    else expect(run!.output.summary).toMatch(call.step === 'check run' && call.method === 'PATCH' ? /could not be published/ : /\[!WARNING\]/);
    // The other steps still happened.
    if (call.step !== 'comments' && n === 1) expect(commentsPerFinding(x).size).toBeGreaterThan(0);
    if (call.step !== 'summary') expect(summaries(x)).toHaveLength(1);
    if (call.step !== 'summary' && n === 3) expect(summaries(x)[0]!.body).toContain('Fixed since the previous review');
  }

  // In the end every step caught up once: the database finding was commented once and its thread settled
  // once (resolved, or answered "Fixed in"), the one summary comment is current, every head has a check.
  expect(commentsPerFinding(x).size).toBeGreaterThanOrEqual(2);
  expect(x.gh.reviewComments.filter((c) => c.path.endsWith('ledger.tf'))).toHaveLength(1);
  const first = x.gh.reviewComments.find((c) => c.in_reply_to === undefined && findingFromMarker(c.body) !== undefined && c.path.endsWith('terraform.tfvars') && c.line === 2);
  expect(first, 'the database finding was commented').toBeDefined();
  const settled = x.gh.resolvedThreads.has(first!.thread) || x.gh.reviewComments.some((c) => c.in_reply_to === first!.id);
  expect(settled, 'its thread was settled').toBe(true);
  expect(summaries(x)).toHaveLength(1);
  expect(summaries(x)[0]!.body).not.toContain('aws\\_db\\_instance.payments');
  for (const head of pushes) expect(runFor(x, head), `check run of ${head}`).toHaveLength(1);
  return x;
}

describe('a refused publishing call degrades its own step only, and nothing is posted twice', () => {
  for (const call of CALLS) {
    for (const status of [403, 422, 500]) {
      it(`${call.name}: ${status}`, async () => {
        // A 5xx is retried three times before the review sees it: refused four times, the call fails once.
        const times = status === 500 ? 4 : 1;
        await scenario(call, (x) => x.gh.faults.push({ method: call.method, path: call.path, ...(call.graphql ? { graphql: call.graphql } : {}), status, times, body: REFUSALS[status] }));
      });
    }
  }

  it('resolve the thread: GraphQL FORBIDDEN -> a "Fixed in <sha>" reply, once', async () => {
    const x = await scenario(CALLS.find((c) => c.graphql === 'mutation Resolve')!, (y) => y.gh.failGraphql('mutation Resolve', 'FORBIDDEN', 'Resource not accessible by integration', 10));
    const replies = x.gh.reviewComments.filter((c) => c.in_reply_to !== undefined);
    expect(replies).toHaveLength(1);
    const fixedAt = [...x.gh.checkRuns.values()].map((r) => r.head_sha)[2];
    expect(replies[0]!.body).toContain(`Fixed in ${fixedAt}`);
    expect(x.gh.resolvedThreads.size).toBe(0);
  });

  it('resolve refused and the reply refused too: the check says so, and the next push settles the thread once', async () => {
    const call = { ...CALLS.find((c) => c.graphql === 'mutation Resolve')!, absorbed: false };
    const x = await scenario(call, (y) => {
      y.gh.failGraphql('mutation Resolve', 'FORBIDDEN', 'Resource not accessible by integration', 1);
      y.gh.fail('POST', /\/comments\/\d+\/replies$/, 403, 1, {}, REFUSALS[403]);
    });
    const third = [...x.gh.checkRuns.values()][2]!;
    expect(third.output.summary).toContain('could not be resolved or answered (GitHub GraphQL error: FORBIDDEN: Resource not accessible by integration)');
    // Push 4 tried again: GitHub resolved it this time; no reply was posted.
    expect(x.gh.resolvedThreads.size).toBe(1);
    expect(x.gh.reviewComments.filter((c) => c.in_reply_to !== undefined)).toHaveLength(0);
  });
});
