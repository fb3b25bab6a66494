import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/model/index.js';
import { Evaluator, type ParameterOverrides } from '../../../src/formats/cloudformation/evaluate.js';
import { parseSource } from '../../../src/formats/cloudformation/parse.js';
import { readTemplate } from '../../../src/formats/cloudformation/template.js';
import { field, type MapNode } from '../../../src/formats/cloudformation/tree.js';
import type { Val } from '../../../src/formats/cloudformation/values.js';

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
  Azs:
    Type: CommaDelimitedList
    Default: 'us-east-1a, us-east-1b'
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami
  Required:
    Type: String
Mappings:
  Sizes:
    prod: { Nodes: 3 }
    dev: { Nodes: 1 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsDev, !Equals [!Ref Required, x]]
  Unknown: !Equals [!Ref Required, x]
  ProdOrUnknown: !Or [!Condition IsProd, !Condition Unknown]
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
  Gone:
    Type: AWS::EC2::Subnet
    Condition: IsDev
`;

/** Evaluate the `Values` map of a template (values to test written under it). */
function evaluate(values: string, overrides: ParameterOverrides = new Map()): { v: (k: string) => Val; ev: Evaluator; diagnostics: Diagnostic[] } {
  const text = `${HEAD}Outputs:\n  Values:\n${values.replace(/^/gm, '    ')}\n`;
  const parsed = parseSource('t.yaml', text);
  if (!parsed.root) throw new Error(JSON.stringify(parsed.diagnostics));
  const diagnostics: Diagnostic[] = [];
  const t = readTemplate('t.yaml', 'yaml', parsed.root as MapNode, diagnostics);
  const ev = new Evaluator(t, overrides, diagnostics);
  const map = field(field(parsed.root, 'Outputs'), 'Values')!;
  return { v: (k) => ev.eval(field(map, k)!), ev, diagnostics };
}

/** A value without provenance, for comparisons. */
function bare(v: Val): unknown {
  switch (v.t) {
    case 'list':
      return v.items.map(bare);
    case 'obj':
      return Object.fromEntries([...v.fields].map(([k, f]) => [k, bare(f)]));
    case 'unknown':
      return { unknown: v.why, ...(v.res ? { res: v.res } : {}), ...(v.sym ? { sym: v.sym } : {}) };
    case 'novalue':
    case 'null':
      return null;
    default:
      return v.v;
  }
}

describe('cloudformation evaluation: parameters', () => {
  it('uses defaults with the line they are written on, splits list parameters', () => {
    const { v } = evaluate('a: !Ref Env\nb: !Ref Azs\nc: !Select [1, !Ref Azs]');
    expect(v('a')).toMatchObject({ t: 'str', v: 'prod', site: { file: 't.yaml', start: 5, end: 5, name: 'Default' } });
    expect(bare(v('b'))).toEqual(['us-east-1a', 'us-east-1b']);
    expect(v('c')).toMatchObject({ v: 'us-east-1b', site: { start: 8 } });
  });

  it('keeps required, SSM-typed and pseudo parameters unknown, with the reason', () => {
    const { v } = evaluate('a: !Ref Required\nb: !Ref Ami\nc: !Ref AWS::Region\nd: !Sub "${AWS::StackName}-x"');
    expect(bare(v('a'))).toEqual({ unknown: 'parameter Required, which has no default' });
    expect(bare(v('b'))).toEqual({ unknown: 'parameter Ami, read from SSM Parameter Store at deploy time' });
    expect(bare(v('c'))).toEqual({ unknown: 'pseudo parameter AWS::Region, known at deploy time' });
    expect(bare(v('d'))).toEqual({ unknown: 'pseudo parameter AWS::StackName, known at deploy time' });
  });

  it('lets a parameters file override a default, keeping its site', () => {
    const overrides = new Map<string, Val>([['Env', { t: 'str', v: 'dev', site: { file: 'p.json', start: 3, end: 3, name: 'ParameterValue' } }]]);
    const { v, ev } = evaluate('a: !Ref Env', overrides);
    expect(v('a')).toMatchObject({ v: 'dev', site: { file: 'p.json', start: 3 } });
    expect(ev.condition('IsProd', 1)).toEqual({ value: false });
  });
});

describe('cloudformation evaluation: conditions', () => {
  it('evaluates Equals, Not, And, Or and Condition references', () => {
    const { ev } = evaluate('a: 1');
    expect(ev.condition('IsProd', 1)).toEqual({ value: true });
    expect(ev.condition('IsDev', 1)).toEqual({ value: false });
    expect(ev.condition('Both', 1)).toEqual({ value: true });
    // A known true branch decides an Or even when another branch is unknown.
    expect(ev.condition('ProdOrUnknown', 1)).toEqual({ value: true });
    expect(ev.condition('Either', 1)).toEqual({ why: 'condition Either, which uses parameter Required, which has no default' });
    expect(ev.condition('Missing', 7)).toEqual({ why: 'condition Missing, which is not defined' });
  });

  it('picks the Fn::If branch, drops AWS::NoValue, and keeps both references when the condition is unknown', () => {
    const { v } = evaluate(
      'a: !If [IsProd, 3, 1]\nb: [x, !If [IsDev, y, !Ref AWS::NoValue]]\nc: !If [Unknown, !Ref Subnet, 2]\nd: { k: !If [IsDev, 1, !Ref AWS::NoValue] }',
    );
    expect(v('a')).toMatchObject({ t: 'num', v: 3 });
    expect(bare(v('b'))).toEqual(['x']);
    const c = v('c');
    expect(c.t).toBe('unknown');
    expect([...(c.refs ?? [])]).toEqual(['Subnet']);
    expect(bare(v('d'))).toEqual({});
  });

  it('references to a resource whose condition is false carry no dependency', () => {
    const { v } = evaluate('a: !Ref Gone\nb: !Ref Subnet');
    expect(v('a').refs).toBeUndefined();
    expect(bare(v('b'))).toEqual({ unknown: 'the id of Subnet, known at deploy time', res: 'Subnet' });
    expect([...(v('b').refs ?? [])]).toEqual(['Subnet']);
  });
});

describe('cloudformation evaluation: functions', () => {
  it('Fn::Select over Fn::GetAZs: distinct indices are distinct zones of the same region', () => {
    const { v } = evaluate("a: !Select [0, !GetAZs '']\nb: !Select ['1', !GetAZs { Ref: 'AWS::Region' }]\nc: !Select [0, !GetAZs us-west-2]");
    expect(bare(v('a'))).toMatchObject({ sym: 'region:#0' });
    expect(bare(v('b'))).toMatchObject({ sym: 'region:#1' });
    expect(bare(v('c'))).toMatchObject({ sym: 'region:us-west-2#0' });
  });

  it('Fn::Sub substitutes parameters, variables and escapes; resource attributes stay unknown with their reference', () => {
    const { v } = evaluate("a: !Sub '${Env}-${!Literal}'\nb: !Sub ['${X}/${Env}', { X: abc }]\nc: !Sub 'host=${Subnet.AvailabilityZone}'");
    expect(bare(v('a'))).toBe('prod-${Literal}');
    expect(bare(v('b'))).toBe('abc/prod');
    expect(bare(v('c'))).toEqual({ unknown: 'Subnet.AvailabilityZone, known at deploy time' });
    expect([...(v('c').refs ?? [])]).toEqual(['Subnet']);
  });

  it('Fn::Join, Fn::Split, Fn::FindInMap, Fn::GetAtt', () => {
    const { v } = evaluate("a: !Join ['-', [a, !Ref Env]]\nb: !Split [',', 'x,y']\nc: !FindInMap [Sizes, !Ref Env, Nodes]\nd: !GetAtt [Subnet, VpcId]");
    expect(bare(v('a'))).toBe('a-prod');
    expect(bare(v('b'))).toEqual(['x', 'y']);
    expect(v('c')).toMatchObject({ t: 'num', v: 3, site: { start: 16 } });
    expect(bare(v('d'))).toEqual({ unknown: 'Subnet.VpcId, known at deploy time', res: 'Subnet' });
  });

  it('imports, Base64 and unknown names stay unknown; a Ref to nothing is a warning once', () => {
    const { v, diagnostics } = evaluate("a: !ImportValue shared-vpc-id\nb: !Base64 { 'Fn::Sub': '${Subnet}' }\nc: !Ref Nowhere\nd: !Ref Nowhere");
    expect(bare(v('a'))).toEqual({ unknown: "Fn::ImportValue shared-vpc-id (another stack's output)" });
    expect(v('b')).toMatchObject({ t: 'unknown' });
    expect([...(v('b').refs ?? [])]).toEqual(['Subnet']);
    v('c');
    v('d');
    expect(diagnostics.filter((d) => d.message.includes('Nowhere'))).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', message: 'Ref to Nowhere, which is neither a parameter nor a resource of the template' });
  });
});
