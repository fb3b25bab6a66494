/**
 * Kubernetes: manifests and kustomizations (resources, components, overlays, strategic-merge and JSON
 * patches inline and in files, replicas, labels) from the golden cases and the corpus, with
 * syntax-aware edits; each reviewed against the unedited input.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { campaign, corpusSeeds, type Seed, fixtureSeeds, mutatedSeedArb, mutationArb, reviewHolds, timeout, wordsOf } from './harness.js';

const DEPLOYMENT = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: w, image: nginx}]}\n`;
/** An overlay with every kind of patch, inline and in files, whose edits move the patches' lines. */
const OVERLAY: Seed = {
  name: 'overlay with every patch kind',
  files: {
    'base/dep.yaml': DEPLOYMENT,
    'base/kustomization.yaml': 'resources:\n  - dep.yaml\n',
    'overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n',
    'overlay/ops.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n',
    'overlay/kustomization.yaml': [
      'resources:\n  - ../base',
      'namePrefix: p-\ncommonLabels: {tier: web}',
      'patches:\n  - path: patch.yaml\n  - path: ops.yaml\n    target: {kind: Deployment, name: web}',
      '  - target: {kind: Deployment}\n    patch: |-\n      - op: remove\n        path: /spec/template/spec/affinity\n      - op: move\n        from: /a\n        path: /spec/replicas',
      '  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec: {replicas: 1}',
      'patchesStrategicMerge:\n  - patch.yaml',
      'patchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: web}\n    path: ops.yaml',
      'replicas:\n  - name: web\n    count: 1',
    ].join('\n') + '\n',
  },
};

const seeds = [OVERLAY, ...fixtureSeeds('kubernetes'), ...corpusSeeds('kubernetes', (rel) => /\.ya?ml$/.test(rel), 6000)];
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

  it(
    'a review of an edited overlay with every kind of patch keeps every property',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb([OVERLAY], mutationArb(TOKENS, wordsOf([OVERLAY]), NESTING)), ({ seed, files }) => {
          reviewHolds(seed.files, files);
        }),
        campaign(),
      );
    },
    timeout(),
  );
});
