import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectory } from '../../src/cli/files.js';
import type { FileSet } from '../../src/model/index.js';
import { review } from '../../src/analysis/index.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { BlobFetcher } from '../../src/github/fetch/blobs.js';
import { fetchChange } from '../../src/github/fetch/index.js';
import { monorepo, payments } from './fake/fixtures.js';
import { useFake } from './fake/client.js';
import { blobSha } from './fake/repo.js';

const { gh, repo, client, coords } = useFake();

/** The blob SHAs requested through GraphQL, in order. */
function requestedBlobs(): string[] {
  return gh.calls
    .filter((c) => c.op === 'graphql:query Blobs')
    .flatMap((c) => Object.entries((c.body as { variables: Record<string, string> }).variables).filter(([k]) => /^o\d+$/.test(k)).map(([, v]) => v));
}

describe('fetching a change', () => {
  it('reads one stack of a monorepo: compare, two trees, one blob batch with exactly the stack files', async () => {
    const base = repo.commit(monorepo({ stacks: 40, filler: 200 }));
    const head = repo.commit({ ...monorepo({ stacks: 40, filler: 200 }), ...payments('head') });
    const blobs = new BlobFetcher(client, coords);
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs });

    expect(gh.ops()).toEqual([
      'GET repos/compare-commits-with-basehead',
      'GET git/get-tree',
      'GET git/get-tree',
      'POST graphql:query Blobs',
    ]);
    const stackFiles = [...Object.values(payments('base')), ...Object.values(payments('head'))].map(blobSha);
    expect(requestedBlobs().sort()).toEqual([...new Set(stackFiles)].sort());
    expect(got.files!.iacChanged).toEqual(['infra/payments/service.tf', 'infra/payments/terraform.tfvars']);

    const r = review({ base: got.files!.base, head: got.files!.head, config: DEFAULT_CONFIG });
    expect(r.findings.map((f) => [f.kind, f.component.id])).toEqual([
      ['new-spof', 'aws_db_instance.payments'],
      ['new-spof', 'aws_nat_gateway.main'],
    ]);
    expect(r.stats.stacks).toEqual({ reviewed: 1, unchanged: 43 });
  });

  it('needs no tree when nothing infrastructure changed', async () => {
    const base = repo.commit(monorepo());
    const head = repo.change(base, { 'README.md': '# infra, documented\n' });
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    expect(got.files).toBeUndefined();
    expect(gh.ops()).toEqual(['GET repos/compare-commits-with-basehead']);
  });

  it('finds every caller of a changed local module and reviews their stacks', async () => {
    const base = repo.commit(monorepo({ stacks: 3 }));
    const head = repo.change(base, { 'modules/db/main.tf': repo.get(base).files.get('modules/db/main.tf')!.replace('default = true', 'default = false') });
    // Callers pass multi_az = true explicitly, so the change has no effect: both stacks are read and reviewed.
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    const r = review({ base: got.files!.base, head: got.files!.head, config: DEFAULT_CONFIG });
    expect(r.stats.stacks.reviewed).toBe(2);
    expect(got.files!.affectedHead.paths()).toEqual(['envs/prod/main.tf', 'envs/staging/main.tf', 'modules/db/main.tf']);
    expect(gh.ops().filter((o) => o.includes('Blobs')).length).toBeGreaterThanOrEqual(1);
  });

  it('reviews every Terragrunt unit that reads a changed shared var file, loading the units it cannot see from the change', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'terraform', 'terragrunt-shared-tfvars-two-units');
    const [before, after] = await Promise.all([readDirectory(join(dir, 'base')), readDirectory(join(dir, 'head'))]);
    const asRecord = (files: FileSet) => Object.fromEntries(files.paths().map((p) => [p, files.read(p)!]));
    const base = repo.commit(asRecord(before.files));
    const tfvars = 'live/prod/production_config.tfvars';
    const head = repo.change(base, { [tfvars]: after.files.read(tfvars)! });
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    const r = review({ base: got.files!.base, head: got.files!.head, config: DEFAULT_CONFIG });
    expect(r.findings.map((f) => [f.kind, f.component.stack, f.component.id])).toEqual([
      ['new-spof', 'live/prod/billing-db', 'aws_db_instance.this'],
      ['new-spof', 'live/prod/orders-db', 'aws_db_instance.this'],
    ]);
    expect(r.stats.stacks.reviewed).toBe(2);
  });

  it('lists directories one by one when GitHub truncates the recursive tree', async () => {
    gh.truncateTreesAt = 10;
    const base = repo.commit(monorepo({ stacks: 20 }));
    const head = repo.commit({ ...monorepo({ stacks: 20 }), ...payments('head') });
    const got = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    const r = review({ base: got.files!.base, head: got.files!.head, config: DEFAULT_CONFIG });
    expect(r.findings.map((f) => f.component.id)).toEqual(['aws_db_instance.payments', 'aws_nat_gateway.main']);
    const trees = gh.calls.filter((c) => c.op === 'git/get-tree').map((c) => c.query.get('recursive') ?? 'dir');
    // Two truncated recursive listings, then root, infra and infra/payments on each side.
    expect(trees).toEqual(['1', '1', 'dir', 'dir', 'dir', 'dir', 'dir', 'dir']);
  });

  it('pages through the PR files when the compare lists 300 or more', async () => {
    const filler: Record<string, string> = {};
    for (let i = 0; i < 320; i++) filler[`docs/page-${i}.md`] = `page ${i}\n`;
    const base = repo.commit(monorepo());
    const head = repo.commit({ ...monorepo(), ...filler, ...payments('head') });
    gh.openPull(repo, { number: 7, base, head });
    const got = await fetchChange(client, coords, { base, head, pullNumber: 7, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    expect(got.changes.files).toHaveLength(322);
    expect(gh.ops().filter((o) => o.includes('list-files'))).toHaveLength(4);
    expect(got.files!.iacChanged).toEqual(['infra/payments/service.tf', 'infra/payments/terraform.tfvars']);
  });

  it('respects paths.exclude from the config', async () => {
    const base = repo.commit(monorepo());
    const head = repo.commit({ ...monorepo(), ...payments('head') });
    const config = { ...DEFAULT_CONFIG, paths: { include: ['**'], exclude: ['infra/payments/**'] } };
    const got = await fetchChange(client, coords, { base, head, config, blobs: new BlobFetcher(client, coords) });
    expect(got.files).toBeUndefined();
  });
});
