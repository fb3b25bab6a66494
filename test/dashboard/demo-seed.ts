import type { StackDependency } from '../../src/analysis/index.js';
import { inventoryDiagram } from '../../src/github/publish/diagram.js';
import type { Component, Finding, Review, Severity } from '../../src/model/index.js';
import { renderMermaid } from '../../src/report/mermaid.js';
import type { Store, RepoRef } from '../../src/store/types.js';
import { component, dep, spof } from '../report/sample.js';

/**
 * A realistic organisation written through the store's own write methods (jobs, check runs,
 * reviews, acceptances and their trail, outcomes at close, default-branch inventories), over the
 * eight weeks before `now`. The browser tests and `npm run docs:screenshots` both use it.
 * `acme/ledger` is outside the signed-in viewer's scope in the tests: no trace of it may show.
 */
export const REPOS = {
  payments: { installationId: 71, repoId: 9001, owner: 'acme', repo: 'payments' },
  checkout: { installationId: 71, repoId: 9002, owner: 'acme', repo: 'checkout' },
  platform: { installationId: 71, repoId: 9003, owner: 'acme', repo: 'platform-infra' },
  search: { installationId: 71, repoId: 9004, owner: 'acme', repo: 'search' },
  ledger: { installationId: 72, repoId: 9005, owner: 'acme', repo: 'ledger' },
} satisfies Record<string, RepoRef>;

export const VISIBLE = [REPOS.payments, REPOS.checkout, REPOS.platform, REPOS.search];

export interface SeedClock {
  set(t: Date): void;
  now(): Date;
}

export function seedClock(start: Date): SeedClock {
  let t = start.getTime();
  return { set: (d) => (t = d.getTime()), now: () => new Date(t) };
}

interface FindingSpec {
  fp: string;
  kind?: Finding['kind'];
  severity: Severity;
  rule: string;
  id: string;
  type: string;
  format?: Finding['component']['format'];
  stack: string;
  file: string;
  line: number;
  title: string;
  why: string;
  fix: string;
  dependents?: string[];
  rto?: string;
  /** CODEOWNERS owners of `file`. */
  owners: string[];
}

const OWNERS = new Map<string, string[]>();

function finding(s: FindingSpec): Finding {
  OWNERS.set(s.fp.padEnd(20, '0'), s.owners);
  const dependents = s.dependents ?? [];
  return {
    fingerprint: s.fp.padEnd(20, '0'),
    kind: s.kind ?? 'new-spof',
    severity: s.severity,
    rule: s.rule,
    title: s.title,
    message: `${s.why} ${s.fix}.`,
    component: { id: s.id, type: s.type, format: s.format ?? 'terraform', stack: s.stack },
    location: { file: s.file, startLine: s.line, endLine: s.line + 6 },
    evidence: [{ file: s.file, line: s.line, attribute: 'count', before: 2, after: 1 }],
    redundancy: { before: { instances: 2, zones: 2 }, after: { instances: 1, zones: 1 } },
    blastRadius: { before: 0, after: dependents.length, dependents, entryPoints: dependents.slice(-1) },
    ...(s.rto ? { recovery: { rto: { before: 'seconds', after: s.rto }, rpo: { before: '0', after: 'up to 5 min' } } } : {}),
    fix: s.fix,
  };
}

function review(findings: Finding[]): Review {
  const count = (k: Finding['kind']) => findings.filter((f) => f.kind === k).length;
  return {
    schemaVersion: 1,
    conclusion: findings.some((f) => f.kind !== 'resolved-spof') ? 'failure' : 'success',
    counts: { 'new-spof': count('new-spof'), 'redundancy-reduced': count('redundancy-reduced'), 'blast-radius-grown': count('blast-radius-grown'), 'resolved-spof': count('resolved-spof') },
    findings,
    diagnostics: [],
    stats: { files: 3, components: { base: 24, head: 25 }, durationMs: 180, suppressed: 0, stacks: { reviewed: 1, unchanged: 2 } },
  };
}

export const F = {
  rds: finding({ fp: 'a1rds', owners: ['acme/payments-team', 'acme/dba'], severity: 'critical', rule: 'aws-rds-instance', id: 'aws_db_instance.orders', type: 'aws_db_instance', stack: 'live/prod', file: 'live/prod/db.tf', line: 14, title: 'aws_db_instance.orders runs in one zone', why: 'multi_az changed to false: when its zone fails, orders-api and the public load balancer fail with it.', fix: 'Set multi_az = true', dependents: ['aws_ecs_service.orders_api', 'aws_lb.public'], rto: 'hours' }),
  nat: finding({ fp: 'b2nat', owners: ['acme/platform'], severity: 'high', rule: 'aws-nat-gateway', id: 'aws_nat_gateway.main', type: 'aws_nat_gateway', stack: 'live/prod', file: 'live/prod/network.tf', line: 31, title: 'One NAT gateway serves every private subnet', why: 'nat_per_az = false: the private subnets of three zones route through one zone.', fix: 'Keep one NAT gateway per zone', dependents: ['aws_ecs_service.orders_api', 'aws_ecs_service.ledger_sync', 'aws_lambda_function.webhooks'], rto: '10–30 min' }),
  k8s: finding({ fp: 'c3k8s', owners: ['acme/checkout-team'], severity: 'high', rule: 'k8s-deployment', id: 'Deployment/checkout/cart-api', type: 'Deployment', format: 'kubernetes', stack: 'deploy/prod', file: 'deploy/prod/cart-api.yaml', line: 9, title: 'cart-api runs one replica', why: 'replicas: 1 and no HPA: a node drain takes the cart down.', fix: 'Set replicas: 3 with a PodDisruptionBudget', dependents: ['Ingress/checkout/web'] }),
  redis: finding({ fp: 'd4redis', owners: ['acme/platform'], severity: 'medium', rule: 'aws-elasticache', id: 'aws_elasticache_cluster.sessions', type: 'aws_elasticache_cluster', stack: 'live/staging-eu', file: 'live/staging-eu/cache.tf', line: 5, title: 'Session cache has one node', why: 'num_cache_nodes = 1 with no replication group.', fix: 'Use a replication group with automatic failover', dependents: ['aws_ecs_service.web'] }),
  lb: finding({ fp: 'e5lb', owners: ['acme/search-team', '@lee'], kind: 'blast-radius-grown', severity: 'medium', rule: 'aws-lb', id: 'aws_lb.search_internal', type: 'aws_lb', stack: 'live/prod', file: 'live/prod/lb.tf', line: 22, title: 'Internal load balancer now fronts 4 more services', why: 'Four services moved behind one internal load balancer.', fix: 'Split the listeners or add a second load balancer', dependents: ['aws_ecs_service.indexer', 'aws_ecs_service.query', 'aws_ecs_service.suggest', 'aws_ecs_service.admin'] }),
  eks: finding({ fp: 'f6eks', owners: ['acme/platform'], severity: 'high', rule: 'aws-eks-node-group', id: 'aws_eks_node_group.system', type: 'aws_eks_node_group', stack: 'live/prod', file: 'live/prod/eks.tf', line: 40, title: 'System node group pinned to one subnet', why: 'subnet_ids lists one subnet: CoreDNS and the ingress controller share one zone.', fix: 'List a subnet in each zone', dependents: ['kube-system/coredns', 'ingress-nginx'], rto: '15–45 min' }),
  search: finding({ fp: 'h8search', owners: ['acme/search-team'], severity: 'high', rule: 'aws-opensearch-domain', id: 'aws_opensearch_domain.catalog', type: 'aws_opensearch_domain', stack: 'live/prod', file: 'live/prod/search.tf', line: 8, title: 'Catalog search domain has one data node', why: 'instance_count = 1 and zone awareness off.', fix: 'Run three data nodes across zones', dependents: ['aws_ecs_service.query', 'aws_ecs_service.suggest'], rto: '30–60 min' }),
  kafka: finding({ fp: 'g7kafka', owners: ['acme/ledger-team'], severity: 'critical', rule: 'image-kafka', id: 'kafka', type: 'compose-service', format: 'compose', stack: 'ops', file: 'ops/docker-compose.yml', line: 3, title: 'Ledger events broker is one Kafka container', why: 'One broker with replication factor 1.', fix: 'Run three brokers', dependents: ['ledger-writer'] }),
} as const;

export const CHECK_RUN = { payments412: 880_412, payments418: 880_418, checkout97: 770_097, platform1203: 660_203, platform1210: 660_210, search55: 550_055, ledger9: 440_009 };

/** The diagram payments#412 got: the load balancer and service that fail with the database (report/mermaid.ts). */
function ordersDiagram(): string {
  const stack = 'live/prod';
  const lb = component('aws_lb.public', { stack, role: 'load-balancer', entryPoint: true });
  const api = component('aws_ecs_service.orders_api', { stack });
  const db = component('aws_db_instance.orders', { stack, role: 'database' });
  const nat = component('aws_nat_gateway.main', { stack, role: 'gateway' });
  const webhooks = component('aws_lambda_function.webhooks', { stack });
  return renderMermaid({
    spofs: [spof(db, { severity: 'critical' }), spof(nat, { severity: 'high' })],
    snapshot: {
      components: [lb, api, db, nat, webhooks],
      dependencies: [dep(lb.id, api.id, { stack }), dep(api.id, db.id, { stack }), dep(api.id, nat.id, { stack }), dep(webhooks.id, nat.id, { stack })],
      diagnostics: [],
      files: 3,
    },
  });
}

async function reviewed(store: Store, clock: SeedClock, at: Date, ref: RepoRef, pr: number, headSha: string, checkRunId: number, findings: Finding[], diagram?: string): Promise<void> {
  clock.set(at);
  const { job } = await store.enqueue({ ...ref, prNumber: pr, headSha, baseSha: 'b'.repeat(40), trigger: 'pull_request', deliveryId: `d-${ref.repoId}-${pr}-${headSha.slice(0, 6)}` });
  await store.setCheckRun(job.id, checkRunId);
  await store.mapHeadSha(ref.repoId, headSha, pr);
  const owners = Object.fromEntries(findings.map((f) => [f.fingerprint, OWNERS.get(f.fingerprint) ?? []]));
  await store.saveReview({ ...ref, jobId: job.id, prNumber: pr, headSha, baseSha: 'b'.repeat(40), conclusion: review(findings).conclusion, review: review(findings), owners, ...(diagram ? { diagram } : {}) });
  await store.finish(job.id, 'done');
}

async function closed(store: Store, clock: SeedClock, at: Date, ref: RepoRef, pr: number, headSha: string, mergeSha: string | null, outcomes: { f: Finding; outcome: 'merged-with-risk' | 'fixed-before-merge' | 'abandoned'; accepted?: boolean }[]): Promise<void> {
  clock.set(at);
  await store.recordOutcomes(
    ref,
    pr,
    outcomes.map(({ f, outcome, accepted }) => ({ fingerprint: f.fingerprint, outcome, accepted: accepted ?? false, severity: f.severity, rule: f.rule, componentId: f.component.id, title: f.title, headSha, mergeSha, closedAt: at })),
  );
}

async function accepted(store: Store, clock: SeedClock, at: Date, ref: RepoRef, pr: number, headSha: string, by: string, reason: string, fs: Finding[], expiresAt: Date | null): Promise<void> {
  clock.set(at);
  const fingerprints = fs.map((f) => f.fingerprint);
  await store.recordAcceptance({ ...ref, prNumber: pr, headSha, fingerprints, acceptedBy: by, via: 'comment', note: reason, expiresAt });
  await store.recordAcceptanceEvent({ ...ref, prNumber: pr, headSha, action: 'accepted', actor: by, via: 'comment', reason, detail: null, fingerprints, expiresAt, deliveryId: `acc-${ref.repoId}-${pr}` });
}

/** The default branch's graph, as the inventory job records it (publish/diagram.ts): each SPOF and what fails with it. */
function inventoryGraph(fs: Finding[]): string | undefined {
  const components = new Map<string, Component>();
  const dependencies: StackDependency[] = [];
  const spofs = fs.map((f) => {
    const { id, type, format, stack } = f.component;
    const c = component(id, { type, format, stack });
    components.set(`${stack} ${id}`, c);
    const entry = new Set(f.blastRadius.entryPoints);
    for (const d of new Set([...f.blastRadius.dependents, ...entry])) {
      if (!components.has(`${stack} ${d}`)) components.set(`${stack} ${d}`, component(d, { format, stack, entryPoint: entry.has(d) }));
      dependencies.push(dep(d, id, { format, stack }));
    }
    return spof(c, { severity: f.severity, blastRadius: { dependents: [...f.blastRadius.dependents], entryPoints: [...entry] } });
  });
  return inventoryDiagram({ spofs, snapshot: { components: [...components.values()], dependencies, diagnostics: [], files: 1 } });
}

async function inventory(store: Store, clock: SeedClock, at: Date, ref: RepoRef, sha: string, fs: Finding[]): Promise<void> {
  clock.set(at);
  const diagram = inventoryGraph(fs);
  await store.saveInventory({
    ...ref,
    ref: 'refs/heads/main',
    sha,
    at,
    ...(diagram ? { diagram } : {}),
    spofs: fs.map((f) => ({
      fingerprint: f.fingerprint,
      severity: f.severity,
      rule: f.rule,
      componentId: f.component.id,
      stack: f.component.stack,
      file: f.location.file,
      line: f.location.startLine,
      title: f.title,
      blastRadius: f.blastRadius.after,
      ...(f.recovery ? { rto: f.recovery.rto.after, rpo: f.recovery.rpo.after } : {}),
      owners: OWNERS.get(f.fingerprint) ?? [],
    })),
  });
}

const DAY = 86_400_000;
const sha = (c: string) => c.repeat(40).slice(0, 40);

/** Writes the organisation; `now` is the moment the dashboard is looked at. */
export async function seedDashboard(store: Store, clock: SeedClock, now: Date): Promise<void> {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);
  const { payments, checkout, platform, search, ledger } = REPOS;

  // Default-branch inventories, weekly, so trends have a history: payments carries the NAT gateway
  // from #418's merge on, checkout lost its single replica this week, search gained a SPOF by a push.
  for (let w = 11; w >= 0; w--) {
    await inventory(store, clock, ago(w * 7 + 1), platform, sha(String(w)), w > 5 ? [F.redis] : [F.redis, F.eks]);
    await inventory(store, clock, ago(w * 7 + 1, 1), payments, sha(String(w + 1)), w > 2 ? [] : [F.nat]);
    await inventory(store, clock, ago(w * 7 + 1, 2), checkout, sha(String(w + 2)), w > 0 ? [F.k8s] : []);
    await inventory(store, clock, ago(w * 7 + 1, 3), search, sha(String(w + 3)), w > 0 ? [F.lb] : [F.lb, F.search]);
    await inventory(store, clock, ago(w * 7 + 1, 4), ledger, sha(String(w + 4)), [F.kafka]);
  }

  // A steady flow of earlier PRs: most fixed before merge within hours or days, some merged with an
  // accepted risk, one in five abandoned.
  const flow = [payments, checkout, platform];
  const kinds = [F.nat, F.k8s, F.redis, F.eks, F.rds];
  for (let w = 11; w >= 1; w--) {
    for (let i = 0; i < 1 + (w % 3); i++) {
      const ref = flow[(w + i) % flow.length]!;
      const base = kinds[(w * 2 + i) % kinds.length]!;
      const f: Finding = { ...base, fingerprint: `${base.fingerprint.slice(0, 12)}w${w}i${i}`.padEnd(20, '0'), severity: base.severity === 'critical' ? 'high' : base.severity };
      OWNERS.set(f.fingerprint, OWNERS.get(base.fingerprint) ?? []);
      const pr = 300 + w * 10 + i;
      const opened = ago(w * 7 + 3 - i, 5);
      const head = sha(((w * 7 + i) % 16).toString(16));
      await reviewed(store, clock, opened, ref, pr, head, 100_000 + pr, [f]);
      const n = (w + i) % 5;
      if (n === 4) {
        await closed(store, clock, new Date(opened.getTime() + 2 * DAY), ref, pr, head, null, [{ f, outcome: 'abandoned' }]);
      } else if (n === 3) {
        await accepted(store, clock, new Date(opened.getTime() + 5 * 3_600_000), ref, pr, head, 'maria', 'Planned for the next maintenance window', [f], new Date(opened.getTime() + (w > 6 ? 30 : 60) * DAY));
        await closed(store, clock, new Date(opened.getTime() + DAY), ref, pr, head, sha('e'), [{ f, outcome: 'merged-with-risk', accepted: true }]);
      } else {
        const fixedAt = new Date(opened.getTime() + (6 + n * 20) * 3_600_000);
        await reviewed(store, clock, fixedAt, ref, pr, sha('f'), 100_000 + pr + 1, []);
        await closed(store, clock, new Date(fixedAt.getTime() + 3_600_000), ref, pr, sha('f'), sha('d'), [{ f, outcome: 'fixed-before-merge' }]);
      }
    }
  }

  // checkout#97: flagged, then fixed by a second push, merged.
  await reviewed(store, clock, ago(34), checkout, 97, sha('1'), CHECK_RUN.checkout97, [F.k8s]);
  await reviewed(store, clock, ago(33), checkout, 97, sha('2'), CHECK_RUN.checkout97 + 1, []);
  await closed(store, clock, ago(32), checkout, 97, sha('2'), sha('3'), [{ f: F.k8s, outcome: 'fixed-before-merge' }]);

  // platform-infra#1203: flagged, abandoned.
  await reviewed(store, clock, ago(26), platform, 1203, sha('4'), CHECK_RUN.platform1203, [F.redis]);
  await closed(store, clock, ago(20), platform, 1203, sha('4'), null, [{ f: F.redis, outcome: 'abandoned' }]);

  // payments#418: accepted with a reason and an expiry, merged with that risk.
  await reviewed(store, clock, ago(19), payments, 418, sha('5'), CHECK_RUN.payments418, [F.nat]);
  await accepted(store, clock, ago(18), payments, 418, sha('5'), 'maria', 'Cost freeze until Q1; second NAT gateway tracked in INFRA-221', [F.nat], new Date(now.getTime() + 12 * DAY));
  await closed(store, clock, ago(17), payments, 418, sha('5'), sha('6'), [{ f: F.nat, outcome: 'merged-with-risk', accepted: true }]);

  // platform-infra#1210: open, reviewed twice.
  await reviewed(store, clock, ago(9), platform, 1210, sha('7'), CHECK_RUN.platform1210, [F.eks]);
  await reviewed(store, clock, ago(8), platform, 1210, sha('8'), CHECK_RUN.platform1210 + 1, [F.eks]);

  // search#55: open, this week.
  await reviewed(store, clock, ago(2), search, 55, sha('9'), CHECK_RUN.search55, [F.lb]);

  // payments#412: open, critical, this week.
  await reviewed(store, clock, ago(1), payments, 412, sha('a'), CHECK_RUN.payments412, [F.rds, F.nat], ordersDiagram());

  // ledger#9: out of the viewer's scope.
  await reviewed(store, clock, ago(1, 3), ledger, 9, sha('b'), CHECK_RUN.ledger9, [F.kafka]);
  await accepted(store, clock, ago(1, 2), ledger, 9, sha('b'), 'secret-keeper', 'ledger-only reason', [F.kafka], null);

  clock.set(now);
}
