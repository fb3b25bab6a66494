/**
 * The jobs' thread logs through the app's logger on the main thread, so its lines have the app's
 * format, level and destination (JSON or pretty, LOG_LEVEL, a test's capture). The thread's pino
 * writes each record as a JSON line, already reduced by the safe serializers; the main thread logs
 * its fields again at the record's level.
 */
import { pino } from 'pino';
import type { Logger } from 'probot';
import { makeLogSafe } from '../log-safety.js';

export type LogLine = { t: 'log'; line: string };

/** Jobs' thread: a logger at `level` whose lines go to `send`. */
export function relayingLogger(level: string, send: (line: LogLine) => void): Logger {
  const log = pino({ level, base: undefined, timestamp: false }, { write: (line: string) => send({ t: 'log', line }) }) as unknown as Logger;
  makeLogSafe(log);
  return log;
}

/** Main thread: logs one line of the jobs' thread on `log`. */
export function relayLogLine(log: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return;
  }
  const { level, msg, ...fields } = record;
  const label = (typeof level === 'number' && pino.levels.labels[level]) || 'info';
  const write = (log as unknown as Record<string, (fields: object, msg?: string) => void>)[label];
  write?.call(log, fields, typeof msg === 'string' ? msg : undefined);
}
