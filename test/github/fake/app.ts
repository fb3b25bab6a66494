/** The app loaded into a Probot, with the real store (in-memory SQLite) and the fake GitHub. */
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { spofReviewApp } from '../../../src/github/app.js';
import type { JobRunner, RunnerOptions } from '../../../src/github/jobs/runner.js';
import { openStore, type KyselyStore } from '../../../src/store/index.js';
import { FakeGitHub } from './github.js';
import { testProbot } from './probot.js';
import { FakeRepo } from './repo.js';

export interface Harness {
  gh: FakeGitHub;
  repo: FakeRepo;
  store: KyselyStore;
  probot: Probot;
  runner: JobRunner;
  logs: string[];
  /** Delivers a webhook as the endpoint does after verifying it; returns the delivery id. */
  deliver(name: string, payload: Record<string, unknown>, id?: string): Promise<string>;
  /** Waits until every job recorded so far has run. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

// The engine runs on the calling thread here (quick to start); test/hostile/app-engine-threads runs it on threads.
export const FAST_RUNNER: Partial<RunnerOptions> = { pollMs: 25, leaseMs: 5_000, concurrency: 4, workerId: 'test-worker', engineThreads: 0 };

export async function harness(opts: { store?: KyselyStore; runner?: Partial<RunnerOptions>; work?: boolean; gh?: FakeGitHub; repo?: FakeRepo } = {}): Promise<Harness> {
  const gh = opts.gh ?? new FakeGitHub();
  if (!opts.gh) gh.start();
  const repo = opts.repo ?? gh.add(new FakeRepo('acme', 'infra', 100));
  const store = opts.store ?? (await openStore({ SPOF_REVIEW_DB: ':memory:' }));
  const { probot, logs } = testProbot();
  await probot.ready();
  const app = spofReviewApp(probot, { store, runner: { ...FAST_RUNNER, ...opts.runner }, work: opts.work ?? true });
  // In-process workers (no `thread`): the runner is a JobRunner.
  const runner = app.runner as JobRunner;
  return {
    gh,
    repo,
    store,
    probot,
    runner,
    logs,
    async deliver(name, payload, id = randomUUID()) {
      await app.events.receive({ id, name, payload });
      return id;
    },
    settle: () => runner.idle(),
    async close() {
      await runner.stop();
      if (!opts.gh) gh.stop();
      if (!opts.store) await store.close();
    },
  };
}
