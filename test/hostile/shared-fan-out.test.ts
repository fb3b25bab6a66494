import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { kubernetesFanOut, terraformFanOut, writeFanOut } from '../../bench/generate-fan-out.js';
import { review, scan } from '../../src/analysis/index.js';
import { MAX_LISTED, toInventoryJson, toJsonReport } from '../../src/report/json.js';
import { fileSetFromMap } from '../../src/model/index.js';
import { cli, tempDir, write } from '../cli/helpers.js';

/** Moderate size: large enough that the shared lists are hubs and the lists are capped, small enough to be quick. */
const N = 150;

describe('shared fan-out (issue 10): many dependents of one shared set', () => {
  it('Terraform: every database in one local list is a SPOF of every load balancer, listed capped with the count kept', () => {
    const files = terraformFanOut(N);
    const inventory = scan(fileSetFromMap(files.head));
    expect(inventory.snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(inventory.spofs).toHaveLength(N + 1);
    const db = inventory.spofs.find((s) => s.component.id === 'aws_db_instance.db_7')!;
    expect(db.severity).toBe('critical');
    expect(db.blastRadius.entryPoints).toHaveLength(N);
    expect(db.blastRadius.entryPoints).toContain(`aws_lb.lb_${N - 1}`);
    const json = toInventoryJson(inventory) as { spofs: { component: { id: string }; blastRadius: { entryPoints: string[]; omitted?: { entryPoints: number } } }[] };
    const listed = json.spofs.find((s) => s.component.id === 'aws_db_instance.db_7')!;
    expect(listed.blastRadius.entryPoints).toHaveLength(MAX_LISTED);
    expect(listed.blastRadius.omitted).toEqual({ dependents: N - MAX_LISTED, entryPoints: N - MAX_LISTED });
  });

  it('Terraform diff: the database added to the shared list is one critical new SPOF taking down every load balancer', () => {
    const files = terraformFanOut(N);
    const r = review({ base: fileSetFromMap(files.base), head: fileSetFromMap(files.head) });
    expect(r.findings.map((f) => [f.kind, f.severity, f.component.id])).toEqual([['new-spof', 'critical', `aws_db_instance.db_${N}`]]);
    expect(r.findings[0]!.blastRadius.after).toBe(N);
    expect(r.findings[0]!.location).toMatchObject({ file: 'main.tf', startLine: 4 * N + N + 1 });
    const json = toJsonReport(r) as { findings: { blastRadius: { entryPoints: string[]; omitted?: unknown } }[] };
    expect(json.findings[0]!.blastRadius.entryPoints).toHaveLength(MAX_LISTED);
    expect(json.findings[0]!.blastRadius.omitted).toEqual({ dependents: N - MAX_LISTED, entryPoints: N - MAX_LISTED });
  });

  it('Kubernetes: Services sharing one label over single-replica Deployments are alternatives, no SPOF, as before', () => {
    const files = kubernetesFanOut(N);
    const inventory = scan(fileSetFromMap(files.head));
    expect(inventory.snapshot.components.filter((c) => c.type === 'Service')).toHaveLength(N);
    expect(inventory.spofs).toEqual([]);
    // One shared hub, not N x N pairs.
    expect(inventory.snapshot.dependencies.filter((d) => d.kind === 'selector')).toHaveLength(N);
    expect(new Set(inventory.snapshot.dependencies.map((d) => d.hub)).size).toBe(1);
  });

  it('a review past its step budget is an error diagnostic, never a pass: neutral, no findings, CLI exit 2', () => {
    const files = terraformFanOut(N);
    const r = review({ base: fileSetFromMap(files.base), head: fileSetFromMap(files.head), config: { limits: { steps: 2_000, seconds: 60 } } });
    expect(r.findings).toEqual([]);
    expect(r.conclusion).toBe('neutral');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'main.tf', line: 1, severity: 'error', message: expect.stringMatching(/^not reviewed: too large to review, more than 2,000 steps of work \(limits\.steps/) })]);

    const dir = tempDir();
    const { base, head } = writeFanOut(join(dir, 'case'), files);
    write(dir, { 'limits.yml': 'limits: { steps: 2000 }\n' });
    const diff = cli(['diff', base, head, '--format', 'json', '--config', join(dir, 'limits.yml')]);
    expect(diff.code).toBe(2);
    expect(JSON.parse(diff.stdout)).toMatchObject({ conclusion: 'neutral', findings: [] });
    const inv = cli(['scan', head, '--format', 'json', '--config', join(dir, 'limits.yml')]);
    expect(inv.code).toBe(2);
    expect(JSON.parse(inv.stdout).diagnostics[0].message).toMatch(/too large to review/);
  });
});
