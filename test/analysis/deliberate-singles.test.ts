import { describe, expect, it } from 'vitest';
import { declaredSingle } from '../../src/analysis/deliberate-singles.js';

describe('a stack single on purpose', () => {
  it('is declared by a path word: single, standalone, single-node, all-in-one', () => {
    expect(declaredSingle('zk-multiple-kafka-single.yml')).toBe('zk-multiple-kafka-single.yml');
    expect(declaredSingle('deploy/standalone')).toBe('standalone');
    expect(declaredSingle('elasticsearch/single-node/compose.yaml')).toBe('single-node');
    expect(declaredSingle('k8s/all-in-one')).toBe('all-in-one');
  });

  it('is not declared by a scope (single-region, single-account) nor by words that only contain "single"', () => {
    expect(declaredSingle('terraform/single-region/prod')).toBeUndefined();
    expect(declaredSingle('accounts/single_account')).toBeUndefined();
    expect(declaredSingle('singleton-service')).toBeUndefined();
    expect(declaredSingle('prod/compose.yaml')).toBeUndefined();
  });
});
