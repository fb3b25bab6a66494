/**
 * A Flux HelmRelease whose HelmRepository lives in another directory: the app loads only the touched
 * stacks' files, so the kubernetes format names the files that may hold the source
 * (`relatedFiles`) and the release is judged as the CLI judges it with the whole tree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fake/app.js';
import { pullRequest } from './fake/payloads.js';
import { blobSha } from './fake/repo.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'kubernetes', 'flux-helmrelease-airflow-scheduler-cut-to-one');
const release = (side: 'base' | 'head') => readFileSync(join(FIXTURE, side, 'apps', 'airflow', 'release.yaml'), 'utf8');
const SOURCE = readFileSync(join(FIXTURE, 'base', 'apps', 'airflow', 'repository.yaml'), 'utf8');
/** A manifest of another app: neither touched nor a source, so never read. */
const OTHER = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

let h: Harness;

afterEach(async () => {
  await h?.close();
  expect(h.gh.invalid).toEqual([]);
});

async function review(withSource: boolean) {
  h = await harness();
  const tree = (side: 'base' | 'head') => ({
    'apps/airflow/release.yaml': release(side),
    'apps/web/deployment.yaml': OTHER,
    ...(withSource ? { 'infrastructure/sources/airflow.yaml': SOURCE } : {}),
  });
  const base = h.repo.commit(tree('base'));
  const head = h.repo.commit(tree('head'));
  h.gh.openPull(h.repo, { number: 1, base, head });
  await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 1, base, head }));
  await h.settle();
  return [...h.gh.checkRuns.values()][0]!;
}

const blobsAsked = () => JSON.stringify(h.gh.calls.filter((c) => c.op === 'graphql:query Blobs').map((c) => c.body));

describe('a Flux HelmRelease with its HelmRepository in another directory', () => {
  it('loads the source and fails on the changed value line', async () => {
    const run = await review(true);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(h.gh.reviewComments.map((c) => [c.path, c.line])).toEqual([['apps/airflow/release.yaml', 19]]);
    expect(h.gh.reviewComments[0]!.body).toContain('airflow-scheduler');
    expect(blobsAsked()).toContain(blobSha(SOURCE));
    expect(blobsAsked()).not.toContain(blobSha(OTHER));
  });

  it('without the source the chart is unknown: no finding', async () => {
    const run = await review(false);
    expect(run).toMatchObject({ status: 'completed' });
    expect(run.conclusion).not.toBe('failure');
    expect(h.gh.reviewComments).toEqual([]);
    expect(run.output.summary).not.toContain('airflow-scheduler');
  });
});
