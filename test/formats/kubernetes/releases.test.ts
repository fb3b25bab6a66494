import { describe, expect, it } from 'vitest';
import { component, extract, ids } from './helpers.js';

const argo = (source: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: cache
  namespace: argocd
spec:
  source:
${source}
  destination:
    namespace: cache
`;

/** A Flux source (`kind`, `url`) named redis or bitnami, then a HelmRelease named redis whose spec is `spec`. */
const flux = (kind: string, name: string, url: string, spec: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
  url: ${url}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: redis
spec:
${spec}`;

describe('releases of known charts in GitOps objects', () => {
  it('reads a Flux chartRef to an OCIRepository, which names the chart in its URL', () => {
    const x = extract({
      'redis.yaml': flux(
        'OCIRepository',
        'redis',
        'oci://registry-1.docker.io/bitnamicharts/redis',
        `  chartRef:
    kind: OCIRepository
    name: redis
  values:
    architecture: standalone
`,
      ),
    });
    const redis = component(x, 'HelmRelease/default/redis');
    expect(redis).toMatchObject({ rule: 'k8s-chart-bitnami-redis', role: 'cache', redundancy: { instances: 1, failover: false } });
    expect(redis.attributes.architecture).toMatchObject({ attribute: 'spec.values.architecture', value: 'standalone', site: { startLine: 17 } });
  });

  it('judges Sentinel nodes as a majority system: two survive no failure', () => {
    const x = extract({
      'app.yaml': argo(`    repoURL: https://charts.bitnami.com/bitnami
    chart: redis
    helm:
      valuesObject:
        sentinel:
          enabled: true
        replica:
          replicaCount: 2`),
    });
    expect(component(x, 'Application/argocd/cache').redundancy).toMatchObject({ instances: 2, quorum: true, failover: true });
  });

  it('lets valuesObject win over the values string, each value on its own line', () => {
    const x = extract({
      'app.yaml': argo(`    repoURL: https://charts.bitnami.com/bitnami
    chart: redis
    helm:
      values: |
        architecture: standalone
        auth:
          enabled: false
      valuesObject:
        architecture: replication
        sentinel:
          enabled: true`),
    });
    const redis = component(x, 'Application/argocd/cache');
    expect(redis.redundancy.instances).toBe(3);
    expect(redis.attributes.architecture).toMatchObject({ attribute: 'spec.source.helm.valuesObject.architecture', site: { startLine: 16 } });
  });

  it('does not read a folded values string, whose lines cannot be told, and says so', () => {
    const x = extract({
      'app.yaml': argo(`    repoURL: https://charts.bitnami.com/bitnami
    chart: redis
    helm:
      values: >
        architecture: standalone`),
    });
    expect(component(x, 'Application/argocd/cache').redundancy.instances).toBeNull();
    expect(x.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/spec\.source\.helm\.values of Application\/argocd\/cache is a string whose lines are not the file's/));
    const json = extract({
      'app.json': JSON.stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'cache', namespace: 'argocd' },
        spec: { source: { repoURL: 'https://charts.bitnami.com/bitnami', chart: 'redis', helm: { values: 'auth:\n  enabled: true\narchitecture: standalone\n' } } },
      }),
    });
    expect(component(json, 'Application/argocd/cache').redundancy.instances).toBeNull();
  });

  it('leaves a chart from an unknown repository alone, and a source that is not a chart', () => {
    const x = extract({
      'app.yaml': argo(`    repoURL: https://example.com/charts
    chart: redis
    helm:
      valuesObject:
        architecture: standalone`),
      'git.yaml': argo(`    repoURL: https://github.com/apache/airflow.git
    path: chart
    helm:
      valuesObject:
        scheduler:
          replicas: 1`).replace('name: cache', 'name: from-git'),
    });
    expect(ids(x)).toEqual([]);
  });

  it('takes Argo CD helm parameters over the values, as Helm reads --set', () => {
    const x = extract({
      'app.yaml': argo(`    repoURL: https://airflow.apache.org
    chart: airflow
    helm:
      valuesObject:
        scheduler:
          replicas: 2
      parameters:
        - name: scheduler.replicas
          value: "1"`),
    });
    const scheduler = component(x, 'Workload/cache/cache-scheduler');
    expect(scheduler).toMatchObject({ rule: 'image-airflow-scheduler', redundancy: { instances: 1 } });
    expect(scheduler.attributes.replicas).toMatchObject({ attribute: 'spec.source.helm.parameters.scheduler.replicas', value: 1, site: { startLine: 16 } });
  });

  it('leaves a Redis chart older than 14.0 unknown, by its version or by the values only older charts use', () => {
    const release = (version: string, values: string) => ({
      'redis.yaml': flux(
        'HelmRepository',
        'bitnami',
        'https://charts.bitnami.com/bitnami',
        `  chart:
    spec:
      chart: redis
${version}      sourceRef:
        kind: HelmRepository
        name: bitnami
  values:
${values}`,
      ),
    });
    const old = extract(release('      version: "11.3.4"\n', '    cluster:\n      enabled: false\n'));
    expect(component(old, 'HelmRelease/default/redis').redundancy.instances).toBeNull();
    expect(old.diagnostics.map((d) => [d.line, d.message])).toContainEqual([16, expect.stringMatching(/installs redis 11\.3\.4 \(before 14\.0\)/)]);
    const unversioned = extract(release('', '    usePassword: false\n'));
    expect(component(unversioned, 'HelmRelease/default/redis').redundancy.instances).toBeNull();
    const current = extract(release('      version: "16.x"\n', '    architecture: standalone\n'));
    expect(component(current, 'HelmRelease/default/redis').redundancy.instances).toBe(1);
  });

  it('counts the ingress-nginx controller by its kind, its autoscaler floor or its replica count', () => {
    const instances = (values: string) =>
      component(
        extract({
          'app.yaml': argo(`    repoURL: https://kubernetes.github.io/ingress-nginx
    chart: ingress-nginx
    helm:
      valuesObject:
        controller:
${values}`),
        }),
        'Application/argocd/cache',
      ).redundancy.instances;
    expect(instances('          kind: DaemonSet')).toBe(2);
    expect(instances('          replicaCount: 3\n          autoscaling:\n            enabled: true')).toBe(1);
    expect(instances('          replicaCount: 1\n          autoscaling:\n            enabled: true\n            minReplicas: 2')).toBe(2);
    expect(instances('          keda:\n            enabled: true')).toBeNull();
  });

  it('counts the voting members of a Bitnami MongoDB replica set, the arbiter included', () => {
    const redundancy = (values: string) =>
      component(
        extract({
          'app.yaml': argo(`    repoURL: https://charts.bitnami.com/bitnami
    chart: mongodb
    helm:
      valuesObject:
${values}`),
        }),
        'Application/argocd/cache',
      ).redundancy;
    expect(redundancy('        architecture: replicaset')).toMatchObject({ instances: 3, quorum: true });
    expect(redundancy('        architecture: replicaset\n        arbiter:\n          enabled: false')).toMatchObject({ instances: 2, quorum: true });
    expect(redundancy('        architecture: replicaset\n        replicaCount: 1')).toMatchObject({ instances: 2, quorum: true });
    expect(redundancy('        persistence:\n          size: 8Gi')).toMatchObject({ instances: 1, failover: false });
    expect(redundancy('        architecture: replicaset\n        hidden:\n          enabled: true').instances).toBeNull();
  });

  it('reads the fixed values of an ApplicationSet template, and leaves templated ones unknown', () => {
    const set = (values: string) =>
      extract({
        'set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: airflow
  namespace: argocd
spec:
  generators:
    - list:
        elements:
          - cluster: eu
  template:
    metadata:
      name: '{{cluster}}-airflow'
    spec:
      source:
        repoURL: https://airflow.apache.org
        chart: airflow
        helm:
          releaseName: '{{cluster}}-airflow'
          values: |
${values}
      destination:
        namespace: '{{cluster}}'
`,
      });
    const fixed = set('            scheduler:\n              replicas: 1');
    expect(component(fixed, 'Workload/argocd/airflow-scheduler')).toMatchObject({ redundancy: { instances: 1 }, attributes: { replicas: { site: { startLine: 22 } } } });
    const templated = set('            scheduler:\n              replicas: {{replicas}}');
    expect(ids(templated)).toEqual([]);
    expect(templated.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});
