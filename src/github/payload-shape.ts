/**
 * The fields the handlers read, checked before a signed delivery reaches them: a payload that
 * lacks one is answered 400 naming the field, instead of failing deep in a handler or the store
 * with an internal error. Events and actions the app does not handle are not checked.
 */

import { append } from '../model/index.js';

type Kind = 'int' | 'string' | 'sha' | 'bool?' | 'string?' | 'array';
type Rule = readonly [path: string, kind: Kind];

const REPO: Rule[] = [
  ['installation.id', 'int'],
  ['repository.id', 'int'],
  ['repository.name', 'string'],
  ['repository.owner.login', 'string'],
];
const PULL: Rule[] = [
  ['pull_request.number', 'int'],
  ['pull_request.state', 'string'],
  ['pull_request.draft', 'bool?'],
  ['pull_request.head.sha', 'sha'],
  ['pull_request.base.sha', 'sha'],
];
const PULL_LIST = (at: string): Rule[] => [[`${at}.pull_requests`, 'array'], [`${at}.pull_requests[].number`, 'int'], [`${at}.pull_requests[].base.sha`, 'sha']];

const RULES: Record<string, Rule[]> = {
  'pull_request.opened': PULL,
  'pull_request.synchronize': PULL,
  'pull_request.reopened': PULL,
  'pull_request.ready_for_review': PULL,
  'pull_request.labeled': [...PULL, ['label.name', 'string?'], ['sender.login', 'string']],
  'pull_request.unlabeled': [...PULL, ['label.name', 'string?'], ['sender.login', 'string']],
  'pull_request.closed': [...PULL, ['pull_request.merged', 'bool?'], ['pull_request.merge_commit_sha', 'string?'], ['pull_request.closed_at', 'string?']],
  'issue_comment.created': [['issue.number', 'int'], ['issue.state', 'string'], ['comment.body', 'string?'], ['comment.user.login', 'string']],
  'installation.deleted': [],
  'installation_repositories.removed': [['repositories_removed', 'array'], ['repositories_removed[].id', 'int']],
  'check_run.rerequested': [['check_run.name', 'string'], ['check_run.head_sha', 'sha'], ...PULL_LIST('check_run'), ['check_run.check_suite.head_branch', 'string?']],
  'check_run.requested_action': [['check_run.id', 'int'], ['check_run.name', 'string'], ['check_run.head_sha', 'sha'], ...PULL_LIST('check_run'), ['sender.login', 'string']],
  'check_suite.rerequested': [['check_suite.head_sha', 'sha'], ['check_suite.head_branch', 'string?'], ...PULL_LIST('check_suite')],
  'merge_group.checks_requested': [['merge_group.head_sha', 'sha'], ['merge_group.base_sha', 'sha'], ['merge_group.head_ref', 'string']],
  push: [['ref', 'string'], ['after', 'sha'], ['deleted', 'bool?'], ['repository.default_branch', 'string']],
};

/** Events about the installation itself: they name no repository. */
const NO_REPOSITORY = new Set(['installation', 'installation_repositories']);

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** What is wrong with a delivery the app handles (`<field> <problem>`), or undefined. */
export function payloadProblem(event: string, payload: unknown): string | undefined {
  if (!isObject(payload)) return 'the payload is not a JSON object';
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  const rules = RULES[action ? `${event}.${action}` : event] ?? RULES[event];
  if (!rules) return undefined;
  // Without an installation there is nothing to act as: the handlers ignore such deliveries.
  if (payload.installation === undefined || payload.installation === null) return undefined;
  const repo = NO_REPOSITORY.has(event) ? [['installation.id', 'int'] as const] : REPO;
  for (const [path, kind] of [...repo, ...rules]) {
    for (const value of valuesAt(payload, path)) {
      const problem = check(value, kind);
      if (problem) return `${path} ${problem}`;
    }
  }
  return undefined;
}

function check(value: unknown, kind: Kind): string | undefined {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : describe(value, 'a non-negative integer');
    case 'string':
      return typeof value === 'string' ? undefined : describe(value, 'a string');
    case 'sha':
      return typeof value === 'string' && SHA.test(value) ? undefined : describe(value, 'a commit SHA');
    case 'bool?':
      return value === undefined || value === null || typeof value === 'boolean' ? undefined : describe(value, 'a boolean');
    case 'string?':
      return value === undefined || value === null || typeof value === 'string' ? undefined : describe(value, 'a string');
    case 'array':
      return Array.isArray(value) ? undefined : describe(value, 'an array');
  }
}

/** Names what was found by its type only: the value itself is sender content and is not echoed. */
function describe(value: unknown, wanted: string): string {
  if (value === undefined) return 'is missing';
  const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return `must be ${wanted} (found ${found === 'string' ? 'another string' : found})`;
}

/** The values at a dotted path; `[]` fans out over an array's items. */
function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const part of path.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const v of current) {
      const child = isObject(v) ? v[key] : undefined;
      if (each) {
        if (Array.isArray(child)) append(next, child);
      } else next.push(child);
    }
    current = next;
  }
  return current;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
