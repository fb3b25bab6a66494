import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/analysis/diff.js';
import { ZONES_KEY } from '../../src/catalog/entry.js';
import { nodeKey } from '../../src/analysis/graph.js';
import { analyzeSnapshot } from '../../src/analysis/spof.js';
import type { Snapshot } from '../../src/analysis/api.js';
import type { Component } from '../../src/model/index.js';
import { comp, dep, snap } from './build.js';

function side(s: Snapshot) {
  return { components: new Map(s.components.map((c) => [nodeKey(c), c])), analysis: analyzeSnapshot(s) };
}
const diff = (b: Snapshot, h: Snapshot) => diffSnapshots(side(b), side(h));

const site = (value: unknown, line: number) => ({ attribute: 'multi_az', value, site: { file: 'db.tf', startLine: line, endLine: line } });
const db = (multi: boolean, line = 4) =>
  comp('aws_db_instance.main', {
    role: 'database',
    rule: 'aws-rds-instance',
    redundancy: { instances: multi ? 2 : 1, failover: multi, zones: { count: multi ? 2 : 1 } },
    attributes: { multiAz: site(multi, line) },
  });
const app = comp('aws_ecs_service.api', { redundancy: { instances: 3 } });
const lb = comp('aws_lb.public', { role: 'load-balancer', entryPoint: true, redundancy: { instances: 2 } });
const edges = [dep('aws_ecs_service.api', 'aws_db_instance.main'), dep('aws_lb.public', 'aws_ecs_service.api')];

describe('base/head diff', () => {
  it('reports multi_az true -> false as a critical new SPOF with evidence and blast radius', () => {
    const [f, ...rest] = diff(snap([db(true), app, lb], edges), snap([db(false), app, lb], edges));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'new-spof',
      severity: 'critical',
      rule: 'aws-rds-instance',
      component: { id: 'aws_db_instance.main', stack: '.' },
      evidence: [{ file: 'db.tf', line: 4, attribute: 'multi_az', before: true, after: false }],
      redundancy: { before: { instances: 2, zones: 2 }, after: { instances: 1, zones: 1 } },
      blastRadius: { before: 0, after: 2, dependents: ['aws_ecs_service.api', 'aws_lb.public'], entryPoints: ['aws_lb.public'] },
    });
    expect(f!.message).toMatch(/aws_db_instance\.main.*aws_ecs_service\.api.*fix:/);
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{20}$/);
  });

  it('says what a SPOF was before when it gains a kind (a zonal SPOF that becomes an instance SPOF)', () => {
    const cache = (nodes: number) =>
      comp('azurerm_redis_cache.sessions', { role: 'cache', redundancy: { instances: nodes, failover: nodes > 1, zones: { count: 1 } } });
    const e = [dep('aws_ecs_service.api', 'azurerm_redis_cache.sessions'), dep('aws_lb.public', 'aws_ecs_service.api')];
    const [f, ...rest] = diff(snap([cache(2), app, lb], e), snap([cache(1), app, lb], e));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'new-spof', severity: 'critical' });
    expect(f!.message).toContain('it was already a zonal SPOF and is now also an instance one');
  });

  it('shows resolved zones as evidence only when nothing the component sets changed', () => {
    const zonesAt = (names: string[], line: number) => ({ attribute: 'zones', value: names, site: { file: 'terraform.tfvars', startLine: line, endLine: line } });
    const asg = (zones: string[], min: number) =>
      comp('aws_autoscaling_group.app', {
        rule: 'aws-autoscaling-group',
        redundancy: { instances: min, failover: min > 1, zones: { count: zones.length, names: zones } },
        attributes: {
          minSize: { attribute: 'min_size', value: min, site: { file: 'app.tf', startLine: 3, endLine: 3 } },
          [ZONES_KEY]: zonesAt(zones, 2),
        },
      });
    const e = [dep('aws_lb.public', 'aws_autoscaling_group.app')];
    const [zonal] = diff(snap([asg(['a', 'b'], 2), lb], e), snap([asg(['a'], 2), lb], e));
    expect(zonal!.evidence).toEqual([{ file: 'terraform.tfvars', line: 2, attribute: 'zones', before: ['a', 'b'], after: ['a'] }]);
    const [single] = diff(snap([asg(['a', 'b'], 2), lb], e), snap([asg(['a'], 1), lb], e));
    expect(single!.evidence.map((x) => x.attribute)).toEqual(['min_size']);
  });

  it('reports the reverse change as resolved, and nothing for an unchanged graph', () => {
    const fs = diff(snap([db(false), app, lb], edges), snap([db(true), app, lb], edges));
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([['resolved-spof', 'low']]);
    expect(diff(snap([db(false), app, lb], edges), snap([db(false, 9), app, lb], edges))).toEqual([]);
  });

  it('says why an unchanged component is a SPOF only now: a new dependent, or a lost alternative', () => {
    const vm = comp('aws_instance.gw', { redundancy: { zones: { count: 1 } } });
    const standby = comp('aws_instance.standby', { redundancy: { zones: { count: 1 } } });
    const group = { group: 'alternatives:gw', k: 1 };
    const primary = comp('aws_route53_record.primary', { role: 'dns', regional: true, entryPoint: true, alternativeOf: group });
    const secondary = comp('aws_route53_record.secondary', { role: 'dns', regional: true, entryPoint: true, alternativeOf: group });
    const lost = diff(
      snap([vm, standby, primary, secondary], [dep('aws_route53_record.primary', 'aws_instance.gw'), dep('aws_route53_record.secondary', 'aws_instance.standby')]),
      snap([vm, { ...primary, alternativeOf: undefined }], [dep('aws_route53_record.primary', 'aws_instance.gw')]),
    );
    expect(lost.map((f) => [f.kind, f.component.id])).toEqual([['new-spof', 'aws_instance.gw']]);
    expect(lost[0]!.message).toContain('same redundancy as before, but an alternative that covered for it is gone');
    const needed = diff(snap([vm, lb], []), snap([vm, lb], [{ ...dep('aws_lb.public', 'aws_instance.gw'), location: { file: 'lb.tf', startLine: 7, endLine: 7 } }]));
    expect(needed[0]!.message).toContain('same redundancy as before, but aws_lb.public now depends on it');
    expect(needed[0]!.evidence).toEqual([{ file: 'lb.tf', line: 7, attribute: 'dependency of aws_lb.public', before: null, after: 'aws_instance.gw' }]);
    expect(diff(snap([db(true), app, lb], edges), snap([db(false), app, lb], edges))[0]!.message).toContain('was redundant before');
  });

  it('a new zonal SPOF talks about the zone outage, in its message and its recovery estimate', () => {
    const asg = (zones: string[]) =>
      comp('aws_autoscaling_group.web', { rule: 'aws-autoscaling-group', redundancy: { instances: 2, failover: true, zones: { count: zones.length, names: zones } } });
    const web = [dep('aws_lb.public', 'aws_autoscaling_group.web')];
    const [f] = diff(snap([asg(['eu-west-1a', 'eu-west-1b']), lb], web), snap([asg(['eu-west-1a']), lb], web));
    expect(f).toMatchObject({ kind: 'new-spof', severity: 'medium' });
    expect(f!.message).toMatch(/^If zone eu-west-1a fails \(all instances of aws_autoscaling_group\.web sit in it; was redundant before\), both instances of aws_autoscaling_group\.web go down together and stay down until the zone recovers, taking down entry point aws_lb\.public;/);
    expect(f!.message).not.toContain('only instance');
    expect(f!.recovery!.rto.after).toContain('until the zone recovers for a zone failure');
    expect(f!.recovery!.rto.before).not.toContain('zone');
  });

  it('redundancy reduced into one zone says the zone outage is no longer survived', () => {
    const asg = (zones: number) => comp('aws_autoscaling_group.workers', { rule: 'aws-autoscaling-group', redundancy: { instances: 2, failover: true, zones: { count: zones } } });
    const [f] = diff(snap([asg(2)], []), snap([asg(1)], []));
    expect(f).toMatchObject({ kind: 'redundancy-reduced', severity: 'low' });
    expect(f!.message).toContain('it still survives an instance failure, but not an outage of its zone');
    expect(diff(snap([asg(3)], []), snap([asg(2)], []))[0]!.message).toContain('it still survives one failure, with less headroom');
  });

  it('a lone component whose dependents have an alternative to it is not said to have no dependents', () => {
    const ng = (n: number) => comp('aws_eks_node_group.batch', { rule: 'aws-eks-node-group', redundancy: { instances: n, failover: n > 1, zones: { count: n } } });
    const general = comp('aws_eks_node_group.general', { rule: 'aws-eks-node-group', redundancy: { instances: 3, failover: true, zones: { count: 3 } } });
    const cluster = comp('aws_eks_cluster.main', { regional: true });
    const group = { id: 'aws_eks_cluster.main:targets', k: 1 };
    const needs = [dep('aws_eks_cluster.main', 'aws_eks_node_group.batch', group), dep('aws_eks_cluster.main', 'aws_eks_node_group.general', group)];
    const [f] = diff(snap([ng(2), general, cluster], needs), snap([ng(1), general, cluster], needs));
    expect(f).toMatchObject({ kind: 'redundancy-reduced', severity: 'low' });
    expect(f!.message).toContain('what depends on it has an alternative to it, so a failure stays contained');
    // Alone (its cluster lives elsewhere), a node group still serves the pods scheduled onto it.
    const [alone] = diff(snap([ng(2)], []), snap([ng(1)], []));
    expect(alone).toMatchObject({ kind: 'redundancy-reduced', severity: 'medium' });
    expect(alone!.message).toContain('Nothing in this repository references it, but it serves every pod scheduled onto this node group');
    const asg = (n: number) => comp('aws_autoscaling_group.batch', { rule: 'aws-autoscaling-group', redundancy: { instances: n, failover: n > 1, zones: { count: n } } });
    const [plain] = diff(snap([asg(2)], []), snap([asg(1)], []));
    expect(plain).toMatchObject({ kind: 'redundancy-reduced', severity: 'low' });
    expect(plain!.message).toContain('nothing in this repository depends on it');
  });

  it('a SPOF that is itself an entry point is not listed as taking itself down', () => {
    const nlb = (zones: number) => comp('aws_lb.nlb', { role: 'load-balancer', rule: 'aws-lb', entryPoint: true, redundancy: { instances: zones, zones: { count: zones }, zonalManaged: true } });
    const [f] = diff(snap([nlb(3)], []), snap([nlb(1)], []));
    expect(f!.kind).toBe('new-spof');
    expect(f!.message).toContain('taking down everyone who reaches it directly (it is an entry point)');
    expect(f!.message).not.toContain('entry point aws_lb.nlb');
  });

  it('evidence points at the value\'s origin when that changed, at the attribute when it was added or rewritten', () => {
    const written = { file: 'db.tf', startLine: 4, endLine: 4 };
    const fromVar = (value: boolean, expr = '  multi_az = var.ha') => ({
      attribute: 'multi_az',
      value,
      site: { file: 'variables.tf', startLine: 3, endLine: 3 },
      written,
      writtenText: expr,
    });
    const withAttr = (a: Component['attributes'][string]): Component => ({ ...db(a.value === true), attributes: { multiAz: a } });
    const at = (b: Component['attributes'][string], a: Component['attributes'][string]) => {
      const [f] = diff(snap([withAttr(b), app, lb], edges), snap([withAttr(a), app, lb], edges));
      return `${f!.evidence[0]!.file}:${f!.evidence[0]!.line}`;
    };
    // The variable default changed: the attribute line is the same on both sides.
    expect(at(fromVar(true), fromVar(false))).toBe('variables.tf:3');
    // The attribute now reads another variable (its expression changed), or was added.
    expect(at(fromVar(true, '  multi_az = var.other'), fromVar(false))).toBe('db.tf:4');
    expect(at({ attribute: 'multi_az', value: true, site: written }, fromVar(false))).toBe('db.tf:4');
  });

  it('keeps the fingerprint when the component moves to another line', () => {
    const a = diff(snap([db(true), app, lb], edges), snap([db(false, 4), app, lb], edges))[0]!;
    const b = diff(snap([db(true), app, lb], edges), snap([db(false, 40), app, lb], edges))[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('reports a grown blast radius of an existing SPOF', () => {
    const worker = comp('aws_ecs_service.worker', { redundancy: { instances: 2 } });
    const fs = diff(
      snap([db(false), app, lb, worker], edges),
      snap([db(false), app, lb, worker], [...edges, dep('aws_ecs_service.worker', 'aws_db_instance.main')]),
    );
    expect(fs.map((f) => [f.kind, f.severity, f.blastRadius.before, f.blastRadius.after])).toEqual([['blast-radius-grown', 'medium', 2, 3]]);
  });

  it('shows a grown blast radius with numbers that grow, even when a second way in went away', () => {
    // Before: the database serves api behind two load balancers (3 things fail with it); after: the
    // second load balancer no longer fronts api and a worker needs it (3 again). The growth is the worker.
    const lb2 = comp('aws_lb.second', { role: 'load-balancer', entryPoint: true, redundancy: { instances: 2 } });
    const worker = comp('aws_ecs_service.worker', { redundancy: { instances: 2 } });
    const fs = diff(
      snap([db(false), app, lb, lb2], [...edges, dep('aws_lb.second', 'aws_ecs_service.api')]),
      snap([db(false), app, lb, lb2, worker], [...edges, dep('aws_ecs_service.worker', 'aws_db_instance.main')]),
    );
    expect(fs.map((f) => f.kind)).toEqual(['blast-radius-grown']);
    const { before, after } = fs[0]!.blastRadius;
    expect(after).toBeGreaterThan(before);
  });

  it('counts each thing that fails once in every kind of finding (entry points listed as dependents too)', () => {
    const [f] = diff(snap([db(true), app, lb], edges), snap([db(false), app, lb], edges));
    expect(f!.blastRadius.after).toBe(new Set([...f!.blastRadius.dependents, ...f!.blastRadius.entryPoints]).size);
  });

  it('reports no SPOF for a component switched off (0 instances), and its old SPOF as gone', () => {
    const worker = (n: number) => comp('aws_ecs_service.worker', { redundancy: { instances: n } });
    const e = [dep('aws_lb.public', 'aws_ecs_service.worker')];
    // 2 -> 0: switched off, not a new instance SPOF "with 0 instances".
    expect(diff(snap([worker(2), lb], e), snap([worker(0), lb], e))).toEqual([]);
    // 1 -> 0: the SPOF is gone, and the text does not pretend it was made redundant.
    const [gone, ...rest] = diff(snap([worker(1), lb], e), snap([worker(0), lb], e));
    expect(rest).toEqual([]);
    expect(gone).toMatchObject({ kind: 'resolved-spof' });
    expect(gone!.message).toContain('switched off, not made redundant');
    expect(gone!.message).not.toMatch(/it now has 0 instances/);
    // A component that ran no instance in base and is removed: nothing to say.
    expect(diff(snap([worker(0), lb], e), snap([lb], []))).toEqual([]);
    // 0 -> 1: switched on as a single instance; said as such, not "was redundant before".
    const [on] = diff(snap([worker(0), lb], e), snap([worker(1), lb], e));
    expect(on).toMatchObject({ kind: 'new-spof' });
    expect(on!.message).toContain('switched on by this change');
    expect(on!.message).not.toContain('was redundant before');
  });

  it('names the stack when the same component id has findings in several stacks', () => {
    const inStack = (c: Component, stack: string): Component => ({ ...c, stack });
    const both = (multi: boolean) => [inStack(db(multi), 'envs/prod'), inStack(db(multi), 'envs/staging')];
    const edgesIn = (stack: string) => edges.map((e) => ({ ...e, stack }));
    const withApps = (multi: boolean) => [...both(multi), inStack(app, 'envs/prod'), inStack(lb, 'envs/prod'), inStack(app, 'envs/staging'), inStack(lb, 'envs/staging')];
    const fs = diff(snap(withApps(true), [...edgesIn('envs/prod'), ...edgesIn('envs/staging')]), snap(withApps(false), [...edgesIn('envs/prod'), ...edgesIn('envs/staging')]));
    expect(fs.map((f) => f.title).sort()).toEqual([
      expect.stringMatching(/aws_db_instance\.main.* in stack envs\/prod$/),
      expect.stringMatching(/aws_db_instance\.main.* in stack envs\/staging$/),
    ]);
    expect(fs.every((f) => f.message.startsWith(`In stack ${f.component.stack}: `))).toBe(true);
    // One stack: nothing added.
    const [single] = diff(snap([db(true), app, lb], edges), snap([db(false), app, lb], edges));
    expect(single!.title).not.toContain(' in stack');
  });

  it('points a grown blast radius at the line that adds the dependency', () => {
    const worker = comp('aws_ecs_service.worker', { redundancy: { instances: 2 } });
    const task = comp('aws_ecs_task_definition.worker', { role: 'connector' });
    const written = (from: string, to: string, line: number) => ({
      ...dep(from, to),
      location: { file: 'worker.tf', startLine: line, endLine: line + 3 },
      attribute: `${from}.container_definitions`,
    });
    const [f, ...rest] = diff(
      snap([db(false), app, lb], edges),
      snap([db(false), app, lb, worker, task], [...edges, written('aws_ecs_service.worker', 'aws_ecs_task_definition.worker', 3), written('aws_ecs_task_definition.worker', 'aws_db_instance.main', 12)]),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'blast-radius-grown' });
    // Only the edge that attaches the new dependents to the existing SPOF, not the ones among the new dependents.
    expect(f!.evidence).toEqual([
      { file: 'worker.tf', line: 12, attribute: 'aws_ecs_task_definition.worker.container_definitions', before: null, after: 'aws_db_instance.main' },
    ]);
  });

  it('reports reduced but still tolerant redundancy as low', () => {
    const b = comp('web', { redundancy: { instances: 3 } });
    const h = comp('web', { redundancy: { instances: 2 } });
    const fs = diff(snap([b, lb], [dep('aws_lb.public', 'web')]), snap([h, lb], [dep('aws_lb.public', 'web')]));
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([['redundancy-reduced', 'low']]);
  });

  it('rates a lone component losing redundancy as low, not as a SPOF', () => {
    const fs = diff(snap([comp('bastion', { redundancy: { instances: 2 } })], []), snap([comp('bastion')], []));
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([['redundancy-reduced', 'low']]);
  });

  it('reports a removed SPOF as resolved, located in the base', () => {
    const fs = diff(snap([db(false), app, lb], edges), snap([app, lb], []));
    expect(fs.map((f) => [f.kind, f.location.file])).toEqual([['resolved-spof', 'main.tf']]);
  });

  it('reports a new component that is a SPOF', () => {
    const cache = comp('aws_elasticache_cluster.c', { role: 'cache' });
    const fs = diff(snap([app, lb], []), snap([app, lb, cache], [dep('aws_ecs_service.api', 'aws_elasticache_cluster.c'), dep('aws_lb.public', 'aws_ecs_service.api')]));
    expect(fs.map((f) => [f.kind, f.severity, f.component.id])).toEqual([['new-spof', 'critical', 'aws_elasticache_cluster.c']]);
  });

  it('reports lost disruption protection as medium: PDB deleted, spread weakened, a blocking PDB, pinning', () => {
    const workload = (protection: Partial<NonNullable<Component['redundancy']['protection']>>) =>
      comp('Deployment/shop/api', {
        redundancy: { instances: 3, protection: { budget: 'allows', spread: 'zone', spreadRequired: true, pinned: false, ...protection } },
      });
    const cases: [Partial<NonNullable<Component['redundancy']['protection']>>, RegExp][] = [
      [{ budget: 'none' }, /PodDisruptionBudget removed/],
      [{ budget: 'blocks' }, /blocks every eviction/],
      [{ spread: 'host' }, /across zones -> across nodes only/],
      [{ spreadRequired: false }, /only preferred/],
      [{ pinned: true }, /pinned to a single node/],
    ];
    for (const [after, reason] of cases) {
      const fs = diff(snap([workload({})], []), snap([workload(after)], []));
      expect(fs.map((f) => [f.kind, f.severity])).toEqual([['redundancy-reduced', 'medium']]);
      expect(fs[0]!.message).toMatch(reason);
    }
    expect(diff(snap([workload({ budget: 'none' })], []), snap([workload({ budget: 'allows' })], []))).toEqual([]);
  });

  it('raises a finding that breaks the recovery policy to high and says why', () => {
    const b = comp('web', { rule: 'aws-ec2-instance', redundancy: { instances: 2 } });
    const h = comp('web', { rule: 'aws-ec2-instance', redundancy: { instances: 1 } });
    const sides = [side(snap([b], [])), side(snap([h], []))] as const;
    const plain = diffSnapshots(...sides);
    expect(plain.map((f) => f.severity)).toEqual(['low']);
    const strict = diffSnapshots(side(snap([b], [])), side(snap([h], [])), { rto: { seconds: 900, text: '15m' } });
    expect(strict.map((f) => f.severity)).toEqual(['high']);
    expect(strict[0]!.message).toMatch(/breaks policy\.rto 15m \(estimated RTO: /);
  });

  it('instances confined to one zone break an RTO policy: a zone outage has no bound', () => {
    const asg = (zones: number) => comp('aws_autoscaling_group.web', { rule: 'aws-autoscaling-group', redundancy: { instances: 2, failover: true, zones: { count: zones } } });
    const web = [dep('aws_lb.public', 'aws_autoscaling_group.web')];
    const policy = { rto: { seconds: 900, text: '15m' } };
    const [f] = diffSnapshots(side(snap([asg(2), lb], web)), side(snap([asg(1), lb], web)), policy);
    expect(f).toMatchObject({ kind: 'new-spof', severity: 'high' });
    expect(f!.message).toMatch(/breaks policy\.rto 15m \(estimated RTO: .*until the zone recovers/);
    expect(diffSnapshots(side(snap([asg(3), lb], web)), side(snap([asg(2), lb], web)), policy).map((x) => x.severity)).toEqual(['low']);
  });

  it('says what a lost disruption protection exposes: the entry point in front of the workload', () => {
    const web = (budget: 'allows' | 'none') =>
      comp('Deployment/shop/web', { redundancy: { instances: 3, protection: { budget, spread: 'none', spreadRequired: false, pinned: false } } });
    const ingress = comp('Ingress/shop/web', { role: 'connector', entryPoint: true });
    const edges = [dep('Ingress/shop/web', 'Deployment/shop/web')];
    const [f] = diff(snap([web('allows'), ingress], edges), snap([web('none'), ingress], edges));
    expect(f).toMatchObject({ kind: 'redundancy-reduced', severity: 'medium', blastRadius: { entryPoints: ['Ingress/shop/web'] } });
    expect(f!.message).toMatch(/taking down entry point Ingress\/shop\/web/);
  });
});

describe('fix text of a zonal load balancer', () => {
  it('asks for subnets in another zone, not to "spread it across zones"', () => {
    const nlb = (zones: number) =>
      comp('aws_lb.public', { role: 'load-balancer', entryPoint: true, redundancy: { instances: 2, zones: { count: zones } } });
    const [f] = diff(snap([nlb(2), app], [dep('aws_lb.public', 'aws_ecs_service.api')]), snap([nlb(1), app], [dep('aws_lb.public', 'aws_ecs_service.api')]));
    expect(f).toMatchObject({ kind: 'new-spof' });
    expect(f!.fix).toContain('attach it to subnets in at least two zones');
    expect(f!.fix).not.toContain('spread it across');
  });
});
