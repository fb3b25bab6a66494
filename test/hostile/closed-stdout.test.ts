import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT } from '../cli/helpers.js';

describe('stdout closed by the reader (`spof-review scan x | head -c1`)', () => {
  it('exits 2 with one line on stderr, no stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'scan', join(EXAMPLE, 'head'), '--format', 'json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before anything is written: the write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['spof-review: cannot write the output: EPIPE']);
  });
});
