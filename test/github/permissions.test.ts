/**
 * app.yml grants what the code uses, so a registered app works the first time: every REST route,
 * GraphQL operation and repo-config read in src/github, and every event a handler listens to, is
 * found by scanning the source and must need only permissions app.yml grants (and events it
 * subscribes to). A new call the table does not know fails here until its permission is looked up
 * (GitHub's "Permissions required for GitHub Apps") and app.yml and README say it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRequest } from './openapi.js';

type Level = 'read' | 'write';
/** Any one of these grants the call. */
type Needs = [permission: string, level: Level][];

const REST: Record<string, Needs> = {
  'GET /repos/{owner}/{repo}': [['metadata', 'read']],
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/compare/{basehead}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/commits/{ref}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/contents/{path}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments': [['pull_requests', 'read']],
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': [['pull_requests', 'write']],
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies': [['pull_requests', 'write']],
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': [['pull_requests', 'read'], ['issues', 'read']],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': [['pull_requests', 'write'], ['issues', 'write']],
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': [['pull_requests', 'write'], ['issues', 'write']],
  'POST /repos/{owner}/{repo}/check-runs': [['checks', 'write']],
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': [['checks', 'write']],
  'GET /orgs/{org}/teams/{team_slug}/members': [['members', 'read']],
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': [['metadata', 'read']],
  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}': [['members', 'read']],
};

const GRAPHQL: Record<string, Needs> = {
  'query Blobs': [['contents', 'read']],
  'query Threads': [['pull_requests', 'read']],
  'mutation Resolve': [['pull_requests', 'write']],
};

/** Webhook event -> the permission without which GitHub does not deliver it. */
const EVENTS: Record<string, Needs> = {
  pull_request: [['pull_requests', 'read']],
  check_run: [['checks', 'read']],
  check_suite: [['checks', 'read']],
  merge_group: [['merge_queues', 'read']],
  push: [['contents', 'read']],
  issue_comment: [['issues', 'read'], ['pull_requests', 'read']],
};

/** Sent to every app without a subscription (a manifest may not list them). */
const AUTOMATIC = new Set(['installation', 'installation_repositories']);

/** How README's hand-setup list names a permission. */
const TITLES: Record<string, string> = { checks: 'Checks', pull_requests: 'Pull requests', contents: 'Contents', metadata: 'Metadata', merge_queues: 'Merge queues', issues: 'Issues', members: 'Members' };

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

const SRC = sources('src/github');
const manifest = parse(readFileSync('app.yml', 'utf8')) as { default_permissions: Record<string, Level>; default_events: string[] };

function granted(needs: Needs): boolean {
  return needs.some(([p, level]) => {
    const has = manifest.default_permissions[p];
    return has === 'write' || (has === 'read' && level === 'read');
  });
}

/** What the code calls: REST routes (request/paginate), GraphQL operations, repo config reads, events handled. */
function used() {
  const rest = new Set<string>();
  const graphql = new Set<string>();
  const events = new Set<string>();
  for (const { text } of SRC) {
    for (const m of text.matchAll(/\b(?:request|paginate|iterator)\(\s*['"`]([A-Z]+ \/[^'"`]+)['"`]/g)) rest.add(m[1]!);
    for (const m of text.matchAll(/`\s*(query|mutation)\s+(\w+)\s*[({]/g)) graphql.add(`${m[1]} ${m[2]}`);
    // octokit-plugin-config reads the file through the contents API.
    if (/\.config\.get\(/.test(text)) rest.add('GET /repos/{owner}/{repo}/contents/{path}');
    for (const m of text.matchAll(/events\.on\(\s*'(\w+)(?:\.\w+)?'/g)) events.add(m[1]!);
    if (/events\.on\(\s*\[\.\.\.PULL_REQUEST_ACTIONS\]/.test(text)) events.add('pull_request');
  }
  return { rest, graphql, events };
}

describe('app.yml grants what the code uses', () => {
  const { rest, graphql, events } = used();

  it('finds the calls (the scan itself works)', () => {
    expect(rest.size).toBeGreaterThanOrEqual(14);
    expect(rest).toContain('POST /repos/{owner}/{repo}/check-runs');
    expect(graphql).toContain('query Blobs');
    expect(events).toEqual(new Set(['pull_request', 'check_run', 'check_suite', 'merge_group', 'push', 'issue_comment', 'installation', 'installation_repositories']));
  });

  it('every REST route the code calls is a GitHub operation whose permission app.yml grants', () => {
    const problems: string[] = [];
    for (const route of rest) {
      const needs = REST[route];
      if (!needs) problems.push(`${route}: not in the permission table`);
      else if (!granted(needs)) problems.push(`${route}: needs ${needs.map((n) => n.join(':')).join(' or ')}`);
      const [method, path] = route.split(' ') as [string, string];
      if (checkRequest(method, path.replace(/\{[^}]+\}/g, 'x'), undefined).operationId === '?') problems.push(`${route}: not a GitHub REST operation`);
    }
    expect(problems).toEqual([]);
  });

  it('every GraphQL operation needs only granted permissions', () => {
    expect([...graphql].filter((op) => !GRAPHQL[op] || !granted(GRAPHQL[op]!))).toEqual([]);
  });

  it('every event a handler listens to is subscribed, with the permission GitHub delivers it for', () => {
    expect([...events].filter((e) => !AUTOMATIC.has(e) && !manifest.default_events.includes(e))).toEqual([]);
    expect(manifest.default_events.filter((e) => AUTOMATIC.has(e))).toEqual([]);
    expect(manifest.default_events.filter((e) => !EVENTS[e] || !granted(EVENTS[e]!))).toEqual([]);
    expect(manifest.default_permissions.merge_queues).toBe('read');
  });

  it('README\'s hand-setup list names exactly the permissions and events app.yml has', () => {
    const readme = readFileSync('README.md', 'utf8');
    const perms = /the permissions ((?:\*\*[^*]+\*\*(?:, | and )?)+)/.exec(readme)?.[1] ?? '';
    const listed = [...perms.matchAll(/\*\*([^*]+)\*\*/g)].flatMap((m) => m[1]!.split(/,\s*/));
    const expected = Object.entries(manifest.default_permissions).map(([p, level]) => `${TITLES[p] ?? p}: ${level}`);
    expect(listed.sort()).toEqual(expected.sort());
    const eventList = /the events \*\*([^*]+)\*\*/.exec(readme)?.[1] ?? '';
    const title = (e: string) => e.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    expect(eventList.split(/,\s*/).sort()).toEqual(manifest.default_events.map(title).sort());
  });
});
