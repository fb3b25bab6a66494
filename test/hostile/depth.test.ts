import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { append, fileSetFromMap, maxOf, unionAll } from '../../src/model/index.js';
import { cli, tempDir, write } from '../cli/helpers.js';

const rds = (multiAz: boolean, extra: Record<string, unknown>) =>
  JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { A: { Type: 'String', Default: 'a' } },
    Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MultiAZ: multiAz, ...extra } } },
  });

/** A template whose MultiAZ is decided at the end of a chain of `n` conditions (or parameters). */
function chained(multiAz: boolean, n: number, link: (i: number) => string): string {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:', '  Multi:', '    Type: String', `    Default: '${multiAz}'`, 'Conditions:'];
  for (let i = 0; i < n; i++) lines.push(`  C${i}: ${i < n - 1 ? link(i) : "!Equals [!Ref Multi, 'true']"}`);
  lines.push('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      DBInstanceClass: db.t3.micro', '      MultiAZ: !If [C0, true, false]');
  return `${lines.join('\n')}\n`;
}

function diffOf(base: Record<string, string>, head: Record<string, string>) {
  return review({ base: fileSetFromMap(new Map(Object.entries(base))), head: fileSetFromMap(new Map(Object.entries(head))) });
}

describe('no recursion or spread whose depth or width the input controls', () => {
  it('a 250,000-item list and an Fn::Sub of 120,000 references: MultiAZ true -> false is found, exit 1', () => {
    const extra = { Tags: new Array(250_000).fill(0), DBName: { 'Fn::Sub': '${A}'.repeat(120_000) } };
    const base = tempDir();
    const head = tempDir();
    write(base, { 'stack.json': rds(true, extra) });
    write(head, { 'stack.json': rds(false, extra) });
    const r = cli(['diff', base, head, '--format', 'json']);
    expect(r.stderr).not.toMatch(/call stack/);
    expect(r.code, r.stdout.slice(0, 2000)).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.diagnostics).toEqual([]);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'new-spof', component: expect.objectContaining({ id: 'Db' }), evidence: [expect.objectContaining({ attribute: 'MultiAZ', before: true, after: false })] }));
  });

  it('chains of 5,000 conditions (Condition, Fn::If) are evaluated to the end: the change is found', () => {
    for (const link of [(i: number) => `!Condition C${i + 1}`, (i: number) => `!Equals [!If [C${i + 1}, 'true', 'false'], 'true']`]) {
      const r = diffOf({ 't.yaml': chained(true, 5000, link) }, { 't.yaml': chained(false, 5000, link) });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.findings.map((f) => [f.kind, f.component.id])).toContainEqual(['new-spof', 'Db']);
    }
  });

  it('a cycle of 5,000 conditions is cut with an error diagnostic on a condition line: never success', () => {
    const cycle = (multi: boolean) => chained(multi, 5000, (i) => `!Condition C${i + 1}`).replace("C4999: !Equals [!Ref Multi, 'true']", 'C4999: !Condition C0');
    const r = diffOf({ 't.yaml': cycle(true) }, { 't.yaml': cycle(false) });
    const error = r.diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ file: 't.yaml', message: expect.stringMatching(/chain of conditions or parameters longer than 256/) });
    expect(error!.line).toBeGreaterThan(6);
    expect(r.conclusion).not.toBe('success');
  });

  it('a parameter whose default refers to the next, 5,000 long, and one that refers to itself', () => {
    const params = (multi: boolean, selfRef: boolean) => {
      const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:'];
      for (let i = 0; i < 5000; i++) lines.push(`  P${i}:`, '    Type: String', `    Default: ${i < 4999 ? `!Ref P${i + 1}` : `'${multi}'`}`);
      if (selfRef) lines.push('  Self:', '    Type: String', '    Default: !Ref Self');
      lines.push('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      DBInstanceClass: db.t3.micro', `      MultiAZ: !Ref P0`);
      if (selfRef) lines.push('      DBName: !Ref Self');
      return `${lines.join('\n')}\n`;
    };
    const r = diffOf({ 't.yaml': params(true, true) }, { 't.yaml': params(false, true) });
    expect(r.findings.map((f) => [f.kind, f.component.id])).toContainEqual(['new-spof', 'Db']);
  });

  it('YAML nested deeper than the screen allows is an error with its line in every format, never a caught stack overflow', () => {
    const cases: Record<string, string> = {
      'cfn/t.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Tags: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      'compose/compose.yaml': `services:\n  db:\n    image: postgres\n    command:\n      ${'- '.repeat(1500)}x\n`,
      'k8s/deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  replicas: 1\n  x:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(4 + i)}k${i}:`).join('\n')} v\n`,
    };
    const dir = tempDir();
    write(dir, cases);
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const diagnostics = JSON.parse(r.stdout).diagnostics as { file: string; line: number; severity: string; message: string }[];
    expect(JSON.stringify(diagnostics)).not.toMatch(/call stack/);
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'cfn/t.yaml', line: 6, severity: 'error', message: expect.stringContaining('nesting deeper than 256 levels') }),
        expect.objectContaining({ file: 'compose/compose.yaml', line: 5, severity: 'error', message: expect.stringContaining('nesting deeper than 256 levels') }),
        expect.objectContaining({ file: 'k8s/deploy.yaml', line: 262, severity: 'error', message: expect.stringContaining('nesting deeper than 256 levels') }),
      ]),
    );
  });

  it('the shared helpers take arrays far past the argument limit', () => {
    const big = new Array<number>(500_000).fill(1);
    expect(append([0], big)).toHaveLength(500_001);
    expect(maxOf(big.map((_, i) => i))).toBe(499_999);
    const sets = big.map((_, i) => new Set([`r${i % 1000}`]));
    expect(unionAll(sets)?.size).toBe(1000);
  });
});
