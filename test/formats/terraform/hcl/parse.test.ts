import { describe, expect, it } from 'vitest';
import { parseHcl, type Attribute, type Block, type Expr, type HclFile } from '../../../../src/formats/terraform/hcl/index.js';

/** Drop ranges so structures can be compared. */
function bare(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(bare);
  if (x !== null && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'range') o[k] = bare(v);
    return o;
  }
  return x;
}

function ok(text: string): HclFile {
  const f = parseHcl('test.tf', text);
  expect(f.errors).toEqual([]);
  return f;
}

/** The expression of `x = <src>`, without ranges. */
function ex(src: string): unknown {
  return bare(exprOf(src));
}

function exprOf(src: string): Expr {
  const f = ok(`x = ${src}\n`);
  return f.body.attributes[0]!.expr;
}

const lit = (value: string | number | boolean | null) => ({ kind: 'literal', value });
const scope = (name: string) => ({ kind: 'scope', name });
const attr = (object: unknown, name: string) => ({ kind: 'getattr', object, name });
const v = (name: string) => attr(scope('var'), name);

describe('HCL native syntax: structure', () => {
  it('parses blocks with quoted and unquoted labels, attributes and nested blocks', () => {
    const f = ok(`
resource "aws_instance" "web" {
  ami = "ami-1"
  ebs_block_device {
    size = 10
  }
}
module app {
  source = "./app"
}
locals {}
`);
    expect(f.body.blocks.map((b) => [b.type, b.labels])).toEqual([
      ['resource', ['aws_instance', 'web']],
      ['module', ['app']],
      ['locals', []],
    ]);
    const web = f.body.blocks[0]!;
    expect(web.body.attributes.map((a) => a.name)).toEqual(['ami']);
    expect(web.body.blocks[0]!.type).toBe('ebs_block_device');
    expect(bare(web.body.blocks[0]!.body.attributes[0]!.expr)).toEqual(lit(10));
  });

  it('parses one-line blocks', () => {
    const f = ok('lifecycle { create_before_destroy = true }\nempty {}\n');
    expect(f.body.blocks).toHaveLength(2);
    expect(bare(f.body.blocks[0]!.body.attributes[0])).toEqual({ name: 'create_before_destroy', expr: lit(true) });
    expect(f.body.blocks[1]!.body.attributes).toEqual([]);
  });

  it('skips all comment styles', () => {
    const f = ok(`# hash
// slashes
/* block
   comment */
a = 1 # trailing
b = 2 // trailing
c /* inline */ = 3
/* x */ d = 4
`);
    expect(f.body.attributes.map((a) => [a.name, (a.expr as { value: unknown }).value])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
  });

  it('accepts CRLF line endings, a byte order mark and a last line without newline', () => {
    const f = ok('\ufeffa = 1\r\nb {\r\n  c = "x"\r\n}\r\nd = 2');
    expect(f.body.attributes.map((a) => a.name)).toEqual(['a', 'd']);
    expect(f.body.blocks[0]!.body.attributes[0]!.name).toBe('c');
  });
});

describe('HCL native syntax: literals and strings', () => {
  it('parses numbers', () => {
    expect(ex('42')).toEqual(lit(42));
    expect(ex('3.25')).toEqual(lit(3.25));
    expect(ex('1e3')).toEqual(lit(1000));
    expect(ex('1.5E-2')).toEqual(lit(0.015));
    expect(ex('-7')).toEqual({ kind: 'unary', op: '-', operand: lit(7) });
  });

  it('parses true, false and null', () => {
    expect(ex('true')).toEqual(lit(true));
    expect(ex('false')).toEqual(lit(false));
    expect(ex('null')).toEqual(lit(null));
    expect(ex('nullable')).toEqual(scope('nullable'));
  });

  it('unescapes strings without interpolation into literals', () => {
    expect(ex('"plain"')).toEqual(lit('plain'));
    expect(ex('""')).toEqual(lit(''));
    expect(ex(String.raw`"a\nb\tc\"d\\e\r"`)).toEqual(lit('a\nb\tc"d\\e\r'));
    expect(ex(String.raw`"\u00e9\U0001F600"`)).toEqual(lit('é😀'));
    expect(ex('"$${not} %%{not}"')).toEqual(lit('${not} %{not}'));
    expect(ex('"cost: $5 and 100%"')).toEqual(lit('cost: $5 and 100%'));
  });

  it('parses interpolations into templates', () => {
    expect(ex('"web-${var.env}-${count.index + 1}"')).toEqual({
      kind: 'template',
      parts: ['web-', v('env'), '-', { kind: 'binary', op: '+', left: attr(scope('count'), 'index'), right: lit(1) }],
    });
    expect(ex('"${var.x}"')).toEqual({ kind: 'template', parts: [v('x')] });
    expect(ex('"${"inner ${var.y}"}"')).toEqual({ kind: 'template', parts: [{ kind: 'template', parts: ['inner ', v('y')] }] });
  });

  it('keeps template directives as opaque text', () => {
    const e = exprOf('"%{ if var.on }on%{ else }off%{ endif }!"');
    expect(bare(e)).toEqual({
      kind: 'template',
      parts: [
        { kind: 'directive', text: '%{ if var.on }' },
        'on',
        { kind: 'directive', text: '%{ else }' },
        'off',
        { kind: 'directive', text: '%{ endif }' },
        '!',
      ],
    });
    expect(ex('"%{ for k, x in var.l }${x},%{ endfor }"')).toEqual({
      kind: 'template',
      parts: [{ kind: 'directive', text: '%{ for k, x in var.l }' }, scope('x'), ',', { kind: 'directive', text: '%{ endfor }' }],
    });
  });

  it('applies strip markers', () => {
    expect(ex('"a  ${~ var.x ~}  b"')).toEqual({ kind: 'template', parts: ['a', v('x'), 'b'] });
    expect(ex('"a  %{~ if true ~}  b%{ endif }"')).toEqual({
      kind: 'template',
      parts: ['a', { kind: 'directive', text: '%{~ if true ~}' }, 'b', { kind: 'directive', text: '%{ endif }' }],
    });
  });

  it('parses heredocs, with interpolation, and strips indentation of <<-', () => {
    const f = ok(`a = <<EOF
line one
  \${var.name} two
EOF
b = <<-EOT
    {
      "k": "\${var.v}"
    }
    EOT
c = <<-X
  x

    y
  X
d = <<EOF
EOF
`);
    const [a, b, c, d] = f.body.attributes.map((x) => bare(x.expr));
    expect(a).toEqual({ kind: 'template', parts: ['line one\n  ', v('name'), ' two\n'] });
    expect(b).toEqual({ kind: 'template', parts: ['{\n  "k": "', v('v'), '"\n}\n'] });
    expect(c).toEqual(lit('x\n\n  y\n'));
    expect(d).toEqual(lit(''));
  });

  it('keeps heredoc text without interpolation as a literal, with $${ escapes', () => {
    expect(ex('<<EOF\n#!/bin/bash\necho "$${HOME}" \\n\nEOF')).toEqual(lit('#!/bin/bash\necho "${HOME}" \\n\n'));
  });
});

describe('HCL native syntax: expressions', () => {
  it('follows HCL operator precedence and associativity', () => {
    const b = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });
    expect(ex('1 + 2 * 3')).toEqual(b('+', lit(1), b('*', lit(2), lit(3))));
    expect(ex('1 - 2 - 3')).toEqual(b('-', b('-', lit(1), lit(2)), lit(3)));
    expect(ex('a || b && c == d')).toEqual(b('||', scope('a'), b('&&', scope('b'), b('==', scope('c'), scope('d')))));
    expect(ex('a < b != c >= d')).toEqual(b('!=', b('<', scope('a'), scope('b')), b('>=', scope('c'), scope('d'))));
    expect(ex('x % 2 / 1')).toEqual(b('/', b('%', scope('x'), lit(2)), lit(1)));
    expect(ex('!a && -b.c > 0')).toEqual(
      b('&&', { kind: 'unary', op: '!', operand: scope('a') }, b('>', { kind: 'unary', op: '-', operand: attr(scope('b'), 'c') }, lit(0))),
    );
    expect(ex('(1 + 2) * 3')).toEqual(b('*', { kind: 'parens', expr: b('+', lit(1), lit(2)) }, lit(3)));
  });

  it('parses conditionals (right associative, lowest precedence)', () => {
    expect(ex('var.a ? 1 : var.b ? 2 : 3')).toEqual({
      kind: 'conditional',
      cond: v('a'),
      then: lit(1),
      else: { kind: 'conditional', cond: v('b'), then: lit(2), else: lit(3) },
    });
    expect(ex('a == 1 || b ? "x" : "y"')).toMatchObject({ kind: 'conditional', cond: { kind: 'binary', op: '||' } });
  });

  it('parses function calls, provider functions and argument expansion', () => {
    expect(ex('max(1, 2,)')).toEqual({ kind: 'call', name: 'max', args: [lit(1), lit(2)], expandFinal: false });
    expect(ex('concat(var.a, var.b...)')).toEqual({ kind: 'call', name: 'concat', args: [v('a'), v('b')], expandFinal: true });
    expect(ex('provider::aws::arn_parse(x)')).toEqual({ kind: 'call', name: 'provider::aws::arn_parse', args: [scope('x')], expandFinal: false });
    expect(ex('timestamp()')).toEqual({ kind: 'call', name: 'timestamp', args: [], expandFinal: false });
    expect(ex('f(\n  1,\n  2\n)')).toMatchObject({ kind: 'call', args: [lit(1), lit(2)] });
  });

  it('parses tuples and objects', () => {
    expect(ex('[1, "a", [true]]')).toEqual({ kind: 'tuple', items: [lit(1), lit('a'), { kind: 'tuple', items: [lit(true)] }] });
    expect(ex('[\n  1,\n  2,\n]')).toEqual({ kind: 'tuple', items: [lit(1), lit(2)] });
    const item = (key: unknown, value: unknown) => ({ key, value });
    expect(ex('{ a = 1, "b" : 2, (var.k) = 3, true = 4 }')).toEqual({
      kind: 'object',
      items: [item(lit('a'), lit(1)), item(lit('b'), lit(2)), item({ kind: 'parens', expr: v('k') }, lit(3)), item(lit('true'), lit(4))],
    });
    expect(ex('{\n  a = 1\n  b = {\n    c = [1,\n      2]\n  }\n}')).toEqual({
      kind: 'object',
      items: [item(lit('a'), lit(1)), item(lit('b'), { kind: 'object', items: [item(lit('c'), { kind: 'tuple', items: [lit(1), lit(2)] })] })],
    });
    expect(ex('{}')).toEqual({ kind: 'object', items: [] });
  });

  it('parses for expressions', () => {
    expect(ex('[for s in var.list : upper(s) if s != ""]')).toEqual({
      kind: 'for',
      object: false,
      keyVar: null,
      valueVar: 's',
      collection: v('list'),
      key: null,
      value: { kind: 'call', name: 'upper', args: [scope('s')], expandFinal: false },
      cond: { kind: 'binary', op: '!=', left: scope('s'), right: lit('') },
      grouping: false,
    });
    expect(ex('{\n  for k, x in var.m :\n  x.name => k...\n}')).toEqual({
      kind: 'for',
      object: true,
      keyVar: 'k',
      valueVar: 'x',
      collection: v('m'),
      key: attr(scope('x'), 'name'),
      value: scope('k'),
      cond: null,
      grouping: true,
    });
  });

  it('parses traversals, indexes, legacy indexes and splats', () => {
    expect(ex('aws_instance.web[0].id')).toEqual(attr({ kind: 'index', object: attr(scope('aws_instance'), 'web'), key: lit(0) }, 'id'));
    expect(ex('var.m["k"]')).toEqual({ kind: 'index', object: v('m'), key: lit('k') });
    expect(ex('var.l.0.name')).toEqual(attr({ kind: 'index', object: v('l'), key: lit(0) }, 'name'));
    expect(ex('var.l.0.1')).toEqual({ kind: 'index', object: { kind: 'index', object: v('l'), key: lit(0) }, key: lit(1) });
    expect(ex('aws_subnet.a[*].id')).toEqual({ kind: 'splat', source: attr(scope('aws_subnet'), 'a'), each: ['id'], legacy: false });
    expect(ex('x[*].a[0].b')).toEqual({ kind: 'splat', source: scope('x'), each: ['a', lit(0), 'b'], legacy: false });
    expect(ex('aws_subnet.a.*.id')).toEqual({ kind: 'splat', source: attr(scope('aws_subnet'), 'a'), each: ['id'], legacy: true });
    expect(ex('x.*.id[0]')).toEqual({ kind: 'index', object: { kind: 'splat', source: scope('x'), each: ['id'], legacy: true }, key: lit(0) });
    expect(ex('f(x)[0]')).toMatchObject({ kind: 'index', object: { kind: 'call', name: 'f' } });
    expect(ex('x[*]')).toEqual({ kind: 'splat', source: scope('x'), each: [], legacy: false });
  });

  it('ignores newlines inside brackets and parentheses but not in bodies', () => {
    expect(ex('(\n  var.a\n  ? 1\n  : 2\n)')).toMatchObject({ kind: 'parens', expr: { kind: 'conditional' } });
    expect(ex('[\n  var.a +\n  1\n]')).toMatchObject({ kind: 'tuple', items: [{ kind: 'binary' }] });
    const f = parseHcl('t.tf', 'a = 1 +\n  2\n');
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]!.line).toBe(1);
  });
});

describe('HCL native syntax: positions', () => {
  const src = [
    '# header', // 1
    'resource "aws_db_instance" "main" {', // 2
    '  engine   = "postgres"', // 3
    '  multi_az = var.ha', // 4
    '', // 5
    '  tags = {', // 6
    '    Name = "db"', // 7
    '  }', // 8
    '  lifecycle {', // 9
    '    prevent_destroy = true', // 10
    '  }', // 11
    '}', // 12
    '', // 13
    'module "vpc" { source = "./vpc" }', // 14
    'output "x" {', // 15
    '  value = <<EOF', // 16
    'text ${var.y}', // 17
    'EOF', // 18
    '}', // 19
  ].join('\n');
  const f = ok(src);
  const [db, vpc, out] = f.body.blocks as [Block, Block, Block];
  const at = (a: { range: { start: { line: number; col: number }; end: { line: number; col: number } } }) => [
    a.range.start.line,
    a.range.start.col,
    a.range.end.line,
    a.range.end.col,
  ];

  it('gives block ranges from the type to the closing brace', () => {
    expect(at(db)).toEqual([2, 1, 12, 2]);
    expect(at(db.body.blocks[0]!)).toEqual([9, 3, 11, 4]);
    expect(at(vpc)).toEqual([14, 1, 14, 34]);
    expect(at(out)).toEqual([15, 1, 19, 2]);
    expect(db.range.start.offset).toBe(src.indexOf('resource'));
    expect(db.range.end.offset).toBe(src.indexOf('\n}\n') + 2);
  });

  it('gives attribute ranges from the name to the end of the expression', () => {
    const [engine, multiAz, tags] = db.body.attributes as [Attribute, Attribute, Attribute];
    expect(at(engine)).toEqual([3, 3, 3, 24]);
    expect(at(multiAz)).toEqual([4, 3, 4, 20]);
    expect(at(tags)).toEqual([6, 3, 8, 4]);
    expect(at(db.body.blocks[0]!.body.attributes[0]!)).toEqual([10, 5, 10, 27]);
    expect(at(vpc.body.attributes[0]!)).toEqual([14, 16, 14, 32]);
    expect(at(out.body.attributes[0]!)).toEqual([16, 3, 18, 4]);
  });

  it('gives expression ranges, including inside templates and objects', () => {
    const multiAz = db.body.attributes[1]!.expr;
    expect(multiAz.kind).toBe('getattr');
    expect(at(multiAz)).toEqual([4, 14, 4, 20]);
    if (multiAz.kind === 'getattr') expect(at(multiAz.object)).toEqual([4, 14, 4, 17]);
    const tags = db.body.attributes[2]!.expr;
    if (tags.kind !== 'object') throw new Error('object expected');
    expect(at(tags.items[0]!)).toEqual([7, 5, 7, 16]);
    expect(at(tags.items[0]!.key)).toEqual([7, 5, 7, 9]);
    expect(at(tags.items[0]!.value)).toEqual([7, 12, 7, 16]);
    const heredoc = out.body.attributes[0]!.expr;
    if (heredoc.kind !== 'template') throw new Error('template expected');
    const interp = heredoc.parts[1] as Expr;
    expect(at(interp)).toEqual([17, 8, 17, 13]);
  });

  it('counts columns in UTF-16 units and offsets into the text', () => {
    const g = ok('a = "é😀"\nb = 1\n');
    const b = g.body.attributes[1]!;
    expect(b.range.start).toEqual({ line: 2, col: 1, offset: 10 });
    expect(g.body.attributes[0]!.range.end).toEqual({ line: 1, col: 10, offset: 9 });
  });
});
