/**
 * One review of a head SHA: check run in progress at once, config, fetch, engine, then publish.
 * Publishing is four independent steps (review comments, fixed threads, summary comment, check
 * run): a step GitHub refuses degrades that step only and is named in the check, the last word.
 * Every write is remembered as soon as it succeeds, so neither a refused step nor an interrupted
 * job (which re-runs from the start) makes a later run post anything twice.
 */
import type { Config } from '../../config/types.js';
import type { Review } from '../../model/index.js';
import { plural } from '../../report/format.js';
import type { PostedComment } from '../../store/types.js';
import { loadConfig } from '../config.js';
import { BlobFetcher } from '../fetch/blobs.js';
import { teamsToAsk } from '../../analysis/index.js';
import { fetchChange, type FetchedChange } from '../fetch/index.js';
import { fetchTeamMembers } from '../fetch/teams.js';
import { annotationsFor, completeCheckRun, createCheckRun, endCheckRun } from '../publish/check-run.js';
import { publishReviewComments, type CommentResult } from '../publish/review-comments.js';
import { publishSummaryComment } from '../publish/summary-comment.js';
import { renderSummary, type Acceptance } from '../publish/summary.js';
import { settleFixedThreads } from '../publish/threads.js';
import { describeError } from '../types.js';
import { acceptanceFor, mergeGroupPulls } from './acceptance.js';
import { NO_LONGER_INFRASTRUCTURE, checkTitle, noInfrastructureOutput, openFindings } from '../publish/check-text.js';
import { JobLost, blobCache, blobLink, readBudget, repoRef, type JobContext } from './context.js';
import { sendFiles } from './engine-work.js';
import { codeownersOf, ownersByFingerprint } from './owners.js';
import { resolvePull } from './resolve-pull.js';

/** What a review concluded, for the one log line and the metrics of the review. */
export interface ReviewOutcome {
  prNumber: number | null;
  conclusion: Review['conclusion'];
  /** Open findings (not resolved, not accepted away). */
  findings: number;
  commented: number;
  resolved: number;
}

/** A repository that turned the app off (`enabled: false`): nothing was done. */
export interface Disabled {
  disabled: true;
}

export async function runReview(ctx: JobContext): Promise<ReviewOutcome | Disabled> {
  const { job, gh, coords, store, log } = ctx;
  const isMergeGroup = job.trigger === 'merge_group';

  // Read first: a repository that turned the app off (`enabled: false`) gets no check run at all.
  const { config, errors: configErrors } = await loadConfig(gh, coords);
  ctx.config = config;
  if (!config.enabled) return { disabled: true };

  let prNumber: number | null = null;
  let baseSha = job.baseSha;
  if (!isMergeGroup) {
    const pull = await resolvePull(ctx);
    if (!pull) {
      const id = job.checkRunId ?? (await createCheckRun(gh, coords, job.headSha, String(job.id)));
      await endCheckRun(gh, coords, id, 'neutral', {
        title: 'No open pull request for this commit',
        summary: `spof-review reviews pull requests and merge groups; no open pull request has ${job.headSha} as its head.`,
      });
      return { prNumber: null, conclusion: 'neutral', findings: 0, commented: 0, resolved: 0 };
    }
    ({ prNumber, baseSha } = pull);
  }
  if (baseSha === null && isMergeGroup) baseSha = await firstParent(ctx);
  if (baseSha === null) throw new Error('the base commit of the change is unknown');

  // A newer push makes older reviews of the same PR pointless: end their check runs now.
  if (prNumber !== null && job.trigger === 'pull_request') {
    for (const old of await store.supersede(job.repoId, prNumber, job.headSha)) {
      if (old.checkRunId === null) continue;
      await endCheckRun(gh, coords, old.checkRunId, 'neutral', { title: 'Superseded', summary: `Superseded by a newer push: ${job.headSha}.` });
    }
  }

  const notes: string[] = [];
  // A check run GitHub refuses now is created again at the end: the comments do not wait for it.
  const checkRunId = await step(ctx, notes, 'The check run could not be started', () => checkRunFor(ctx, prNumber));
  const blobs = new BlobFetcher(gh, coords, blobCache(store, job), readBudget(ctx));
  const fetched = await fetchChange(gh, coords, { base: baseSha, head: job.headSha, ...(prNumber !== null ? { pullNumber: prNumber } : {}), config, blobs });
  log.debug({ changedFiles: fetched.changed.length, iacFiles: fetched.files?.iacChanged.length ?? 0, blobsFetched: blobs.fetched }, 'fetched the change');
  ctx.alive();

  if (!fetched.files || fetched.files.iacChanged.length === 0) {
    await noInfrastructure(ctx, checkRunId ?? null, prNumber, configErrors.length);
    return { prNumber, conclusion: 'success', findings: 0, commented: 0, resolved: 0 };
  }
  const repository = `${coords.owner}/${coords.repo}`;
  // A team of one is one person: ask GitHub the size of the teams a changed CODEOWNERS hands infrastructure to or from.
  const teamMembers = await fetchTeamMembers(gh, teamsToAsk({ base: fetched.files.base, head: fetched.files.head, config }));
  ctx.alive();
  // Off the event loop (engine threads): webhooks keep being acknowledged meanwhile.
  const { review: result, diagram } = await ctx.engine.review({
    base: sendFiles(fetched.files.base),
    head: sendFiles(fetched.files.head),
    affectedHead: sendFiles(fetched.files.affectedHead),
    config,
    repository,
    diagnostics: fetched.files.diagnostics,
    teamMembers,
  });

  const previous = prNumber !== null ? await store.latestReview(job.repoId, prNumber) : undefined;
  // A re-run of an older commit of the PR answers in its check run only: the PR's comments and
  // its latest review belong to the newest head.
  const olderCommit = job.trigger !== 'pull_request' && previous !== undefined && previous.headSha !== job.headSha;
  ctx.alive();
  if (!olderCommit) {
    // The dashboard attributes each finding to the owners of its file by the reviewed head's CODEOWNERS.
    const ownersOf = fetched.head ? await codeownersOf(fetched.head, blobs) : () => [];
    const owners = ownersByFingerprint(result.findings.map((f) => ({ fingerprint: f.fingerprint, file: f.location.file })), ownersOf);
    await store.saveReview({ ...repoRef(job), jobId: job.id, prNumber, headSha: job.headSha, baseSha, conclusion: result.conclusion, review: result, owners, ...(diagram ? { diagram } : {}) });
  }

  const acceptPulls = prNumber !== null ? [prNumber] : mergeGroupPulls(job.ref);
  const accepted = await acceptanceFor(store, job.repoId, acceptPulls, result, config.fail_on);
  const fixed = previous && !olderCommit ? openFindings(previous.review).filter((f) => !openFindings(result).some((g) => g.fingerprint === f.fingerprint)) : [];

  let comments: CommentResult | undefined;
  let resolved = 0;
  if (prNumber !== null && config.comments.mode !== 'off' && !olderCommit) {
    const pr = prNumber;
    const posted = await store.posted(job.repoId, pr);
    comments = await step(ctx, notes, 'Inline comments could not be posted', () => publishComments(ctx, pr, result, fetched, config, posted));
    if (comments?.error) notes.push(comments.error);
    // Without a comment step, every open finding not commented before is listed in the summary.
    comments ??= { posted: [], uncommented: openFindings(result).filter((f) => !posted.some((p) => p.fingerprint === f.fingerprint && !p.resolved)) };
    resolved = (await step(ctx, notes, 'The threads of fixed findings could not be settled', () => settleThreads(ctx, pr, result, notes))) ?? 0;
    const c = comments;
    await step(ctx, notes, 'The summary comment could not be updated', () => publishSummary(ctx, pr, { result, configErrors, comments: c, accepted, fixed, diagram }));
  }

  ctx.alive();
  const headHas = (p: string) => fetched.head?.files.has(p) ?? false;
  const conclusion = accepted ? 'success' : result.conclusion;
  const id = checkRunId ?? (await checkRunFor(ctx, prNumber));
  const title = checkTitle(result, config.fail_on, accepted);
  const offerAccept = conclusion === 'failure' && prNumber !== null;
  try {
    await completeCheckRun(gh, coords, id, {
      conclusion,
      output: {
        title,
        summary: renderSummary({
          review: result,
          configErrors,
          ...(comments ? { uncommented: comments.uncommented } : {}),
          ...(accepted ? { accepted } : {}),
          fixed,
          ...(diagram ? { diagram } : {}),
          link: blobLink(gh, coords, job.headSha),
          notes,
        }),
      },
      annotations: annotationsFor(result, config.fail_on, headHas),
      offerAccept,
    });
  } catch (err) {
    if (err instanceof JobLost) throw err;
    ctx.alive();
    // GitHub refused the full result (an annotation or a summary it rejects): the conclusion still lands, with why.
    const reason = describeError(err);
    log.warn({ err: { message: reason } }, 'the check run summary was refused: completing it without');
    await completeCheckRun(gh, coords, id, {
      conclusion,
      output: {
        title,
        summary: `The full summary of this check could not be published (${reason}).${prNumber !== null && config.comments.mode !== 'off' ? ' The summary comment on the pull request lists the findings.' : ''}\n`,
      },
      offerAccept,
    });
  }
  return { prNumber, conclusion, findings: openFindings(result).length, commented: comments?.posted.length ?? 0, resolved };
}

/**
 * One publishing step: what GitHub refuses becomes a note for the check run (and a log line), and the
 * review goes on with the next step. A job that is no longer ours stops here.
 */
async function step<T>(ctx: JobContext, notes: string[], what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof JobLost) throw err;
    ctx.alive();
    const reason = describeError(err);
    ctx.log.warn({ jobId: ctx.job.id, err: { message: reason } }, what);
    notes.push(`${what}: ${reason}.`);
    return undefined;
  }
}

/** A merge group commit sits on its base: the base is its first parent. */
async function firstParent(ctx: JobContext): Promise<string | null> {
  const { data } = await ctx.gh.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...ctx.coords, ref: ctx.job.headSha, per_page: 1 });
  return data.parents[0]?.sha ?? null;
}

/** The check run this job reports on: its own, the one an action was pressed on, or a new one. */
async function checkRunFor(ctx: JobContext, prNumber: number | null): Promise<number> {
  const { job, gh, coords, store } = ctx;
  if (job.checkRunId !== null) return job.checkRunId;
  if ((job.trigger === 'label' || job.trigger === 'acceptance') && prNumber !== null) {
    const latest = await store.latestReview(job.repoId, prNumber);
    const reviewed = latest && latest.headSha === job.headSha ? await store.job(latest.jobId) : undefined;
    if (reviewed?.checkRunId) {
      await store.setCheckRun(job.id, reviewed.checkRunId);
      return reviewed.checkRunId;
    }
  }
  const id = await createCheckRun(gh, coords, job.headSha, String(job.id));
  await store.setCheckRun(job.id, id);
  return id;
}

async function noInfrastructure(ctx: JobContext, checkRunId: number | null, prNumber: number | null, configProblems: number): Promise<void> {
  const { gh, coords, store, job } = ctx;
  // A summary left from an earlier push that did touch infrastructure must not keep stale findings.
  if (prNumber !== null) {
    const known = await store.summaryComment(job.repoId, prNumber);
    if (known) {
      const r = await publishSummaryComment(gh, coords, {
        issueNumber: prNumber,
        body: NO_LONGER_INFRASTRUCTURE,
        known,
        worthPosting: false,
      });
      if (r.state) await store.saveSummaryComment(job.repoId, prNumber, r.state.commentId, r.state.bodyHash);
    }
  }
  await completeCheckRun(gh, coords, checkRunId ?? (await checkRunFor(ctx, prNumber)), { conclusion: 'success', output: noInfrastructureOutput(configProblems) });
}

async function publishComments(ctx: JobContext, prNumber: number, result: Review, fetched: FetchedChange, config: Config, posted: PostedComment[]): Promise<CommentResult> {
  const { gh, coords, store, job } = ctx;
  ctx.alive();
  return publishReviewComments(gh, coords, {
    pullNumber: prNumber,
    headSha: job.headSha,
    review: result,
    files: fetched.changes.files,
    posted,
    suggestions: config.comments.suggestions,
    minSeverity: config.comments.min_severity,
    recover: job.attempts > 1,
    onPosted: async (created) => {
      for (const p of created) {
        await store.recordPosted({ ...repoRef(job), prNumber, fingerprint: p.fingerprint, commentId: p.commentId, threadNodeId: null, resolved: false });
      }
    },
  });
}

/** Resolves (or, where GitHub refuses, answers) the threads of findings that went away. */
async function settleThreads(ctx: JobContext, prNumber: number, result: Review, notes: string[]): Promise<number> {
  const { gh, coords, store, job, log } = ctx;
  const open = new Set(openFindings(result).map((f) => f.fingerprint));
  const gone = (await store.posted(job.repoId, prNumber)).filter((p) => !p.resolved && !open.has(p.fingerprint));
  if (gone.length === 0) return 0;
  ctx.alive();
  const settled = await settleFixedThreads(gh, coords, {
    pullNumber: prNumber,
    headSha: job.headSha,
    gone,
    onSettled: (fingerprint) => store.markResolved(job.repoId, prNumber, fingerprint),
  });
  const replied = settled.settled.filter((s) => s.how === 'replied').length;
  if (replied > 0) log.info({ replied }, 'threads could not be resolved: answered "Fixed in" instead');
  if (settled.failed.length > 0) {
    notes.push(
      `The review ${settled.failed.length === 1 ? 'thread' : 'threads'} of ${plural(settled.failed.length, 'fixed finding')} could not be resolved or answered (${settled.failed[0]!.error}); the next push tries again.`,
    );
  }
  return settled.settled.length;
}

async function publishSummary(
  ctx: JobContext,
  prNumber: number,
  s: { result: Review; configErrors: Parameters<typeof renderSummary>[0]['configErrors']; comments: CommentResult; accepted: Acceptance | undefined; fixed: Review['findings']; diagram: string | undefined },
): Promise<void> {
  const { gh, coords, store, job } = ctx;
  // No links and nothing per-push in the body: an unchanged review leaves the comment untouched.
  const body = renderSummary({
    review: s.result,
    configErrors: s.configErrors,
    uncommented: s.comments.uncommented,
    ...(s.accepted ? { accepted: s.accepted } : {}),
    fixed: s.fixed,
    ...(s.diagram ? { diagram: s.diagram } : {}),
  });
  const worthPosting = openFindings(s.result).length > 0 || s.fixed.length > 0 || s.configErrors.length > 0;
  const known = await store.summaryComment(job.repoId, prNumber);
  ctx.alive();
  const r = await publishSummaryComment(gh, coords, { issueNumber: prNumber, body, known, worthPosting });
  if (r.state && r.action !== 'unchanged') await store.saveSummaryComment(job.repoId, prNumber, r.state.commentId, r.state.bodyHash);
}
