import type { Finding, Review } from '../../src/model/index.js';
import type { RepoRef, ReviewJobInput } from '../../src/store/types.js';

/** A clock the tests move by hand: leases expire when the test says so, never by waiting. */
export function fakeClock(start = '2025-03-01T12:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) { t += ms; },
  };
}

/** Repository ids above 2^32, as GitHub's grow: they must survive PostgreSQL's bigint. */
export const REPO: RepoRef = { installationId: 41_000_000_001, repoId: 5_000_000_007, owner: 'acme', repo: 'infra' };
export const OTHER_REPO: RepoRef = { installationId: 41_000_000_001, repoId: 5_000_000_008, owner: 'acme', repo: 'apps' };

export function prJob(overrides: Partial<ReviewJobInput> = {}): ReviewJobInput {
  return { ...REPO, prNumber: 7, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), trigger: 'pull_request', deliveryId: 'delivery-1', ...overrides };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    fingerprint: '0123456789abcdef0123',
    kind: 'new-spof',
    severity: 'critical',
    rule: 'aws.rds.single-az',
    title: 'aws_db_instance.main is a single point of failure',
    message: 'One instance in one zone: when it fails, orders-api fails. Set multi_az = true.',
    component: { id: 'aws_db_instance.main', type: 'aws_db_instance', format: 'terraform', stack: 'envs/prod' },
    location: { file: 'envs/prod/db.tf', startLine: 12, endLine: 30 },
    evidence: [
      { file: 'envs/prod/db.tf', line: 17, attribute: 'multi_az', before: true, after: false },
      { file: 'envs/prod/db.tf', line: 18, attribute: 'tags', before: { team: 'orders' }, after: null },
    ],
    redundancy: { before: { instances: 2, zones: 2 }, after: { instances: 1, zones: null } },
    blastRadius: { before: 0, after: 3, dependents: ['aws_ecs_service.api', 'aws_lb.public'], entryPoints: ['aws_lb.public'] },
    recovery: { rto: { before: '1–2 min', after: 'hours' }, rpo: { before: '0', after: 'up to 24h' } },
    suggestion: { file: 'envs/prod/db.tf', startLine: 17, endLine: 17, replacement: '  multi_az = true\n' },
    fix: 'set multi_az = true',
    ...overrides,
  };
}

export function sampleReview(findings: Finding[] = [finding()]): Review {
  return {
    schemaVersion: 1,
    conclusion: findings.some((f) => f.kind !== 'resolved-spof') ? 'failure' : 'success',
    counts: {
      'new-spof': findings.filter((f) => f.kind === 'new-spof').length,
      'redundancy-reduced': findings.filter((f) => f.kind === 'redundancy-reduced').length,
      'blast-radius-grown': findings.filter((f) => f.kind === 'blast-radius-grown').length,
      'resolved-spof': findings.filter((f) => f.kind === 'resolved-spof').length,
    },
    findings,
    diagnostics: [{ file: 'envs/prod/vars.tf', line: 3, severity: 'warning', message: 'count of "replicas" is unknown: var.n has no default' }],
    stats: { files: 4, components: { base: 12, head: 13 }, durationMs: 41, suppressed: 1, stacks: { reviewed: 1, unchanged: 2 } },
  };
}
