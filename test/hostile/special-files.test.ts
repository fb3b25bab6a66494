import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, write } from '../cli/helpers.js';

const DB = 'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = true\n}\n';

describe('special files in the tree', () => {
  it('a FIFO with a configuration name is never opened: an error diagnostic, the rest reviewed, exit 2', () => {
    const dir = tempDir();
    write(dir, { 'main.tf': DB });
    // mkfifo works as root too: the test does not rely on permissions.
    execFileSync('mkfifo', [join(dir, 'pipe.tf')]);
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const inv = JSON.parse(r.stdout);
    expect(inv.diagnostics).toContainEqual({ file: 'pipe.tf', line: 1, severity: 'error', message: 'not reviewed: a FIFO, not a regular file (never opened)' });
    expect(inv.stats.files).toBe(1);
  });
});
