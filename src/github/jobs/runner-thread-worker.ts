/**
 * The jobs' thread: the worker loop (claims, GitHub requests, the engine's threads, publishing)
 * off the main thread, which keeps only webhook acknowledgements, the dashboard and the store. It
 * signs in to GitHub as the app on its own, reaches the store and the log through the main thread
 * (store-relay, log-relay) and reports job outcomes for the metrics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProbot } from 'probot';
import { spofOctokit } from '../octokit.js';
import type { GitHub } from '../types.js';
import { relayingLogger } from './log-relay.js';
import { JobRunner } from './runner.js';
import { STATUS, type FromJobsThread, type RunnerThreadData, type ToJobsThread } from './runner-thread.js';
import { relayedStore } from './store-relay.js';
import { JOBS_NICE, lowerThisThread } from './thread-priority.js';

const port = parentPort;
if (port) {
  const data = workerData as RunnerThreadData;
  const send = (m: FromJobsThread) => port.postMessage(m);
  lowerThisThread(JOBS_NICE);
  const relay = relayedStore(send);
  const log = relayingLogger(data.level, send);
  const probot = createProbot({ env: data.env, overrides: { Octokit: spofOctokit(data.octokit), log } });
  const runner = new JobRunner(relay.store, async (id) => (await probot.auth(id)) as unknown as GitHub, log.child({ name: 'spof-review' }), data.runner, {
    reviewed: (conclusion, seconds) => send({ t: 'reviewed', conclusion, seconds }),
    requested: (installationId, status, remaining) => send({ t: 'requested', installationId, status, remaining }),
  });
  const status = new BigInt64Array(data.status);
  const report = () => {
    Atomics.store(status, STATUS.lastPoll, BigInt(runner.lastPolled));
    Atomics.store(status, STATUS.running, BigInt(runner.running));
  };
  setInterval(report, 250).unref();
  port.on('message', (m: ToJobsThread) => {
    if (m.t === 'store-answer') relay.settle(m);
    else if (m.t === 'kick') {
      // Cleared before looking: an enqueue after this point posts a new kick.
      Atomics.store(status, STATUS.kickPending, 0n);
      runner.kick();
    }
    else if (m.t === 'idle') void runner.idle().then(() => send({ t: 'idle', id: m.id }));
    else if (m.t === 'stop') {
      void runner.stop(m.boundMs).then(() => {
        report();
        send({ t: 'stopped' });
      });
    }
  });
  runner.start();
  // Loading and compiling the engine takes a core for a while: at start, not under the first reviews.
  runner.warmEngine();
}
