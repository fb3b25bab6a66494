/**
 * CloudFormation: templates (YAML with short-form intrinsics, and JSON) and parameter files, fed real
 * templates with syntax-aware edits and templates generated from the intrinsic functions' grammar:
 * parameters whose defaults are intrinsics (themselves, each other), conditions that refer to each
 * other, mappings whose values look themselves up.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { campaign, corpusSeeds, fixtureSeeds, mutatedSeedArb, mutationArb, reviewHolds, timeout, wordsOf } from './harness.js';

const seeds = [...fixtureSeeds('cloudformation'), ...corpusSeeds('cloudformation', () => true, 8000)];

const INTRINSICS = ['Ref', 'GetAtt', 'Sub', 'If', 'Select', 'GetAZs', 'Join', 'Split', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'Condition', 'Transform', 'Length', 'ToJsonString'];
const TOKENS = [
  ...INTRINSICS.map((f) => `!${f} `),
  ...INTRINSICS.map((f) => `{"Fn::${f}": `),
  '{', '}', '[', ']', ':', ': ', '- ', ',', '"', "'", '|', '>', '&a ', '*a', '<<: *a', '---\n', '${', '${AWS::Region}', '!Ref AWS::NoValue',
  'Condition: ', 'DependsOn: ', '\n  ', '#',
];
const WORDS = [...wordsOf(seeds), 'AWS::NoValue', 'AWS::Region', 'Fn::If', 'Ref', 'MultiAZ', 'Condition'];
const NESTING = [['[', ']'], ['{"a": ', '}'], ['!Not [', ']'], ['{"Fn::Not": [', ']}'], ['!Base64 [', ']']] as const;

describe('cloudformation fuzz', () => {
  it(
    'a review of an edited real template keeps every property',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutationArb(TOKENS, WORDS, NESTING)), ({ seed, files }) => {
          reviewHolds(seed.files, files);
        }),
        campaign(),
      );
    },
    timeout(),
  );

  it(
    'a review of a template generated from the intrinsics grammar keeps every property',
    () => {
      fc.assert(
        fc.property(generatedTemplate, ({ base, head, config }) => {
          reviewHolds(base, head, config);
        }),
        campaign(),
      );
    },
    timeout(),
  );
});

// ---------------------------------------------------------------- the intrinsics grammar

/** A template value: a literal, a list, a map, or an intrinsic call (one key: the function, with its argument). */
type V = string | number | boolean | null | V[] | { [key: string]: V };

const PARAMS = ['P1', 'P2', 'Zones'];
const RESOURCES = ['Db', 'Nat', 'Lb', 'SubnetA', 'Asg', 'Cache'];
const CONDITIONS = ['C1', 'C2', 'C3'];
const NAMES = [...PARAMS, ...RESOURCES, 'AWS::Region', 'AWS::NoValue', 'AWS::StackName', 'Missing', ''];

const call = (fn: string, arg: V): V => ({ [fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`]: arg });

const scalar: fc.Arbitrary<V> = fc.oneof(
  fc.constantFrom<V>('true', 'false', 'a', '', '0', '1', '2', ',', 'us-east-1a,us-east-1b', 'x.y', '${P1}', null, true, false, 0, 1, 3, -1, 1.5),
  fc.string({ maxLength: 6, unit: 'grapheme-ascii' }),
);

type Grammar = { v: V; condition: V; intrinsic: V };

const grammar = fc.letrec<Grammar>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    tie('intrinsic'),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'Key', 'Value'), tie('v'), { maxKeys: 2 }),
  ),
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tie('v'), tie('v')).map(([a, b]) => call('Equals', [a, b])),
    fc.tuple(fc.constantFrom('And', 'Or'), fc.array(tie('condition'), { maxLength: 3 })).map(([fn, items]) => call(fn, items)),
    tie('condition').map((c) => call('Not', [c])),
    fc.constantFrom(...CONDITIONS, 'Missing').map((name) => call('Condition', name)),
    scalar,
  ),
  intrinsic: fc.oneof(
    fc.constantFrom(...NAMES).map((n) => call('Ref', n)),
    fc.tuple(fc.constantFrom(...RESOURCES, 'P1', 'Missing'), fc.constantFrom('Arn', 'Endpoint.Address', 'a.b'), fc.boolean()).map(([r, a, dotted]) => call('GetAtt', dotted ? `${r}.${a}` : [r, a])),
    fc
      .array(fc.oneof(fc.constantFrom('a', '-', '${', '}', '${!Literal}', '$'), fc.constantFrom(...NAMES, 'Db.Arn', 'v').map((n) => `\${${n}}`)), { maxLength: 4 })
      .chain((parts) => fc.oneof(fc.constant(call('Sub', parts.join(''))), tie('v').map((v) => call('Sub', [parts.join(''), { v }])))),
    fc.tuple(fc.constantFrom(...CONDITIONS, 'Missing'), tie('v'), tie('v')).map(([c, a, b]) => call('If', [c, a, b])),
    fc.tuple(tie('v'), tie('v')).map(([i, l]) => call('Select', [i, l])),
    fc.tuple(fc.constantFrom<V>(0, 1, 2, '0', '7'), fc.constantFrom<V>('', call('Ref', 'AWS::Region'), 'eu-west-1')).map(([i, r]) => call('Select', [i, call('GetAZs', r)])),
    fc.tuple(fc.constantFrom(',', '', '-'), tie('v')).map(([d, l]) => call('Join', [d, l])),
    fc.tuple(fc.constantFrom(',', '', '-'), tie('v')).map(([d, s]) => call('Split', [d, s])),
    fc.tuple(fc.constantFrom('M', 'Missing'), tie('v'), fc.constantFrom('a', 'b')).map(([m, k, k2]) => call('FindInMap', [m, k, k2])),
    fc.constantFrom('Base64', 'Cidr', 'ImportValue', 'Length', 'ToJsonString', 'Transform').chain((fn) => tie('v').map((v) => call(fn, v))),
    tie('condition'),
    // Any function over any argument: the wrong shapes.
    fc.tuple(fc.constantFrom('Ref', 'GetAZs', 'If', 'Join', 'FindInMap', 'Select', 'Sub', 'GetAtt', 'Condition'), tie('v')).map(([fn, v]) => call(fn, v)),
  ),
}));

const value = grammar.v;
const condition = grammar.condition;
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

/** A parameter's default that names parameters (CloudFormation wants a literal): itself, another, both. */
const paramDefault = fc.oneof(
  value,
  fc.constantFrom(...PARAMS).map((p) => call('Ref', p)),
  fc.array(fc.constantFrom(...PARAMS), { minLength: 1, maxLength: 3 }).map((ps) => call('Sub', ps.map((p) => `\${${p}}`).join(','))),
);
/** A mapping value that looks up the mapping again, once or several times. */
const lookup = fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom('a', 'b')).map(([k, k2]) => call('FindInMap', ['M', k, k2]));
const mappingValue = fc.oneof(value, lookup, fc.array(lookup, { minLength: 2, maxLength: 3 }).map((ls) => call('Join', ['', ls])));

const resource = (type: string, properties: Record<string, V | undefined>, extra: Record<string, V | undefined> = {}): V => {
  const props: Record<string, V> = {};
  for (const [k, v] of Object.entries(properties)) if (v !== undefined) props[k] = v;
  const r: Record<string, V> = { Type: type, Properties: props };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) r[k] = v;
  return r;
};

const template: fc.Arbitrary<Record<string, V>> = fc
  .record({
    p1Type: fc.constantFrom('String', 'Number', 'CommaDelimitedList', 'List<AWS::EC2::AvailabilityZone::Name>', 'AWS::SSM::Parameter::Value<String>'),
    p1Default: maybe(paramDefault),
    p2Default: maybe(paramDefault),
    zonesDefault: maybe(paramDefault),
    c1: condition,
    c2: condition,
    c3: condition,
    mapA: mappingValue,
    mapB: mappingValue,
    multiAz: value,
    dbCondition: maybe(fc.constantFrom(...CONDITIONS, 'Missing')),
    natSubnet: value,
    lbSubnets: value,
    subnetZone: value,
    asgZones: value,
    asgMin: value,
    cacheClusters: value,
    failover: value,
    dependsOn: maybe(fc.oneof(fc.constantFrom<V>(...RESOURCES, 'Missing'), fc.array(fc.constantFrom<V>(...RESOURCES), { maxLength: 3 }))),
  })
  .map((g) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: {
      P1: { Type: g.p1Type, ...(g.p1Default === undefined ? {} : { Default: g.p1Default }) },
      P2: { Type: 'String', ...(g.p2Default === undefined ? {} : { Default: g.p2Default }) },
      Zones: { Type: 'CommaDelimitedList', ...(g.zonesDefault === undefined ? {} : { Default: g.zonesDefault }) },
    },
    Conditions: { C1: g.c1, C2: g.c2, C3: g.c3 },
    Mappings: { M: { a: { a: g.mapA, b: g.mapB }, b: { a: 'x', b: call('FindInMap', ['M', 'a', 'b']) } } },
    Resources: {
      Db: resource('AWS::RDS::DBInstance', { Engine: 'postgres', MultiAZ: g.multiAz }, { Condition: g.dbCondition, DependsOn: g.dependsOn }),
      SubnetA: resource('AWS::EC2::Subnet', { AvailabilityZone: g.subnetZone }),
      Nat: resource('AWS::EC2::NatGateway', { SubnetId: g.natSubnet }),
      Lb: resource('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: g.lbSubnets }),
      Asg: resource('AWS::AutoScaling::AutoScalingGroup', { AvailabilityZones: g.asgZones, MinSize: g.asgMin, MaxSize: 4, TargetGroupARNs: [call('Ref', 'Lb'), call('GetAtt', 'Db.Endpoint.Address')] }),
      Cache: resource('AWS::ElastiCache::ReplicationGroup', { NumCacheClusters: g.cacheClusters, AutomaticFailoverEnabled: g.failover }),
    },
  }));

/** YAML in flow style with short-form tags (`!If [C1, !Ref P1, 2]`), as people write templates. */
function shortForm(v: V): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(shortForm).join(', ')}]`;
  const keys = Object.keys(v);
  const fn = keys.length === 1 ? /^(?:Fn::)?(Ref|Condition|[A-Z][A-Za-z0-9]*)$/.exec(keys[0]!) : null;
  if (fn && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'))) {
    const arg = v[keys[0]!]!;
    // A tagged flow collection needs a space; a tagged empty scalar is written as ''.
    return `!${fn[1]} ${shortForm(arg)}`;
  }
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${shortForm(v[k]!)}`).join(', ')}}`;
}

/** Top-level sections in block style, each entry's value in flow style. */
function yamlTemplate(t: Record<string, V>): string {
  const lines: string[] = [];
  for (const [section, body] of Object.entries(t)) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      lines.push(`${section}: ${shortForm(body)}`);
      continue;
    }
    lines.push(`${section}:`);
    for (const [name, v] of Object.entries(body)) lines.push(`  ${name}: ${shortForm(v)}`);
  }
  return lines.join('\n') + '\n';
}

const generatedTemplate = fc
  .record({
    head: template,
    base: template,
    syntax: fc.constantFrom('yaml', 'json'),
    params: maybe(fc.dictionary(fc.constantFrom('P1', 'P2', 'Zones', 'Nope'), scalar, { maxKeys: 3 })),
    paramsShape: fc.constantFrom('cli', 'configuration'),
  })
  .map(({ head, base, syntax, params, paramsShape }) => {
    const render = (t: Record<string, V>) => (syntax === 'json' ? JSON.stringify(t, null, 2) : yamlTemplate(t));
    const name = syntax === 'json' ? 'stack.json' : 'stack.yaml';
    const extra: Record<string, string> = {};
    if (params) {
      extra['params.json'] = JSON.stringify(
        paramsShape === 'cli' ? Object.entries(params).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })) : { Parameters: params },
        null,
        2,
      );
    }
    const config = params ? { cloudformation: { parameter_files: [{ stack: '**', files: ['params.json'] }] } } : undefined;
    return { base: { [name]: render(base), ...extra }, head: { [name]: render(head), ...extra }, config };
  });
