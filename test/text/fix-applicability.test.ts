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

  it('does not suggest an argument the pinned provider lacks: the setting under the name it has', async () => {
    const result = await reviewCase('terraform', 'aws-elasticache-fix-needs-newer-provider');
    const [f] = result.findings;
    expect(f!.suggestion).toBeUndefined();
    expect(f!.fix).toMatch(/^set number_cache_clusters = 2 /);
    expect(f!.fix).toContain('num_cache_clusters needs the aws provider 4.0.0 or later, and this stack pins "~> 3.74"');
  });

  it('tells a lone Kafka or ClickHouse in compose what gives redundancy, not to add replicas of one service', async () => {
    const result = await reviewCase('compose', 'kafka-clickhouse-added-no-replica-suggestion');
    expect(result.findings.map((f) => f.rule)).toEqual(['image-kafka', 'image-clickhouse']);
    for (const f of result.findings) {
      expect(f.suggestion).toBeUndefined();
      expect(f.fix).toMatch(/cluster of at least 2 members, each its own service with its own member identity and data volume/);
      expect(f.message).not.toMatch(/stateless/);
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
