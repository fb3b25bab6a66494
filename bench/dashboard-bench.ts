/**
 * The dashboard's queries at an organisation's size (issue 13): 1,000 repositories, 20,000 pull
 * requests, 100,000 findings over 40,000 reviews, 2,000 acceptances, 10,000 closed PRs, 50 teams
 * and 12 weeks of default-branch inventories (6 per repository, 20 SPOFs each), in PostgreSQL
 * (`DATABASE_URL`, else the local server), in a schema of its own, dropped at the end. The facts are
 * written in bulk; the dashboard's derived rows come from the store's own code (refreshChanges,
 * saveInventory). Each query is timed at a platform lead's scope (all 1,000 repositories) and a
 * team lead's (20), p50 and p95 over the runs.
 *
 *   npm run bench:dashboard
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { Finding, Review, Severity } from '../src/model/index.js';
import { refreshChanges } from '../src/store/dashboard/derive.js';
import { createDashboardQueries } from '../src/store/dashboard/queries.js';
import type { DashboardQueries, RepoScope } from '../src/store/dashboard/types.js';
import { openStore } from '../src/store/open.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import type { InventorySpofRecord, RepoRef } from '../src/store/types.js';

const URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `spof_bench_dash_${randomBytes(3).toString('hex')}`;
const REPOS = 1000;
const PULLS = 20;
const REVIEWS = 2;
const FINDINGS = 2.5; // per review, on average: 100,000 in all
const TEAMS = 50;
const INVENTORIES = 6;
const SPOFS = 20;
const RUNS = Number(process.env.RUNS ?? 20);
const NOW = new Date('2026-12-02T12:00:00Z');
const DAY = 86_400_000;
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const KINDS = ['new-spof', 'redundancy-reduced', 'blast-radius-grown'] as const;
const RULES = ['aws.rds.single-az', 'aws.nat.single', 'k8s.deployment.single-replica', 'aws.elasticache.single-node', 'gcp.sql.zonal'];

const repos: RepoRef[] = Array.from({ length: REPOS }, (_, i) => ({ installationId: 1 + (i % 5), repoId: 9_000_000 + i, owner: `org${i % 5}`, repo: `service-${i}` }));
const teamsOf = (i: number) => [`acme/team-${i % TEAMS}`, `acme/team-${(i * 7 + 3) % TEAMS}`];
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();

function findingOf(repo: number, pr: number, n: number): Finding {
  const fp = `r${repo}p${pr}f${n}`;
  const file = n % 2 === 0 ? `services/${repo}/db.tf` : `platform/${repo}/net.tf`;
  return {
    fingerprint: fp, kind: KINDS[n % KINDS.length]!, severity: SEVERITIES[(repo + pr + n) % 4]!, rule: RULES[(pr + n) % RULES.length]!,
    title: `aws_db_instance.db${n} is a single point of failure`, message: 'One instance in one zone: when it fails, the service fails. Set multi_az = true.',
    component: { id: `aws_db_instance.db${n}`, type: 'aws_db_instance', format: 'terraform', stack: `services/${repo}` },
    location: { file, startLine: 10 + n, endLine: 20 + n }, evidence: [], redundancy: { before: null, after: null },
    blastRadius: { before: 0, after: 3, dependents: [], entryPoints: [] },
  };
}

async function seed(store: KyselyStore): Promise<void> {
  const db = store.db;
  const started = performance.now();
  let jobs: any[] = [];
  const flush = async () => {
    if (jobs.length === 0) return;
    const batch = jobs;
    jobs = [];
    const ids = await db.insertInto('review_jobs').values(batch.map((b) => b.job)).returning('id').execute();
    const reviews = await db.insertInto('reviews').values(batch.map((b, i) => ({ ...b.review, job_id: ids[i]!.id }))).returning('id').execute();
    const findings = batch.flatMap((b, i) => b.findings.map((f: any) => ({ ...f, review_id: reviews[i]!.id })));
    for (let i = 0; i < findings.length; i += 1000) await db.insertInto('findings').values(findings.slice(i, i + 1000)).execute();
  };
  let total = 0;
  for (const [ri, ref] of repos.entries()) {
    const repoCols = { installation_id: ref.installationId, repo_id: ref.repoId, owner: ref.owner, repo: ref.repo };
    const owners = teamsOf(ri);
    for (let pr = 1; pr <= PULLS; pr++) {
      const count = 2 + ((ri + pr) % 2) + (pr % 4 === 0 ? 1 : 0) + (pr % 7 === 0 ? 1 : 0); // 2 to 5 findings in the first review
      for (let r = 0; r < REVIEWS; r++) {
        // The second review fixes one finding of three in a third of the PRs and everything in a tenth.
        const fixedAll = r === 1 && pr % 10 === 0;
        const n = fixedAll ? 0 : r === 1 && pr % 3 === 0 ? count - 1 : count;
        const list = Array.from({ length: n }, (_, k) => findingOf(ri, pr, k));
        total += list.length;
        const created = at(80 - pr * 3 - r + (ri % 7) * 0.1);
        const head = `${ri.toString(16).padStart(8, '0')}${pr.toString(16).padStart(4, '0')}${r}`.padEnd(40, '0');
        const review: Review = { schemaVersion: 1, conclusion: list.length > 0 ? 'failure' : 'success', counts: { 'new-spof': 0, 'redundancy-reduced': 0, 'blast-radius-grown': 0, 'resolved-spof': 0 }, findings: list, diagnostics: [], stats: { files: 3, components: { base: 10, head: 11 }, durationMs: 30, suppressed: 0, stacks: { reviewed: 1, unchanged: 0 } } };
        jobs.push({
          job: { ...repoCols, pr_number: pr, pr_key: pr, head_sha: head, base_sha: 'b'.repeat(40), ref: null, trigger: 'pull_request', family: 'review', dedupe: 'initial', delivery_id: null, state: 'done', attempts: 1, lease_owner: null, lease_expires_at: null, check_run_id: 70_000_000 + ri * 100 + pr * 2 + r, error: null, created_at: created, updated_at: created },
          review: { ...repoCols, pr_number: pr, head_sha: head, base_sha: 'b'.repeat(40), conclusion: review.conclusion, review_json: JSON.stringify(review), diagram: null, created_at: created },
          findings: list.map((f) => ({ repo_id: ref.repoId, pr_number: pr, fingerprint: f.fingerprint, kind: f.kind, severity: f.severity, rule: f.rule, component_id: f.component.id, stack: f.component.stack, file: f.location.file, line: f.location.startLine, title: f.title, owners_json: JSON.stringify(f.location.file.startsWith('services') ? [owners[0]] : [owners[1], '@lead']), created_at: created })),
        });
        if (jobs.length >= 400) await flush();
      }
    }
    // Acceptances on two PRs a repository; half of them expire within the 12 weeks.
    const acceptances = [4, 8].map((pr) => ({ ...repoCols, pr_number: pr, head_sha: 'a'.repeat(40), fingerprints_json: JSON.stringify(Array.from({ length: 3 }, (_, k) => `r${ri}p${pr}f${k}`)), fingerprints_hash: `h${pr}`, accepted_by: 'lead', via: 'comment', note: 'tracked', expires_at: pr === 4 ? at(10) : null, revoked_at: null, revoked_by: null, created_at: at(60 - pr) }));
    await db.insertInto('acceptances').values(acceptances).execute();
    // The older half of the PRs are closed: merged with risk, or fixed before merge, or abandoned.
    const outcomes = [];
    for (let pr = 1; pr <= PULLS / 2; pr++) {
      for (let k = 0; k < 2; k++) {
        outcomes.push({ ...repoCols, pr_number: pr, fingerprint: `r${ri}p${pr}f${k}`, outcome: pr % 10 === 0 ? 'fixed-before-merge' : pr % 5 === 0 ? 'abandoned' : 'merged-with-risk', accepted: 0, severity: 'high', rule: RULES[0]!, component_id: 'c', title: 't', head_sha: 'a'.repeat(40), merge_sha: null, closed_at: at(70 - pr * 3) });
      }
    }
    await db.insertInto('finding_outcomes').values(outcomes).execute();
  }
  await flush();
  console.log(`facts: ${REPOS} repositories, ${REPOS * PULLS} pull requests, ${REPOS * PULLS * REVIEWS} reviews, ${total} findings (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const derived = performance.now();
  const pulls = repos.flatMap((r) => Array.from({ length: PULLS }, (_, i) => ({ repoId: r.repoId, prNumber: i + 1 })));
  await db.transaction().execute((trx) => refreshChanges(trx, pulls));
  console.log(`flagged changes derived by refreshChanges (as the migration does, one transaction): ${pulls.length} (${((performance.now() - derived) / 1000).toFixed(1)} s)`);

  const inv = performance.now();
  await pool(repos.map((r, i) => [r, i] as const), 8, async ([ref, ri]) => {
    for (let k = 0; k < INVENTORIES; k++) {
      // Each inventory drops the two oldest SPOFs and adds two new ones.
      const spofs: InventorySpofRecord[] = Array.from({ length: SPOFS }, (_, s) => {
        const n = s + 2 * k;
        return { fingerprint: `r${ri}s${n}`, severity: SEVERITIES[n % 4]!, rule: RULES[n % RULES.length]!, componentId: `aws_db_instance.s${n}`, stack: `services/${ri}`, file: `services/${ri}/s${n}.tf`, line: 1, title: `instance SPOF: aws_db_instance.s${n}`, blastRadius: n % 9, rto: 'hours', rpo: 'up to 24h', owners: [teamsOf(ri)[n % 2]!] };
      });
      await store.saveInventory({ ...ref, ref: 'refs/heads/main', sha: `${ri}-${k}`.padEnd(40, '0'), spofs, at: new Date(at(84 - k * 14)) });
    }
  });
  console.log(`inventories saved: ${REPOS * INVENTORIES} with spof_history (${((performance.now() - inv) / 1000).toFixed(1)} s)`);
  await sql`analyze`.execute(store.db);
}

async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  return { p50: pick(0.5), p95: pick(0.95) };
}

async function measure(q: DashboardQueries, name: string, scope: RepoScope): Promise<[string, string, { p50: number; p95: number }][]> {
  const first = await q.changes(scope, {}, { limit: 50 });
  const one = first.rows[0]!;
  const inventory = await q.inventory(scope, {}, { limit: 50 });
  const team = 'acme/team-7';
  const cases: [string, () => Promise<unknown>][] = [
    ['changes: first page of 50, no filter', () => q.changes(scope, {}, { limit: 50 })],
    ['changes: open, one team, critical+high', () => q.changes(scope, { statuses: ['open'], teams: [team], severities: ['critical', 'high'] }, { limit: 50 })],
    ['changes: next page (cursor)', () => q.changes(scope, {}, { limit: 50, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) })],
    ["change: one PR's page", () => q.change(scope, one.repoId, one.prNumber)],
    ['overview', () => q.overview(scope, NOW)],
    ['inventory: first page of 50 repositories', () => q.inventory(scope, {}, { limit: 50 })],
    ['inventory: next page (cursor)', () => q.inventory(scope, {}, { limit: 50, ...(inventory.nextCursor ? { cursor: inventory.nextCursor } : {}) })],
    ['trends: 12 weeks, per repository and team', () => q.trends(scope, {})],
    ['acceptances (risk register)', () => q.acceptances(scope, {}, NOW)],
    ['teams', () => q.teams(scope)],
  ];
  const out: [string, string, { p50: number; p95: number }][] = [];
  for (const [label, fn] of cases) out.push([name, label, await time(RUNS, fn)]);
  return out;
}

async function main(): Promise<void> {
  const store = await openStore({ DATABASE_URL: URL, DATABASE_SCHEMA: SCHEMA });
  try {
    await seed(store);
    const q = createDashboardQueries(store.db, { now: () => NOW });
    // As the dashboard passes it: the repositories' ids and the names GitHub gave with them.
    const scopeOf = (rs: RepoRef[]): RepoScope => ({ repoIds: rs.map((r) => r.repoId), names: new Map(rs.map((r) => [r.repoId, { owner: r.owner, repo: r.repo }])) });
    const platform = scopeOf(repos);
    const teamLead = scopeOf(repos.filter((_, i) => i % 50 === 7));
    const results = [...(await measure(q, 'platform lead (1,000 repos)', platform)), ...(await measure(q, 'team lead (20 repos)', teamLead))];
    console.log(`\n| query | scope | p50 ms | p95 ms |\n| --- | --- | --- | --- |`);
    for (const [scope, label, t] of results) console.log(`| ${label} | ${scope} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
  } finally {
    await store.close();
    const c = new pg.Client({ connectionString: URL });
    await c.connect();
    await c.query(`drop schema if exists "${SCHEMA}" cascade`);
    await c.end();
  }
}

await main();
