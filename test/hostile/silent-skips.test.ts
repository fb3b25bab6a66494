/**
 * What the formats used to drop without a word (issue 10) is said, with file and line: a YAML merge
 * key inside its own anchor, a kustomize patch or List nested past the limits, a Terraform var file
 * the config names outside the repository. Inputs are generated; each would hide a change otherwise.
 */
import { describe, expect, it } from 'vitest';
import { review, scan } from '../../src/analysis/index.js';
import { parseConfig } from '../../src/config/parse.js';
import { fileSetFromMap } from '../../src/model/index.js';
import { parseDocuments } from '../../src/formats/kubernetes/documents.js';
import { mergePatch } from '../../src/formats/kubernetes/patches.js';
import type { KMap, KNode } from '../../src/formats/kubernetes/tree.js';

const files = (m: Record<string, string>) => fileSetFromMap(new Map(Object.entries(m)));
const errors = (ds: readonly { severity: string }[]) => ds.filter((d) => d.severity === 'error');

describe('Kubernetes', () => {
  it('a merge key inside its own anchor (a loop) is an error on its line, and the review is not a pass', () => {
    const deployment = (replicas: number, loop: boolean) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: redis',
        'spec: &spec',
        loop ? '  <<: *spec' : '  paused: false',
        `  replicas: ${replicas}`,
        '  selector: { matchLabels: { app: redis } }',
        '  template:',
        '    metadata: { labels: { app: redis } }',
        '    spec: { containers: [{ name: redis, image: redis:7 }] }',
        '',
      ].join('\n');
    const r = review({ base: files({ 'k8s/redis.yaml': deployment(3, false) }), head: files({ 'k8s/redis.yaml': deployment(1, true) }) });
    expect(errors(r.diagnostics)).toEqual([
      { file: 'k8s/redis.yaml', line: 6, severity: 'error', message: 'alias *spec inside its own anchor (a loop) was not read; kubectl refuses this document' },
    ]);
    expect(r.conclusion).not.toBe('success');
  });

  it('a strategic-merge patch is merged as deep as a manifest may nest (it stopped at 64 levels without a word)', () => {
    const chain = (depth: number, leaf: string) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ` ${leaf}\n`;
    const target = parseDocuments('deploy.yaml', chain(100, 'old')).docs[0]!.root as KMap;
    const patch = parseDocuments('patch.yaml', chain(100, 'new')).docs[0]!.root as KMap;
    let tooDeep: number | undefined;
    expect(mergePatch(target, patch, (l) => (tooDeep = l))).toBe(true);
    let node: KNode = target;
    for (let i = 0; i < 100; i++) node = (node as KMap).fields.get(`k${i}`)!.value;
    expect(node).toMatchObject({ t: 'scalar', value: 'new' });
    expect(tooDeep).toBeUndefined();
    // Deeper than a manifest may nest is refused before any patch sees it, with its line.
    const deep = parseDocuments('app/kustomization.yaml', chain(140, 'x'));
    expect(deep.diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: 'nesting deeper than 128 levels was not read' })]);
  });

  it('a Deployment nested in more than 4 Lists is an error on its line, not left out silently', () => {
    let doc = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: db }\nspec: { replicas: 1, template: { spec: { containers: [{ name: db, image: postgres }] } } }';
    for (let i = 0; i < 5; i++) doc = `apiVersion: v1\nkind: List\nitems:\n${doc.split('\n').map((l, j) => (j === 0 ? `  - ${l}` : `    ${l}`)).join('\n')}`;
    const inv = scan(files({ 'k8s/lists.yaml': `${doc}\n` }));
    expect(errors(inv.snapshot.diagnostics)).toEqual([expect.objectContaining({ file: 'k8s/lists.yaml', message: 'List nested in more than 4 lists was not read' })]);
  });
});

describe('Terraform var files named by the config', () => {
  const stack = {
    'envs/prod/main.tf': 'variable "multi_az" {\n  default = true\n}\n\nresource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = var.multi_az\n}\n',
    'envs/common.tfvars': 'multi_az = false\n',
  };

  it('`../common.tfvars` is read relative to the stack, as -var-file is', () => {
    const { config, errors: configErrors } = parseConfig('terraform:\n  var_files:\n    - ../common.tfvars\n', '.github/spof-review.yml');
    expect(configErrors).toEqual([]);
    const inv = scan(files(stack), config);
    expect(inv.snapshot.diagnostics).toEqual([]);
    expect(inv.spofs.map((s) => s.component.id)).toEqual(['aws_db_instance.main']);
  });

  it('a var file outside the repository is an error on the config line that names it', () => {
    const { config } = parseConfig('fail_on: high\nterraform:\n  var_files:\n    - stack: envs/**\n      files:\n        - ../common.tfvars\n        - ../../../secrets/prod.tfvars\n        - /etc/terraform/prod.tfvars\n', '.github/spof-review.yml');
    const base = files({ ...stack, 'envs/prod/main.tf': stack['envs/prod/main.tf'].replace('engine', 'identifier = "db"\n  engine') });
    const r = review({ base, head: files(stack), config });
    expect(errors(r.diagnostics)).toEqual([
      { file: '.github/spof-review.yml', line: 7, severity: 'error', message: 'terraform.var_files: "../../../secrets/prod.tfvars" leads outside the repository from envs/prod and is never read; envs/prod is not reviewed with its values' },
      { file: '.github/spof-review.yml', line: 8, severity: 'error', message: 'terraform.var_files: "/etc/terraform/prod.tfvars" leads outside the repository from envs/prod and is never read; envs/prod is not reviewed with its values' },
    ]);
    expect(r.conclusion).not.toBe('success');
  });
});

describe('CloudFormation parameters files the config names outside the repository', () => {
  const template = 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.medium\n      MultiAZ: !Ref MultiAZ\n';

  it('a parameters file outside the repository is an error on the config line that names it', () => {
    const { config } = parseConfig('cloudformation:\n  parameter_files:\n    - stack: stacks/**\n      files:\n        - ../../../secrets/prod.json\n', '.github/spof-review.yml');
    const r = review({ base: files({ 'stacks/db.yaml': template }), head: files({ 'stacks/db.yaml': template.replace('Engine: postgres', 'Engine: mysql') }), config });
    expect(errors(r.diagnostics)).toEqual([
      { file: '.github/spof-review.yml', line: 5, severity: 'error', message: 'cloudformation.parameter_files: "../../../secrets/prod.json" leads outside the repository from stacks/db.yaml and is never read; stacks/db.yaml is not reviewed with its parameters' },
    ]);
    expect(r.conclusion).not.toBe('success');
  });

  it('one inside the repository reads relative to the template and says nothing', () => {
    const { config } = parseConfig('cloudformation:\n  parameter_files:\n    - stack: stacks/**\n      files:\n        - ../params/prod.json\n', '.github/spof-review.yml');
    const inv = scan(files({ 'stacks/db.yaml': template, 'params/prod.json': '[{"ParameterKey": "MultiAZ", "ParameterValue": "false"}]' }), config);
    expect(errors(inv.snapshot.diagnostics)).toEqual([]);
    expect(inv.spofs.map((s) => s.component.id)).toEqual(['Db']);
  });
});

describe('a Kubernetes alias with no anchor before it', () => {
  it('is an error on its line, and the change it hides is not reviewed as a pass', () => {
    const deployment = (replicas: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: example/api:1\n`;
    const r = review({ base: files({ 'k8s/api.yaml': deployment('3') }), head: files({ 'k8s/api.yaml': deployment('*count') }) });
    expect(errors(r.diagnostics)).toEqual([{ file: 'k8s/api.yaml', line: 6, severity: 'error', message: 'alias *count refers to no anchor read before it; what it stands for was not read' }]);
    expect(r.conclusion).not.toBe('success');
  });
});
