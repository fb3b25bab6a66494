/** Webhook deliveries as GitHub sends them: the headers, the body signed with the app's secret. */
import { createHmac, randomUUID } from 'node:crypto';
import { WEBHOOK_SECRET } from './probot.js';

export function signature(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** GitHub's delivery headers for `body` (a new delivery id each time). */
export function deliveryHeaders(event: string, body: string, secret = WEBHOOK_SECRET): Record<string, string> {
  return { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature(body, secret) };
}

/** POSTs a signed delivery to the app at `origin` (its default webhook path). */
export function postWebhook(origin: string, event: string, body: string, secret = WEBHOOK_SECRET): Promise<Response> {
  return fetch(`${origin}/api/github/webhooks`, { method: 'POST', headers: deliveryHeaders(event, body, secret), body });
}
