import { describe, expect, it } from 'vitest';
import { review } from '../../../src/analysis/index.js';
import { DEFAULT_CONFIG } from '../../../src/config/types.js';
import { cloudformation } from '../../../src/formats/cloudformation/index.js';
import { FORMATS } from '../../../src/formats/index.js';
import { fileSetFromRecord } from '../../../src/model/index.js';
import { component, extractAll } from './helpers.js';

const TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";

describe('cloudformation plugin: which files are templates', () => {
  it('is registered, and claims only *.template by name', () => {
    expect(FORMATS).toContain(cloudformation);
    expect(cloudformation.claims('stacks/app.template')).toBe(true);
    for (const p of ['app.yaml', 'app.json', 'app.yml', 'main.tf']) expect(cloudformation.claims(p), p).toBe(false);
  });

  it('sniffs YAML and JSON by content: a format version, or Resources with AWS:: types', () => {
    expect(cloudformation.sniff!('a.yaml', TEMPLATE)).toBe(true);
    expect(cloudformation.sniff!('a.yml', 'Resources:\n  Q:\n    Type: "AWS::SQS::Queue"\n')).toBe(true);
    expect(cloudformation.sniff!('a.json', '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}')).toBe(true);
    expect(cloudformation.sniff!('a.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  Resources: none\n')).toBe(false);
    expect(cloudformation.sniff!('compose.yaml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(cloudformation.sniff!('a.txt', TEMPLATE)).toBe(false);
    // A template quoted inside a Kubernetes ConfigMap stays the manifest's.
    const configMap = `apiVersion: v1\nkind: ConfigMap\ndata:\n  stack.yaml: |\n    AWSTemplateFormatVersion: '2010-09-09'\n    Resources:\n      Q:\n        Type: AWS::SQS::Queue\n`;
    expect(cloudformation.sniff!('cm.yaml', configMap)).toBe(false);
  });

  it('skips a *.template file that is not a template (a Jinja file) instead of reporting it', () => {
    const all = extractAll({ 'conf.template': '{{ name }}: {% if x %}\n', 'q.template': TEMPLATE });
    expect([...all.keys()]).toEqual(['q.template']);
  });

  it('makes every template its own stack, with the parameters files the config names for it', () => {
    const fs = fileSetFromRecord({ 'a/db.yaml': TEMPLATE, 'b/cache.yaml': TEMPLATE, 'a/params.json': '[]', 'a/prod.json': '[]', 'b/params.json': '[]' });
    const stacks = cloudformation.stacks(['a/db.yaml', 'b/cache.yaml'], fs, {
      cloudformationParameterFiles: [
        { stack: 'a/*.yaml', files: ['params.json'] },
        { stack: '**', files: ['a/prod.json'] },
      ],
    });
    expect(stacks).toEqual([
      { format: 'cloudformation', id: 'a/db.yaml', files: ['a/db.yaml', 'a/params.json', 'a/prod.json'] },
      { format: 'cloudformation', id: 'b/cache.yaml', files: ['b/cache.yaml', 'a/prod.json'] },
    ]);
  });
});

describe('cloudformation plugin: parameters files', () => {
  const template = `Parameters:
  Ha: { Type: String, Default: 'true' }
  Size: { Type: Number, Default: 2 }
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { MultiAZ: !Ref Ha }
`;
  const options = (files: string[]) => ({ cloudformationParameterFiles: [{ stack: '**', files }] });

  it('accepts the CLI array shape and the {"Parameters": {...}} shape; later files win', () => {
    const x = extractAll(
      { 'db.yaml': template, 'p1.json': '[\n  { "ParameterKey": "Ha", "ParameterValue": "false" }\n]\n', 'p2.json': '{\n  "Parameters": {\n    "Size": "3"\n  }\n}\n' },
      options(['p1.json', 'p2.json']),
    ).get('db.yaml')!;
    const db = component(x, 'Db');
    expect(db.redundancy.instances).toBe(1);
    expect(db.attributes.multiAz).toMatchObject({ value: 'false', site: { file: 'p1.json', startLine: 2, endLine: 2 } });
    expect(db.fix?.suggestion).toEqual({ file: 'p1.json', startLine: 2, endLine: 2, replacement: '  { "ParameterKey": "Ha", "ParameterValue": "true" }' });
    expect(x.diagnostics).toEqual([]);

    const later = extractAll({ 'db.yaml': template, 'p1.json': '[{ "ParameterKey": "Ha", "ParameterValue": "false" }]', 'p2.json': '{ "Parameters": { "Ha": "true" } }' }, options(['p1.json', 'p2.json'])).get('db.yaml')!;
    expect(component(later, 'Db').redundancy.instances).toBe(2);
  });

  it('reports parameters the template does not declare, and files of another shape', () => {
    const x = extractAll({ 'db.yaml': template, 'p.json': '[\n  { "ParameterKey": "Nope", "ParameterValue": "1" }\n]\n', 'q.json': '{ "Other": 1 }' }, options(['p.json', 'q.json'])).get('db.yaml')!;
    expect(x.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'p.json:2 parameter Nope is not declared in db.yaml; its value is ignored',
      'q.json:1 not a parameters file; expected [{ "ParameterKey", "ParameterValue" }] or { "Parameters": { ... } }',
    ]);
  });

  it('a changed parameters file re-reviews its template through the config', () => {
    const base = fileSetFromRecord({ 'db.yaml': template, 'prod.json': '[{ "ParameterKey": "Ha", "ParameterValue": "true" }]' });
    const head = fileSetFromRecord({ 'db.yaml': template, 'prod.json': '[{ "ParameterKey": "Ha", "ParameterValue": "false" }]' });
    const config = { ...DEFAULT_CONFIG, cloudformation: { parameter_files: [{ stack: 'db.yaml', files: ['prod.json'] }] } };
    const r = review({ base, head, config });
    expect(r.findings.map((f) => `${f.kind} ${f.component.id} ${f.evidence.map((e) => `${e.file}:${e.line}`).join(',')}`)).toEqual(['new-spof Db prod.json:1']);
    expect(review({ base, head }).findings).toEqual([]);
  });
});
