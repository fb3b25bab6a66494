/**
 * Terraform: the HCL parser (native and JSON syntax) and the expression evaluator, fed real
 * configurations with syntax-aware edits and configurations generated from the expression grammar
 * (references that may form cycles, every supported function, for expressions, templates, splats).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHcl, parseHclJson, type Body } from '../../src/formats/terraform/hcl/index.js';
import { SUPPORTED_FUNCTIONS } from '../../src/formats/terraform/functions.js';
import { campaign, corpusSeeds, fixtureSeeds, mutatedSeedArb, mutationArb, reviewHolds, timeout, wordsOf } from './harness.js';

const seeds = [...fixtureSeeds('terraform'), ...corpusSeeds('terraform', (rel) => rel.endsWith('.tf') || rel.endsWith('.tfvars'), 6000)];

const TOKENS = [
  '{', '}', '[', ']', '(', ')', '=', '==', '=>', '?', ':', '...', '.*', '[*]', '[0]', '${', '}', '%{', '%{ if true }', '%{ endif }',
  '%{ for x in var.zones }', '%{ endfor }', '<<EOT\n', '<<-EOT\n', 'EOT\n', '"', '#', '//', '/*', '*/', 'for', 'in', 'if', 'null',
  'count.index', 'each.key', 'each.value', 'var.', 'local.', 'module.', 'data.', 'self.', ',', '!', '-', '&&', '||', '%', '\n',
  ' dynamic "x" { for_each = var.zones content {} }', ' count = 3\n', ' for_each = toset(["a", "b"])\n', 'locals { a = local.a }\n',
];
const WORDS = [...wordsOf(seeds), ...[...SUPPORTED_FUNCTIONS].map((f) => `${f}(`), 'var.zones', 'local.a', 'count.index', 'each.value', '"${var.x}"'];
const NESTING = [['[', ']'], ['(', ')'], ['{ a = ', ' }'], ['"${', '}"'], ['-', ''], ['!', ''], ['[for x in ', ' : x]'], ['max(', ')']] as const;

const mutations = mutationArb(TOKENS, WORDS, NESTING);

/** Every position of a parsed body, recursively, to check they lie inside the text. */
function bodyLines(body: Body, out: number[] = []): number[] {
  for (const a of body.attributes) out.push(a.range.start.line, a.range.end.line);
  for (const b of body.blocks) {
    out.push(b.range.start.line);
    bodyLines(b.body, out);
  }
  return out;
}

describe('terraform fuzz', () => {
  it(
    'the parser never throws and places every error and node on a line of the text',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutations), ({ files }) => {
          for (const [name, text] of Object.entries(files)) {
            const parsed = name.endsWith('.json') ? parseHclJson(name, text) : parseHcl(name, text);
            const lines = text.split('\n').length;
            for (const e of parsed.errors) {
              expect(e.line).toBeGreaterThanOrEqual(1);
              expect(e.line).toBeLessThanOrEqual(lines);
            }
            for (const l of bodyLines(parsed.body)) {
              expect(l).toBeGreaterThanOrEqual(1);
              expect(l).toBeLessThanOrEqual(lines);
            }
          }
        }),
        campaign(3),
      );
    },
    timeout(3),
  );

  it(
    'a review of an edited real configuration keeps every property',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutations), ({ seed, files }) => {
          reviewHolds(seed.files, files);
        }),
        campaign(),
      );
    },
    timeout(),
  );

  it(
    'a review of a configuration generated from the expression grammar keeps every property',
    () => {
      fc.assert(
        fc.property(generatedConfig, (files) => {
          reviewHolds(withStandby(files), files);
        }),
        campaign(),
      );
    },
    timeout(),
  );

  it(
    'a chain the input makes long (splats, attributes, indexes, operators) is bounded: never a crash, past the limits an error',
    () => {
      fc.assert(
        fc.property(chainArb, ({ pattern, times }) => {
          const expr = `var.a${pattern.join('').repeat(times)}`;
          const head = { 'main.tf': `variable "a" {\n  default = []\n}\n\nresource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = (${expr}) == null\n}\n` };
          const r = reviewHolds(withStandby(head), head);
          expect(r.diagnostics.some((d) => /call stack|internal/i.test(d.message))).toBe(false);
          // Past the evaluator's depth the value is not known: said as an error, never a quiet pass.
          // One kind of step repeated nests the tree once per step (a splat's own `.b` steps and mixed
          // operator precedences nest less, and no claim is made about those).
          const kinds = new Set(pattern);
          const deepening = kinds.size === 1 && !['.*', '[*].b', '.b[*]'].includes(pattern[0]!);
          const depth = deepening ? pattern.length * times : 0;
          if (depth > 500) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        }),
        campaign(),
      );
    },
    timeout(),
  );
});

/** Steps of a chain, repeated: `[*]`, `.b`, `[0]`, `.*`, `[count.index]` and binary operators. */
const chainArb = fc.record({
  pattern: fc.array(fc.constantFrom('[*]', '.b', '[0]', '.*', '[*].b', ' + 1', ' || false', ' == null', '.b[*]', '[count.index]'), { minLength: 1, maxLength: 6 }),
  times: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 80, max: 600 }), fc.integer({ min: 5_000, max: 30_000 })),
});

// ---------------------------------------------------------------- the expression grammar

const FUNCTIONS = [...SUPPORTED_FUNCTIONS, 'file', 'cidrsubnet', 'templatefile', 'no_such_function', 'provider::aws::arn_parse'];

const literal = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('0', '1', '2', '3', '-1', '1.5', '1e309', 'true', 'false', 'null', '""', '"a"', '"us-east-1a"', '"${"', '"%%{"', '"\\u00e9"') },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 40 }).map(String) },
  // Past the count cap (10,000): a graph that large costs seconds, so it stays rare.
  { weight: 1, arbitrary: fc.constantFrom('1e3', '10001') },
  { weight: 4, arbitrary: fc.string({ maxLength: 8, unit: 'grapheme-ascii' }).map((s) => JSON.stringify(s)) },
);

const reference = fc.constantFrom(
  'var.a', 'var.b', 'var.zones', 'var.obj', 'var.obj.k', 'var.zones[0]', 'local.a', 'local.b', 'local.c', 'local.c[var.a]', 'count.index',
  'each.key', 'each.value', 'aws_subnet.s', 'aws_subnet.s[0].id', 'aws_subnet.s[*].availability_zone', 'aws_subnet.s.*.id',
  'module.m.out', 'module.m', 'data.aws_availability_zones.z.names', 'path.module', 'terraform.workspace', 'self.id', 'x', 'k', 'v',
);

const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||'];

type Grammar = {
  e: string;
  binary: string;
  conditional: string;
  call: string;
  tuple: string;
  object: string;
  forTuple: string;
  forObject: string;
  template: string;
  indexed: string;
  unary: string;
};

const grammar = fc.letrec<Grammar>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    reference,
    tie('binary'),
    tie('conditional'),
    tie('call'),
    tie('tuple'),
    tie('object'),
    tie('forTuple'),
    tie('forObject'),
    tie('template'),
    tie('indexed'),
    tie('unary'),
  ),
  binary: fc.tuple(tie('e'), fc.constantFrom(...BINARY), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
  conditional: fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  call: fc
    .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('e'), { maxLength: 4 }), fc.boolean())
    .map(([f, args, spread]) => `${f}(${args.join(', ')}${spread && args.length ? '...' : ''})`),
  tuple: fc.array(tie('e'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
  object: fc
    .array(fc.tuple(fc.constantFrom('a', 'b', '"k"', '(var.a)', 'zone', '"${local.a}"'), tie('e')), { maxLength: 3 })
    .map((entries) => `{ ${entries.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
  forTuple: fc
    .tuple(fc.constantFrom('x', 'k, v'), tie('e'), tie('e'), fc.option(tie('e'), { nil: undefined }))
    .map(([vars, coll, body, cond]) => `[for ${vars} in ${coll} : ${body}${cond ? ` if ${cond}` : ''}]`),
  forObject: fc
    .tuple(fc.constantFrom('x', 'k, v'), tie('e'), tie('e'), tie('e'), fc.boolean())
    .map(([vars, coll, key, value, group]) => `{for ${vars} in ${coll} : ${key} => ${value}${group ? '...' : ''}}`),
  template: fc
    .array(
      fc.oneof(
        fc.constantFrom('a', '-', ' ', '$$', '%%', '\\n', '\\"'),
        tie('e').map((e) => `\${${e}}`),
        fc.tuple(tie('e'), tie('e')).map(([c, a]) => `%{ if ${c} }${a.replace(/"/g, '')}%{ else }b%{ endif }`),
        tie('e').map((e) => `%{ for z in ${e} }\${z}%{ endfor }`),
      ),
      { maxLength: 4 },
    )
    .map((parts) => `"${parts.join('')}"`),
  indexed: fc
    .tuple(tie('e'), fc.constantFrom('[0]', '[1]', '["a"]', '[*].id', '.*.id', '.a', '[-1]', '[count.index]', '[var.a]'))
    .map(([e, step]) => `(${e})${step}`),
  unary: fc.tuple(fc.constantFrom('!', '-'), tie('e')).map(([op, e]) => `${op}(${e})`),
}));

const expr = grammar.e;

/** A root module and a local module whose values are all generated expressions. */
const generatedConfig: fc.Arbitrary<Record<string, string>> = fc
  .record({
    a: expr,
    b: expr,
    la: expr,
    lb: expr,
    lc: expr,
    count: expr,
    multiAz: expr,
    forEach: expr,
    zone: expr,
    moduleInput: expr,
    output: expr,
    tfvar: fc.option(expr, { nil: undefined }),
    dynamic: expr,
  })
  .map((v) => ({
    'variables.tf': `variable "a" {\n  default = ${v.a}\n}\nvariable "b" {\n  type    = number\n  default = ${v.b}\n}\nvariable "zones" {\n  default = ["us-east-1a", "us-east-1b"]\n}\nvariable "obj" {\n  default = { k = 1 }\n}\n`,
    'main.tf': [
      `locals {\n  a = ${v.la}\n  b = ${v.lb}\n  c = ${v.lc}\n}`,
      `data "aws_availability_zones" "z" {}`,
      `resource "aws_subnet" "s" {\n  count             = ${v.count}\n  availability_zone = ${v.zone}\n}`,
      `resource "aws_db_instance" "db" {\n  engine   = "postgres"\n  multi_az = ${v.multiAz}\n  db_subnet_group_name = aws_subnet.s[0].id\n}`,
      `resource "aws_nat_gateway" "n" {\n  for_each  = ${v.forEach}\n  subnet_id = aws_subnet.s[0].id\n}`,
      `resource "aws_lb" "front" {\n  subnets = aws_subnet.s[*].id\n  dynamic "subnet_mapping" {\n    for_each = ${v.dynamic}\n    content {\n      subnet_id = subnet_mapping.value\n    }\n  }\n}`,
      `resource "aws_autoscaling_group" "api" {\n  min_size = 1\n  max_size = 1\n  vpc_zone_identifier = aws_subnet.s[*].id\n  target_group_arns = [aws_lb.front.arn, aws_db_instance.db.address]\n}`,
      `module "m" {\n  source = "./mod"\n  x      = ${v.moduleInput}\n}`,
    ].join('\n\n') + '\n',
    'mod/main.tf': `variable "x" {}\n\nresource "aws_instance" "i" {\n  count = var.x\n}\n\noutput "out" {\n  value = ${v.output}\n}\n`,
    ...(v.tfvar === undefined ? {} : { 'terraform.tfvars': `a = ${v.tfvar}\n` }),
  }));

/** The same configuration with the database's standby on: the base of a change that may turn it off. */
function withStandby(files: Record<string, string>): Record<string, string> {
  return { ...files, 'main.tf': files['main.tf']!.replace(/multi_az = .*/, 'multi_az = true') };
}
