/**
 * The deploy manifests shipped in deploy/ pass spof-review's own review (issue 14): the Kubernetes
 * installation has no SPOF it can see (its PostgreSQL is external, see README "Deploying"), and the
 * one-machine compose trial is reported honestly as one host.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/analysis/index.js';
import { readDirectory } from '../../src/cli/files.js';
import { cli } from '../cli/helpers.js';

const DEPLOY = join(import.meta.dirname, '..', '..', 'deploy');

describe('deploy/ reviewed by spof-review', () => {
  it('the Kubernetes example overlay has no SPOF, no error, and the app runs 3 protected, zone-spread replicas', async () => {
    const { files } = await readDirectory(join(DEPLOY, 'kubernetes'));
    const inventory = scan(files);
    expect(inventory.spofs).toEqual([]);
    expect(inventory.snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const app = inventory.snapshot.components.find((c) => c.type === 'Deployment' && c.stack === 'overlays/example');
    expect(app?.redundancy.instances).toBe(3);
    expect(app?.redundancy.protection).toMatchObject({ budget: 'allows', spread: 'zone', spreadRequired: true });
  });

  it('the base alone (2 replicas) has no SPOF either', async () => {
    const { files } = await readDirectory(join(DEPLOY, 'kubernetes', 'base'));
    const inventory = scan(files);
    expect(inventory.spofs).toEqual([]);
    expect(inventory.snapshot.components.find((c) => c.type === 'Deployment')?.redundancy.instances).toBe(2);
  });

  it('the compose trial is one host, said once', async () => {
    const { files } = await readDirectory(DEPLOY, { recursive: false });
    const inventory = scan(files);
    expect(inventory.spofs.map((s) => [s.component.stack, s.component.rule])).toEqual([['compose.yaml', 'single-host']]);
  });

  it('`spof-review scan deploy/`, the command CI runs: only the one-host compose trial, and nothing in the Kubernetes installation (its external PostgreSQL it cannot see)', () => {
    const all = cli(['scan', 'deploy', '--format', 'json']);
    expect(all.stderr).toBe('');
    const spofs = (JSON.parse(all.stdout) as { spofs: { rule: string; component: { stack: string } }[] }).spofs;
    expect(spofs.map((s) => [s.component.stack, s.rule])).toEqual([['compose.yaml', 'single-host']]);
    const kubernetes = cli(['scan', 'deploy/kubernetes']);
    expect([kubernetes.code, kubernetes.stderr]).toEqual([0, '']);
  });
});
