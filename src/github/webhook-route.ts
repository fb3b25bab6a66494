/**
 * The webhook endpoint. It replaces Probot's middleware, which buffered any body whole before
 * checking the signature and logged refused deliveries with their payload. Here a body over
 * GitHub's cap (25 MB) is refused before it is read (Content-Length) or as soon as it passes the cap
 * (chunked), the signature is checked with Probot's secret, a signed payload the handlers cannot
 * read is answered 400 naming the field, and every refusal is one log line without content.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'probot';
import type { AppEvents } from './events.js';
import { safeError } from './log-safety.js';
import { payloadProblem } from './payload-shape.js';

export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

export interface WebhookRouteOptions {
  /** Checks `x-hub-signature-256` against the body with the webhook secret (Probot's). */
  verify(body: string, signature: string): Promise<boolean>;
  events: AppEvents;
  path: string;
  log: Logger;
  /** Bytes; default WEBHOOK_BODY_LIMIT. */
  limit?: number;
  /** Told of every answer: its status and the seconds since the request arrived (metrics). */
  onAnswer?: (status: number, seconds: number) => void;
}

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/** Handles requests to the webhook path (true) and leaves the rest to the caller (false). */
export function webhookRoute(options: WebhookRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const limit = options.limit ?? WEBHOOK_BODY_LIMIT;
  const path = trimSlashes(options.path);
  const { verify, events, log } = options;

  return (req, res) => {
    if (trimSlashes((req.url ?? '').split('?')[0]!) !== path) return false;
    const arrived = process.hrtime.bigint();
    if (options.onAnswer) res.once('finish', () => options.onAnswer!(res.statusCode, Number(process.hrtime.bigint() - arrived) / 1e9));
    const event = header(req, 'x-github-event');
    const delivery = header(req, 'x-github-delivery');
    const signature = header(req, 'x-hub-signature-256');
    const refuse = (status: number, error: string, close = false) => {
      log.warn(`webhook refused: ${status} ${error} (event ${printable(event)}, delivery ${printable(delivery)})`);
      answer(res, status, { error }, close);
    };

    const declared = req.headers['content-length'];
    const missing = [['x-github-event', event], ['x-github-delivery', delivery], ['x-hub-signature-256', signature]].filter(([, v]) => !v).map(([h]) => h);
    // Everything refused before the body is read closes the connection: the body is never drained.
    const early =
      req.method !== 'POST' ? ([405, `${printable(req.method)} is not accepted here; GitHub POSTs webhooks`] as const)
      : declared !== undefined && !(Number(declared) <= limit) ? ([413, `body over the ${limit}-byte webhook limit (Content-Length ${printable(declared)})`] as const)
      : !JSON_TYPE.test(req.headers['content-type'] ?? '') ? ([415, 'Content-Type must be application/json'] as const)
      : missing.length > 0 ? ([400, `required headers missing: ${missing.join(', ')}`] as const)
      : undefined;
    if (early) {
      refuse(early[0], early[1], true);
      return true;
    }

    readCapped(req, limit).then(
      async (body) => {
        if (body === undefined) return refuse(413, `body over the ${limit}-byte webhook limit`, true);
        const text = body.toString('utf8');
        if (!(await verify(text, signature!).catch(() => false))) return refuse(401, 'signature does not match the payload and the webhook secret');
        let payload: unknown;
        try {
          payload = JSON.parse(text);
        } catch {
          return refuse(400, 'the body is not JSON');
        }
        const problem = payloadProblem(event!, payload);
        if (problem) return refuse(400, `malformed ${event}${actionOf(payload)} payload: ${problem}`);
        try {
          await events.receive({ id: delivery!, name: event!, payload });
        } catch {
          // The events' error handler has logged it (through the safe serializers); the sender learns nothing internal.
          return answer(res, 500, { error: `internal error while recording delivery ${printable(delivery)}; see the app's log` });
        }
        answer(res, 200, 'ok\n');
      },
      (err: unknown) => {
        log.warn({ err: safeError(err) }, `webhook body could not be read (event ${printable(event)}, delivery ${printable(delivery)})`);
        if (!res.headersSent) answer(res, 400, { error: 'the body could not be read' }, true);
      },
    );
    return true;
  };
}

/** The body, or undefined when it passes `limit`: reading stops there, nothing more is buffered. */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/** Answers; `close` ends the connection once the answer is out, so an unread body is never drained. */
function answer(res: ServerResponse, status: number, body: string | object, close = false): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text, () => {
    if (close) res.socket?.destroy();
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function actionOf(payload: unknown): string {
  const action = (payload as { action?: unknown } | null)?.action;
  return typeof action === 'string' ? `.${printable(action)}` : '';
}

/** A header value fit for a log line: sender-controlled, so short and plain. */
function printable(v: string | undefined): string {
  if (v === undefined) return '-';
  const plain = v.replace(/[^\w.:-]/g, '?');
  return plain.length > 64 ? `${plain.slice(0, 64)}…` : plain;
}

function trimSlashes(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}
