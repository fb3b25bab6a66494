/**
 * Webhook events to the handlers, through @octokit/webhooks' event handler (the dispatch Probot
 * uses). Probot's transform built an installation Octokit and a child logger for every delivery,
 * 0.13 ms of the event loop each (over a tenth of an acknowledgement under a flood), though most
 * handlers only record a job: here a handler gets the event and a logger made when first used,
 * and signs in to GitHub (`HandlerDeps.github`) only when it calls GitHub itself.
 */
import { createEventHandler, type EmitterWebhookEvent, type EmitterWebhookEventName } from '@octokit/webhooks';
import type { Logger } from 'probot';

/** What a handler gets: the event, and a logger bound to its delivery. */
export type AppEvent<E extends EmitterWebhookEventName = EmitterWebhookEventName> = EmitterWebhookEvent<E> & { readonly log: Logger };

export interface AppEvents {
  on<E extends EmitterWebhookEventName>(events: E | E[], handler: (event: AppEvent<E>) => Promise<void> | void): void;
  /** Runs the handlers of one verified delivery; rejects when one failed (it has been logged). */
  receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
}

export function appEvents(log: Logger): AppEvents {
  const handler = createEventHandler<{ readonly log: Logger }>({
    // Called once per handler of the delivery, each time on the same event: a new object each.
    transform: (event) => {
      let child: Logger | undefined;
      return { ...event, get log() { return (child ??= log.child({ name: 'event', id: event.id })); } };
    },
  });
  // The safe serializers reduce the error and the event (log-safety.ts): no payload reaches the log.
  handler.onError((err) => log.error({ err, event: err.event }, `handling delivery ${err.event.id} failed`));
  return {
    on: (events, fn) => handler.on(events, fn as never),
    receive: (event) => handler.receive(event as EmitterWebhookEvent),
  };
}
