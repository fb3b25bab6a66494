import { describe, expect, it } from 'vitest';
import { renderInventoryJson, renderJson, toJsonReport } from '../../src/report/json.js';
import { UNKNOWN } from '../../src/catalog/entry.js';
import { finding, review, sampleInventory, sampleReview } from './sample.js';

describe('renderJson (DESIGN contract, schemaVersion 1)', () => {
  const parsed = JSON.parse(renderJson(sampleReview())) as Record<string, any>;

  it('has exactly the top-level keys in contract order', () => {
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'conclusion', 'counts', 'findings', 'diagnostics', 'stats']);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.conclusion).toBe('failure');
    expect(Object.keys(parsed.counts)).toEqual(['new-spof', 'redundancy-reduced', 'blast-radius-grown', 'resolved-spof']);
    expect(parsed.counts).toEqual({ 'new-spof': 1, 'redundancy-reduced': 1, 'blast-radius-grown': 0, 'resolved-spof': 1 });
  });

  it('has exactly the finding keys, optional ones only when present', () => {
    const [full, noOptional] = parsed.findings;
    const required = ['fingerprint', 'kind', 'severity', 'rule', 'title', 'message', 'component', 'location', 'evidence', 'redundancy', 'blastRadius'];
    expect(Object.keys(full)).toEqual([...required, 'recovery', 'suggestion']);
    expect(Object.keys(noOptional)).toEqual(required);
    expect(Object.keys(full.component)).toEqual(['id', 'type', 'format', 'stack']);
    expect(Object.keys(full.location)).toEqual(['file', 'startLine', 'endLine']);
    expect(Object.keys(full.evidence[0])).toEqual(['file', 'line', 'attribute', 'before', 'after']);
    expect(Object.keys(full.redundancy)).toEqual(['before', 'after']);
    expect(Object.keys(full.redundancy.before)).toEqual(['instances', 'zones']);
    expect(Object.keys(full.blastRadius)).toEqual(['before', 'after', 'dependents', 'entryPoints']);
    expect(Object.keys(full.recovery)).toEqual(['rto', 'rpo']);
    expect(Object.keys(full.recovery.rto)).toEqual(['before', 'after']);
    expect(Object.keys(full.suggestion)).toEqual(['file', 'startLine', 'endLine', 'replacement']);
    expect(full.evidence[0]).toEqual({ file: 'infra/database.tf', line: 18, attribute: 'multi_az', before: true, after: false });
  });

  it('has exactly the diagnostic and stats keys', () => {
    expect(Object.keys(parsed.diagnostics[0])).toEqual(['file', 'line', 'severity', 'message']);
    expect(Object.keys(parsed.stats)).toEqual(['files', 'components', 'durationMs', 'suppressed', 'stacks']);
    expect(parsed.stats.components).toEqual({ base: 10, head: 11 });
    expect(parsed.stats.stacks).toEqual({ reviewed: 1, unchanged: 0 });
  });

  it('keeps values JSON-safe: undefined and UNKNOWN evidence become null, a removed side is null', () => {
    const r = review([
      finding({
        evidence: [{ file: 'a.tf', line: 1, attribute: 'x', before: undefined, after: UNKNOWN }],
        redundancy: { before: null, after: { instances: 1, zones: null } },
      }),
    ]);
    const f = (toJsonReport(r).findings as any[])[0];
    expect(f.evidence[0]).toEqual({ file: 'a.tf', line: 1, attribute: 'x', before: null, after: null });
    expect(f.redundancy).toEqual({ before: null, after: { instances: 1, zones: null } });
  });

  it('does not leak suppressed findings or fields', () => {
    const r = review([finding(), finding({ fingerprint: 'x', suppressed: 'accepted' })]);
    const out = toJsonReport(r);
    expect(out.findings).toHaveLength(1);
    expect(JSON.stringify(out)).not.toContain('suppressed":"');
  });

  it('is stable: same input, same bytes', () => {
    expect(renderJson(sampleReview())).toBe(renderJson(sampleReview()));
  });
});

describe('renderInventoryJson', () => {
  it('lists SPOFs with location and blast radius', () => {
    const out = JSON.parse(renderInventoryJson(sampleInventory()));
    expect(Object.keys(out)).toEqual(['schemaVersion', 'spofs', 'diagnostics', 'stats']);
    expect(out.spofs[0]).toEqual({
      severity: 'critical',
      kinds: ['instance'],
      rule: 'test-rule',
      component: { id: 'aws_db_instance.main', type: 'aws_db_instance', format: 'terraform', stack: '.' },
      location: { file: 'db.tf', startLine: 3, endLine: 20 },
      blastRadius: { dependents: ['aws_ecs_service.api'], entryPoints: ['aws_lb.public'] },
    });
    expect(out.stats).toEqual({ files: 4, components: 4 });
  });
});
