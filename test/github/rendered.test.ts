/**
 * The rendered outputs of the app for the bundled example (fixtures/examples/payments-cost-cut
 * inside a monorepo), kept in fixtures/github/ so they can be read without running anything.
 * `UPDATE_GOLDEN=1 npx vitest run test/github/rendered` rewrites them; read the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { monorepo, payments } from './fake/fixtures.js';
import { pullRequest } from './fake/payloads.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'github');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
let h: Harness;

beforeAll(async () => {
  h = await harness();
  const base = h.repo.commit(monorepo({ stacks: 5 }));
  const head = h.repo.commit({ ...monorepo({ stacks: 5 }), ...payments('head') });
  h.gh.openPull(h.repo, { number: 1, base, head });
  await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 1, base, head }));
  await h.settle();
});

afterAll(async () => {
  await h.close();
  expect(h.gh.invalid).toEqual([]);
});

function golden(name: string, actual: string): void {
  const path = join(DIR, name);
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('rendered outputs (fixtures/github)', () => {
  it('check run summary', () => {
    const run = [...h.gh.checkRuns.values()][0]!;
    golden('check-run-summary.md', `<!-- title: ${run.output.title} · conclusion: ${run.conclusion} -->\n${run.output.summary}`);
  });

  it('summary comment', () => {
    golden('summary-comment.md', h.gh.issueComments[0]!.body);
  });

  it('review comment', () => {
    const c = h.gh.reviewComments[0]!;
    golden('review-comment.md', `<!-- on ${c.path}:${c.line} -->\n${c.body}\n`);
  });
});
