import { describe, expect, it } from 'vitest';
import { kubernetes } from '../../../src/formats/kubernetes/index.js';
import { looksLikeManifest } from '../../../src/formats/kubernetes/sniff.js';
import { fileSetFromRecord } from '../../../src/model/index.js';
import { deployment, extractAll, ids } from './helpers.js';

describe('kubernetes sniffing and claims', () => {
  it('tells manifests from other YAML by apiVersion + kind', () => {
    expect(looksLikeManifest('k8s/web.yaml', deployment('web'))).toBe(true);
    expect(looksLikeManifest('k8s/web.yml', '---\n# c\napiVersion: v1\nkind: Service\n')).toBe(true);
    expect(looksLikeManifest('web.json', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}}')).toBe(true);
    expect(looksLikeManifest('compose.yaml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(looksLikeManifest('template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n')).toBe(false);
    expect(looksLikeManifest('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n')).toBe(false);
    expect(looksLikeManifest('values.yaml', 'replicaCount: 1\nimage:\n  repository: nginx\n')).toBe(false);
    // Nested apiVersion / kind keys (inside a values file or a CRD schema) are not at the top level.
    expect(looksLikeManifest('values.yaml', 'extra:\n  apiVersion: v1\n  kind: ConfigMap\n')).toBe(false);
    expect(looksLikeManifest('notes.txt', 'apiVersion: v1\nkind: Service\n')).toBe(false);
  });

  it('claims kustomizations and charts by name', () => {
    expect(kubernetes.claims('overlays/prod/kustomization.yaml')).toBe(true);
    expect(kubernetes.claims('base/Kustomization')).toBe(true);
    expect(kubernetes.claims('charts/web/Chart.yaml')).toBe(true);
    expect(kubernetes.claims('charts/web/values.yaml')).toBe(false);
    expect(kubernetes.claims('node_modules/x/kustomization.yaml')).toBe(false);
  });
});

describe('kubernetes stacks', () => {
  const kustomization = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

  it('groups plain manifests by directory', () => {
    const r = extractAll({
      'apps/web/deploy.yaml': deployment('web'),
      'apps/web/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n',
      'apps/api/deploy.yaml': deployment('api'),
      'root.yaml': deployment('root'),
      'docs/readme.yaml': 'title: not a manifest\n',
    });
    expect(r.stacks.map((s) => `${s.id}: ${s.files.join(', ')}`)).toEqual([
      '.: root.yaml',
      'apps/api: apps/api/deploy.yaml',
      'apps/web: apps/web/deploy.yaml, apps/web/svc.yaml',
    ]);
  });

  it('makes a kustomization the stack of what it builds; included bases and components are not stacks of their own', () => {
    const files = {
      'base/kustomization.yaml': kustomization('resources:\n- web.yaml\n'),
      'base/web.yaml': deployment('web'),
      'base/unlisted.yaml': deployment('unlisted'),
      'overlays/prod/kustomization.yaml': kustomization('resources:\n- ../../base\n- extra/api.yaml\ncomponents:\n- ../../components/hpa\npatches:\n- path: patch.yaml\n'),
      'overlays/prod/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 4}\n',
      'overlays/prod/extra/api.yaml': deployment('api'),
      'components/hpa/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- hpa.yaml\n',
      'components/hpa/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}\n',
    };
    const r = extractAll(files);
    expect(r.stacks.map((s) => s.id)).toEqual(['overlays/prod']);
    expect(r.stacks[0]!.files).toEqual([
      'base/kustomization.yaml',
      'base/web.yaml',
      'components/hpa/hpa.yaml',
      'components/hpa/kustomization.yaml',
      'overlays/prod/extra/api.yaml',
      'overlays/prod/kustomization.yaml',
      'overlays/prod/patch.yaml',
    ]);
    const x = r.byStack.get('overlays/prod')!;
    expect(ids(x)).toEqual(['Deployment/default/api', 'Deployment/default/web', 'HorizontalPodAutoscaler/default/web']);
  });

  it('makes a chart directory a stack of its Chart.yaml, values and templates, never reading templates as manifests', () => {
    const r = extractAll({
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n',
      'charts/web/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
      'charts/web/templates/_helpers.tpl': '{{- define "web.name" -}}web{{- end }}\n',
      'charts/web/charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.0.0\n',
      'charts/web/charts/redis/values.yaml': 'replicaCount: 1\n',
    });
    expect(r.stacks.map((s) => `${s.id}: ${s.files.join(', ')}`)).toEqual([
      'charts/web: charts/web/Chart.yaml, charts/web/templates/_helpers.tpl, charts/web/templates/deployment.yaml, charts/web/values.yaml',
      'charts/web/charts/redis: charts/web/charts/redis/Chart.yaml, charts/web/charts/redis/values.yaml',
    ]);
    expect(r.byStack.get('charts/web')!.diagnostics).toEqual([]);
  });

  it('keeps stacks stable when a file is added elsewhere (plans are by directory)', () => {
    const files = { 'a/x.yaml': deployment('x'), 'b/y.yaml': deployment('y') };
    const before = kubernetes.stacks(Object.keys(files), fileSetFromRecord(files), {});
    const more = { ...files, 'c/z.yaml': deployment('z') };
    const after = kubernetes.stacks(Object.keys(more), fileSetFromRecord(more), {});
    expect(after.filter((s) => s.id !== 'c')).toEqual(before);
  });
});
