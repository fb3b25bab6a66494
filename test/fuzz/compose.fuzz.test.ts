/**
 * Compose: variable interpolation (`$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `${VAR:+alt}`, `$$`, nested defaults, unterminated braces) from generated expressions and env files
 * whose values use each other, and real compose projects with syntax-aware edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, parseEnvFile } from '../../src/formats/compose/interpolate.js';
import { campaign, checkDiagnostics, corpusSeeds, fixtureSeeds, mutatedSeedArb, mutationArb, reviewHolds, timeout, wordsOf } from './harness.js';

const VARS = ['A', 'B', 'TAG', 'REPLICAS', 'HOST', '_x1'];
const OPS = [':-', '-', ':?', '?', ':+', '+'];

type Grammar = { s: string; expr: string };
const grammar = fc.letrec<Grammar>((tie) => ({
  s: fc
    .array(fc.oneof({ depthSize: 'small' }, fc.constantFrom('a', ' ', '$$', '$', '}', '{', '${', ':-', '"', '\\'), tie('expr')), { maxLength: 5 })
    .map((parts) => parts.join('')),
  expr: fc.oneof(
    fc.constantFrom(...VARS).map((v) => `$${v}`),
    fc.constantFrom(...VARS).map((v) => `\${${v}}`),
    fc.tuple(fc.constantFrom(...VARS), fc.constantFrom(...OPS), tie('s')).map(([v, op, d]) => `\${${v}${op}${d}}`),
    fc.tuple(fc.constantFrom(...VARS), fc.constantFrom(...OPS), tie('s')).map(([v, op, d]) => `\${${v}${op}${d}`),
  ),
}));

const envFile = fc
  .array(fc.tuple(fc.constantFrom(...VARS, 'export A', '# c', ''), fc.constantFrom('=', ': ', ' = ', ''), grammar.s, fc.constantFrom('', '"', "'")), { maxLength: 6 })
  .map((lines) => lines.map(([k, eq, v, q]) => `${k}${eq}${q}${v}${q}`).join('\n'));

const seeds = [...fixtureSeeds('compose'), ...corpusSeeds('compose', () => true, 8000)];
const TOKENS = ['${', '${A:-', '${A:-${B:-x}}', '$$', '}', 'extends: {service: x}\n', 'include:\n  - ./other.yml\n', 'depends_on: [x]\n', 'deploy: {replicas: ${REPLICAS:-3}}\n', '&a ', '*a', '<<: *a', '- ', ': ', '{', '[', '"'];
const NESTING = [['${A:-', '}'], ['[', ']'], ['{a: ', '}']] as const;

describe('compose fuzz', () => {
  it(
    'interpolation never throws, stays bounded, and env files place every diagnostic',
    () => {
      fc.assert(
        fc.property(grammar.s, envFile, (input, env) => {
          const parsed = parseEnvFile('.env', env);
          checkDiagnostics(parsed.diagnostics, { '.env': env });
          const out = interpolate(input, parsed.vars);
          expect(out.value.length).toBeLessThanOrEqual(64 * 1024);
          for (const v of out.unresolved) expect(typeof v).toBe('string');
        }),
        campaign(5),
      );
    },
    timeout(5),
  );

  it(
    'a review of an edited compose project, with a generated .env, keeps every property',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutationArb(TOKENS, wordsOf(seeds), NESTING)), fc.option(envFile, { nil: undefined }), ({ seed, files }, env) => {
          reviewHolds(seed.files, env === undefined ? files : { ...files, '.env': env });
        }),
        campaign(),
      );
    },
    timeout(),
  );
});
