// `bench:app`'s server: the built app (dist/) in its own process, as in production, so that neither
// the fake GitHub nor the load generator shares its event loop or its cores' time slices.
// argv[2]: `{ workers, threads }`. Prints `url <url>` once listening; answers `idle` on stdin with
// `idle` once the queue is empty, and stops (bounded shutdown) on SIGTERM.
import { serve } from '../dist/github/server.js';
import { spofOctokit } from '../dist/github/octokit.js';
import { openStore } from '../dist/store/index.js';

const { workers, threads } = JSON.parse(process.argv[2]);
const store = await openStore(process.env);
const server = await serve({
  env: process.env,
  store,
  host: '127.0.0.1',
  port: 0,
  Octokit: spofOctokit({ retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 }),
  runner: { pollMs: 50, concurrency: workers, engineThreads: threads },
});
process.stdout.write(`url ${server.url}\n`);
process.stdin.on('data', (d) => {
  if (String(d).trim() === 'idle') void server.runner.idle().then(() => process.stdout.write('idle\n'));
});
process.on('SIGTERM', () => void server.close().then(() => store.close()).then(() => process.exit(0)));
