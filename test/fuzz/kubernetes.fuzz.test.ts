/**
 * Kubernetes: manifests and kustomizations (resources, components, overlays, strategic-merge and JSON
 * patches inline and in files, replicas, labels) from the golden cases and the corpus, with
 * syntax-aware edits; each reviewed against the unedited input.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { campaign, corpusSeeds, fixtureSeeds, mutatedSeedArb, mutationArb, reviewHolds, timeout, wordsOf } from './harness.js';

const seeds = [...fixtureSeeds('kubernetes'), ...corpusSeeds('kubernetes', (rel) => /\.ya?ml$/.test(rel), 6000)];
const TOKENS = [
  'resources:\n  - ..\n', 'resources:\n  - ../missing\n', 'patches:\n  - patch: |-\n      - op: remove\n        path: /spec/replicas\n    target: {kind: Deployment}\n',
  'patches:\n  - patch: |\n      spec:\n        replicas: 0\n', '- op: add\n  path: /spec/template/spec/containers/-\n  value: {}\n', '$patch: delete\n', 'replicas:\n  - name: "*"\n    count: 1\n',
  'components:\n  - .\n', 'commonLabels: {app: x}\n', 'namePrefix: p-\n', '&a ', '*a', '<<: *a', '---\n', '- ', ': ', '{', '}', '[', ']', '"', "'", '|', '#',
];
const NESTING = [['[', ']'], ['{a: ', '}'], ['- ', '']] as const;

describe('kubernetes fuzz', () => {
  it(
    'a review of edited manifests and kustomizations keeps every property',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutationArb(TOKENS, wordsOf(seeds), NESTING)), ({ seed, files }) => {
          reviewHolds(seed.files, files);
        }),
        campaign(),
      );
    },
    timeout(),
  );
});
