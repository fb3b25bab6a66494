import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../src/analysis/spof.js';
import { comp, dep, snap } from './build.js';

const ids = (s: ReturnType<typeof analyzeSnapshot>) => [...s.spofs.values()].map((x) => x.component.id).sort();

describe('SPOF detection', () => {
  it('flags a single-instance database that an entry point reaches, as critical', () => {
    const a = analyzeSnapshot(
      snap(
        [
          comp('db', { role: 'database' }),
          comp('app', { redundancy: { instances: 3 } }),
          comp('lb', { role: 'load-balancer', entryPoint: true, redundancy: { instances: 2 } }),
        ],
        [dep('app', 'db'), dep('lb', 'app')],
      ),
    );
    expect(ids(a)).toEqual(['db']);
    const s = [...a.spofs.values()][0]!;
    expect(s.kinds).toEqual(['instance']);
    expect(s.blastRadius).toEqual({ dependents: ['app', 'lb'], entryPoints: ['lb'] });
    expect(s.severity).toBe('critical');
  });

  it('a failed member of a redundancy group that still serves is not counted (DNS failover pair)', () => {
    const group = { group: 'alternatives:api', k: 1 };
    const records = [
      comp('primary', { role: 'dns', regional: true, entryPoint: true, alternativeOf: group }),
      comp('secondary', { role: 'dns', regional: true, entryPoint: true, alternativeOf: group }),
    ];
    const servers = [comp('vm-a', { redundancy: { zones: { count: 1 } } }), comp('vm-b', { redundancy: { zones: { count: 1 } } })];
    const pair = analyzeSnapshot(snap([...records, ...servers], [dep('primary', 'vm-a'), dep('secondary', 'vm-b')]));
    expect(ids(pair)).toEqual([]);
    // One server behind both records of the name: the group fails with it.
    const shared = analyzeSnapshot(snap([...records, servers[0]!], [dep('primary', 'vm-a'), dep('secondary', 'vm-a')]));
    expect(ids(shared)).toEqual(['vm-a']);
    expect([...shared.spofs.values()][0]!.blastRadius.entryPoints.sort()).toEqual(['primary', 'secondary']);
    // Without its alternative the record is an entry point like any other.
    const lone = analyzeSnapshot(snap([comp('primary', { role: 'dns', regional: true, entryPoint: true }), servers[0]!], [dep('primary', 'vm-a')]));
    expect(ids(lone)).toEqual(['vm-a']);
  });

  it('does not flag a lone compute instance nothing depends on', () => {
    expect(ids(analyzeSnapshot(snap([comp('bastion')], [])))).toEqual([]);
  });

  it('presumes a stateful component matters even without visible dependents', () => {
    const a = analyzeSnapshot(snap([comp('db', { role: 'database' })], []));
    expect([...a.spofs.values()][0]?.severity).toBe('high');
  });

  it('passes failure through connectors but not through passive or regional components', () => {
    const a = analyzeSnapshot(
      snap(
        [
          comp('nat', { role: 'gateway' }),
          comp('rt', { role: 'connector' }),
          comp('subnet', { role: 'connector' }),
          comp('asg', { redundancy: { instances: 3 } }),
          comp('kms', { role: 'passive', redundancy: { instances: 1 } }),
          comp('bucket', { role: 'storage', regional: true }),
        ],
        [dep('rt', 'nat'), dep('subnet', 'rt'), dep('asg', 'subnet'), dep('asg', 'kms'), dep('asg', 'bucket')],
      ),
    );
    expect(ids(a)).toEqual(['nat']);
    expect(a.spofs.get([...a.spofs.keys()][0]!)!.blastRadius.dependents).toEqual(['asg']);
  });

  it('fails a k-of-n group only when fewer than k members survive', () => {
    const components = [
      comp('nat_a', { role: 'gateway' }),
      comp('nat_b', { role: 'gateway' }),
      comp('asg', { redundancy: { instances: 2 } }),
    ];
    const g = { id: 'subnets', k: 1 };
    expect(ids(analyzeSnapshot(snap(components, [dep('asg', 'nat_a', g), dep('asg', 'nat_b', g)])))).toEqual([]);
    const g2 = { id: 'subnets', k: 2 };
    expect(ids(analyzeSnapshot(snap(components, [dep('asg', 'nat_a', g2), dep('asg', 'nat_b', g2)])))).toEqual(['nat_a', 'nat_b']);
  });

  it('sees one NAT gateway in one zone serving three zones as a zonal SPOF, not an instance SPOF', () => {
    const a = analyzeSnapshot(
      snap(
        [
          comp('nat', { role: 'gateway', redundancy: { instances: 1, zonalManaged: true, zones: { count: 1, names: ['a'] } } }),
          comp('rt', { role: 'connector' }),
          comp('asg', { redundancy: { instances: 3, zones: { count: 3, names: ['a', 'b', 'c'] } } }),
        ],
        [dep('rt', 'nat'), dep('asg', 'rt')],
      ),
    );
    const s = [...a.spofs.values()];
    expect(s.map((x) => [x.component.id, x.kinds, x.severity])).toEqual([['nat', ['zonal'], 'medium']]);
  });

  it('treats a two-member quorum as having no fault tolerance and three as tolerant', () => {
    const two = analyzeSnapshot(snap([comp('zk', { role: 'database', redundancy: { instances: 2, quorum: true } })], []));
    expect([...two.spofs.values()].map((s) => [s.kinds, s.severity])).toEqual([[['quorum'], 'high']]);
    const three = analyzeSnapshot(snap([comp('zk', { role: 'database', redundancy: { instances: 3, quorum: true } })], []));
    expect(ids(three)).toEqual([]);
  });

  it('never guesses: unknown instance counts are not SPOFs', () => {
    const a = analyzeSnapshot(snap([comp('db', { role: 'database', redundancy: { instances: null } })], []));
    expect(ids(a)).toEqual([]);
  });

  it('handles dependency cycles without looping', () => {
    const a = analyzeSnapshot(snap([comp('a'), comp('b')], [dep('a', 'b'), dep('b', 'a')]));
    expect(ids(a)).toEqual(['a', 'b']);
  });
});
