import { describe, expect, it } from 'vitest';
import { UNKNOWN, locals } from './helpers.js';

describe('terraform 0.11 list literals', () => {
  const { local, raw } = locals({
    'main.tf': `
variable "csv" { default = "a,b,c" }
variable "ids" {}
variable "one_id" { type = "string" }
variable "list" { default = ["x", "y"] }
resource "aws_subnet" "az" {
  count = 3
  availability_zone = "\${element(list("us-east-1a", "us-east-1b", "us-east-1c"), count.index)}"
}
locals {
  split_known   = ["\${split(",", var.csv)}"]
  list_var      = ["\${var.list}", "z"]
  unknown_list  = ["\${var.ids}"]
  remote_state  = ["\${data.terraform_remote_state.net.private_subnet_ids}"]
  string_var    = ["\${var.one_id}"]
  resource_id   = ["\${aws_subnet.az.0.id}"]
  joined        = "\${join(",", aws_subnet.az.*.id)}"
  round_trip    = ["\${split(",", local.joined)}"]
  hcl2_nested   = [var.list]
}
`,
  });

  it('splices an interpolated list into the list literal', () => {
    expect(local('split_known')).toEqual(['a', 'b', 'c']);
    expect(local('list_var')).toEqual(['x', 'y', 'z']);
  });

  it('an interpolation of unknown kind makes the whole list unknown (never one element)', () => {
    expect(local('unknown_list')).toBe(UNKNOWN);
    expect(local('remote_state')).toBe(UNKNOWN);
    expect(raw('remote_state').refs).toBeUndefined();
  });

  it('keeps known single values as one element', () => {
    const stringVar = raw('string_var');
    expect(stringVar.t === 'list' && stringVar.items.length).toBe(1);
    const resourceId = raw('resource_id');
    expect(resourceId.t === 'list' && resourceId.items.length).toBe(1);
  });

  it('split() of a join() of resource ids gives the resources back', () => {
    const value = raw('round_trip');
    expect(value.t).toBe('list');
    if (value.t !== 'list') return;
    expect(value.items.map((item) => (item.t === 'unknown' ? item.inst?.id : item.t))).toEqual(['aws_subnet.az[0]', 'aws_subnet.az[1]', 'aws_subnet.az[2]']);
  });

  it('leaves HCL2 lists of lists alone', () => {
    expect(local('hcl2_nested')).toEqual([['x', 'y']]);
  });
});

describe('unknown stays unknown in counts', () => {
  it('arithmetic, conditionals and functions over an unknown variable are unknown', () => {
    const { local } = locals({
      'main.tf': `
variable "enable_clustering" {}
variable "ids" {}
variable "m" { type = "map" }
locals {
  minus       = "\${1 - var.enable_clustering}"
  conditional = "\${var.enable_clustering ? 3 : 1}"
  same_branch = "\${var.enable_clustering ? 1 : 1}"
  lookup      = "\${lookup(var.m, "nodes", 1)}"
  length      = "\${length(split(",", var.ids))}"
  maximum     = "\${max(1, length(var.ids))}"
  coalesced   = "\${coalesce(var.ids, "2")}"
  compared    = "\${var.ids == "" ? 0 : 1}"
}
`,
    });
    for (const name of ['minus', 'conditional', 'lookup', 'length', 'maximum', 'coalesced', 'compared']) expect(local(name), name).toBe(UNKNOWN);
    expect(local('same_branch')).toBe(1);
  });
});
