import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/formats/cloudformation/parse.js';
import { field, type Node } from '../../../src/formats/cloudformation/tree.js';

/** A tree as plain JSON (long-form intrinsics), for comparisons. */
function plain(n: Node | undefined): unknown {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  return Object.fromEntries(n.entries.map((e) => [e.key, plain(e.value)]));
}

function yaml(text: string) {
  const r = parseSource('t.yaml', text);
  return { ...r, value: plain(r.root) };
}

describe('cloudformation parsing: YAML short-form intrinsics', () => {
  it('turns every short form into its long form', () => {
    const { value, diagnostics } = yaml(`
A: !Ref Param
B: !GetAtt Db.Endpoint.Address
C: !GetAtt [Db, Endpoint.Port]
D: !Sub '\${AWS::StackName}-db'
E: !Sub ['\${Host}:5432', { Host: !GetAtt Db.Endpoint.Address }]
F: !If [IsProd, 2, 1]
G: !Select [0, !GetAZs '']
H: !GetAZs
I: !Join ['', [a, b]]
J: !Split [',', 'a,b']
K: !Equals [!Ref Env, prod]
L: !And [!Condition A, !Or [!Condition B, !Not [!Condition C]]]
M: !FindInMap [RegionMap, !Ref 'AWS::Region', Ami]
N: !Base64 hello
O: !Cidr [10.0.0.0/16, 6, 8]
P: !ImportValue shared-vpc
`);
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      A: { Ref: 'Param' },
      B: { 'Fn::GetAtt': 'Db.Endpoint.Address' },
      C: { 'Fn::GetAtt': ['Db', 'Endpoint.Port'] },
      D: { 'Fn::Sub': '${AWS::StackName}-db' },
      E: { 'Fn::Sub': ['${Host}:5432', { Host: { 'Fn::GetAtt': 'Db.Endpoint.Address' } }] },
      F: { 'Fn::If': ['IsProd', 2, 1] },
      G: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      H: { 'Fn::GetAZs': '' },
      I: { 'Fn::Join': ['', ['a', 'b']] },
      J: { 'Fn::Split': [',', 'a,b'] },
      K: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      L: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { 'Fn::Not': [{ Condition: 'C' }] }] }] },
      M: { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'Ami'] },
      N: { 'Fn::Base64': 'hello' },
      O: { 'Fn::Cidr': ['10.0.0.0/16', 6, 8] },
      P: { 'Fn::ImportValue': 'shared-vpc' },
    });
  });

  it('keeps the source text of tagged scalars and marks short forms', () => {
    const r = yaml('A: !Ref 0123\nB: { Ref: x }\n');
    expect(r.value).toEqual({ A: { Ref: '0123' }, B: { Ref: 'x' } });
    const a = field(r.root, 'A');
    expect(a?.kind === 'map' && a.short).toBe(true);
    const b = field(r.root, 'B');
    expect(b?.kind === 'map' && b.short).toBeFalsy();
  });

  it('reads an unknown tag as plain data with a warning at its line', () => {
    const r = yaml('A: 1\nB: !Rain::Embed file.txt\n');
    expect(r.value).toEqual({ A: 1, B: 'file.txt' });
    expect(r.diagnostics).toEqual([{ file: 't.yaml', line: 2, severity: 'warning', message: expect.stringContaining('Unresolved tag: !Rain::Embed') }]);
  });

  it('records lines of keys and values, and the end line of block values', () => {
    const r = parseSource('t.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MultiAZ: true\n\n');
    const db = field(field(r.root, 'Resources'), 'Db')!;
    expect([db.keyLine, db.line, db.endLine]).toEqual([2, 3, 5]);
    const multi = field(field(db, 'Properties'), 'MultiAZ')!;
    expect([multi.key, multi.keyLine, multi.line, multi.endLine]).toEqual(['MultiAZ', 5, 5, 5]);
  });

  it('reports the first YAML error at its line and reads nothing else', () => {
    const r = yaml('Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n   Properties: {}\n');
    expect(r.root).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 't.yaml', line: 4, severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(/^invalid YAML: /);
  });

  it('warns about duplicate keys and keeps the last', () => {
    const r = yaml('A: 1\nA: 2\n');
    expect(r.value).toEqual({ A: 2 });
    expect(field(r.root, 'A')).toMatchObject({ value: 2 });
    expect(r.diagnostics).toEqual([{ file: 't.yaml', line: 2, severity: 'warning', message: 'duplicate key "A": the last one is used' }]);
  });
});

describe('cloudformation parsing: JSON', () => {
  it('reads JSON with lines, strings quoted', () => {
    const r = parseSource('t.json', '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": { "MultiAZ": "true" }\n    }\n  }\n}\n');
    expect(r.syntax).toBe('json');
    const multi = field(field(field(field(r.root, 'Resources'), 'Db'), 'Properties'), 'MultiAZ')!;
    expect(multi).toMatchObject({ kind: 'scalar', value: 'true', quoted: true, line: 5, keyLine: 5 });
  });

  it('detects JSON by content in a .template file', () => {
    expect(parseSource('x.template', '  {"A": 1}').syntax).toBe('json');
    expect(parseSource('x.template', 'A: 1').syntax).toBe('yaml');
  });

  it('reports a trailing comma at the comma, and other errors where they are', () => {
    expect(parseSource('t.json', '{\n  "A": 1,\n}\n').diagnostics).toEqual([{ file: 't.json', line: 2, severity: 'error', message: 'invalid JSON: a trailing comma (JSON allows none)' }]);
    expect(parseSource('t.json', '{\n  "A": 1\n  "B": 2\n}\n').diagnostics).toEqual([{ file: 't.json', line: 3, severity: 'error', message: 'invalid JSON: "," is expected' }]);
    expect(parseSource('t.json', '{ // no\n "A": 1 }').diagnostics[0]).toMatchObject({ line: 1, message: 'invalid JSON: comments are not allowed in JSON' });
  });
});

describe('cloudformation parsing: hostile input is bounded', () => {
  it('stops a YAML alias bomb with a diagnostic', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const started = performance.now();
    const r = parseSource('bomb.yaml', lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.root).toBeUndefined();
    expect(r.diagnostics[0]!.message).toContain('too many nodes');
  });

  it('refuses deep nesting in JSON and YAML without crashing', () => {
    for (const [file, text] of [
      ['deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['deep.yaml', `a: ${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ] as const) {
      const r = parseSource(file, text);
      expect(r.root, file).toBeUndefined();
      expect(r.diagnostics[0]?.severity, file).toBe('error');
    }
  });

  it('refuses binary and oversized files', () => {
    expect(parseSource('b.yaml', 'A: 1\u0000\u0001').diagnostics[0]!.message).toContain('binary');
    expect(parseSource('big.json', `{"A": "${'x'.repeat(5 * 1024 * 1024)}"}`).diagnostics[0]!.message).toContain('larger than');
  });
});
