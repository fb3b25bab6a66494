/**
 * The engine on worker threads: a review run there publishes exactly what the same review run on
 * the event loop publishes, and the work really ran on a thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EnginePool } from '../../src/github/jobs/engine-pool.js';
import { ENGINE_NICE } from '../../src/github/jobs/thread-priority.js';
import { harness, type Harness } from '../github/fake/app.js';
import { monorepo, payments } from '../github/fake/fixtures.js';
import { pullRequest } from '../github/fake/payloads.js';
import { niceByThread } from '../github/fake/threads.js';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function reviewWith(engineThreads: number) {
  const h = await harness({ runner: { engineThreads } });
  open.push(h);
  const base = h.repo.commit(monorepo());
  const head = h.repo.commit({ ...monorepo(), ...payments('head') });
  h.gh.openPull(h.repo, { number: 1, base, head });
  await h.deliver('pull_request', pullRequest('opened', h.repo, { number: 1, base, head }));
  await h.settle();
  const [run] = [...h.gh.checkRuns.values()];
  const engine = h.runner.engineInUse;
  await h.close(); // one fake GitHub at a time
  open.splice(open.indexOf(h), 1);
  return { engine, run: { conclusion: run!.conclusion, title: run!.output.title, annotations: run!.annotations }, comments: h.gh.reviewComments.map((c) => [c.path, c.line, c.body]), summary: h.gh.issueComments.map((c) => c.body) };
}

describe('the engine on worker threads', () => {
  it('publishes the same review as on the event loop', async () => {
    const threaded = await reviewWith(2);
    const inline = await reviewWith(0);
    expect(threaded.run.conclusion).toBe('failure');
    expect(threaded.run).toEqual(inline.run);
    expect(threaded.comments).toEqual(inline.comments);
    expect(threaded.summary).toEqual(inline.summary);
    expect(threaded.engine).toBeInstanceOf(EnginePool);
    expect((threaded.engine as EnginePool).completed).toBe(1);
    expect(inline.engine).not.toBeInstanceOf(EnginePool);
  }, 60_000);

  it('an engine error on a thread fails the work with a readable reason, and the pool goes on', async () => {
    const pool = new EnginePool(1);
    try {
      await expect(pool.review({ base: { paths: [], texts: [] }, head: null as never, affectedHead: { paths: [], texts: [] }, config: {} as never, repository: 'a/b', diagnostics: [] })).rejects.toThrow(
        /^review engine: TypeError: /,
      );
      expect(await pool.inventory({ files: { paths: [], texts: [] }, config: {} as never, repository: 'a/b' })).toEqual({ spofs: [], diagram: undefined });
      expect(pool.threads).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('warm starts every thread before any work, and the work then runs on them', async () => {
    const pool = new EnginePool(2);
    try {
      pool.warm();
      expect(pool.threads).toBe(2);
      await Promise.all([0, 1, 2].map(() => pool.inventory({ files: { paths: [], texts: [] }, config: {} as never, repository: 'a/b' })));
      expect([pool.threads, pool.completed]).toEqual([2, 3]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it.runIf(process.platform === 'linux')('engine threads yield to the event loop: they run at a lower priority, the main thread keeps its own', async () => {
    const before = niceByThread();
    const pool = new EnginePool(2);
    try {
      await Promise.all([0, 1].map(() => pool.inventory({ files: { paths: [], texts: [] }, config: {} as never, repository: 'a/b' })));
      expect(pool.threads).toBe(2);
      const after = niceByThread();
      const main = before.get(process.pid)!;
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === Math.max(ENGINE_NICE, main));
      expect(lowered).toHaveLength(2);
      expect(after.get(process.pid)).toBe(main);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
