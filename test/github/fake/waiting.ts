/** Waiting on a process started by a test or a script (the app, a container): a free port for it, and polling until it answers. */
import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Polls `probe` (a throw counts as not yet) until it gives a value. Gives up after `timeoutMs`, or at
 * once when `stopped()` says the awaited process has ended, with `context()` (its output) in the error.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  opts: { timeoutMs?: number; intervalMs?: number; stopped?: () => boolean; context?: () => string } = {},
): Promise<T> {
  const end = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (opts.stopped?.() || Date.now() > end) {
      throw new Error(`gave up waiting for ${what}${opts.stopped?.() ? ' (the process ended)' : ` after ${(opts.timeoutMs ?? 60_000) / 1000} s`}${opts.context ? `; it said:\n${opts.context()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
