/**
 * What the app's logs may carry. Probot and @octokit/webhooks log errors with the delivery they
 * came from attached (`error.event`: the whole payload, signed or not) and events at debug level;
 * a 300 MB forged POST became a 300 MB log line. These serializers keep an error's type, status
 * and first message line (and the stack, which names code, not content) and reduce an event to its
 * id and name, so no payload, header or user content reaches the log through them.
 */
import type { Logger } from 'probot';

// pino's own key for a logger's serializers (`pino.symbols.serializersSym`, a global symbol):
// children created with no serializers of their own read them through their prototype.
const SERIALIZERS = Symbol.for('pino.serializers');
const MAX_MESSAGE = 300;

export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return isRecord(err) ? safeRecord(err) : { message: firstLine(String(err)) };
  const status = (err as { status?: unknown }).status;
  const inner = err instanceof AggregateError ? err.errors.filter((e): e is Error => e instanceof Error) : [];
  return {
    type: err.name,
    message: firstLine(err.message),
    ...(typeof status === 'number' ? { status } : {}),
    ...(inner.length > 0 ? { errors: inner.slice(0, 5).map((e) => ({ type: e.name, message: firstLine(e.message) })) } : {}),
    ...(err.stack ? { stack: codeLines(err.stack) } : {}),
  };
}

/**
 * An error already reduced to a record (`{ message: describeError(err) }` in the app's own lines,
 * or a line relayed from the jobs' thread): its plain fields, each cut as an error's would be.
 */
function safeRecord(r: Record<string, unknown>): Record<string, unknown> {
  const text = (v: unknown) => (typeof v === 'string' ? firstLine(v) : undefined);
  const out: Record<string, unknown> = {};
  if (text(r.type)) out.type = text(r.type);
  out.message = firstLine(String(r.message));
  if (typeof r.status === 'number') out.status = r.status;
  if (Array.isArray(r.errors)) out.errors = r.errors.slice(0, 5).map((e) => (isRecord(e) ? safeRecord(e) : { message: firstLine(String(e)) }));
  if (typeof r.stack === 'string') out.stack = codeLines(r.stack);
  return out;
}

/** A stack's frames (they name code, not content), the first eight. */
function codeLines(stack: string): string {
  return stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'message' in v;
}

function safeEvent(event: unknown): Record<string, unknown> {
  const e = (event ?? {}) as { id?: unknown; name?: unknown; payload?: { action?: unknown } };
  return {
    ...(typeof e.id === 'string' ? { id: e.id.slice(0, 80) } : {}),
    ...(typeof e.name === 'string' ? { name: e.name.slice(0, 80) } : {}),
    ...(typeof e.payload?.action === 'string' ? { action: e.payload.action.slice(0, 80) } : {}),
  };
}

const dropped = () => '[not logged]';

export const SAFE_SERIALIZERS: Record<string, (value: unknown) => unknown> = {
  err: safeError,
  error: safeError,
  event: safeEvent,
  payload: dropped,
  headers: dropped,
  body: dropped,
};

/** Installs the serializers on a pino logger (and so on every child it has or will have). */
export function makeLogSafe(log: Logger): void {
  const holder = log as unknown as Record<symbol, Record<string, unknown> | undefined>;
  holder[SERIALIZERS] = { ...(holder[SERIALIZERS] ?? {}), ...SAFE_SERIALIZERS };
}

export function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}
