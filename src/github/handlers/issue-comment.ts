/**
 * issue_comment.created on a pull request: `/spof-review accept <reason>` asks to accept the risk
 * of the latest review's open findings (governance/accept.ts decides and answers). Other comments,
 * comments on issues and comments by bots cost nothing.
 */
import type { AppEvents } from '../events.js';
import { loadConfig } from '../config.js';
import { parseCommand } from '../governance/command.js';
import { requestAcceptance } from '../governance/accept.js';
import { refOf, type HandlerDeps } from './deps.js';

export function onIssueComment(events: AppEvents, deps: HandlerDeps): void {
  events.on('issue_comment.created', async (context) => {
    const { issue, comment } = context.payload;
    const ref = refOf(context.payload);
    if (!ref || !issue.pull_request || issue.state !== 'open' || comment.user?.type === 'Bot') return;
    const command = parseCommand(comment.body ?? '');
    if (!command || !comment.user) return;
    const gh = await deps.github(ref.installationId);
    const { config } = await loadConfig(gh, { owner: ref.owner, repo: ref.repo });
    if (!config.enabled) return;
    // The comment names no commit: the acceptance is for the pull request's head, if that is what was reviewed.
    const { data: pr } = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: ref.owner, repo: ref.repo, pull_number: issue.number });
    const result = await requestAcceptance(deps.store, gh, config, {
      ref, prNumber: issue.number, headSha: pr.head.sha, author: pr.user?.login ?? issue.user?.login ?? null, actor: comment.user.login,
      via: 'comment', reason: command.reason, deliveryId: context.id,
    }, { log: context.log });
    if (!result.accepted) return;
    const { created } = await deps.store.enqueue({ ...ref, prNumber: issue.number, headSha: pr.head.sha, baseSha: pr.base.sha, trigger: 'acceptance', deliveryId: context.id });
    if (created) deps.kick();
  });
}
