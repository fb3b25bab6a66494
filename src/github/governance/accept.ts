/**
 * Accepting and revoking risk, governed (config `accept`): the request names who asks, how (the
 * `/spof-review accept <reason>` comment, the accept label, the check run's button) and on which
 * head; it is refused unless a review of that head has open findings, a reason is given where one
 * is required, and the actor may accept (authorize.ts). Every outcome lands in the acceptance trail;
 * an accepted request records the acceptance (with its expiry) and the caller re-concludes the check;
 * a refused one leaves the check as it was and says why in a reply.
 */
import { parseDuration } from '../../config/parse.js';
import type { Config } from '../../config/types.js';
import type { Finding } from '../../model/index.js';
import { plural } from '../../report/format.js';
import type { AcceptanceVia, RepoRef, Store } from '../../store/types.js';
import { openFindings } from '../jobs/acceptance.js';
import { describeError, type GitHub } from '../types.js';
import { mayAccept } from './authorize.js';

export interface AcceptRequest {
  ref: RepoRef;
  prNumber: number;
  /** The head the actor saw: a stale one accepts nothing. */
  headSha: string;
  author: string | null;
  actor: string;
  via: AcceptanceVia;
  reason: string | null;
  deliveryId: string;
}

export interface Reply {
  log: { warn(obj: object, msg: string): void };
}

export type AcceptResult = { accepted: true; fingerprints: string[] } | { accepted: false; why: string | undefined };

export async function requestAcceptance(store: Store, gh: GitHub, config: Config, req: AcceptRequest, reply: Reply, now = new Date()): Promise<AcceptResult> {
  const latest = await store.latestReview(req.ref.repoId, req.prNumber);
  const open = latest && latest.headSha === req.headSha ? openFindings(latest.review) : [];
  // A label or button on a pull request with nothing to accept is no request; a command gets an answer.
  if (req.via !== 'comment' && open.length === 0) return { accepted: false, why: undefined };
  const refuse = async (why: string): Promise<AcceptResult> => {
    await store.recordAcceptanceEvent({
      ...req.ref, prNumber: req.prNumber, headSha: req.headSha, action: 'refused', actor: req.actor, via: req.via, reason: req.reason,
      detail: why, fingerprints: open.map((f) => f.fingerprint), expiresAt: null, deliveryId: req.deliveryId,
    });
    await post(gh, req, `❌ @${req.actor}, the risk was **not accepted**: ${why}. The check is unchanged.`, reply);
    return { accepted: false, why };
  };
  if (!latest) return refuse('spof-review has not reviewed this pull request yet');
  if (latest.headSha !== req.headSha) return refuse(`the newest commit (${req.headSha.slice(0, 7)}) has not been reviewed yet; accept once its check completes`);
  if (open.length === 0) return refuse('the latest review has no open finding, so there is nothing to accept');
  if (config.accept.require_reason && !req.reason) {
    return refuse('a reason is required (`accept.require_reason`): comment `/spof-review accept <why the risk is acceptable>`');
  }
  const decision = await mayAccept(gh, { owner: req.ref.owner, repo: req.ref.repo }, config.accept, {
    actor: req.actor,
    author: req.author,
    files: open.map((f) => f.location.file),
  });
  if (!decision.ok) return refuse(decision.why);

  const seconds = config.accept.expires_after ? parseDuration(config.accept.expires_after) : null;
  const expiresAt = seconds ? new Date(now.getTime() + seconds * 1000) : null;
  const fingerprints = open.map((f) => f.fingerprint);
  await store.recordAcceptance({ ...req.ref, prNumber: req.prNumber, headSha: req.headSha, fingerprints, acceptedBy: req.actor, via: req.via, note: req.reason, expiresAt });
  await store.recordAcceptanceEvent({
    ...req.ref, prNumber: req.prNumber, headSha: req.headSha, action: 'accepted', actor: req.actor, via: req.via, reason: req.reason,
    detail: `@${req.actor} ${decision.as}`, fingerprints, expiresAt, deliveryId: req.deliveryId,
  });
  // The label and the button show in the check itself; a command is answered where it was given.
  if (req.via === 'comment') await post(gh, req, acceptedText(req, open, expiresAt, config.accept_label), reply);
  return { accepted: true, fingerprints };
}

function acceptedText(req: AcceptRequest, open: readonly Finding[], expiresAt: Date | null, label: string): string {
  const until = expiresAt ? ` until ${utc(expiresAt)}` : '';
  return [
    `✅ Risk **accepted** by @${req.actor} for ${plural(open.length, 'finding')} of ${req.headSha.slice(0, 7)}${until}. The check passes; a new finding on a later push fails it again.`,
    '',
    `Removing the \`${label}\` label revokes the acceptance.`,
  ].join('\n');
}

export function utc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Revokes the pull request's acceptances in force; true when there were some (the caller re-concludes the check). */
export async function revokeAcceptances(
  store: Store,
  gh: GitHub,
  req: { ref: RepoRef; prNumber: number; headSha: string; actor: string; label: string; deliveryId: string },
  reply: Reply,
): Promise<boolean> {
  const revoked = await store.revokeAcceptances(req.ref.repoId, req.prNumber, req.actor);
  if (revoked.length === 0) return false;
  const by = [...new Set(revoked.map((a) => `@${a.acceptedBy}`))].join(', ');
  await store.recordAcceptanceEvent({
    ...req.ref, prNumber: req.prNumber, headSha: req.headSha, action: 'revoked', actor: req.actor, via: 'label', reason: null,
    detail: `the \`${req.label}\` label was removed; revoked the acceptance by ${by}`, fingerprints: revoked.flatMap((a) => a.fingerprints),
    expiresAt: null, deliveryId: req.deliveryId,
  });
  await post(gh, { ref: req.ref, prNumber: req.prNumber }, `↩️ @${req.actor} removed the \`${req.label}\` label: the risk accepted by ${by} is **no longer accepted**, and the check is concluded again.`, reply);
  return true;
}

async function post(gh: GitHub, at: { ref: RepoRef; prNumber: number }, body: string, reply: Reply): Promise<void> {
  try {
    await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: at.ref.owner, repo: at.ref.repo, issue_number: at.prNumber, body });
  } catch (err) {
    // The decision is recorded and acted on; an answer that could not be posted is only logged.
    reply.log.warn({ err: { message: describeError(err) } }, 'could not reply to an acceptance request');
  }
}
