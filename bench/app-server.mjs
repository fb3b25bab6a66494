// `bench:app`'s server: the built app (dist/) in its own process, as in production, so that neither
// the fake GitHub nor the load generator shares its event loop or its cores' time slices.
// argv[2]: `{ workers, threads }`. Prints `url <url>` once listening; answers `idle` on stdin with
// `idle` once the queue is empty and `cpu` with `cpu <ms>` (the main thread's CPU time, Linux), and stops (bounded shutdown) on SIGTERM.
import { readFileSync } from 'node:fs';
import { serve } from '../dist/github/server.js';
import { openStore } from '../dist/store/index.js';

const { workers, threads } = JSON.parse(process.argv[2]);
const store = await openStore(process.env, { backgroundCheckpoints: true });
const server = await serve({
  env: process.env,
  store,
  host: '127.0.0.1',
  port: 0,
  octokit: { retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 },
  runner: { pollMs: 50, concurrency: workers, engineThreads: threads },
});
process.stdout.write(`url ${server.url}\n`);
/** CPU milliseconds of the main thread alone (the event loop: acknowledgements, the store, publishing). */
function mainThreadCpuMs() {
  // /proc/<pid>/task/<pid>/stat: utime and stime (fields 14 and 15) in clock ticks of 10 ms.
  const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
process.stdin.on('data', (d) => {
  for (const command of String(d).split('\n').map((c) => c.trim())) {
    if (command === 'idle') void server.runner.idle().then(() => process.stdout.write('idle\n'));
    if (command === 'cpu') process.stdout.write(`cpu ${mainThreadCpuMs()}\n`);
  }
});
process.on('SIGTERM', () => void server.close().then(() => store.close()).then(() => process.exit(0)));
