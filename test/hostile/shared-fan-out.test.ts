import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { kubernetesFanOut, terraformFanOut, writeFanOut } from '../../bench/generate-fan-out.js';
import { review, scan } from '../../src/analysis/index.js';
import { MAX_LISTED, toInventoryJson, toJsonReport } from '../../src/report/json.js';
import { GROUP_MEMBERS_SHOWN } from '../../src/report/graph.js';
import { renderDot } from '../../src/report/dot.js';
import { toGraphJson } from '../../src/report/graph-json.js';
import { renderMermaid } from '../../src/report/mermaid.js';
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

  describe('graph: a shared set is one group node, its members listed up to a cap', () => {
    const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

    it('Kubernetes mermaid: N Services point at one group of N + 1 Deployments; N + 20 edges, not N x N', () => {
      const inventory = scan(fileSetFromMap(kubernetesFanOut(N).head));
      const out = renderMermaid(inventory);
      expect(count(out, /^ {4}g_\d+\{\{/)).toBe(1);
      expect(out).toContain('g_1{{"selector#35;1<br/><small>1 of 151 needed</small>"}}');
      expect(count(out, /^ {2}n_Service_\S+ --> g_1$/)).toBe(N);
      expect(count(out, /^ {2}g_1 --> n_Deployment_/)).toBe(GROUP_MEMBERS_SHOWN);
      expect(out).toContain(`g_1_more["#8230; and ${N + 1 - GROUP_MEMBERS_SHOWN} more"]`);
      expect(count(out, /-->|-\.-/)).toBe(N + GROUP_MEMBERS_SHOWN + 1);
      // Every component is still drawn once.
      expect(count(out, /^ {4}n_/)).toBe(2 * N + 1);
    });

    it('Terraform dot: N load balancers point at one group needing all N + 1 databases', () => {
      const inventory = scan(fileSetFromMap(terraformFanOut(N).head));
      const out = renderDot(inventory);
      expect(out).toContain('"group .:list#1" [label="list#1\\nall 151 needed", shape=hexagon, style=dashed];');
      expect(count(out, /^ {2}"aws_lb\.lb_\d+" -> "group \.:list#1";$/)).toBe(N);
      expect(count(out, /^ {2}"group \.:list#1" -> "aws_db_instance\./)).toBe(GROUP_MEMBERS_SHOWN);
      expect(out).toContain(`"group .:list#1 more" [label="\u2026 and ${N + 1 - GROUP_MEMBERS_SHOWN} more", shape=plaintext];`);
      expect(count(out, / -> /)).toBe(N + GROUP_MEMBERS_SHOWN + 1);
    });

    it('Terraform graph JSON: the group lists 100 members, the blast-radius lists 100 ids, with what was left out', () => {
      const inventory = scan(fileSetFromMap(terraformFanOut(N).head));
      const json = toGraphJson(inventory) as any;
      expect(json.edges.filter((e: any) => e.to.id.startsWith('aws_db_instance.'))).toEqual([]);
      expect(json.groups).toEqual([{ id: 'list#1', stack: '.', k: null, size: N + 1, members: expect.any(Array), omitted: N + 1 - MAX_LISTED }]);
      expect(json.groups[0].members).toHaveLength(MAX_LISTED);
      expect(json.groupEdges).toHaveLength(N);
      expect(json.groupEdges[0]).toEqual({ from: { id: 'aws_lb.lb_0', stack: '.' }, to: { group: 'list#1', stack: '.' }, kind: expect.any(String) });
      const db = json.nodes.find((n: any) => n.id === 'aws_db_instance.db_7');
      expect(db.spof.entryPoints).toHaveLength(MAX_LISTED);
      expect(db.spof.omitted).toEqual({ dependents: N - MAX_LISTED, entryPoints: N - MAX_LISTED });
      // Linear in the input: well under what N x N pairs would print.
      expect(JSON.stringify(json).length).toBeLessThan(600 * N * 10);
    });
  });
});
