import { describe, expect, it } from 'vitest';
import { review, scan } from '../../src/analysis/index.js';
import { fileSetFromMap } from '../../src/model/index.js';

const db = (multiAz: boolean): string =>
  `resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = ${multiAz}\n}\n`;

const files = (multiAz: boolean) =>
  fileSetFromMap(new Map([
    ['envs/prod/main.tf', db(multiAz)],
    ['envs/other/main.tf', db(multiAz)],
  ]));

describe('within: the stacks of one directory of a repository', () => {
  it('scan reports only the stacks with a file under the directory', () => {
    expect(scan(files(false)).spofs.map((s) => s.component.stack).sort()).toEqual(['envs/other', 'envs/prod']);
    expect(scan(files(false), undefined, undefined, 'envs/prod').spofs.map((s) => s.component.stack)).toEqual(['envs/prod']);
  });

  it('review reports only the stacks with a file under the directory', () => {
    const all = review({ base: files(true), head: files(false) });
    expect(all.findings.map((f) => f.component.stack).sort()).toEqual(['envs/other', 'envs/prod']);
    const within = review({ base: files(true), head: files(false), within: 'envs/prod' });
    expect(within.findings.map((f) => f.component.stack)).toEqual(['envs/prod']);
  });
});
