import { describe, expect, it } from 'vitest';
import { UNKNOWN, locals } from './helpers.js';

const L = (body: string, extra: Record<string, string> = {}) => locals({ 'main.tf': body, ...extra });

describe('terraform evaluation: locals and variables', () => {
  it('evaluates locals in any order', () => {
    const { local } = L(`
locals {
  c = local.b + 1
  b = local.a * 2
}
locals { a = 20 }
`);
    expect(local('c')).toBe(41);
  });

  it('turns a self-referential local into UNKNOWN with one diagnostic, and finishes', () => {
    const { local, ctx } = L(`
locals {
  a = local.b
  b = local.a
  c = local.c + 1
  d = "ok"
}
`);
    expect(local('a')).toBe(UNKNOWN);
    expect(local('c')).toBe(UNKNOWN);
    expect(local('d')).toBe('ok');
    const cycles = ctx.diagnostics.filter((d) => d.message.includes('cycle'));
    expect(cycles.length).toBeGreaterThanOrEqual(1);
    expect(cycles.every((d) => d.file === 'main.tf' && d.severity === 'warning')).toBe(true);
  });

  it('reads variable defaults and converts primitive types', () => {
    const { local } = L(`
variable "n" {
  type    = number
  default = "3"
}
variable "azs" { default = ["a", "b"] }
variable "none" {}
locals {
  n    = var.n + 1
  azs  = var.azs
  none = var.none
}
`);
    expect(local('n')).toBe(4);
    expect(local('azs')).toEqual(['a', 'b']);
    expect(local('none')).toBe(UNKNOWN);
  });
});

describe('terraform evaluation: expressions', () => {
  it('arithmetic, comparisons, boolean operators, conditionals', () => {
    const { local } = L(`
locals {
  a = 7 % 3 + 10 / 4 - 2 * 3
  b = 3 > 2 && !(1 == 2) || false
  c = 1 >= 2 ? "x" : "y"
  d = -local.five
  five = 5
  e = "a" != "b"
  f = true ? local.five : data.x.y.z
  g = data.x.y.z ? 1 : 1
  h = data.x.y.z ? 1 : 2
  i = false && data.x.y.z
  j = 1 / 0
}
`);
    expect(local('a')).toBeCloseTo(1 + 2.5 - 6);
    expect(local('b')).toBe(true);
    expect(local('c')).toBe('y');
    expect(local('d')).toBe(-5);
    expect(local('e')).toBe(true);
    expect(local('f')).toBe(5);
    expect(local('g')).toBe(1);
    expect(local('h')).toBe(UNKNOWN);
    expect(local('i')).toBe(false);
    expect(local('j')).toBe(UNKNOWN);
  });

  it('string templates, indexing, attributes, splats and for-expressions', () => {
    const { local } = L(`
locals {
  env   = "prod"
  name  = "svc-\${local.env}-\${1 + 1}"
  same  = "\${local.obj}"
  obj   = { a = { b = [10, 20, 30] } }
  idx   = local.obj.a.b[1]
  idx2  = local.obj["a"]["b"][2]
  objs  = [{ id = "x" }, { id = "y" }]
  ids   = local.objs[*].id
  up    = [for s in ["a", "b", ""] : upper(s) if s != ""]
  m     = { for k, v in { x = 1, y = 2 } : k => v * 10 }
  grp   = { for s in ["aa", "ab", "b"] : substr(s, 0, 1) => s... }
  bad   = local.obj.missing
  dir   = "%{ if true }x%{ endif }"
}
`);
    expect(local('name')).toBe('svc-prod-2');
    expect(local('same')).toEqual({ a: { b: [10, 20, 30] } });
    expect(local('idx')).toBe(20);
    expect(local('idx2')).toBe(30);
    expect(local('ids')).toEqual(['x', 'y']);
    expect(local('up')).toEqual(['A', 'B']);
    expect(local('m')).toEqual({ x: 10, y: 20 });
    expect(local('grp')).toEqual({ a: ['aa', 'ab'], b: ['b'] });
    expect(local('bad')).toBe(UNKNOWN);
    expect(local('dir')).toBe(UNKNOWN);
  });

  it('built-in functions', () => {
    const { local } = L(`
locals {
  l     = ["a", "b", "c"]
  len   = length(local.l)
  slen  = length("héllo")
  set   = toset(["a", "b", "a"])
  lst   = tolist(local.set)
  cat   = concat(local.l, ["d"], [])
  el    = element(local.l, 4)
  sl    = slice(local.l, 1, 3)
  mn    = min(3, 1, 2)
  mx    = max(local.l == [] ? 0 : 3, 9)
  lk    = lookup({ a = 1 }, "b", 42)
  lk2   = lookup({ a = 1 }, "a")
  tr    = try(local.l[10], "fallback")
  tr2   = try(data.x.y.z, "fallback")
  co    = coalesce("", null, "x")
  has   = contains(local.l, "b")
  ks    = keys({ b = 1, a = 2 })
  vs    = values({ b = 1, a = 2 })
  mg    = merge({ a = 1, b = 2 }, { b = 3 }, null)
  r1    = range(3)
  r2    = range(1, 10, 4)
  fmt   = format("%s-%03d-%v", "web", 7, true)
  lo    = lower("ABC")
  upc   = upper("abc")
  jn    = join(",", local.l)
  sp    = split(",", "a,b")
  fl    = flatten([[1, [2]], 3])
  dist  = distinct([1, 1, 2])
  cmp   = compact(["a", "", null, "b"])
  unk   = cidrsubnet("10.0.0.0/16", 8, 1)
  unkfn = totally_unknown_function(1)
  can1  = can(local.l[10])
  rev   = reverse(local.l)
  zm    = zipmap(["a"], [1])
  one1  = one(["x"])
  sum1  = sum([1, 2, 3])
}
`);
    expect(local('len')).toBe(3);
    expect(local('slen')).toBe(5);
    expect(local('set')).toEqual(['a', 'b']);
    expect(local('lst')).toEqual(['a', 'b']);
    expect(local('cat')).toEqual(['a', 'b', 'c', 'd']);
    expect(local('el')).toBe('b');
    expect(local('sl')).toEqual(['b', 'c']);
    expect(local('mn')).toBe(1);
    expect(local('mx')).toBe(9);
    expect(local('lk')).toBe(42);
    expect(local('lk2')).toBe(1);
    expect(local('tr')).toBe('fallback');
    // An unknown is not an error: try() cannot pick the fallback.
    expect(local('tr2')).toBe(UNKNOWN);
    expect(local('co')).toBe('x');
    expect(local('has')).toBe(true);
    expect(local('ks')).toEqual(['a', 'b']);
    expect(local('vs')).toEqual([2, 1]);
    expect(local('mg')).toEqual({ a: 1, b: 3 });
    expect(local('r1')).toEqual([0, 1, 2]);
    expect(local('r2')).toEqual([1, 5, 9]);
    expect(local('fmt')).toBe('web-007-true');
    expect(local('lo')).toBe('abc');
    expect(local('upc')).toBe('ABC');
    expect(local('jn')).toBe('a,b,c');
    expect(local('sp')).toEqual(['a', 'b']);
    expect(local('fl')).toEqual([1, 2, 3]);
    expect(local('dist')).toEqual([1, 2]);
    expect(local('cmp')).toEqual(['a', 'b']);
    expect(local('unk')).toBe(UNKNOWN);
    expect(local('unkfn')).toBe(UNKNOWN);
    expect(local('can1')).toBe(false);
    expect(local('rev')).toEqual(['c', 'b', 'a']);
    expect(local('zm')).toEqual({ a: 1 });
    expect(local('one1')).toBe('x');
    expect(local('sum1')).toBe(6);
  });

  it('keeps UNKNOWN distinct from every known value and explains it', () => {
    const { raw } = L(`
data "aws_availability_zones" "x" {}
locals {
  azs  = data.aws_availability_zones.x.names
  n    = length(local.azs)
  az1  = element(local.azs, 1)
  tpl  = "\${local.az1}-x"
}
`);
    const n = raw('n');
    expect(n.t).toBe('unknown');
    expect(n.t === 'unknown' && n.why).toBe('data.aws_availability_zones.x');
    const az1 = raw('az1');
    expect(az1.t === 'unknown' && az1.sym).toBe('data.aws_availability_zones.x.names[1]');
    expect(raw('tpl').t).toBe('unknown');
  });

  it('a fixed slice of an unknown list has a known length, element by element', () => {
    const { local, raw } = L(`
data "aws_availability_zones" "x" {}
locals {
  azs  = slice(data.aws_availability_zones.x.names, 0, 3)
  n    = length(local.azs)
  last = local.azs[2]
}
`);
    expect(local('n')).toBe(3);
    const last = raw('last');
    expect(last.t === 'unknown' && last.sym).toBe('data.aws_availability_zones.x.names[2]');
  });

  it('evaluates the collection functions on known inputs, and stays unknown otherwise', () => {
    const { local } = L(`
data "aws_availability_zones" "x" {}
locals {
  azs     = ["a", "b", "c"]
  mk      = matchkeys(["i-1", "i-2", "i-3"], local.azs, ["a", "c"])
  mkNone  = matchkeys(["i-1", "i-2"], ["a", "b"], ["z"])
  mkUnk   = matchkeys(["i-1", "i-2"], ["a", data.aws_availability_zones.x.id], ["a"])
  chunks  = chunklist(local.azs, 2)
  prod    = setproduct(["a", "b"], [1, 2])
  prodUnk = setproduct(["a"], data.aws_availability_zones.x.names)
  union   = setunion(["a", "b"], ["b", "c"])
  inter   = setintersection(["a", "b", "c"], ["b", "c", "d"])
  sub     = setsubtract(["a", "b", "c"], ["b"])
  subUnk  = setsubtract(["a", "b"], [data.aws_availability_zones.x.id])
  tr      = transpose({ a = ["1", "2"], b = ["2"] })
  sl      = slice(local.azs, 0, 1)
  slUnk   = slice(local.azs, 0, data.aws_availability_zones.x.id)
}
`);
    expect(local('mk')).toEqual(['i-1', 'i-3']);
    expect(local('mkNone')).toEqual([]);
    expect(local('mkUnk')).toBe(UNKNOWN);
    expect(local('chunks')).toEqual([['a', 'b'], ['c']]);
    expect(local('prod')).toEqual([['a', 1], ['a', 2], ['b', 1], ['b', 2]]);
    expect(local('prodUnk')).toBe(UNKNOWN);
    expect(local('union')).toEqual(['a', 'b', 'c']);
    expect(local('inter')).toEqual(['b', 'c']);
    expect(local('sub')).toEqual(['a', 'c']);
    expect(local('subUnk')).toBe(UNKNOWN);
    expect(local('tr')).toEqual({ 1: ['a'], 2: ['a', 'b'] });
    expect(local('sl')).toEqual(['a']);
    expect(local('slUnk')).toBe(UNKNOWN);
  });

  it('regex() and regexall() run only on patterns that cannot backtrack badly', () => {
    const { local } = L(`
locals {
  az      = "eu-west-1a"
  is_name = length(regexall("^[a-z]{2}-", local.az)) > 0
  parts   = regex("^([a-z]+)-([a-z]+)", local.az)
  evil    = regexall("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")
  lookbehind = regexall("(?<=a)b", "ab")
}
`);
    expect(local('is_name')).toBe(true);
    expect(local('parts')).toEqual(['eu', 'west']);
    expect(local('evil')).toBe(UNKNOWN);
    expect(local('lookbehind')).toBe(UNKNOWN);
  });

  it('supports path.module and refuses terraform.workspace', () => {
    const { local } = L(`
locals {
  p = path.module
  w = terraform.workspace
}
`);
    expect(local('p')).toBe('.');
    expect(local('w')).toBe(UNKNOWN);
  });
});

describe('terraform evaluation: hostile input stays bounded', () => {
  it('caps huge ranges and exponential string growth', () => {
    const { local, ctx } = L(`
locals {
  big = range(1000000000)
  s0  = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
  s1  = "\${local.s0}\${local.s0}"
  s2  = "\${local.s1}\${local.s1}"
  s3  = "\${local.s2}\${local.s2}"
  s4  = "\${local.s3}\${local.s3}"
  s5  = "\${local.s4}\${local.s4}"
  s6  = "\${local.s5}\${local.s5}"
  s7  = "\${local.s6}\${local.s6}"
  s8  = "\${local.s7}\${local.s7}"
  s9  = "\${local.s8}\${local.s8}"
  s10 = "\${local.s9}\${local.s9}"
  s11 = "\${local.s10}\${local.s10}"
  s12 = "\${local.s11}\${local.s11}"
  s13 = "\${local.s12}\${local.s12}"
  s14 = "\${local.s13}\${local.s13}"
  s15 = "\${local.s14}\${local.s14}"
  l0  = [1, 2, 3, 4, 5, 6, 7, 8]
  l1  = [local.l0, local.l0, local.l0, local.l0, local.l0, local.l0, local.l0, local.l0]
  l2  = [local.l1, local.l1, local.l1, local.l1, local.l1, local.l1, local.l1, local.l1]
  l3  = [local.l2, local.l2, local.l2, local.l2, local.l2, local.l2, local.l2, local.l2]
  l4  = [local.l3, local.l3, local.l3, local.l3, local.l3, local.l3, local.l3, local.l3]
  l5  = [local.l4, local.l4, local.l4, local.l4, local.l4, local.l4, local.l4, local.l4]
  l6  = [local.l5, local.l5, local.l5, local.l5, local.l5, local.l5, local.l5, local.l5]
  l7  = [local.l6, local.l6, local.l6, local.l6, local.l6, local.l6, local.l6, local.l6]
  nest = [for a in range(5000) : [for b in range(5000) : a * b]]
}
`);
    expect(local('big')).toBe(UNKNOWN);
    expect(local('s15')).toBe(UNKNOWN);
    expect(local('l5')).toBe(UNKNOWN);
    expect(local('nest')).toBe(UNKNOWN);
    expect(ctx.diagnostics.some((d) => d.message.includes('range()'))).toBe(true);
  });

  it('survives a long chain of locals and deeply nested expressions', () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `  l${i + 1} = local.l${i} + 1`).join('\n');
    const { local } = L(`locals {\n  l0 = 0\n${chain}\n}\nlocals {\n  deep = ${'('.repeat(300)}1${')'.repeat(300)}\n}\n`);
    expect(local('l3000')).toBe(UNKNOWN);
    // A cut-off evaluation is not memoized: l100 does not inherit it.
    expect(local('l100')).toBe(100);
    expect([1, UNKNOWN]).toContain(local('deep'));
  });
});
