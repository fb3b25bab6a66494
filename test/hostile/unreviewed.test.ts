import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { review } from '../../src/analysis/index.js';
import { fileSetFromMap, MAX_FILE_BYTES } from '../../src/model/index.js';
import { EXAMPLE, ROOT, cli, tempDir, write } from '../cli/helpers.js';

const DB = 'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = true\n}\n';
/** A Terraform file just over the cap: comments, so that only its size matters. */
const oversized = (): string => `${'# padding to exceed the size cap\n'.repeat(Math.ceil((MAX_FILE_BYTES + 1024) / 33))}`;

describe('what could not be reviewed never passes as reviewed', () => {
  it('a file over the size cap is an error diagnostic and scan exits 2', () => {
    const dir = tempDir();
    write(dir, { 'main.tf': DB, 'huge.tf': oversized() });
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const inv = JSON.parse(r.stdout);
    expect(inv.diagnostics).toContainEqual(expect.objectContaining({ file: 'huge.tf', line: 1, severity: 'error', message: expect.stringMatching(/^not reviewed: .* over the 5 MB limit/) }));
  });

  it('a diff with an unreviewed head file is neutral, not success, and exits 2', () => {
    const base = tempDir();
    const head = tempDir();
    write(base, { 'main.tf': DB });
    write(head, { 'main.tf': DB, 'huge.tf': oversized() });
    const r = cli(['diff', base, head, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).conclusion).toBe('neutral');
  });

  it('a failing finding still exits 1 when something else was not reviewed', () => {
    const head = tempDir();
    cpSync(join(EXAMPLE, 'head'), head, { recursive: true });
    write(head, { 'huge.tf': oversized() });
    const r = cli(['diff', join(EXAMPLE, 'base'), head, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ conclusion: 'failure', diagnostics: expect.arrayContaining([expect.objectContaining({ file: 'huge.tf', severity: 'error' })]) });
  });

  it('on_error decides the conclusion of a review with an error and no failing finding', () => {
    const files = fileSetFromMap(new Map([['main.tf', DB], ['broken.tf', 'resource "aws_instance" "x" {\n']]));
    const base = fileSetFromMap(new Map([['main.tf', DB]]));
    const neutral = review({ base, head: files });
    expect(neutral.diagnostics.some((d) => d.severity === 'error' && d.file === 'broken.tf')).toBe(true);
    expect(neutral.conclusion).toBe('neutral');
    expect(review({ base, head: files, config: { on_error: 'failure' } }).conclusion).toBe('failure');
    expect(review({ base, head: base }).conclusion).toBe('success');
  });

  it('a NUL byte in a file named as infrastructure is an error (the change it holds is not reviewed); in a generic .yaml a warning', () => {
    const base = tempDir();
    const head = tempDir();
    write(base, { 'main.tf': DB, 'values.yaml': 'a: 1\n' });
    // The head hides a single database behind a NUL byte in a comment: Terraform would apply it.
    write(head, { 'main.tf': Buffer.concat([Buffer.from('# \u0000\n'), Buffer.from(DB.replace('true', 'false'))]), 'values.yaml': Buffer.from([0x61, 0x00, 0x01]) });
    const r = cli(['diff', base, head, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.conclusion).toBe('neutral');
    expect(out.diagnostics).toEqual([
      { file: 'main.tf', line: 1, severity: 'error', message: 'not reviewed: binary content (a NUL byte in its first 8 KB) in a file named as infrastructure' },
      { file: 'values.yaml', line: 1, severity: 'warning', message: 'skipped: binary content (a NUL byte in its first 8 KB), not read as configuration' },
    ]);
  });

  it('output that cannot be written exits 2 with one line, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'scan', join(EXAMPLE, 'head')], {
        cwd: ROOT,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['spof-review: cannot write the output: ENOSPC']);
    } finally {
      closeSync(full);
    }
  });
});
