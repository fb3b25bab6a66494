/** What crosses between the main thread and the workers' thread: store calls, log lines, errors in logs. */
import { describe, expect, it } from 'vitest';
import { relayLogLine, relayingLogger } from '../../src/github/jobs/log-relay.js';
import { answerStoreCall, relayedStore, type StoreCall } from '../../src/github/jobs/store-relay.js';
import { makeLogSafe } from '../../src/github/log-safety.js';
import { openStore } from '../../src/store/index.js';
import { captureLogger } from './fake/probot.js';

describe('the store relay', () => {
  it('runs the thread\'s calls on the main thread\'s store, Dates and absent values intact', async () => {
    const store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    try {
      const relay = relayedStore((call) => void answerStoreCall(store, structuredClone(call)).then((a) => relay.settle(structuredClone(a))));
      const { job, created } = await relay.store.enqueue({ installationId: 1, repoId: 7, owner: 'acme', repo: 'infra', prNumber: 3, headSha: 'a'.repeat(40), baseSha: null, trigger: 'pull_request' });
      expect(created).toBe(true);
      expect(job.createdAt).toBeInstanceOf(Date);
      expect((await relay.store.claim('w#1', 5_000))?.id).toBe(job.id);
      expect(await relay.store.latestReview(7, 3)).toBeUndefined();
      expect(await store.job(job.id)).toMatchObject({ state: 'running', attempts: 1 });
    } finally {
      await store.close();
    }
  });

  it('answers a failing call with its message, and refuses the schema, the connection and unknown methods', async () => {
    const store = await openStore({ SPOF_REVIEW_DB: ':memory:' });
    try {
      const call = (method: string, args: unknown[] = []): Promise<unknown> => answerStoreCall(store, { t: 'store', id: 1, method, args } satisfies StoreCall);
      expect(await call('enqueue', [{ installationId: 1, trigger: 'pull_request' }])).toMatchObject({ ok: false, error: expect.stringMatching(/NOT NULL/) });
      expect(await call('close')).toEqual({ t: 'store-answer', id: 1, ok: false, error: 'the store has no relayed method close' });
      expect(await call('migrate')).toMatchObject({ ok: false, error: 'the store has no relayed method migrate' });
      expect(await call('db')).toMatchObject({ ok: false });
      expect(await call('nothing')).toMatchObject({ ok: false });
      expect(await store.queueStats()).toMatchObject({ queued: { jobs: 0 } });

      const relay = relayedStore(() => undefined);
      await expect(relay.store.close()).rejects.toThrow(/belongs to the main thread/);
      const waiting = relay.store.job(1);
      relay.fail('the workers\' thread stopped');
      await expect(waiting).rejects.toThrow('the workers\' thread stopped');
    } finally {
      await store.close();
    }
  });
});

describe('the log relay', () => {
  it('logs the thread\'s lines on the app\'s logger at their level, with their fields, below the level not at all', () => {
    const lines: string[] = [];
    const main = captureLogger(lines, 'info');
    makeLogSafe(main as never);
    const sent: string[] = [];
    const thread = relayingLogger('info', (m) => sent.push(m.line)).child({ name: 'spof-review', jobId: 4 });
    thread.info({ pr: 2 }, 'review of acme/infra#2: success, 0 finding(s)');
    thread.debug('not sent');
    thread.error({ err: new Error('boom\nsecond line') }, 'job failed');
    for (const line of sent) relayLogLine(main, line);
    relayLogLine(main, 'not json');

    const got = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(got).toHaveLength(2);
    expect(got[0]).toMatchObject({ level: 30, name: 'spof-review', jobId: 4, pr: 2, msg: 'review of acme/infra#2: success, 0 finding(s)' });
    expect(got[1]).toMatchObject({ level: 50, jobId: 4, msg: 'job failed', err: { type: 'Error', message: 'boom' } });
  });

  it('an error already reduced to a record keeps its message (it printed "[object Object]")', () => {
    const lines: string[] = [];
    const log = captureLogger(lines, 'info');
    makeLogSafe(log as never);
    log.warn({ err: { message: 'heartbeat failed: SQLITE_BUSY\nmore', status: 503, token: 'ghs_secret' } }, 'x');
    log.warn({ err: 'plain text' }, 'y');
    const [a, b] = lines.map((l) => JSON.parse(l) as { err: unknown });
    expect(a!.err).toEqual({ message: 'heartbeat failed: SQLITE_BUSY', status: 503 });
    expect(b!.err).toEqual({ message: 'plain text' });
  });
});
