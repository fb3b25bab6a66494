import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { fileSetFromMap } from '../../src/model/index.js';

const REDIS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis
spec:
  replicas: 1
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers: [{name: redis, image: redis:7}]
---
apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  selector: {app: redis}
  ports: [{port: 6379}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: cache
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: redis, port: {number: 6379}}}
`;

describe('a kustomization cycle', () => {
  it('is broken at the repeated edge with a warning; the rest is still reviewed', () => {
    const files = (withRedis: boolean) =>
      fileSetFromMap(
        new Map([
          ['kustomization.yaml', `resources:\n  - sub\n${withRedis ? '  - redis.yaml\n' : ''}`],
          // The sub-directory lists its parent: a cycle that used to make the whole tree vanish.
          ['sub/kustomization.yaml', 'resources:\n  - ..\n'],
          ['redis.yaml', REDIS],
        ]),
      );
    const r = review({ base: files(false), head: files(true) });
    expect(r.findings.map((f) => [f.kind, f.component.id])).toEqual([['new-spof', 'Deployment/default/redis']]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ file: 'sub/kustomization.yaml', line: 2, severity: 'warning', message: expect.stringContaining('cycle') }));
    expect(r.stats.components.head).toBeGreaterThan(0);
  });
});
