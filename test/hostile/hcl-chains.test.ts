/**
 * HCL chains whose length the input sets (issue 10): `a[*][*]...`, `a.b.b...`, `a[0][0]...`,
 * `1 + 1 + ...`, nested calls, a long `moved` address, the same inside `.tf.json`. Each is bounded in
 * the parser (a syntax error on its line, never a stack overflow) or the evaluator (an error), and a
 * change hidden behind one is never a pass.
 */
import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { fileSetFromMap } from '../../src/model/index.js';

const files = (m: Record<string, string>) => fileSetFromMap(new Map(Object.entries(m)));
const N = 100_000;

/** A database whose multi_az goes from true to `expr == null` (unknown unless the chain is read). */
function change(expr: string, file = 'main.tf') {
  const db = (v: string) => `variable "a" {\n  default = []\n}\n\nlocals {\n  x = ${v}\n}\n\nresource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = local.x == null\n}\n`;
  return review({ base: files({ [file]: db('null') }), head: files({ [file]: db(expr) }) });
}

const CHAINS: [string, string, RegExp][] = [
  ['full splats', `var.a${'[*]'.repeat(N)}`, /a chain of attributes, indexes or splats nested too deeply \(more than 500 levels\)/],
  ['full splats with attributes', `var.a${'[*].b'.repeat(N)}`, /a chain of attributes, indexes or splats nested too deeply/],
  ['attributes', `var.a${'.b'.repeat(N)}`, /a chain of attributes, indexes or splats nested too deeply/],
  ['indexes', `var.a${'[0]'.repeat(N)}`, /nested too deeply \(more than 500 levels\)/],
  ['operators', `1${' + 1'.repeat(N)}`, /expression nested too deeply \(more than 500 levels\)/],
  ['mixed operators', `true${' || false && true'.repeat(N / 2)}`, /expression nested too deeply/],
  ['unary operators', `${'!'.repeat(N)}true`, /expression nested too deeply/],
  ['calls', `${'tolist('.repeat(5000)}[]${')'.repeat(5000)}`, /expression nested too deeply/],
  ['templates', `${'"${'.repeat(5000)}1${'}"'.repeat(5000)}`, /nested too deeply/],
];

describe('HCL chains the input makes long', () => {
  for (const [name, expr, message] of CHAINS) {
    it(`${name}: a syntax error on its line, not a stack overflow; never a pass`, () => {
      const r = change(expr);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.message).join('\n')).toMatch(message);
      expect(errors.find((d) => message.test(d.message))).toMatchObject({ file: 'main.tf', line: 6 });
      expect(r.diagnostics.some((d) => /call stack|internal/i.test(d.message))).toBe(false);
      expect(r.conclusion).not.toBe('success');
    });
  }

  it('a splat chain of 100,000 steps in JSON syntax is an error too', () => {
    const json = (v: string) => JSON.stringify({ locals: { x: v }, resource: { aws_db_instance: { main: { engine: 'postgres', multi_az: '${local.x == null}' } } } });
    const r = review({ base: files({ 'main.tf.json': json('${null}') }), head: files({ 'main.tf.json': json(`\${var.a${'[*]'.repeat(N)}}`) }) });
    expect(r.diagnostics.some((d) => d.severity === 'error' && /nested too deeply/.test(d.message))).toBe(true);
    expect(r.diagnostics.some((d) => /call stack|internal/i.test(d.message))).toBe(false);
    expect(r.conclusion).not.toBe('success');
  });

  it('a moved block with a 100,000-step address is an error, not a crash', () => {
    const r = review({ base: files({ 'main.tf': 'resource "aws_db_instance" "main" {\n  multi_az = true\n}\n' }), head: files({ 'main.tf': `moved {\n  from = aws_db_instance${'.a'.repeat(N)}\n  to   = aws_db_instance.main\n}\n\nresource "aws_db_instance" "main" {\n  multi_az = false\n}\n` }) });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ file: 'main.tf', line: 2, severity: 'error' }));
    expect(r.diagnostics.some((d) => /call stack|internal/i.test(d.message))).toBe(false);
  });

  it('a chain the parser takes but the evaluator cannot follow (450 operators) is an error, not a quiet unknown', () => {
    const r = change(`false${' || false'.repeat(450)}`);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ file: 'main.tf', severity: 'error', message: 'expression nesting deeper than 400 levels; treated as unknown' }));
    expect(r.conclusion).not.toBe('success');
  });
});
