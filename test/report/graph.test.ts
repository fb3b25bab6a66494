import { describe, expect, it } from 'vitest';
import { dotString, renderDot } from '../../src/report/dot.js';
import { renderGraphJson } from '../../src/report/graph-json.js';
import { mermaidId, mermaidText, renderMermaid } from '../../src/report/mermaid.js';
import { component, dep, sampleInventory, spof } from './sample.js';
import type { Inventory } from '../../src/analysis/api.js';

function hostile(): Inventory {
  const a = component('module.x["a \\"b\\"]"].aws_instance.end', { type: 'aws_instance<script>' });
  const b = component('end', { stack: 'other dir', entryPoint: true });
  const c = component('end', { stack: '.' }); // same id in another stack
  return {
    spofs: [spof(a)],
    snapshot: {
      components: [a, b, c],
      dependencies: [dep(a.id, 'end', { toStack: 'other dir' }), dep(a.id, 'end')],
      diagnostics: [],
      files: 2,
    },
  };
}

describe('renderMermaid', () => {
  const out = renderMermaid(sampleInventory());

  it('draws components with id and type, edges, SPOFs and entry points; no passive components', () => {
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expect(out).toContain('n_aws_db_instance_main["SPOF critical: aws_db_instance.main<br/><small>aws_db_instance</small>"]');
    expect(out).toContain('n_aws_lb_public(["aws_lb.public<br/><small>aws_lb</small>"])');
    expect(out).toContain('n_aws_lb_public --> n_aws_ecs_service_api');
    expect(out).toContain('n_aws_ecs_service_api --> n_aws_db_instance_main');
    expect(out).toContain('class n_aws_db_instance_main spof');
    expect(out).toContain('class n_aws_lb_public entry');
    expect(out).not.toContain('iam_role');
    expect(renderMermaid(sampleInventory(), { includePassive: true })).toContain('aws_iam_role');
  });

  it('sanitizes node ids and escapes labels', () => {
    expect(mermaidId('module.x["a"].end')).toMatch(/^n_[A-Za-z0-9_]+$/);
    expect(mermaidText('a"b<c>[d]')).toBe('a#34;b#60;c#62;#91;d#93;');
    const h = renderMermaid(hostile());
    for (const line of h.split('\n')) {
      const m = /^\s+(n_\S*?)[[(]/.exec(line);
      if (m) expect(m[1]).toMatch(/^n_[A-Za-z0-9_]+$/);
      // Inside a label, no raw quote, bracket or angle bracket other than our own <br/> and <small>.
      const label = /\["(.*)"\]/.exec(line)?.[1];
      if (label) expect(label.replace(/<br\/>|<\/?small>/g, '')).not.toMatch(/["<>[\]]/);
    }
    expect(h).not.toContain('<script>');
    // The two `end` components in different stacks get different node ids, both edges kept.
    expect(h).toMatch(/n_end\[/);
    expect(h).toMatch(/n_end_2\(\[/);
    expect(h.match(/-->/g)).toHaveLength(2);
  });
});

describe('renderDot', () => {
  it('draws a digraph with clusters, highlighted SPOFs and entry points', () => {
    const out = renderDot(sampleInventory());
    expect(out.startsWith('digraph "spof-review" {')).toBe(true);
    expect(out).toContain('"aws_db_instance.main" [label="SPOF critical: aws_db_instance.main\\naws_db_instance", style="rounded,filled"');
    expect(out).toContain('"aws_lb.public" [label="aws_lb.public\\naws_lb", peripheries=2];');
    expect(out).toContain('"aws_lb.public" -> "aws_ecs_service.api";');
    expect(out).not.toContain('aws_iam_role');
    expect(out.trimEnd().endsWith('}')).toBe(true);
  });

  it('escapes quotes and backslashes and keeps same-id components of different stacks apart', () => {
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    const out = renderDot(hostile());
    expect(out).toContain('"module.x[\\"a \\\\\\"b\\\\\\"]\\"].aws_instance.end"');
    expect(out).toContain('".:end"');
    expect(out).toContain('"other dir:end"');
    // Every line is balanced in unescaped quotes.
    for (const line of out.split('\n')) expect(line.replace(/\\\\/g, '').replace(/\\"/g, '').split('"').length % 2).toBe(1);
  });
});

describe('renderGraphJson', () => {
  it('lists nodes with their SPOF status and edges', () => {
    const out = JSON.parse(renderGraphJson(sampleInventory()));
    expect(out.schemaVersion).toBe(1);
    expect(out.nodes.map((n: any) => n.id)).toEqual(['aws_db_instance.main', 'aws_ecs_service.api', 'aws_lb.public']);
    expect(out.nodes[0].spof).toEqual({ kinds: ['instance'], severity: 'critical', dependents: ['aws_ecs_service.api'], entryPoints: ['aws_lb.public'] });
    expect(out.nodes[1].spof).toBeNull();
    expect(out.edges).toContainEqual({ from: { id: 'aws_lb.public', stack: '.' }, to: { id: 'aws_ecs_service.api', stack: '.' }, kind: 'reference' });
    expect(out.diagnostics).toHaveLength(1);
  });
});
