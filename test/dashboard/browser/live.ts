/**
 * The dashboard as it runs: the app's Hono dashboard (sign-in, sessions, access, routes) over the
 * page renderers and the store's read side, on a loopback port, with the store written by
 * `seedDashboard` and the GitHub stand-in answering sign-in and access. Used by the browser tests
 * and by `npm run docs:screenshots`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ProbotOctokit } from 'probot';
import { dashboardApp } from '../../../src/dashboard/app.js';
import { dashboardConfig } from '../../../src/dashboard/config.js';
import { openStore } from '../../../src/store/index.js';
import { createDashboardQueries } from '../../../src/store/index.js';
import { FakeGitHub } from '../../github/fake/github.js';
import { REPOS, VISIBLE, seedClock, seedDashboard } from '../demo-seed.js';

export const CHROMIUM = '/usr/bin/chromium';
export const APP_ID = 4343;

export interface LiveDashboard {
  origin: string;
  github: string;
  gh: FakeGitHub;
  close(): Promise<void>;
}

export async function startLiveDashboard(now = new Date()): Promise<LiveDashboard> {
  const dir = mkdtempSync(join(tmpdir(), 'spof-dash-'));
  const clock = seedClock(now);
  const store = await openStore({ SPOF_REVIEW_DB: join(dir, 'dashboard.db') }, { now: clock.now });
  await seedDashboard(store, clock, now);

  const gh = new FakeGitHub();
  const github = await gh.listen();
  const u = gh.users;
  u.client.appId = APP_ID;
  const repo = (r: (typeof VISIBLE)[number]) => ({ id: r.repoId, owner: r.owner, name: r.repo });
  u.installation({ id: REPOS.payments.installationId, appId: APP_ID, account: 'acme', repos: VISIBLE.map(repo) });
  u.installation({ id: REPOS.ledger.installationId, appId: APP_ID, account: 'acme', repos: [repo(REPOS.ledger)] });
  // dana leads the platform team and sees four repositories; eve sees only acme/search.
  u.user({ login: 'dana', id: 601, access: { [REPOS.payments.installationId]: VISIBLE.map((r) => r.repoId) }, teams: ['acme/platform'] });
  u.user({ login: 'eve', id: 602, access: { [REPOS.search.installationId]: [REPOS.search.repoId] } });
  u.signedIn = 'dana';

  let app: ReturnType<typeof dashboardApp> | undefined;
  const server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = dashboardConfig({
    APP_ID: String(APP_ID),
    GITHUB_CLIENT_ID: u.client.id,
    GITHUB_CLIENT_SECRET: u.client.secret,
    GHE_HOST: github.origin.replace(/^http:\/\//, ''),
    GHE_PROTOCOL: 'http',
    BASE_URL: origin,
  })!;
  app = dashboardApp({ config, queries: createDashboardQueries(store.db), Octokit: ProbotOctokit });

  return {
    origin,
    github: github.origin,
    gh,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await github.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
