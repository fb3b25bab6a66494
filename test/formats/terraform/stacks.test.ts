import { describe, expect, it } from 'vitest';
import { terraform } from '../../../src/formats/terraform/index.js';
import { fileSetFromRecord } from '../../../src/model/index.js';
import type { FormatOptions } from '../../../src/formats/format.js';

function stacks(files: Record<string, string>, options: FormatOptions = {}) {
  const fs = fileSetFromRecord(files);
  return terraform.stacks(fs.paths().filter((p) => terraform.claims(p)), fs, options);
}

describe('terraform stacks', () => {
  it('claims .tf, .tf.json, .tfvars, .tfvars.json only, never under .terraform/', () => {
    expect(terraform.claims('main.tf')).toBe(true);
    expect(terraform.claims('a/b/main.tf.json')).toBe(true);
    expect(terraform.claims('prod.tfvars')).toBe(true);
    expect(terraform.claims('prod.tfvars.json')).toBe(true);
    expect(terraform.claims('x.json')).toBe(false);
    expect(terraform.claims('main.tf.bak')).toBe(false);
    expect(terraform.claims('.terraform/modules/vpc/main.tf')).toBe(false);
    expect(terraform.claims('envs/prod/.terraform/modules/x/main.tf')).toBe(false);
  });

  it('root modules are directories not called as a local module; modules are part of their callers', () => {
    const s = stacks({
      'main.tf': 'module "net" { source = "./modules/net" }\n',
      'terraform.tfvars': 'a = 1\n',
      'extra.auto.tfvars': 'b = 1\n',
      'other.tfvars': 'c = 1\n',
      'modules/net/main.tf': 'module "sub" { source = "../sub" }\n',
      'modules/sub/main.tf': 'resource "aws_vpc" "v" {}\n',
      'modules/unused/main.tf': 'resource "aws_vpc" "v" {}\n',
      'envs/prod/main.tf.json': '{"module": {"app": {"source": "../../modules/app"}}}',
      'modules/app/main.tf': 'resource "aws_instance" "a" {}\n',
      '.terraform/modules/x/main.tf': 'resource "aws_instance" "a" {}\n',
      'envs/prod/.terraform/modules/y/main.tf': 'resource "aws_instance" "a" {}\n',
    });
    expect(s.map((x) => x.id)).toEqual(['.', 'envs/prod', 'modules/unused']);
    const root = s.find((x) => x.id === '.')!;
    expect(root.files).toEqual([
      'extra.auto.tfvars',
      'main.tf',
      'modules/net/main.tf',
      'modules/sub/main.tf',
      'terraform.tfvars',
    ]);
    expect(s.find((x) => x.id === 'envs/prod')!.files).toEqual(['envs/prod/main.tf.json', 'modules/app/main.tf']);
    expect(s.every((x) => x.format === 'terraform')).toBe(true);
  });

  it('guards module cycles', () => {
    const s = stacks({
      'main.tf': 'module "a" { source = "./a" }\n',
      'a/main.tf': 'module "b" { source = "../b" }\n',
      'b/main.tf': 'module "a" { source = "../a" }\n',
    });
    expect(s.map((x) => x.id)).toEqual(['.']);
    expect(s[0]!.files).toEqual(['a/main.tf', 'b/main.tf', 'main.tf']);
  });

  it('adds the var files the config names for a stack (globs, repo- or stack-relative)', () => {
    const s = stacks(
      {
        'envs/prod/main.tf': 'variable "x" {}\n',
        'envs/prod/prod.tfvars': 'x = 1\n',
        'envs/dev/main.tf': 'variable "x" {}\n',
        'vars/common.tfvars': 'x = 2\n',
      },
      { terraformVarFiles: [{ stack: 'envs/prod', files: ['vars/common.tfvars', '*.tfvars'] }] },
    );
    expect(s.find((x) => x.id === 'envs/prod')!.files).toEqual(['envs/prod/main.tf', 'envs/prod/prod.tfvars', 'vars/common.tfvars']);
    expect(s.find((x) => x.id === 'envs/dev')!.files).toEqual(['envs/dev/main.tf']);
  });
});
