import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Review } from '../model/index.js';
import type { Database, FindingsTable, ReviewsTable } from './schema.js';
import { refreshChange } from './dashboard/derive.js';
import type { ReviewInput, StoredFinding, StoredReview } from './types.js';
import { batches, fromGitHubId, fromTimestamp, repoRefOf, safeText, toTimestamp } from './values.js';

/** Reviews (the engine's JSON) and their findings as rows, for the app and the dashboard. */

/** Rows per insert statement: 13 parameters each stays far under both databases' limits. */
const FINDINGS_PER_INSERT = 500;

/**
 * One review per job: a job retried after a crash replaces its review and findings instead of
 * adding a second one. Atomic, so a reader never sees a review without its findings.
 */
export async function saveReview(
  db: Kysely<Database>,
  input: ReviewInput,
  now: Date,
): Promise<StoredReview> {
  const at = toTimestamp(now);
  const values: Insertable<ReviewsTable> = {
    job_id: input.jobId,
    installation_id: input.installationId,
    repo_id: input.repoId,
    owner: input.owner,
    repo: input.repo,
    pr_number: input.prNumber,
    head_sha: input.headSha,
    base_sha: input.baseSha,
    conclusion: input.conclusion,
    review_json: JSON.stringify(input.review),
    diagram: input.diagram ?? null,
    created_at: at,
  };
  return db.transaction().execute(async (trx) => {
    const { job_id: _job, ...updatable } = values;
    const row = await trx.insertInto('reviews').values(values)
      .onConflict((oc) => oc.column('job_id').doUpdateSet(updatable))
      .returningAll().executeTakeFirstOrThrow();
    await trx.deleteFrom('findings').where('review_id', '=', row.id).execute();
    const findings = findingRows(row.id, input, at);
    for (const batch of batches(findings, FINDINGS_PER_INSERT)) {
      await trx.insertInto('findings').values(batch).execute();
    }
    if (input.prNumber !== null) await refreshChange(trx, input.repoId, input.prNumber);
    return toStoredReview(row);
  });
}

function findingRows(reviewId: number, input: ReviewInput, at: string): Insertable<FindingsTable>[] {
  return input.review.findings.map((f) => ({
    review_id: reviewId,
    repo_id: input.repoId,
    pr_number: input.prNumber,
    fingerprint: safeText(f.fingerprint),
    kind: f.kind,
    severity: f.severity,
    rule: safeText(f.rule),
    component_id: safeText(f.component.id),
    stack: safeText(f.component.stack),
    file: safeText(f.location.file),
    line: f.location.startLine,
    title: safeText(f.title),
    owners_json: input.owners?.[f.fingerprint] ? JSON.stringify(input.owners[f.fingerprint]!.map(safeText)) : null,
    created_at: at,
  }));
}

/** The review of the newest job of the PR: a superseded job that finishes late does not win. */
export async function latestReview(db: Kysely<Database>, repoId: number, prNumber: number): Promise<StoredReview | undefined> {
  const row = await db.selectFrom('reviews').selectAll()
    .where('repo_id', '=', repoId).where('pr_number', '=', prNumber)
    .orderBy('job_id', 'desc').orderBy('id', 'desc').limit(1)
    .executeTakeFirst();
  return row && toStoredReview(row);
}

export async function findings(db: Kysely<Database>, reviewId: number): Promise<StoredFinding[]> {
  const rows = await db.selectFrom('findings').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
  return rows.map(toStoredFinding);
}

/** The findings of every review of a PR, oldest review first. */
export async function pullFindings(db: Kysely<Database>, repoId: number, prNumber: number): Promise<StoredFinding[]> {
  const rows = await db.selectFrom('findings').selectAll().where('repo_id', '=', repoId).where('pr_number', '=', prNumber)
    .orderBy('review_id').orderBy('id').execute();
  return rows.map(toStoredFinding);
}

function toStoredFinding(r: Selectable<FindingsTable>): StoredFinding {
  return {
    reviewId: r.review_id,
    fingerprint: r.fingerprint,
    kind: r.kind as StoredFinding['kind'],
    severity: r.severity as StoredFinding['severity'],
    rule: r.rule,
    componentId: r.component_id,
    stack: r.stack,
    file: r.file,
    line: r.line,
    title: r.title,
  };
}

function toStoredReview(row: Selectable<ReviewsTable>): StoredReview {
  return {
    id: row.id,
    jobId: row.job_id,
    ...repoRefOf(row),
    prNumber: row.pr_number,
    headSha: row.head_sha,
    baseSha: row.base_sha,
    conclusion: row.conclusion as Review['conclusion'],
    review: JSON.parse(row.review_json) as Review,
    createdAt: fromTimestamp(row.created_at),
  };
}
