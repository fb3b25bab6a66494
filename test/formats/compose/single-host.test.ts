import { describe, expect, it } from 'vitest';
import { scan, snapshot } from '../../../src/analysis/index.js';
import { fileSetFromRecord } from '../../../src/model/index.js';

const project = (extra = '') =>
  fileSetFromRecord({
    'docker-compose.yml': `services:
  web:
    image: registry.example.com/shop/web:2.3.0
    ports: ["8080:8080"]
    command: ["serve", "--cache-host", "redis", "--db=postgres://shop@postgres:5432/shop"]
  worker:
    image: registry.example.com/shop/web:2.3.0
    entrypoint: worker --rpc-host=taskbroker:50051 --queue default
  taskbroker:
    image: registry.example.com/shop/taskbroker:1.0
  redis:
    image: redis:7.2
  postgres:
    image: postgres:16
${extra}`,
  });

describe('compose projects on one host', () => {
  it('reads dependencies from command and entrypoint arguments: host flags, URLs, host:port', () => {
    const snap = snapshot(project());
    const edges = snap.dependencies.map((d) => `${d.from} -> ${d.to} @${d.location?.startLine}`).sort();
    expect(edges).toEqual(['services.web -> services.postgres @5', 'services.web -> services.redis @5', 'services.worker -> services.taskbroker @8']);
    // A bare word under a flag that does not name a host is not a dependency (`--queue default`).
    const words = snapshot(fileSetFromRecord({ 'compose.yaml': 'services:\n  a:\n    image: x\n    command: ["--mode", "b", "b"]\n  b:\n    image: y\n' }));
    expect(words.dependencies).toEqual([]);
  });

  it('marks every service of a project that replicates nothing, and scan names the host once', () => {
    const inv = scan(project());
    expect(inv.snapshot.components.every((c) => c.failureDomain === 'single-host')).toBe(true);
    expect(inv.spofs).toHaveLength(1);
    const [host] = inv.spofs;
    expect(host!.component).toMatchObject({ id: 'host', rule: 'single-host', stack: 'docker-compose.yml', location: { file: 'docker-compose.yml', startLine: 2 } });
    expect(host!.blastRadius.dependents.sort()).toEqual(['services.postgres', 'services.redis', 'services.taskbroker', 'services.web', 'services.worker']);
    expect(host!.blastRadius.entryPoints).toEqual(['services.web']);
    expect(host!.severity).toBe('critical'); // the worst of its services: a single database behind an entry point
  });

  it('judges services one by one once anything is replicated or placed by swarm', () => {
    for (const extra of ['  api:\n    image: registry.example.com/shop/api:1\n    deploy: { replicas: 2 }\n', '  api:\n    image: registry.example.com/shop/api:1\n    deploy:\n      placement:\n        constraints: ["node.role == worker"]\n']) {
      const inv = scan(project(extra));
      expect(inv.snapshot.components.some((c) => c.failureDomain)).toBe(false);
      expect(inv.spofs.map((s) => s.component.id)).toContain('services.postgres');
    }
  });
});
