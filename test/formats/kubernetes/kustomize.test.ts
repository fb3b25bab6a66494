import { describe, expect, it } from 'vitest';
import { namePattern } from '../../../src/formats/kubernetes/kustomize.js';
import { component, deployment, extract, extractAll, ids } from './helpers.js';

const k = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

describe('kustomize builds', () => {
  it('applies replicas, namespace and name prefix; the replica count is sited at the kustomization', () => {
    const x = extract(
      {
        'base/kustomization.yaml': k('resources:\n- web.yaml\n'),
        'base/web.yaml': deployment('web', { replicas: 3 }),
        'prod/kustomization.yaml': k('resources:\n- ../base\nnamespace: shop\nnamePrefix: prod-\nreplicas:\n- name: web\n  count: 1\n'),
      },
      'prod',
    );
    const web = component(x, 'Deployment/shop/prod-web');
    expect(web.redundancy.instances).toBe(1);
    expect(web.attributes.replicas).toMatchObject({ attribute: 'spec.replicas', value: 1, site: { file: 'prod/kustomization.yaml', startLine: 9, endLine: 9 }, text: '  count: 1' });
    expect(web.location).toMatchObject({ file: 'base/web.yaml', startLine: 1 });
    expect(web.fix).toEqual({
      description: 'set spec.replicas (set at prod/kustomization.yaml:9) to 2 or more',
      suggestion: { file: 'prod/kustomization.yaml', startLine: 9, endLine: 9, replacement: '  count: 2' },
    });
    expect(x.diagnostics).toEqual([]);
  });

  it('applies strategic-merge patches (files and inline), JSON 6902 patches and deletions, with patch lines as sites', () => {
    const x = extract({
      'kustomization.yaml': k(`resources:
- app.yaml
patchesStrategicMerge:
- scale.yaml
patches:
- target:
    kind: Deployment
    name: api
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 5
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: legacy
    $patch: delete
`),
      'app.yaml': `${deployment('web', { replicas: 1 })}---\n${deployment('api', { replicas: 1 })}---\napiVersion: v1\nkind: Service\nmetadata: {name: legacy}\nspec: {selector: {app: web}}\n`,
      'scale.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    });
    expect(ids(x)).toEqual(['Deployment/default/api', 'Deployment/default/web']);
    expect(component(x, 'Deployment/default/web').attributes.replicas).toMatchObject({ value: 3, site: { file: 'scale.yaml', startLine: 6 } });
    const api = component(x, 'Deployment/default/api');
    expect(api.redundancy.instances).toBe(5);
    // The inline patch's `value: 5` is line 14 of the kustomization.
    expect(api.attributes.replicas).toMatchObject({ value: 5, site: { file: 'kustomization.yaml', startLine: 14 }, text: '      value: 5' });
    // A strategic-merge patch keeps the object's lists (containers) as they are.
    expect(component(x, 'Deployment/default/web').rule).toBe('k8s-deployment');
    expect(x.diagnostics).toEqual([]);
  });

  it('reports what it does not do: remote bases, missing resources, cycles, generators', () => {
    const r = extractAll({
      'a/kustomization.yaml': k('resources:\n- github.com/org/repo//base?ref=v1\n- missing.yaml\n- ../b\nhelmCharts:\n- name: redis\n'),
      'b/kustomization.yaml': k('resources:\n- ../a\n- web.yaml\n'),
      'b/web.yaml': deployment('web'),
    });
    // a and b include each other: the cycle is broken at the repeated edge and one of them
    // roots the tree, so what they define is still reviewed.
    expect(r.stacks.map((s) => [s.id, s.files])).toEqual([['a', ['a/kustomization.yaml', 'b/kustomization.yaml', 'b/web.yaml']]]);
    const only = extract({
      'a/kustomization.yaml': k('resources:\n- github.com/org/repo//base?ref=v1\n- missing.yaml\n- ../b\nhelmCharts:\n- name: redis\n'),
      'b/kustomization.yaml': k('resources:\n- web.yaml\n- ../a\n'),
      'b/web.yaml': deployment('web'),
      'c/kustomization.yaml': k('resources:\n- ../a\n'),
    }, 'c');
    expect(only.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'a/kustomization.yaml:4 kustomize: remote resource github.com/org/repo//base?ref=v1 is not fetched; what it defines is not reviewed',
      'a/kustomization.yaml:5 kustomize: resource missing.yaml was not found in the repository',
      'b/kustomization.yaml:5 kustomize: a is included in a cycle (c -> a -> b -> a); not read again',
      'a/kustomization.yaml:7 kustomize: helmCharts are not run; what they produce is not reviewed',
    ]);
    expect(ids(only)).toEqual(['Deployment/default/web']);
  });

  it('applies components to what the kustomization has so far', () => {
    const x = extract({
      'kustomization.yaml': k('resources:\n- web.yaml\ncomponents:\n- ha\n'),
      'web.yaml': deployment('web', { replicas: 1 }),
      'ha/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 3\n',
    });
    expect(component(x, 'Deployment/default/web').redundancy.instances).toBe(3);
  });

  it('matches target names literally or with .* wildcards only', () => {
    expect(namePattern('web')('web')).toBe(true);
    expect(namePattern('web')('web-2')).toBe(false);
    expect(namePattern('web-.*')('web-2')).toBe(true);
    expect(namePattern('^.*-api$')('orders-api')).toBe(true);
    expect(namePattern('.*')('anything')).toBe(true);
    expect(namePattern('(a+)+.*')('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toBe(false);
  });
});
