import { describe, expect, it } from 'vitest';
import { parseHcl, parseHclJson, type Block, type Body, type Expr } from '../../../../src/formats/terraform/hcl/index.js';

function bare(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(bare);
  if (x !== null && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'range') o[k] = bare(v);
    return o;
  }
  return x;
}

/** Block/attribute skeleton of a body. */
function skeleton(b: Body): unknown {
  return {
    attributes: b.attributes.map((a) => a.name),
    blocks: b.blocks.map((bl) => [bl.type, bl.labels, skeleton(bl.body)]),
  };
}

const src = `{
  "//": "generated",
  "terraform": {
    "required_providers": { "aws": { "source": "hashicorp/aws" } },
    "backend": { "s3": { "bucket": "b" } }
  },
  "variable": {
    "ha": { "type": "bool", "default": true, "validation": { "condition": "\${var.ha != null}", "error_message": "x" } }
  },
  "locals": { "name": "app-\${var.env}", "cfg": { "a": 1 } },
  "resource": {
    "aws_db_instance": {
      "main": {
        "multi_az": "\${var.ha}",
        "allocated_storage": 20,
        "tags": { "Name": "db" },
        "lifecycle": { "prevent_destroy": true },
        "depends_on": ["aws_subnet.a"]
      }
    },
    "aws_instance": {
      "web": [
        { "count": 2, "ebs_block_device": [{ "device_name": "/dev/a" }, { "device_name": "/dev/b" }] }
      ]
    },
    "aws_security_group": {
      "sg": {
        "dynamic": { "ingress": { "for_each": "\${var.rules}", "content": { "from_port": "\${ingress.value.port}" } } }
      }
    }
  },
  "module": { "vpc": { "source": "./vpc", "azs": ["a", "b"], "settings": { "x": 1 } } },
  "output": { "id": { "value": "\${aws_db_instance.main.id}" } }
}
`;

describe('HCL JSON syntax (.tf.json)', () => {
  const f = parseHclJson('main.tf.json', src);

  it('maps Terraform block structure and labels', () => {
    expect(f.errors).toEqual([]);
    expect(f.body.blocks.map((b) => [b.type, b.labels])).toEqual([
      ['terraform', []],
      ['variable', ['ha']],
      ['locals', []],
      ['resource', ['aws_db_instance', 'main']],
      ['resource', ['aws_instance', 'web']],
      ['resource', ['aws_security_group', 'sg']],
      ['module', ['vpc']],
      ['output', ['id']],
    ]);
    const [tf, variable, locals, db, web, sg, mod] = f.body.blocks as Block[];
    expect(skeleton(tf!.body)).toEqual({
      attributes: [],
      blocks: [
        ['required_providers', [], { attributes: ['aws'], blocks: [] }],
        ['backend', ['s3'], { attributes: ['bucket'], blocks: [] }],
      ],
    });
    expect(skeleton(variable!.body)).toEqual({
      attributes: ['type', 'default'],
      blocks: [['validation', [], { attributes: ['condition', 'error_message'], blocks: [] }]],
    });
    expect(skeleton(locals!.body)).toEqual({ attributes: ['name', 'cfg'], blocks: [] });
    expect(skeleton(db!.body)).toEqual({
      attributes: ['multi_az', 'allocated_storage', 'tags', 'depends_on'],
      blocks: [['lifecycle', [], { attributes: ['prevent_destroy'], blocks: [] }]],
    });
    expect(skeleton(web!.body)).toEqual({
      attributes: ['count'],
      blocks: [
        ['ebs_block_device', [], { attributes: ['device_name'], blocks: [] }],
        ['ebs_block_device', [], { attributes: ['device_name'], blocks: [] }],
      ],
    });
    expect(skeleton(sg!.body)).toEqual({
      attributes: [],
      blocks: [['dynamic', ['ingress'], { attributes: ['for_each'], blocks: [['content', [], { attributes: ['from_port'], blocks: [] }]] }]],
    });
    expect(skeleton(mod!.body)).toEqual({ attributes: ['source', 'azs', 'settings'], blocks: [] });
  });

  it('turns strings with ${ into templates and others into literals', () => {
    const db = f.body.blocks[3]!;
    const multiAz = db.body.attributes[0]!.expr;
    expect(bare(multiAz)).toEqual({ kind: 'template', parts: [{ kind: 'getattr', object: { kind: 'scope', name: 'var' }, name: 'ha' }] });
    expect(bare(db.body.attributes[1]!.expr)).toEqual({ kind: 'literal', value: 20 });
    expect(bare(db.body.attributes[2]!.expr)).toEqual({
      kind: 'object',
      items: [{ key: { kind: 'literal', value: 'Name' }, value: { kind: 'literal', value: 'db' } }],
    });
    expect(bare(db.body.attributes[3]!.expr)).toEqual({ kind: 'tuple', items: [{ kind: 'literal', value: 'aws_subnet.a' }] });
    const name = f.body.blocks[2]!.body.attributes[0]!.expr;
    expect(bare(name)).toEqual({ kind: 'template', parts: ['app-', { kind: 'getattr', object: { kind: 'scope', name: 'var' }, name: 'env' }] });
  });

  it('produces the same expression trees as the native syntax', () => {
    const native = parseHcl('n.tf', 'x = "a-${var.l[0]}-%{ if true }y%{ endif }"\n').body.attributes[0]!.expr;
    const json = parseHclJson('j.tf.json', '{"locals": {"x": "a-${var.l[0]}-%{ if true }y%{ endif }"}}').body.blocks[0]!.body.attributes[0]!.expr;
    expect(bare(json)).toEqual(bare(native));
    const lit = parseHclJson('j.tf.json', '{"locals": {"x": "$${literal}"}}').body.blocks[0]!.body.attributes[0]!.expr;
    expect(bare(lit)).toEqual({ kind: 'literal', value: '${literal}' });
  });

  it('gives positions in the JSON text', () => {
    const db = f.body.blocks[3]!;
    const lineOf = (needle: string) => src.slice(0, src.indexOf(needle)).split('\n').length;
    expect(db.range.start.line).toBe(lineOf('"main"'));
    expect(db.range.start.col).toBe(7);
    expect(db.range.end.line).toBe(lineOf('"depends_on"') + 1);
    const multiAz = db.body.attributes[0]!;
    expect(multiAz.range.start).toMatchObject({ line: lineOf('"multi_az"'), col: 9 });
    const tmpl = multiAz.expr;
    if (tmpl.kind !== 'template') throw new Error('template expected');
    const inner = tmpl.parts[0] as Expr;
    expect(inner.range.start).toMatchObject({ line: lineOf('"multi_az"'), col: 24, offset: src.indexOf('var.ha}') });
    expect(inner.range.end.offset).toBe(src.indexOf('var.ha}') + 'var.ha'.length);
  });

  it('maps positions back through JSON escapes', () => {
    const text = '{"locals": {"x": "\\"q\\" ${var.a}"}}';
    const g = parseHclJson('e.tf.json', text);
    expect(g.errors).toEqual([]);
    const e = g.body.blocks[0]!.body.attributes[0]!.expr;
    if (e.kind !== 'template') throw new Error('template expected');
    expect(e.parts[0]).toBe('"q" ');
    expect((e.parts[1] as Expr).range.start.offset).toBe(text.indexOf('var.a'));
  });

  it('treats every property of a .tfvars.json file as an attribute', () => {
    const g = parseHclJson('prod.tfvars.json', '{"instance_count": 3, "tags": {"a": "b"}, "azs": ["a", "b"]}');
    expect(g.errors).toEqual([]);
    expect(g.body.blocks).toEqual([]);
    expect(g.body.attributes.map((a) => [a.name, a.expr.kind])).toEqual([
      ['instance_count', 'literal'],
      ['tags', 'object'],
      ['azs', 'tuple'],
    ]);
  });

  it('reports JSON syntax errors with positions and keeps what it can', () => {
    const g = parseHclJson('b.tf.json', '{\n  "resource": {"a": {"b": {"x": 1}}},\n  "output": {"o": {"value": 1,}}\n}');
    expect(g.errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(/invalid JSON/) });
    expect(g.body.blocks.map((b) => b.type)).toEqual(['resource', 'output']);
    expect(parseHclJson('c.tf.json', '[1, 2]').errors[0]!.message).toMatch(/JSON object at the top level/);
    expect(parseHclJson('d.tf.json', '').errors.length).toBeGreaterThan(0);
    expect(parseHclJson('e.tf.json', '{"resource": "nope"}').errors[0]!.message).toMatch(/expected a JSON object for block 'resource'/);
    const bad = parseHclJson('f.tf.json', '{"locals": {"x": "${var.}"}}');
    expect(bad.errors[0]).toMatchObject({ line: 1, col: 25 });
  });

  it('never throws on hostile JSON', () => {
    for (const text of ['['.repeat(10_000), '{"a":'.repeat(10_000), '\u0000\u0001\uffff', '{"locals": {"x": "${' + '('.repeat(10_000) + '"}}']) {
      const g = parseHclJson('h.tf.json', text);
      expect(g.errors.length).toBeGreaterThan(0);
    }
  });
});
