import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { fileSetFromRecord } from '../../src/model/index.js';

const db = (multiAz: string) => `resource "aws_db_instance" "db" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`;

describe('review', () => {
  it('does not call a SPOF resolved when its head file merely fails to parse', () => {
    const r = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': db('') }) });
    expect(r.findings).toEqual([]);
    expect(r.diagnostics.map((d) => [d.file, d.line, d.severity])).toEqual([['main.tf', 3, 'error']]);
  });

  it('still reports a SPOF resolved when the component was really removed or fixed', () => {
    const removed = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': '# nothing here\n' }) });
    expect(removed.findings.map((f) => f.kind)).toEqual(['resolved-spof']);
    const fixed = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': db('true') }) });
    expect(fixed.findings.map((f) => f.kind)).toEqual(['resolved-spof']);
  });
});
