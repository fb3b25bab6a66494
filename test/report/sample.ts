import type { Inventory, Spof, StackDependency } from '../../src/analysis/api.js';
import type { Component, Finding, Review } from '../../src/model/index.js';
import { FINDING_KINDS } from '../../src/model/index.js';

/** A finding with every field set; override what the test is about. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: 'fp-db-main',
    kind: 'new-spof',
    severity: 'critical',
    rule: 'aws-rds-instance',
    title: 'New single point of failure: aws_db_instance.main',
    message: 'aws_db_instance.main no longer has a standby: if its instance fails, writes fail until a snapshot is restored.',
    component: { id: 'aws_db_instance.main', type: 'aws_db_instance', format: 'terraform', stack: 'infra' },
    location: { file: 'infra/database.tf', startLine: 12, endLine: 30 },
    evidence: [{ file: 'infra/database.tf', line: 18, attribute: 'multi_az', before: true, after: false }],
    redundancy: { before: { instances: 2, zones: 2 }, after: { instances: 1, zones: 1 } },
    blastRadius: { before: 0, after: 3, dependents: ['aws_ecs_service.api', 'aws_lb_target_group.api'], entryPoints: ['aws_lb.public'] },
    recovery: { rto: { before: '1-2 min', after: 'hours' }, rpo: { before: '0', after: 'up to 24h' } },
    suggestion: { file: 'infra/database.tf', startLine: 18, endLine: 18, replacement: '  multi_az = true\n' },
    ...over,
  };
}

export function review(findings: Finding[], over: Partial<Review> = {}): Review {
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Review['counts'];
  return {
    schemaVersion: 1,
    conclusion: findings.some((f) => f.kind !== 'resolved-spof' && (f.severity === 'critical' || f.severity === 'high')) ? 'failure' : findings.length > 0 ? 'neutral' : 'success',
    counts,
    findings,
    diagnostics: [{ file: 'infra/broken.tf', line: 3, severity: 'error', message: 'Invalid block definition' }],
    stats: { files: 7, components: { base: 10, head: 11 }, durationMs: 42, suppressed: 0, stacks: { reviewed: 1, unchanged: 0 } },
    ...over,
  };
}

/** The usual mix: a critical new SPOF, a medium reduction without suggestion, a resolved SPOF. */
export function sampleReview(): Review {
  return review([
    finding(),
    finding({
      fingerprint: 'fp-nat',
      kind: 'redundancy-reduced',
      severity: 'medium',
      rule: 'aws-nat-gateway',
      title: 'Redundancy reduced: aws_nat_gateway.this',
      message: 'aws_nat_gateway.this now serves three zones from one: if us-east-1a fails, private subnets in the other zones lose egress.',
      component: { id: 'aws_nat_gateway.this', type: 'aws_nat_gateway', format: 'terraform', stack: 'infra' },
      location: { file: 'infra/network.tf', startLine: 40, endLine: 44 },
      evidence: [{ file: 'infra/network.tf', line: 41, attribute: 'count', before: 3, after: 1 }],
      redundancy: { before: { instances: 3, zones: 3 }, after: { instances: 1, zones: 1 } },
      blastRadius: { before: 0, after: 2, dependents: ['aws_route_table.private[1]', 'aws_route_table.private[2]'], entryPoints: [] },
      recovery: undefined,
      suggestion: undefined,
    }),
    finding({
      fingerprint: 'fp-cache',
      kind: 'resolved-spof',
      severity: 'high',
      rule: 'aws-elasticache',
      title: 'Resolved: aws_elasticache_replication_group.cache',
      message: 'aws_elasticache_replication_group.cache now has automatic failover.',
      component: { id: 'aws_elasticache_replication_group.cache', type: 'aws_elasticache_replication_group', format: 'terraform', stack: 'infra' },
      location: { file: 'infra/cache.tf', startLine: 1, endLine: 9 },
      evidence: [{ file: 'infra/cache.tf', line: 4, attribute: 'automatic_failover_enabled', before: false, after: true }],
      redundancy: { before: { instances: 1, zones: 1 }, after: { instances: 2, zones: 2 } },
      blastRadius: { before: 2, after: 0, dependents: [], entryPoints: [] },
      recovery: undefined,
      suggestion: undefined,
    }),
  ]);
}

export function component(id: string, over: Partial<Component> = {}): Component {
  return {
    id,
    type: id.split('.')[0] ?? id,
    format: 'terraform',
    stack: '.',
    role: 'compute',
    rule: 'test-rule',
    location: { file: 'main.tf', startLine: 1, endLine: 5 },
    redundancy: { instances: 1, zones: null, failover: null, quorum: false },
    attributes: {},
    entryPoint: false,
    regional: false,
    ...over,
  };
}

export function dep(from: string, to: string, over: Partial<StackDependency> = {}): StackDependency {
  return { from, to, kind: 'reference', format: 'terraform', stack: '.', ...over };
}

export function spof(c: Component, over: Partial<Spof> = {}): Spof {
  return { component: c, kinds: ['instance'], blastRadius: { dependents: [], entryPoints: [] }, severity: 'high', ...over };
}

/** lb -> api -> db, api -> role (passive); db is a SPOF; lb is an entry point. */
export function sampleInventory(): Inventory {
  const lb = component('aws_lb.public', { role: 'load-balancer', entryPoint: true, location: { file: 'lb.tf', startLine: 1, endLine: 9 } });
  const api = component('aws_ecs_service.api', { redundancy: { instances: 3, zones: { count: 3 }, failover: null, quorum: false } });
  const db = component('aws_db_instance.main', { role: 'database', location: { file: 'db.tf', startLine: 3, endLine: 20 } });
  const role = component('aws_iam_role.task', { role: 'passive' });
  return {
    spofs: [spof(db, { severity: 'critical', blastRadius: { dependents: ['aws_ecs_service.api'], entryPoints: ['aws_lb.public'] } })],
    snapshot: {
      components: [lb, api, db, role],
      dependencies: [dep('aws_lb.public', 'aws_ecs_service.api'), dep('aws_ecs_service.api', 'aws_db_instance.main'), dep('aws_ecs_service.api', 'aws_iam_role.task')],
      diagnostics: [{ file: 'bad.tf', line: 2, severity: 'error', message: 'Unclosed brace' }],
      files: 4,
    },
  };
}
