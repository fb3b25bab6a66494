import type { Snapshot, StackDependency } from '../../src/analysis/api.js';
import type { Component, Redundancy, Role } from '../../src/model/index.js';

/** Hand-built components for analysis tests: the analysis must not depend on any format. */
export function comp(
  id: string,
  opts: Partial<Omit<Component, 'redundancy'>> & { role?: Role; redundancy?: Partial<Redundancy> } = {},
): Component {
  const { redundancy, ...rest } = opts;
  return {
    id,
    type: rest.type ?? 'test_thing',
    format: 'terraform',
    stack: '.',
    role: rest.role ?? 'compute',
    rule: rest.rule ?? 'test-rule',
    location: rest.location ?? { file: 'main.tf', startLine: 1, endLine: 3 },
    attributes: rest.attributes ?? {},
    entryPoint: rest.entryPoint ?? false,
    regional: rest.regional ?? false,
    ...rest,
    redundancy: { instances: 1, zones: null, failover: null, quorum: false, ...redundancy },
  };
}

export function dep(from: string, to: string, group?: { id: string; k: number }): StackDependency {
  return { from, to, kind: 'reference', format: 'terraform', stack: '.', ...(group ? { group } : {}) };
}

export function snap(components: Component[], dependencies: StackDependency[]): Snapshot {
  return { components, dependencies, diagnostics: [], files: 1 };
}
