import { describe, expect, it } from 'vitest';
import { interpolate, parseEnvFile, type Env } from '../../../src/formats/compose/interpolate.js';

const env = (vars: Record<string, string>): Env => new Map(Object.entries(vars).map(([k, v], i) => [k, { value: v, site: { file: '.env', line: i + 1 } }]));

describe('compose interpolation', () => {
  it('expands every form, with defaults, alternatives and escapes', () => {
    const e = env({ A: 'one', EMPTY: '' });
    expect(interpolate('${A}', e).value).toBe('one');
    expect(interpolate('$A-x', e).value).toBe('one-x');
    expect(interpolate('${MISSING:-2}', e).value).toBe('2');
    expect(interpolate('${EMPTY:-2}', e).value).toBe('2');
    expect(interpolate('${EMPTY-2}', e).value).toBe('');
    expect(interpolate('${A:+set}', e).value).toBe('set');
    expect(interpolate('${MISSING:+set}', e).value).toBe('');
    expect(interpolate('$${A} costs $$5', e).value).toBe('${A} costs $5');
    expect(interpolate('${MISSING:-${A}-fallback}', e).value).toBe('one-fallback');
    expect(interpolate('http://${HOST:-db}:${PORT:-5432}', e).value).toBe('http://db:5432');
  });

  it('records variables without a value or default, never reading the process environment', () => {
    process.env.SPOF_REVIEW_TEST_VAR = 'from-shell';
    const r = interpolate('${SPOF_REVIEW_TEST_VAR}', env({}));
    expect(r.value).toBe('');
    expect(r.unresolved).toEqual(['SPOF_REVIEW_TEST_VAR']);
    expect(interpolate('${X:?must be set}', env({})).unresolved).toEqual(['X']);
    delete process.env.SPOF_REVIEW_TEST_VAR;
  });

  it('says where a whole-value variable comes from: the env file line, the inline default, or nowhere', () => {
    expect(interpolate('${N:-1}', env({ N: '3' })).origin).toEqual({ variable: 'N', source: 'env', site: { file: '.env', line: 1 } });
    expect(interpolate('${N:-1}', env({})).origin).toEqual({ variable: 'N', source: 'default' });
    expect(interpolate('$N', env({})).origin).toEqual({ variable: 'N', source: 'unset' });
    expect(interpolate('${A}${B}', env({ A: '1', B: '2' })).origin).toBeUndefined();
    expect(interpolate('${A:-x}${B}', env({})).origin).toBeUndefined();
  });

  it('bounds nested defaults and output size', () => {
    const deep = '${A:-'.repeat(200) + 'x' + '}'.repeat(200);
    expect(interpolate(deep, env({})).value.length).toBeLessThan(10);
    const wide = '$A'.repeat(100_000);
    expect(interpolate(wide, env({ A: 'xxxxxxxxxx' })).value.length).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('env files', () => {
  it('reads KEY=VALUE lines with export, quotes, comments and earlier variables', () => {
    const { vars, diagnostics } = parseEnvFile(
      'app.env',
      ['# comment', 'export API_REPLICAS=3', 'DB_HOST="db"  # quoted', "RAW='${NOT}'", 'URL=postgres://u@${DB_HOST}:5432/x # trailing', 'EMPTY=', 'not a line'].join('\n'),
    );
    expect(vars.get('API_REPLICAS')).toEqual({ value: '3', site: { file: 'app.env', line: 2 } });
    expect(vars.get('DB_HOST')?.value).toBe('db');
    expect(vars.get('RAW')?.value).toBe('${NOT}');
    expect(vars.get('URL')?.value).toBe('postgres://u@db:5432/x');
    expect(vars.get('EMPTY')?.value).toBe('');
    expect(diagnostics.map((d) => d.line)).toEqual([7]);
  });
});
