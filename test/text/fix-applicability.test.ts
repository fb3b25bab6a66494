import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { readDirectory } from '../../src/cli/files.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

async function reviewCase(format: string, name: string) {
  const dir = join(FIXTURES, format, name);
  const [base, head] = await Promise.all([readDirectory(join(dir, 'base')), readDirectory(join(dir, 'head'))]);
  return review({ base: base.files, head: head.files });
}

describe('fixes that apply', () => {
  it('a module default shared by several callers is no one-click edit: the fix names the caller', async () => {
    const result = await reviewCase('terraform', 'local-module-shared-by-two-stacks');
    expect(result.findings).toHaveLength(2);
    for (const f of result.findings) {
      expect(f.suggestion).toBeUndefined();
      expect(f.fix).toMatch(/^set multi_az = true in this stack's module\.db block/);
      expect(f.fix).toContain('every caller of the module shares');
    }
  });

  it('names the stack of each finding when one component id is reported in two stacks', async () => {
    const result = await reviewCase('terraform', 'local-module-shared-by-two-stacks');
    expect(result.findings.map((f) => f.title).sort()).toEqual([
      expect.stringMatching(/ in stack stacks\/billing$/),
      expect.stringMatching(/ in stack stacks\/orders$/),
    ]);
  });
});
