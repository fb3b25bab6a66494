import { describe, expect, it } from 'vitest';
import { applySuppressions, idGlob, inlineIgnores } from '../../src/analysis/suppress.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { fileSetFromRecord, type Finding } from '../../src/model/index.js';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: 'f',
    kind: 'new-spof',
    severity: 'high',
    rule: 'aws-rds-instance',
    title: 't',
    message: 'm',
    component: { id: 'aws_db_instance.main', type: 'aws_db_instance', format: 'terraform', stack: '.' },
    location: { file: 'main.tf', startLine: 2, endLine: 5 },
    evidence: [],
    redundancy: { before: null, after: null },
    blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
    ...over,
  };
}

describe('suppressions', () => {
  it('parses inline ignores with # and // comments', () => {
    const m = inlineIgnores('a\n# spof-review:ignore aws-rds-instance dev database\n  multi_az = false // spof-review:ignore * staging only\n');
    expect([...m.values()]).toEqual([
      { rule: 'aws-rds-instance', reason: 'dev database', line: 2 },
      { rule: '*', reason: 'staging only', line: 3 },
    ]);
  });

  it('suppresses a finding by a comment above its block, and warns on a reasonless ignore', () => {
    const head = fileSetFromRecord({ 'main.tf': '# spof-review:ignore aws-rds-instance dev only\nresource "x" "y" {\n}\n# spof-review:ignore\n' });
    const fs = [finding()];
    const diags = applySuppressions(fs, head, fileSetFromRecord({}), DEFAULT_CONFIG);
    expect(fs[0]!.suppressed).toBe('inline at main.tf:1: dev only');
    expect(diags.map((d) => d.line)).toEqual([4]);
  });

  it('does not suppress for another rule, and applies config ignores by component glob', () => {
    const head = fileSetFromRecord({ 'main.tf': '# spof-review:ignore aws-nat-gateway reason\nresource "x" "y" {\n}\n' });
    const fs = [finding(), finding({ component: { id: 'module.dev.aws_db_instance.x', type: 't', format: 'terraform', stack: '.' } })];
    applySuppressions(fs, head, fileSetFromRecord({}), {
      ...DEFAULT_CONFIG,
      ignore: [{ rule: 'aws-rds-instance', component: 'module.dev.*', reason: 'dev stack' }],
    });
    expect(fs.map((f) => f.suppressed)).toEqual([undefined, 'config ignore: dev stack']);
  });

  it('matches component globs across / and . in ids', () => {
    expect(idGlob('*')('Deployment/shop/api')).toBe(true);
    expect(idGlob('Deployment/shop/*')('Deployment/shop/api')).toBe(true);
    expect(idGlob('Deployment/shop/*')('Deployment/other/api')).toBe(false);
    expect(idGlob('module.db.*')('module.dbx.aws_db_instance.this')).toBe(false);
    expect(idGlob('aws_db_instance.?')('aws_db_instance.a')).toBe(true);
  });
});
