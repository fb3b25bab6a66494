/**
 * Webhook payloads shaped like GitHub's: each starts from the matching example of
 * `@octokit/webhooks-examples` and gets the repository, installation and commits of the test.
 */
import { createRequire } from 'node:module';
import type { FakeRepo } from './repo.js';

interface Definition {
  name: string;
  examples: Record<string, any>[];
}

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as Definition[];

function example(name: string, action?: string): Record<string, any> {
  const def = definitions.find((d) => d.name === name);
  const ex = def?.examples.find((e) => (action ? e.action === action : true));
  if (!ex) throw new Error(`no example for ${name}.${action}`);
  return structuredClone(ex);
}

function place(payload: Record<string, any>, repo: FakeRepo): Record<string, any> {
  payload.repository = {
    ...payload.repository,
    id: repo.id,
    name: repo.name,
    full_name: repo.fullName,
    owner: { ...(payload.repository?.owner ?? {}), login: repo.owner },
    default_branch: repo.defaultBranch,
  };
  payload.installation = { id: repo.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return payload;
}

export interface PullSpec {
  number: number;
  head: string;
  base: string;
  draft?: boolean;
  /** `owner/name` of a fork the PR comes from. */
  fork?: string;
}

export function pullRequest(action: string, repo: FakeRepo, pull: PullSpec, extra: Record<string, any> = {}): Record<string, any> {
  const p = place(example('pull_request', action), repo);
  const pr = p.pull_request;
  p.number = pull.number;
  pr.number = pull.number;
  pr.state = 'open';
  pr.draft = pull.draft ?? false;
  const headRepo = pull.fork ? { ...p.repository, id: repo.id + 1_000_000, full_name: pull.fork, name: pull.fork.split('/')[1], owner: { ...p.repository.owner, login: pull.fork.split('/')[0] }, fork: true } : p.repository;
  pr.head = { ...pr.head, sha: pull.head, ref: 'feature', label: `${headRepo.owner.login}:feature`, repo: headRepo };
  pr.base = { ...pr.base, sha: pull.base, ref: repo.defaultBranch, label: `${repo.owner}:${repo.defaultBranch}`, repo: p.repository };
  if (action === 'synchronize') {
    p.before = '0'.repeat(39) + '1';
    p.after = pull.head;
  }
  return Object.assign(p, extra);
}

export function labeled(repo: FakeRepo, pull: PullSpec, label: string, sender = 'octocat', action: 'labeled' | 'unlabeled' = 'labeled'): Record<string, any> {
  const p = pullRequest(action, repo, pull);
  p.label = { ...p.label, name: label };
  p.sender = { ...p.sender, login: sender };
  return p;
}

export function closed(repo: FakeRepo, pull: PullSpec, merged: boolean, mergeSha = 'f'.repeat(40)): Record<string, any> {
  const p = pullRequest('closed', repo, pull);
  Object.assign(p.pull_request, { state: 'closed', merged, merge_commit_sha: merged ? mergeSha : null, closed_at: '2026-12-01T10:00:00Z', merged_at: merged ? '2026-12-01T10:00:00Z' : null });
  return p;
}

/** A comment in a pull request's conversation (GitHub sends it as an issue comment with `issue.pull_request`). */
export function issueComment(repo: FakeRepo, pull: PullSpec, body: string, sender = 'octocat', opts: { author?: string; bot?: boolean } = {}): Record<string, any> {
  const p = place(example('issue_comment', 'created'), repo);
  p.issue = {
    ...p.issue,
    number: pull.number,
    state: 'open',
    user: { ...p.issue.user, login: opts.author ?? 'Codertocat' },
    pull_request: { url: `https://api.github.com/repos/${repo.fullName}/pulls/${pull.number}`, html_url: `https://github.com/${repo.fullName}/pull/${pull.number}`, diff_url: '', patch_url: '', merged_at: null },
  };
  p.comment = { ...p.comment, id: 9_000_000 + pull.number, body, user: { ...p.comment.user, login: sender, type: opts.bot ? 'Bot' : 'User' } };
  p.sender = { ...p.sender, login: sender };
  return p;
}

export function installationDeleted(installationId: number): Record<string, any> {
  const p = example('installation', 'deleted');
  p.installation = { ...p.installation, id: installationId };
  return p;
}

export function installationCreated(installationId: number, repos: FakeRepo[]): Record<string, any> {
  const p = example('installation', 'created');
  p.installation = { ...p.installation, id: installationId };
  p.repositories = repos.map((r) => ({ id: r.id, node_id: 'R_x', name: r.name, full_name: r.fullName, private: true }));
  return p;
}

export function repositoriesAdded(installationId: number, repos: FakeRepo[]): Record<string, any> {
  const p = example('installation_repositories', 'added');
  p.installation = { ...p.installation, id: installationId };
  p.repositories_added = repos.map((r) => ({ id: r.id, node_id: 'R_x', name: r.name, full_name: r.fullName, private: true }));
  p.repositories_removed = [];
  return p;
}

export function repositoriesRemoved(installationId: number, repos: FakeRepo[]): Record<string, any> {
  const p = example('installation_repositories', 'removed');
  p.installation = { ...p.installation, id: installationId };
  p.repositories_removed = repos.map((r) => ({ id: r.id, node_id: 'R_x', name: r.name, full_name: r.fullName, private: true }));
  return p;
}

export function checkRun(action: 'rerequested' | 'requested_action', repo: FakeRepo, run: { id: number; headSha: string; pull?: PullSpec; sender?: string; headBranch?: string }): Record<string, any> {
  const p = place(example('check_run', action), repo);
  p.check_run = {
    ...p.check_run,
    id: run.id,
    name: 'SPOF review',
    head_sha: run.headSha,
    pull_requests: run.pull ? [pullRef(repo, run.pull)] : [],
    check_suite: { ...p.check_run.check_suite, head_sha: run.headSha, head_branch: run.headBranch ?? 'feature', pull_requests: run.pull ? [pullRef(repo, run.pull)] : [] },
  };
  if (action === 'requested_action') p.requested_action = { identifier: 'accept_risk' };
  p.sender = { ...p.sender, login: run.sender ?? 'octocat' };
  return p;
}

export function checkSuite(repo: FakeRepo, suite: { headSha: string; pull?: PullSpec; headBranch?: string }): Record<string, any> {
  const p = place(example('check_suite', 'rerequested'), repo);
  p.check_suite = { ...p.check_suite, head_sha: suite.headSha, head_branch: suite.headBranch ?? 'feature', pull_requests: suite.pull ? [pullRef(repo, suite.pull)] : [] };
  return p;
}

export function mergeGroup(repo: FakeRepo, group: { head: string; base: string; pulls: number[] }): Record<string, any> {
  const p = place(example('merge_group', 'checks_requested'), repo);
  p.merge_group = {
    ...p.merge_group,
    head_sha: group.head,
    base_sha: group.base,
    base_ref: `refs/heads/${repo.defaultBranch}`,
    head_ref: `refs/heads/gh-readonly-queue/${repo.defaultBranch}/${group.pulls.map((n) => `pr-${n}-${group.head}`).join('-')}`,
  };
  return p;
}

export function push(repo: FakeRepo, after: string, ref = `refs/heads/${repo.defaultBranch}`): Record<string, any> {
  const p = place(example('push'), repo);
  return Object.assign(p, { ref, before: '0'.repeat(40), after, created: false, deleted: false });
}

function pullRef(repo: FakeRepo, pull: PullSpec) {
  const r = { id: repo.id, url: `https://api.github.com/repos/${repo.fullName}`, name: repo.name };
  return { url: `https://api.github.com/repos/${repo.fullName}/pulls/${pull.number}`, id: pull.number, number: pull.number, head: { ref: 'feature', sha: pull.head, repo: r }, base: { ref: repo.defaultBranch, sha: pull.base, repo: r } };
}
