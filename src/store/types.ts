import type { Finding, Review, Severity } from '../model/index.js';
import type { SpofFacts } from '../analysis/index.js';

/**
 * The durable state of the GitHub App: review jobs (the queue), reviews with their findings,
 * what was posted on each PR (so nothing is posted twice), acceptances of risk, and the branch
 * inventory for the dashboard. Implemented once over kysely for SQLite (default) and PostgreSQL
 * (`DATABASE_URL`). Every method is safe to call from several app replicas at once.
 */

export interface RepoRef {
  installationId: number;
  /** GitHub's numeric repository id: stable across renames. */
  repoId: number;
  owner: string;
  repo: string;
}

/** `label` and `acceptance`: an acceptance was given or revoked, the reviewed head's check is concluded again. */
export type JobTrigger = 'pull_request' | 'rerequested' | 'requested_action' | 'merge_group' | 'push' | 'label' | 'acceptance' | 'resume' | 'installation';

/** The head SHA of an `installation` job: the default branch's head, resolved when the job runs. */
export const DEFAULT_BRANCH_HEAD = 'HEAD';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'superseded';

export interface ReviewJobInput extends RepoRef {
  /** PR number; null for merge-group and push (inventory) jobs. */
  prNumber: number | null;
  headSha: string;
  baseSha: string | null;
  /** `refs/heads/main` for push jobs, the merge group ref for merge_group. */
  ref?: string;
  trigger: JobTrigger;
  /** The webhook delivery id (X-GitHub-Delivery), for idempotency and logs. */
  deliveryId?: string;
}

export interface ReviewJob extends ReviewJobInput {
  id: number;
  state: JobState;
  attempts: number;
  /** The check run created for this head SHA, once created. */
  checkRunId: number | null;
  createdAt: Date;
  updatedAt: Date;
  error: string | null;
}

export interface EnqueueResult {
  job: ReviewJob;
  /** False when an equivalent job (same repo, head SHA and kind) already existed: a redelivery. */
  created: boolean;
}

export interface StoredReview extends RepoRef {
  id: number;
  jobId: number;
  prNumber: number | null;
  headSha: string;
  baseSha: string | null;
  conclusion: Review['conclusion'];
  /** The review as produced by the engine (JSON contract), for the summary and the dashboard. */
  review: Review;
  createdAt: Date;
}

export interface StoredFinding extends SpofFacts {
  reviewId: number;
  kind: Finding['kind'];
}

/** Something the app posted on a PR for a finding: a review comment (and its thread). */
export interface PostedComment extends RepoRef {
  prNumber: number;
  fingerprint: string;
  commentId: number;
  /** GraphQL node id of the review thread, to resolve it when the finding is resolved. */
  threadNodeId: string | null;
  resolved: boolean;
}

export type AcceptanceVia = 'check_run_action' | 'label' | 'comment';

export interface Acceptance extends RepoRef {
  prNumber: number;
  headSha: string;
  fingerprints: string[];
  acceptedBy: string;
  via: AcceptanceVia;
  /** The reason given (`/spof-review accept <reason>`), or null. */
  note: string | null;
  /** When it stops covering the findings (config `accept.expires_after`); null: never. */
  expiresAt: Date | null;
  /** Set when the accept label was removed: a revoked acceptance covers nothing. */
  revokedAt: Date | null;
  revokedBy: string | null;
  createdAt: Date;
}

export type AcceptanceInput = Omit<Acceptance, 'createdAt' | 'expiresAt' | 'revokedAt' | 'revokedBy'> & { expiresAt?: Date | null };

/** One step of the acceptance trail (dashboard): every acceptance, refusal and revocation, with who, why and what. */
export interface AcceptanceEvent extends RepoRef {
  id: number;
  prNumber: number;
  /** The commit the event was about (the reviewed head), when known. */
  headSha: string | null;
  action: 'accepted' | 'refused' | 'revoked';
  actor: string;
  via: AcceptanceVia;
  /** The reason the actor gave. */
  reason: string | null;
  /** Why a refusal was refused, or what a revocation ended. */
  detail: string | null;
  fingerprints: string[];
  expiresAt: Date | null;
  /** The webhook delivery: recording the same delivery twice keeps one event. */
  deliveryId: string | null;
  createdAt: Date;
}

export type AcceptanceEventInput = Omit<AcceptanceEvent, 'id' | 'createdAt'>;

/** What became of a finding a PR carried when the PR was closed. */
export type Outcome = 'merged-with-risk' | 'fixed-before-merge' | 'abandoned';

export interface FindingOutcome extends RepoRef {
  prNumber: number;
  fingerprint: string;
  outcome: Outcome;
  /** An acceptance covered it when the PR was merged. */
  accepted: boolean;
  severity: Severity;
  rule: string;
  componentId: string;
  title: string;
  /** The PR's head when it was closed, and the merge commit when merged. */
  headSha: string;
  mergeSha: string | null;
  closedAt: Date;
}

/** Rows removed by a purge, per table. */
export type PurgeCounts = Record<string, number>;

/** One SPOF of a branch inventory, as the inventory job (and `spof-review log --record`) records it. */
export interface InventorySpofRecord extends SpofFacts {
  /** How many components (and entry points) fail with it. */
  blastRadius?: number;
  /** The catalog's recovery estimate of the component as it is. */
  rto?: string;
  rpo?: string;
  /** Owners of `file` by the commit's CODEOWNERS (`org/team`, `@login`); absent when not recorded. */
  owners?: string[];
}

/** Where an inventory came from: a push to the default branch, the app's installation, or history replayed by `spof-review log --record`. */
export type InventorySource = 'push' | 'installation' | 'history';

export interface InventoryRecord extends RepoRef {
  ref: string;
  sha: string;
  spofs: InventorySpofRecord[];
  /** Mermaid source of the SPOFs and what fails with them, when it was small enough to draw. */
  diagram?: string;
  source: InventorySource;
  createdAt: Date;
}

/** What saveInventory takes: `at` dates a backfilled inventory by its commit (default: now). */
export type InventoryInput = Omit<InventoryRecord, 'createdAt' | 'source'> & { source?: InventorySource; at?: Date };

/** What saveReview takes: the review plus, for the dashboard, the owners of each finding's file and the diagram the PR got. */
export type ReviewInput = Omit<StoredReview, 'id' | 'createdAt'> & {
  /** Owners by fingerprint (CODEOWNERS of the reviewed head): `org/team`, `@login`. */
  owners?: Readonly<Record<string, readonly string[]>>;
  diagram?: string;
};

/** Unfinished jobs per state, and when the oldest of each was recorded (metrics; a cheap query, also the readiness probe's). */
export interface QueueStats {
  queued: { jobs: number; oldest: Date | null };
  running: { jobs: number; oldest: Date | null };
}

export interface Store {
  /** Create or upgrade the schema. Idempotent; safe under concurrent starts. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // --- the durable job queue
  /**
   * Idempotent on (repoId, headSha, prNumber, trigger family): families are `review` (pull_request
   * and the re-run triggers), `merge_group` and `push`. A redelivered webhook returns the existing
   * job. A re-run trigger (`rerequested`, `requested_action`, `label`, `resume`) creates a new job
   * only when none of its key is queued or running (else it returns that one); the same re-run
   * delivery (`deliveryId`) twice still makes one job. Atomic across replicas.
   */
  enqueue(input: ReviewJobInput): Promise<EnqueueResult>;
  /**
   * Take the oldest queued job, or a running one whose lease expired (crash/restart), with a lease of
   * `leaseMs`; increments `attempts` (the caller decides when a job that keeps crashing has had enough).
   * Each job goes to exactly one caller, across replicas.
   */
  claim(workerId: string, leaseMs: number): Promise<ReviewJob | undefined>;
  /** Extend the lease of a running job; false when the job was superseded or taken by another worker. */
  heartbeat(jobId: number, workerId: string, leaseMs: number): Promise<boolean>;
  /** Give a running job of `workerId` back to the queue, not counting it as an attempt (shutdown); false when it was not ours. */
  release(jobId: number, workerId: string): Promise<boolean>;
  /**
   * A restarted replica: end now the leases of running jobs owned by `<replica>#<anything>` other
   * than `currentOwner` (its earlier run died holding them); returns how many.
   */
  expireEarlierRuns(replica: string, currentOwner: string): Promise<number>;
  /** Finished states are final: true when the job was queued/running and is now `state`, false otherwise (e.g. superseded meanwhile). */
  finish(jobId: number, state: Exclude<JobState, 'queued' | 'running'>, error?: string): Promise<boolean>;
  setCheckRun(jobId: number, checkRunId: number): Promise<void>;
  /** Mark queued/running jobs of the same PR with another head SHA as superseded; returns their check run ids. */
  supersede(repoId: number, prNumber: number, currentHeadSha: string): Promise<{ jobId: number; checkRunId: number | null }[]>;
  /** Jobs not finished (queued or running), oldest first: what a restart must resume. */
  unfinished(): Promise<ReviewJob[]>;
  job(jobId: number): Promise<ReviewJob | undefined>;
  queueStats(): Promise<QueueStats>;

  // --- head SHA -> PR (check_suite/check_run rerequests, forks where pull_requests is empty)
  mapHeadSha(repoId: number, headSha: string, prNumber: number): Promise<void>;
  /** The PR most recently mapped to this head SHA. */
  prForHeadSha(repoId: number, headSha: string): Promise<number | undefined>;
  /** Every PR with this head SHA (one branch can head several PRs), most recently mapped first. */
  prsForHeadSha(repoId: number, headSha: string): Promise<number[]>;

  // --- reviews and findings
  /** One review per job (`jobId` must be a job of this store): saving again for the same job replaces it and its findings. */
  saveReview(review: ReviewInput): Promise<StoredReview>;
  /** The review saved by the newest job of the PR. */
  latestReview(repoId: number, prNumber: number): Promise<StoredReview | undefined>;
  findings(reviewId: number): Promise<StoredFinding[]>;

  // --- what was posted (never post a finding twice; resolve its thread when it is fixed)
  posted(repoId: number, prNumber: number): Promise<PostedComment[]>;
  /** One record per (repo, PR, fingerprint); recording it again updates the comment, thread and resolved flag. */
  recordPosted(comment: PostedComment): Promise<void>;
  markResolved(repoId: number, prNumber: number, fingerprint: string): Promise<void>;
  /** The sticky summary comment of a PR and the hash of its last body (skip updates that change nothing). */
  summaryComment(repoId: number, prNumber: number): Promise<{ commentId: number; bodyHash: string } | undefined>;
  saveSummaryComment(repoId: number, prNumber: number, commentId: number, bodyHash: string): Promise<void>;

  // --- accepted risk
  /** Idempotent for the same (repo, PR, head SHA, who, via, set of fingerprints): a redelivered action records one acceptance. */
  recordAcceptance(a: AcceptanceInput): Promise<void>;
  /** Every acceptance of the PR, revoked and expired ones included (the caller judges them), oldest first. */
  acceptances(repoId: number, prNumber: number): Promise<Acceptance[]>;
  /** Revokes the PR's acceptances still in force; returns those it revoked. */
  revokeAcceptances(repoId: number, prNumber: number, revokedBy: string): Promise<Acceptance[]>;
  /** Appends to the acceptance trail; a delivery already recorded is not recorded again. */
  recordAcceptanceEvent(e: AcceptanceEventInput): Promise<void>;
  /** The trail of a repository (or of one PR), oldest first. */
  acceptanceEvents(repoId: number, prNumber?: number): Promise<AcceptanceEvent[]>;

  // --- PR outcomes (dashboard)
  /** Every finding stored for the PR's reviews, oldest review first. */
  pullFindings(repoId: number, prNumber: number): Promise<StoredFinding[]>;
  /** Replaces the PR's outcomes (a PR closed, reopened and closed again keeps the last). */
  recordOutcomes(ref: RepoRef, prNumber: number, outcomes: readonly Omit<FindingOutcome, keyof RepoRef | 'prNumber'>[]): Promise<void>;
  outcomes(repoId: number, prNumber?: number): Promise<FindingOutcome[]>;

  // --- blob cache (content-addressed: a blob SHA always has the same text)
  blob(sha: string): Promise<string | undefined>;
  /** `from`: the repository the blob was read from, so purging it removes the blob (unless another repository read it too). */
  putBlob(sha: string, text: string, from?: { installationId: number; repoId: number }): Promise<void>;
  /** Deletes blobs cached before `before`; returns how many. */
  expireBlobs(before: Date): Promise<number>;

  // --- retention
  /** Everything stored for an installation (it was uninstalled). */
  purgeInstallation(installationId: number): Promise<PurgeCounts>;
  /** Everything stored for one repository (removed from the installation). */
  purgeRepository(repoId: number): Promise<PurgeCounts>;

  // --- default-branch inventory (dashboard)
  /**
   * One record per (repo, ref, SHA): saving the same SHA again refreshes it and makes it the latest
   * (a backfilled one keeps its commit date). Each SPOF's life on the ref (spof_history) follows,
   * unless `deferHistory`: a replay of many commits saves them all, then calls
   * `rebuildSpofHistory` once (an inventory older than the ref's newest rebuilds the whole ref).
   */
  saveInventory(record: InventoryInput, options?: { deferHistory?: boolean }): Promise<void>;
  /** Each SPOF's life on the ref again from all its inventories, in date order. */
  rebuildSpofHistory(repoId: number, ref: string): Promise<void>;
  latestInventory(repoId: number, ref: string): Promise<InventoryRecord | undefined>;
}
