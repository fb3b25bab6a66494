import { describe, expect, it } from 'vitest';
import type { FormatOptions } from '../../../src/formats/format.js';
import { Ctx } from '../../../src/formats/terraform/context.js';
import { terraform } from '../../../src/formats/terraform/index.js';
import { evaluateUnit } from '../../../src/formats/terraform/terragrunt/unit.js';
import { toJs } from '../../../src/formats/terraform/view.js';
import { fileSetFromRecord, type FileSet } from '../../../src/model/index.js';

const ESTATE: Record<string, string> = {
  'root.hcl': 'locals {\n  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\ninputs = {\n  environment = local.env.locals.environment\n  key = path_relative_to_include()\n}\n',
  'modules/db/main.tf': 'variable "multi_az" {}\nresource "aws_db_instance" "this" {\n  multi_az = var.multi_az\n}\n',
  'modules/db/README.md': '',
  'live/prod/env.hcl': 'locals {\n  environment = "prod"\n}\n',
  'live/prod/common.tfvars': 'multi_az = true\n',
  'live/prod/db/terragrunt.hcl':
    'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../../modules//db"\n}\ninputs = merge(jsondecode(read_tfvars_file(find_in_parent_folders("common.tfvars"))), {\n  name = "db"\n})\n',
  'live/prod/packer/image.pkr.hcl': 'source "amazon-ebs" "x" {}\n',
  'live/prod/.terraform.lock.hcl': '',
};

function plan(files: Record<string, string>, options: FormatOptions = {}) {
  const fs = fileSetFromRecord(files);
  return terraform.stacks(fs.paths().filter((p) => terraform.claims(p)), fs, options);
}

function unitOf(fs: FileSet, file: string, env: Record<string, string> = {}) {
  return evaluateUnit(new Ctx(fs, file, []), file, new Map(Object.entries(env)));
}

describe('terragrunt units', () => {
  it('claims Terragrunt configurations, not lock files, Packer templates or Terragrunt caches', () => {
    expect(terraform.claims('live/prod/db/terragrunt.hcl')).toBe(true);
    expect(terraform.claims('root.hcl')).toBe(true);
    expect(terraform.claims('live/prod/db/terragrunt.hcl.json')).toBe(true);
    expect(terraform.claims('.terraform.lock.hcl')).toBe(false);
    expect(terraform.claims('images/base.pkr.hcl')).toBe(false);
    expect(terraform.claims('live/db/.terragrunt-cache/x/y/terragrunt.hcl')).toBe(false);
  });

  it('plans a unit as a stack reading its includes, read configs, var files and module; the module is not a stack of its own', () => {
    expect(plan(ESTATE)).toEqual([
      {
        format: 'terraform',
        id: 'live/prod/db',
        files: ['live/prod/common.tfvars', 'live/prod/db/terragrunt.hcl', 'live/prod/env.hcl', 'modules/db/main.tf', 'root.hcl'],
      },
    ]);
  });

  it('merges included inputs under the unit\'s own and keeps the line of each value', () => {
    const unit = unitOf(fileSetFromRecord(ESTATE), 'live/prod/db/terragrunt.hcl');
    expect(unit.source).toMatchObject({ kind: 'local', dir: 'modules/db' });
    const inputs = Object.fromEntries([...unit.inputs!].map(([k, v]) => [k, toJs(v)]));
    expect(inputs).toEqual({ environment: 'prod', key: 'live/prod/db', multi_az: true, name: 'db' });
    expect(unit.inputs!.get('multi_az')!.site).toMatchObject({ file: 'live/prod/common.tfvars', start: 1 });
    expect(unit.inputs!.get('environment')!.site).toMatchObject({ file: 'live/prod/env.hcl', start: 2 });
  });

  it('deep-merges with merge_strategy = "deep" and leaves a no_merge include out', () => {
    const files = {
      'root.hcl': 'inputs = {\n  tags = { team = "a", env = "x" }\n  only_root = 1\n}\n',
      'other.hcl': 'inputs = { from_other = true }\n',
      'u/terragrunt.hcl':
        'include "root" {\n  path = "../root.hcl"\n  merge_strategy = "deep"\n}\ninclude "other" {\n  path = find_in_parent_folders("other.hcl")\n  merge_strategy = "no_merge"\n}\ninputs = {\n  tags = { env = "prod" }\n}\n',
    };
    const unit = unitOf(fileSetFromRecord(files), 'u/terragrunt.hcl');
    expect(Object.fromEntries([...unit.inputs!].map(([k, v]) => [k, toJs(v)]))).toEqual({ tags: { team: 'a', env: 'prod' }, only_root: 1 });
    expect(unit.source).toEqual({ kind: 'own' });
  });

  it('answers get_env() from the given values only, and path functions with repository paths', () => {
    const files = {
      'infra/root.hcl': 'inputs = { parent = get_parent_terragrunt_dir() }\n',
      'infra/live/a/terragrunt.hcl':
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "${get_repo_root()}/modules/x?ref=1"\n}\ninputs = {\n  env = get_env("ENVIRONMENT")\n  defaulted = get_env("REGION", "eu-west-1")\n  dir = get_terragrunt_dir()\n  to_root = get_path_to_repo_root()\n  from_include = path_relative_from_include()\n}\n',
    };
    const fs = fileSetFromRecord(files);
    const known = unitOf(fs, 'infra/live/a/terragrunt.hcl', { ENVIRONMENT: 'prod' });
    const values = Object.fromEntries([...known.inputs!].map(([k, v]) => [k, toJs(v)]));
    expect(values).toMatchObject({ env: 'prod', dir: '/infra/live/a', to_root: '../../..', from_include: '../..', parent: '/infra' });
    expect(known.inputs!.get('defaulted')!.t).toBe('unknown');
    expect(known.source).toMatchObject({ kind: 'local', dir: 'modules/x' });
    expect(unitOf(fs, 'infra/live/a/terragrunt.hcl').inputs!.get('env')!.t).toBe('unknown');
  });

  it('reports a missing include, read config or var file as an error at its line', () => {
    const fs = fileSetFromRecord({
      'u/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nlocals {\n  x = read_terragrunt_config("../env.hcl")\n}\ninputs = { a = local.x.locals.a }\n',
    });
    const ctx = new Ctx(fs, 'u/terragrunt.hcl', []);
    const unit = evaluateUnit(ctx, 'u/terragrunt.hcl', new Map());
    expect(ctx.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}`)).toEqual(['u/terragrunt.hcl:2', 'u/terragrunt.hcl:5']);
    expect(unit.wanted).toEqual(['env.hcl']);
  });

  it('in a repository with units, plans a Terraform directory no unit runs only when it is evidently a root module', () => {
    const s = plan({
      ...ESTATE,
      'modules/unused/main.tf': 'variable "tier" {\n  default = "ZONAL"\n}\n',
      'bootstrap/main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'legacy/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'legacy/.terraform.lock.hcl': '',
    });
    expect(s.map((x) => x.id)).toEqual(['bootstrap', 'legacy', 'live/prod/db']);
  });

  it('reads terragrunt.hcl.json with Terragrunt\'s blocks (labelled includes, inputs as an attribute)', () => {
    const fs = fileSetFromRecord({
      'root.hcl': 'inputs = { env = "prod" }\n',
      'm/main.tf': 'variable "multi_az" {}\n',
      'u/terragrunt.hcl.json': JSON.stringify({
        include: { root: { path: '${find_in_parent_folders("root.hcl")}' } },
        terraform: { source: '../m' },
        inputs: { multi_az: false },
      }),
    });
    const unit = unitOf(fs, 'u/terragrunt.hcl.json');
    expect(unit.source).toMatchObject({ kind: 'local', dir: 'm' });
    expect(Object.fromEntries([...unit.inputs!].map(([k, v]) => [k, toJs(v)]))).toEqual({ env: 'prod', multi_az: false });
  });

  it('lets the var files Terraform reads where Terragrunt runs it override the unit\'s inputs', () => {
    const files = {
      'modules/db/main.tf': 'variable "multi_az" {}\nresource "aws_db_instance" "this" {\n  multi_az = var.multi_az\n}\n',
      'live/db/terragrunt.hcl': 'terraform {\n  source = "../../modules/db"\n}\ninputs = {\n  multi_az = true\n}\n',
      'live/db/terraform.tfvars.json': '{ "multi_az": false }\n',
    };
    const [stack] = plan(files);
    expect(stack!.files).toContain('live/db/terraform.tfvars.json');
    const extraction = terraform.extract(stack!, fileSetFromRecord(files), {});
    const db = extraction.components.find((c) => c.id === 'aws_db_instance.this')!;
    expect(db.redundancy.instances).toBe(1);
  });

  it('does not make an included terragrunt.hcl (the older root convention) a unit', () => {
    const s = plan({
      'terragrunt.hcl': 'inputs = { a = 1 }\n',
      'app/terragrunt.hcl': 'include {\n  path = find_in_parent_folders()\n}\n',
      'app/main.tf': 'variable "a" {}\n',
    });
    expect(s.map((x) => x.id)).toEqual(['app']);
    expect(s[0]!.files).toEqual(['app/main.tf', 'app/terragrunt.hcl', 'terragrunt.hcl']);
  });

  it('names every Terragrunt configuration as related in a repository with units, and the directories units point at', () => {
    const fs = fileSetFromRecord(ESTATE);
    const snapshot = { files: fs, stacks: [] };
    expect(terraform.relatedFiles!(['live/prod/common.tfvars'], [snapshot]).filter((p) => p.endsWith('.hcl')).sort()).toEqual([
      'live/prod/db/terragrunt.hcl',
      'live/prod/env.hcl',
      'root.hcl',
    ]);
    expect(terraform.relatedFiles!(['README.md'], [snapshot])).toEqual([]);
    const partial = fileSetFromRecord({ 'live/prod/db/terragrunt.hcl': ESTATE['live/prod/db/terragrunt.hcl']! });
    expect(terraform.referencedDirs!(partial).sort()).toEqual(['.', 'live', 'live/prod', 'live/prod/db', 'modules/db']);
  });
});
