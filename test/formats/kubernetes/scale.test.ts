import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/analysis/index.js';
import { fileSetFromRecord } from '../../../src/model/index.js';

/** A generated monorepo: 100 team directories of 10 services that call the next one by hostname. */
function monorepo(teams: number, perTeam: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let d = 0; d < teams; d++) {
    for (let i = 0; i < perTeam; i++) {
      const n = `svc-${d}-${i}`;
      files[`apps/team-${d}/${n}.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${n}, namespace: team-${d}}
spec:
  replicas: ${i % 3 === 0 ? 1 : 3}
  selector: {matchLabels: {app: ${n}}}
  template:
    metadata: {labels: {app: ${n}}}
    spec:
      containers:
      - name: main
        image: example.com/${n}:1
        env:
        - {name: NEXT_ADDR, value: "svc-${d}-${(i + 1) % perTeam}:8080"}
---
apiVersion: v1
kind: Service
metadata: {name: ${n}, namespace: team-${d}}
spec:
  type: ${i === 0 ? 'LoadBalancer' : 'ClusterIP'}
  selector: {app: ${n}}
`;
    }
  }
  return files;
}

describe('kubernetes at monorepo scale', () => {
  // Its time is `npm run bench`'s to measure; here, that nothing is lost at this size.
  it('scans 1,000 manifests in 100 stacks with every relation found', () => {
    const inv = scan(fileSetFromRecord(monorepo(100, 10)));
    expect(inv.snapshot.components).toHaveLength(2000);
    // Per team: 10 selectors and 10 hostname edges.
    expect(inv.snapshot.dependencies).toHaveLength(2000);
    // The single-replica services (i = 0, 3, 6, 9) each take the team's entry point down with them.
    expect(inv.spofs).toHaveLength(400);
  });
});
