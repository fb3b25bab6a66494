import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { bigRepo, payments } from './fake/fixtures.js';
import { pullRequest } from './fake/payloads.js';

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

/** Blob SHAs asked for in GraphQL batches. */
function blobsAsked(h: Harness): string[] {
  return h.gh.calls
    .filter((c) => c.op === 'graphql:query Blobs')
    .flatMap((c) => Object.entries((c.body as { variables: Record<string, string> }).variables).filter(([k]) => /^o\d+$/.test(k)).map(([, v]) => v));
}

describe('request budget: one stack touched in a 5,000-file repository', () => {
  it('first push: at most 6 reads plus one per distinct blob; re-push of one file: that blob only', async () => {
    h = await harness();
    const baseFiles = bigRepo('base');
    expect(Object.keys(baseFiles)).toHaveLength(5000);
    const base = h.repo.commit(baseFiles);
    const head = h.repo.commit({ ...baseFiles, ...payments('head') });
    h.gh.openPull(h.repo, { number: 1, base, head });
    await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 1, base, head }));
    await h.settle();

    const blobs = blobsAsked(h);
    expect(new Set(blobs).size).toBe(blobs.length);
    expect(blobs).toHaveLength(7); // the payments stack at base and head: 5 + 6 files, 4 of them unchanged
    const reads = h.gh.reads();
    expect(reads.length).toBeLessThanOrEqual(6 + blobs.length);
    expect(reads.map((c) => c.op)).toEqual([
      'repos/get-content', // config in the repo
      'repos/get-content', // ... and in the org's .github repository
      'repos/compare-commits-with-basehead',
      'git/get-tree', // merge base
      'git/get-tree', // head
      'graphql:query Blobs', // the 7 blobs, one batch
      'pulls/list-comments-for-review', // the ids of the comments just posted
      'issues/list-comments', // a summary comment from before (none yet)
    ]);
    expect([...h.gh.checkRuns.values()][0]!.conclusion).toBe('failure');

    h.gh.calls.length = 0;
    const head2 = h.repo.change(head, { 'infra/payments/terraform.tfvars': '# Cost review Q4\ndb_multi_az = false\nnat_per_az  = false\n' });
    h.gh.openPull(h.repo, { number: 1, base, head: head2 });
    await h.deliver('pull_request', pullRequest('synchronize', h.repo, { number: 1, base, head: head2 }));
    await h.settle();
    expect(blobsAsked(h)).toEqual([[...h.repo.blobs.keys()].at(-1)]);
    expect(h.gh.reads().map((c) => c.op)).toEqual([
      'repos/get-content',
      'repos/get-content',
      'repos/compare-commits-with-basehead',
      'git/get-tree',
      'git/get-tree',
      'graphql:query Blobs',
    ]);
  });
});
