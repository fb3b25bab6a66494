/** What the workflow run is about, from the event payload the runner wrote (`GITHUB_EVENT_PATH`). */
import { readFile } from 'node:fs/promises';
import type { RepoCoords } from '../github/types.js';
import type { Env } from './runner.js';

/** A problem with how the action is used (event, inputs, checkout): the job fails with the reason. */
export class ActionError extends Error {}

export interface ActionEvent {
  name: 'pull_request' | 'pull_request_target' | 'merge_group';
  coords: RepoCoords;
  /** The pull request; absent for a merge group. */
  pullNumber?: number;
  /** The base commit as the event gives it: the PR's base branch tip, or the merge group's base. */
  baseSha: string;
  /** The commit reviewed (the PR's head, not the merge commit the runner checks out). */
  headSha: string;
}

const SHA = /^[0-9a-f]{40}$/;

export async function readEvent(env: Env): Promise<ActionEvent> {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (name !== 'pull_request' && name !== 'pull_request_target' && name !== 'merge_group') {
    throw new ActionError(`spof-review reviews pull_request and merge_group events, not "${name || 'unknown'}": run it "on: pull_request" (and "merge_group")`);
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new ActionError('GITHUB_REPOSITORY (owner/name) is not set');
  if (!env.GITHUB_EVENT_PATH) throw new ActionError('GITHUB_EVENT_PATH is not set');
  let payload: any;
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch (e) {
    throw new ActionError(`cannot read the event payload: ${(e as Error).message.split('\n')[0]}`);
  }
  const sha = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || !SHA.test(v)) throw new ActionError(`the ${name} event has no ${what}`);
    return v;
  };
  const coords = { owner, repo };
  if (name === 'merge_group') {
    return { name, coords, baseSha: sha(payload?.merge_group?.base_sha, 'merge_group.base_sha'), headSha: sha(payload?.merge_group?.head_sha, 'merge_group.head_sha') };
  }
  const pr = payload?.pull_request;
  if (typeof pr?.number !== 'number') throw new ActionError(`the ${name} event has no pull_request.number`);
  return { name, coords, pullNumber: pr.number, baseSha: sha(pr.base?.sha, 'pull_request.base.sha'), headSha: sha(pr.head?.sha, 'pull_request.head.sha') };
}
