import { describe, expect, it } from 'vitest';
import { parseHcl, type HclFile } from '../../../../src/formats/terraform/hcl/index.js';

const blocks = (f: HclFile) => f.body.blocks.map((b) => [b.type, ...b.labels].join('.'));

/** Parse, asserting it does not throw (a hang fails the test by its timeout; speed is for `npm run bench`). */
function timed(text: string, _maxMs = 2000): HclFile {
  const f = parseHcl('hostile.tf', text);
  // No input may reach the internal-error safety net.
  expect(f.errors.filter((e) => e.message.includes('internal'))).toEqual([]);
  return f;
}

describe('HCL parser: error messages', () => {
  const cases: [string, number, number, RegExp][] = [
    ['foo 1\n', 1, 5, /expected '=' or '\{' after attribute name 'foo'/],
    ['op "LessThan"\nx = 1\n', 1, 14, /expected '=' or '\{' after 'op "LessThan"', found newline \(an attribute is written op = value/],
    ['r "a" "b"\n', 1, 10, /expected '\{' after the labels of block 'r'/],
    ['a = \n', 1, 5, /expected an expression, found a newline/],
    ['a = [1, 2\nb = 3\n', 2, 1, /expected ',' or '\]' in tuple, found identifier 'b'/],
    ['a = "unterminated\n', 1, 5, /unterminated string/],
    ['a = <<EOF\nno end\n', 1, 5, /unterminated heredoc: no line with the closing marker 'EOF'/],
    ['/* never closed\na = 1\n', 1, 1, /unterminated comment/],
    ['r "x" {\n  a = 1\n', 1, 7, /missing '\}' to close block 'r' opened at line 1/],
    ['}\n', 1, 1, /unexpected '\}'/],
    ['a = 1\na = 2\n', 2, 1, /attribute 'a' is already defined at line 1/],
    ['a = "\\q"\n', 1, 6, /invalid escape sequence '\\q'/],
    ['a = x ? 1\n', 1, 10, /expected ':' in conditional expression/],
    ['a = f(1 2)\n', 1, 9, /expected ',' or '\)' in the arguments of 'f\(\.\.\.\)'/],
    ['a { b = 1, c = 2 }\n', 1, 10, /after the value of attribute 'b'/],
    ['a = { b = 1 c = 2 }\n', 1, 13, /expected ',', a newline or '\}' after object item/],
    ['a = "%{ if x }y"\n', 1, 5, /unclosed '%\{ if \}' directive/],
    ['a "x${y}" {}\n', 1, 3, /block label of 'a' must be a plain string/],
    ["a = 'single'\n", 1, 5, /strings use double quotes/],
    ['a = x & y\n', 1, 7, /did you mean '&&'/],
    ['a = 1 +\n  2\n', 1, 8, /wrapped in parentheses/],
  ];
  for (const [text, line, col, msg] of cases) {
    it(`reports ${JSON.stringify(text)} at ${line}:${col}`, () => {
      const f = parseHcl('e.tf', text);
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors[0]).toMatchObject({ line, col });
      expect(f.errors[0]!.message).toMatch(msg);
    });
  }
});

describe('HCL parser: recovery', () => {
  it('keeps the blocks before and after a broken block, with the right error line', () => {
    const f = parseHcl(
      'main.tf',
      `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "broken" {
  vpc_id = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8,
  tags = {
    Name = "x"
  }
}

resource "aws_db_instance" "db" {
  multi_az = true
}

output "id" {
  value = aws_db_instance.db.id
}
`,
    );
    expect(blocks(f)).toEqual(['resource.aws_vpc.main', 'resource.aws_db_instance.db', 'output.id']);
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]!.line).toBe(8);
    expect(f.body.blocks[1]!.range.start.line).toBe(13);
    expect(f.body.blocks[1]!.body.attributes[0]!.range.start.line).toBe(14);
  });

  it('recovers after an unclosed block', () => {
    const f = parseHcl('m.tf', 'resource "a" "b" {\n  x = 1\n\nresource "c" "d" {\n  y = 2\n}\nlocals {\n  z = 3\n}\n');
    expect(blocks(f)).toEqual(['resource.c.d', 'locals']);
    expect(f.errors.map((e) => e.line)).toEqual([1]);
  });

  it('recovers after an unterminated string, heredoc and stray brace', () => {
    const f = parseHcl(
      'm.tf',
      'a {\n  s = "oops\n}\nb {\n  h = <<EOT\n  never closed\n}\nc {\n}\n}\nd {\n  ok = true\n}\n',
    );
    // The unterminated heredoc swallows nothing after recovery: b is dropped, c and d are kept.
    expect(blocks(f)).toEqual(['c', 'd']);
    expect(f.errors.map((e) => e.line)).toEqual([2, 5, 10]);
  });

  it('keeps the block when the error leaves the structure intact', () => {
    const f = parseHcl('m.tf', 'a {\n  x = 1 }\nb "l${x}" {\n}\nc {} d {}\n');
    expect(blocks(f)).toEqual(['a', 'b.l${x}', 'c', 'd']);
    expect(f.errors.map((e) => e.line)).toEqual([2, 3, 5]);
  });

  it('reports an error per broken top-level block and keeps the good ones', () => {
    const parts: string[] = [];
    for (let i = 0; i < 50; i++) parts.push(i % 5 === 0 ? `bad_${i} {\n  x = [\n}\n` : `good_${i} {\n  x = ${i}\n}\n`);
    const f = parseHcl('m.tf', parts.join(''));
    expect(f.body.blocks).toHaveLength(40);
    expect(f.errors).toHaveLength(10);
  });
});

describe('HCL parser: hostile input', () => {
  it('bounds deep nesting of brackets, parentheses, objects and templates', () => {
    for (const text of [
      'x = ' + '['.repeat(10_000),
      'x = ' + '['.repeat(10_000) + ']'.repeat(10_000),
      'x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000),
      'x = ' + '{a = '.repeat(10_000),
      'x = ' + '"${'.repeat(10_000),
      'x = ' + '!'.repeat(100_000) + 'a',
      'x = ' + 'a ? '.repeat(10_000),
      'a {\n'.repeat(10_000),
      'a { '.repeat(10_000),
    ]) {
      const f = timed(text);
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors[0]!.message).toMatch(/nested too deeply|expected/);
    }
  });

  it('accepts nesting within the limit', () => {
    const f = timed('x = ' + '['.repeat(200) + ']'.repeat(200) + '\n');
    expect(f.errors).toEqual([]);
  });

  it('handles a huge single line quickly', () => {
    expect(timed('x = "' + 'a'.repeat(5_000_000) + '"\n').errors).toEqual([]);
    expect(timed('x = "' + 'a'.repeat(5_000_000)).errors).toHaveLength(1);
    // A chain nests the tree once per step: within the limit it parses, past it one error, quickly (DESIGN 54).
    expect(timed('x = ' + 'a.'.repeat(400) + 'b\n').errors).toEqual([]);
    expect(timed('x = ' + 'a.'.repeat(500_000) + 'b\n').errors.map((e) => e.message)).toEqual(['a chain of attributes, indexes or splats nested too deeply (more than 500 levels)']);
    expect(timed('x = [' + '1,'.repeat(1_000_000) + ']\n').errors).toEqual([]);
  });

  it('handles binary junk', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 0) / 0x7fffffff;
    const bytes = Array.from({ length: 500_000 }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    const f = timed(bytes);
    expect(f.errors.length).toBeGreaterThan(0);
    const wide = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(rnd() * 65536))).join('');
    expect(timed(wide).errors.length).toBeGreaterThan(0);
  });

  it('stays linear on many repeated errors', () => {
    const markers = Array.from({ length: 40_000 }, (_, i) => `x = <<M${i}\n`).join('');
    expect(timed(markers, 3000).errors.length).toBeGreaterThan(0);
    for (const unit of ['x = "\n', 'x = <<EOF\n', '/*\n', 'a {\nb {\n}\n', 'a = [\n', 'resource "a" "b" {\n', '}\n', '%{\n']) {
      const text = unit.repeat(Math.ceil(400_000 / unit.length));
      const f = timed(text, 3000);
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors.length).toBeLessThanOrEqual(501);
    }
  });

  it('survives random mutations without reaching the internal-error path', () => {
    const src = `variable "n" { default = 2 }
resource "aws_instance" "web" {
  count = var.n > 1 ? var.n : 1 // comment
  tags = { Name = "web-\${count.index}", x = [for s in var.l : upper(s) if s != ""] }
  user_data = <<-EOT
    echo %{ if var.on }on%{ else }off%{ endif } \${var.x} $\${HOME}
  EOT
  ids = aws_subnet.a[*].id
  legacy = aws_subnet.a.*.id[0]
  /* block */ f = provider::x::y(1, [2]...)
  lifecycle { ignore_changes = [tags] }
}
`;
    const alphabet = ['{', '}', '[', ']', '(', ')', '"', '$', '%', '~', '<<EOF\n', '\n', '\\', '#', '/*', '*/', '=', ':', '.', '*', 'EOT', '\u0000', 'é'];
    let seed = 1;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 0) % k;
    for (let iter = 0; iter < 3000; iter++) {
      let t = src;
      for (let m = 1 + rnd(4); m > 0; m--) {
        const at = rnd(t.length);
        t = rnd(2) === 0 ? t.slice(0, at) + t.slice(at + 1 + rnd(10)) : t.slice(0, at) + alphabet[rnd(alphabet.length)]! + t.slice(at);
      }
      const f = parseHcl('fuzz.tf', t);
      expect(f.errors.filter((e) => e.message.includes('internal'))).toEqual([]);
    }
  });

  it('never throws on truncated prefixes of a valid file', () => {
    const src = `resource "aws_instance" "web" {
  count = var.n > 1 ? var.n : 1
  tags = { Name = "web-\${count.index}", x = [for s in var.l : upper(s) if s != ""] }
  user_data = <<-EOT
    #!/bin/bash
    echo %{ if var.on }on%{ else }off%{ endif } \${var.x}
  EOT
  subnet_id = aws_subnet.a[*].id[0]
  lifecycle { ignore_changes = [tags] }
}
`;
    for (let i = 0; i <= src.length; i++) {
      const f = parseHcl('t.tf', src.slice(0, i));
      expect(f.errors.filter((e) => e.message.includes('internal'))).toEqual([]);
    }
  });
});
