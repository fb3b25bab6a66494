/**
 * One review of a head SHA: check run in progress at once, config, fetch, engine, then publish.
 * Comments are published before the check run completes, so the check, the last word, can say
 * when comments could not be posted; an interrupted job re-runs from the start without posting
 * anything twice (fingerprints and the summary hash are remembered).
 */
import type { Config } from '../../config/types.js';
import type { Review } from '../../model/index.js';
import { failing, plural } from '../../report/format.js';
import { loadConfig } from '../config.js';
import { BlobFetcher } from '../fetch/blobs.js';
import { teamsToAsk } from '../../analysis/index.js';
import { fetchChange, type FetchedChange } from '../fetch/index.js';
import { fetchTeamMembers } from '../fetch/teams.js';
import { annotationsFor, completeCheckRun, createCheckRun, endCheckRun } from '../publish/check-run.js';
import { publishReviewComments, type CommentResult } from '../publish/review-comments.js';
import { publishSummaryComment } from '../publish/summary-comment.js';
import { renderSummary, type Acceptance } from '../publish/summary.js';
import { acceptanceFor, mergeGroupPulls, openFindings } from './acceptance.js';
import { JobLost, blobCache, blobLink, repoRef, type JobContext } from './context.js';
import { sendFiles } from './engine-work.js';
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

  const checkRunId = await checkRunFor(ctx, prNumber);
  const blobs = new BlobFetcher(gh, coords, blobCache(store, job));
  const fetched = await fetchChange(gh, coords, { base: baseSha, head: job.headSha, ...(prNumber !== null ? { pullNumber: prNumber } : {}), config, blobs });
  log.debug({ changedFiles: fetched.changed.length, iacFiles: fetched.files?.iacChanged.length ?? 0, blobsFetched: blobs.fetched }, 'fetched the change');
  ctx.alive();

  if (!fetched.files || fetched.files.iacChanged.length === 0) {
    await noInfrastructure(ctx, checkRunId, prNumber, configErrors.length);
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
  if (!olderCommit) await store.saveReview({ ...repoRef(job), jobId: job.id, prNumber, headSha: job.headSha, baseSha, conclusion: result.conclusion, review: result });

  const acceptPulls = prNumber !== null ? [prNumber] : mergeGroupPulls(job.ref);
  const accepted = await acceptanceFor(store, job.repoId, acceptPulls, result, config.fail_on);
  const fixed = previous && !olderCommit ? openFindings(previous.review).filter((f) => !openFindings(result).some((g) => g.fingerprint === f.fingerprint)) : [];

  let comments: CommentResult | undefined;
  const notes: string[] = [];
  if (prNumber !== null && config.comments.mode !== 'off' && !olderCommit) {
    try {
      comments = await publishComments(ctx, prNumber, result, fetched, config);
      if (comments.error) notes.push(comments.error);
      await publishSummary(ctx, prNumber, { result, configErrors, comments, accepted, fixed, diagram });
    } catch (err) {
      if (err instanceof JobLost) throw err;
      log.warn({ err: { message: (err as Error).message } }, 'comments could not be published');
      notes.push(`Comments could not be posted: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  ctx.alive();
  const headHas = (p: string) => fetched.head?.files.has(p) ?? false;
  const conclusion = accepted ? 'success' : result.conclusion;
  await completeCheckRun(gh, coords, checkRunId, {
    conclusion,
    output: {
      title: checkTitle(result, config, accepted),
      summary: renderSummary({
        review: result,
        configErrors,
        outside: comments?.outside ?? [],
        ...(accepted ? { accepted } : {}),
        fixed,
        ...(diagram ? { diagram } : {}),
        link: blobLink(gh, coords, job.headSha),
        notes,
      }),
    },
    annotations: annotationsFor(result, config.fail_on, headHas),
    offerAccept: conclusion === 'failure' && prNumber !== null,
  });
  return { prNumber, conclusion, findings: openFindings(result).length, commented: comments?.posted.length ?? 0, resolved: comments?.resolved.length ?? 0 };
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

async function noInfrastructure(ctx: JobContext, checkRunId: number, prNumber: number | null, configProblems: number): Promise<void> {
  const { gh, coords, store, job } = ctx;
  // A summary left from an earlier push that did touch infrastructure must not keep stale findings.
  if (prNumber !== null) {
    const known = await store.summaryComment(job.repoId, prNumber);
    if (known) {
      const r = await publishSummaryComment(gh, coords, {
        issueNumber: prNumber,
        body: '## SPOF review: ✅ success\n\nThis pull request no longer changes any infrastructure file.\n',
        known,
        worthPosting: false,
      });
      if (r.state) await store.saveSummaryComment(job.repoId, prNumber, r.state.commentId, r.state.bodyHash);
    }
  }
  await completeCheckRun(gh, coords, checkRunId, {
    conclusion: 'success',
    output: {
      title: 'No infrastructure change',
      summary: `This change touches no infrastructure-as-code file spof-review reads (Terraform), so it cannot add a single point of failure.${
        configProblems > 0 ? `\n\n\`.github/spof-review.yml\` has ${plural(configProblems, 'problem')}; they matter once infrastructure changes.` : ''
      }\n`,
    },
  });
}

async function publishComments(ctx: JobContext, prNumber: number, result: Review, fetched: FetchedChange, config: Config): Promise<CommentResult> {
  const { gh, coords, store, job } = ctx;
  const posted = await store.posted(job.repoId, prNumber);
  ctx.alive();
  const comments = await publishReviewComments(gh, coords, {
    pullNumber: prNumber,
    headSha: job.headSha,
    review: result,
    files: fetched.changes.files,
    posted,
    suggestions: config.comments.suggestions,
    recover: job.attempts > 1,
  });
  for (const p of comments.posted) {
    await store.recordPosted({ ...repoRef(job), prNumber, fingerprint: p.fingerprint, commentId: p.commentId, threadNodeId: null, resolved: false });
  }
  for (const fp of comments.resolved) await store.markResolved(job.repoId, prNumber, fp);
  return comments;
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
    outside: s.comments.outside,
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

function checkTitle(result: Review, config: Config, accepted: Acceptance | undefined): string {
  const open = openFindings(result);
  if (accepted) return `Risk accepted by ${accepted.by.map((b) => `@${b}`).join(', ')}`;
  if (open.length === 0) {
    return result.counts['resolved-spof'] > 0 ? `${plural(result.counts['resolved-spof'], 'SPOF')} resolved, none introduced` : 'No single point of failure introduced';
  }
  const parts: string[] = [];
  if (result.counts['new-spof'] > 0) parts.push(plural(result.counts['new-spof'], 'new SPOF'));
  if (result.counts['redundancy-reduced'] > 0) parts.push(`${result.counts['redundancy-reduced']} redundancy reduced`);
  if (result.counts['blast-radius-grown'] > 0) parts.push(`${result.counts['blast-radius-grown']} blast radius grown`);
  const over = config.fail_on === 'never' ? 0 : failing(result, config.fail_on).length;
  return `${parts.join(', ')}${over > 0 ? ` (${over} at or above ${config.fail_on})` : ''}`;
}
