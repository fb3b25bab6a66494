/** The fake GitHub (behind nock) with repository acme/infra and an installation client of the app, as the unit tests of fetching and publishing use them. */
import { afterEach, beforeEach, expect } from 'vitest';
import type { GitHub } from '../../../src/github/types.js';
import { FakeGitHub } from './github.js';
import { installationClient, testProbot } from './probot.js';
import { FakeRepo } from './repo.js';

export interface FakeSetup {
  gh: FakeGitHub;
  repo: FakeRepo;
  client: GitHub;
}

async function startFake(): Promise<FakeSetup> {
  const gh = new FakeGitHub();
  gh.start();
  const repo = gh.add(new FakeRepo('acme', 'infra', 100));
  return { gh, repo, client: await installationClient(testProbot().probot) };
}

/** Stops intercepting, and fails the test if any request body was one GitHub would refuse. */
function stopFake(gh: FakeGitHub): void {
  gh.stop();
  expect(gh.invalid).toEqual([]);
}

/**
 * A fresh fake GitHub, acme/infra and client for each test of the calling suite (its
 * beforeEach/afterEach are registered here). The handles returned are taken once, at the top of a
 * suite, and reach the current test's objects.
 */
export function useFake(): FakeSetup & { coords: { owner: 'acme'; repo: 'infra' } } {
  let current: FakeSetup | undefined;
  beforeEach(async () => {
    current = await startFake();
  });
  afterEach(() => {
    if (current) stopFake(current.gh);
    current = undefined;
  });
  const now = <K extends keyof FakeSetup>(k: K): FakeSetup[K] => {
    if (!current) throw new Error(`useFake: ${k} is there only while a test runs`);
    return current[k];
  };
  return { gh: forward(() => now('gh')), repo: forward(() => now('repo')), client: forward(() => now('client')), coords: { owner: 'acme', repo: 'infra' } };
}

/** An object that reads and writes through to whatever `target()` is at the time. */
function forward<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get: (_, k) => Reflect.get(target(), k),
    set: (_, k, v) => Reflect.set(target(), k, v),
    has: (_, k) => Reflect.has(target(), k),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, k) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), k);
      return d && { ...d, configurable: true };
    },
  });
}
