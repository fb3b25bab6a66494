/**
 * PodDisruptionBudgets are filed by namespace and label (protection.ts Budgets over
 * selectors.ts SelectorIndex) so a workload is not compared with every budget of its stack
 * (issue 10). What a workload's budget is must not change for it: here against the plain
 * "every budget, in order" reading on a generated stack of many namespaces, workloads and budgets.
 */
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../../src/formats/kubernetes/documents.js';
import { objectsOf, idOf, type K8sObject } from '../../../src/formats/kubernetes/objects.js';
import { budgetOf, Budgets, type Budget, type PodSet } from '../../../src/formats/kubernetes/protection.js';
import { matches, SelectorIndex, type Selector } from '../../../src/formats/kubernetes/selectors.js';
import { podWorkload } from '../../../src/formats/kubernetes/workloads.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  // mulberry32
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

const SPECS = ['maxUnavailable: 1', 'maxUnavailable: "25%"', 'minAvailable: "50%"', '', 'maxUnavailable: 0', 'maxUnavailable: "0%"', 'minAvailable: 2', 'minAvailable: "100%"'];

function generated(seed: number): string {
  const r = random(seed);
  const docs: string[] = [];
  for (let n = 0; n < 12; n++) {
    const ns = `ns-${n}`;
    for (let i = 0; i < 40; i++) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: w-${i}, namespace: ${ns}}
spec:
  replicas: ${1 + r(4)}
  selector: {matchLabels: {app: w-${i}}}
  template:
    metadata: {labels: {app: w-${i}, tier: t-${r(3)}, team: x-${r(5)}${r(4) === 0 ? ', canary: "yes"' : ''}}}
    spec: {containers: [{name: c, image: example.com/w:1}]}`);
    }
    for (let j = 0; j < 12; j++) {
      const kind = r(7);
      const selector =
        kind === 0 ? `{matchLabels: {app: w-${r(45)}}}`
        : kind === 1 ? `{matchLabels: {tier: t-${r(3)}}}`
        : kind === 2 ? `{matchLabels: {tier: t-${r(3)}, team: x-${r(5)}}}`
        : kind === 3 ? `{matchExpressions: [{key: team, operator: In, values: [x-${r(5)}, x-${r(5)}]}]}`
        : kind === 4 ? `{matchLabels: {team: x-${r(5)}}, matchExpressions: [{key: canary, operator: DoesNotExist}]}`
        : kind === 5 ? (r(6) === 0 ? '{}' : `{matchExpressions: [{key: canary, operator: Exists}]}`)
        : 'null';
      // Some budgets sit in a namespace of their own: they select nothing here.
      const where = r(10) === 0 ? `other-${n}` : ns;
      docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: b-${j}, namespace: ${where}}
spec:
  selector: ${selector}
  ${SPECS[r(4) === 0 ? 4 + r(4) : r(4)]}`);
    }
  }
  return docs.join('\n---\n');
}

/** The reading the index replaced: every budget of the stack in order, one that blocks deciding. */
function everyBudget(w: PodSet, pdbs: readonly K8sObject[], instances: number | null): Budget {
  let allowing: Budget | undefined;
  for (const pdb of pdbs) {
    // One budget alone: its namespace, its selector and its verdict, judged as the index does.
    const verdict = budgetOf(w, new Budgets([pdb]), instances);
    if (verdict.budget === 'blocks') return verdict;
    if (verdict.budget === 'allows') allowing ??= verdict;
  }
  return allowing ?? { budget: 'none' };
}

describe('PodDisruptionBudgets filed by namespace and label (issue 10: bounded work per review)', () => {
  it('gives every workload of a generated stack the budget that trying every budget in order gives', () => {
    for (const seed of [1, 7, 42]) {
      const parsed = parseDocuments('all.yaml', generated(seed));
      const objects = objectsOf('all.yaml', parsed.docs, []);
      const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
      const workloads = objects.map(podWorkload).filter((w) => w !== undefined);
      expect(workloads).toHaveLength(480);
      expect(pdbs).toHaveLength(144);
      const index = new Budgets(pdbs);
      const seen = { blocks: 0, allows: 0, none: 0 };
      for (const w of workloads) {
        for (const instances of [null, 1, 3]) {
          const got = budgetOf(w, index, instances);
          const want = everyBudget(w, pdbs, instances);
          expect({ budget: got.budget, pdb: got.pdb && idOf(got.pdb), blocks: got.blocks, site: got.site }, `${idOf(w.obj)} with ${instances}`).toEqual({
            budget: want.budget,
            pdb: want.pdb && idOf(want.pdb),
            blocks: want.blocks,
            site: want.site,
          });
          seen[got.budget]++;
        }
      }
      // The generated stack exercises every outcome, so agreement means something.
      expect(seen.blocks).toBeGreaterThan(100);
      expect(seen.allows).toBeGreaterThan(100);
      expect(seen.none).toBeGreaterThan(10);
    }
  });

  it('SelectorIndex answers what trying every selector of the namespace answers, in the order given', () => {
    const sel = (labels: Record<string, string>, expressions: Selector['expressions'] = []): Selector => ({ labels: new Map(Object.entries(labels)), expressions });
    const entries = [
      { ns: 'a', selector: sel({ tier: 'back' }), value: 'back' },
      { ns: 'a', selector: sel({}), value: 'everything' },
      { ns: 'a', selector: sel({ app: 'api', tier: 'back' }), value: 'api-back' },
      { ns: 'b', selector: sel({ app: 'api' }), value: 'api-in-b' },
      { ns: 'a', selector: sel({}, [{ key: 'app', operator: 'Exists', values: [] }]), value: 'has-app' },
      { ns: 'a', selector: sel({ tier: 'back' }, [{ key: 'app', operator: 'NotIn', values: ['api'] }]), value: 'back-not-api' },
    ];
    const index = new SelectorIndex(entries);
    const sets = [{ app: 'api', tier: 'back' }, { app: 'worker', tier: 'back' }, { tier: 'front' }, {}].map((l) => new Map(Object.entries(l)));
    for (const ns of ['a', 'b', 'c']) {
      for (const labels of sets) {
        expect(index.selecting(ns, labels)).toEqual(entries.filter((e) => e.ns === ns && matches(e.selector, labels)).map((e) => e.value));
      }
    }
    expect(index.selecting('a', sets[0]!)).toEqual(['back', 'everything', 'api-back', 'has-app']);
  });
});
