/** The fake GitHub (behind nock) with repository acme/infra and an installation client of the app, as the unit tests of fetching and publishing use them. */
import { expect } from 'vitest';
import type { GitHub } from '../../../src/github/types.js';
import { FakeGitHub } from './github.js';
import { installationClient, testProbot } from './probot.js';
import { FakeRepo } from './repo.js';

export interface FakeSetup {
  gh: FakeGitHub;
  repo: FakeRepo;
  client: GitHub;
}

export async function startFake(): Promise<FakeSetup> {
  const gh = new FakeGitHub();
  gh.start();
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  return { gh, repo, client: await installationClient(testProbot().probot) };
}

/** Stops intercepting, and fails the test if any request body was one GitHub would refuse. */
export function stopFake(gh: FakeGitHub): void {
  gh.stop();
  expect(gh.invalid).toEqual([]);
}
