/**
 * The app's logger. Probot defaults to `warn`, at which a healthy production app prints nothing;
 * the app's own lines (where it listens, one line per review) are `info`, so that is the default
 * (LOG_LEVEL still wins). JSON lines (production, or LOG_FORMAT=json) are written with each key
 * once: pino repeats a key that a child logger binds again (Probot's `name` on its own child, a
 * job's bindings), and log pipelines disagree on which duplicate counts; here the innermost wins.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from 'probot';

export const DEFAULT_LOG_LEVEL = 'info';

export function logLevel(env: NodeJS.ProcessEnv): string {
  return env.LOG_LEVEL?.trim() || DEFAULT_LOG_LEVEL;
}

export function jsonLogs(env: NodeJS.ProcessEnv): boolean {
  return env.LOG_FORMAT === 'json' || (env.NODE_ENV === 'production' && !env.LOG_FORMAT);
}

/**
 * A JSON-lines logger writing to `out` (default stdout), or undefined when the logs are pretty
 * (Probot builds that one, at `logLevel(env)`).
 */
export function appLogger(env: NodeJS.ProcessEnv, out: NodeJS.WritableStream = process.stdout): Logger | undefined {
  if (!jsonLogs(env)) return undefined;
  return pino({ level: logLevel(env), messageKey: env.LOG_MESSAGE_KEY || 'msg' }, uniqueKeys(out)) as unknown as Logger;
}

/** Rewrites each JSON line with every key once (the last one written, the innermost binding). */
export function uniqueKeys(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const line = String(chunk);
      let text = line;
      try {
        text = `${JSON.stringify(JSON.parse(line))}\n`;
      } catch {
        // Not one JSON line: passed on as it came.
      }
      if (out.write(text)) done();
      else out.once('drain', () => done());
    },
  });
}
