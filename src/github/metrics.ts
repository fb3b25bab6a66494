/**
 * `/metrics` (Prometheus text format, prom-client): what an operator alerts on. Reviews by
 * conclusion and how long they take, the queue (jobs per state and the age of the oldest, read
 * from the store at scrape time, so every replica reports the shared queue), GitHub requests by
 * status and the rate limit left per installation, restarts of the workers' thread, and how long
 * webhook acknowledgements take.
 * One registry per server, so tests and several servers in one process do not share counts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueStats, Store } from '../store/types.js';
import type { JobObserver } from './jobs/runner.js';

export interface AppMetrics extends JobObserver {
  registry: Registry;
  /** A webhook delivery was answered with `status` after `seconds`. */
  acknowledged(status: number, seconds: number): void;
  /** The exposition text (reads the queue from the store). */
  text(): Promise<string>;
  contentType: string;
}

export function appMetrics(store: Store, now: () => number = Date.now): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'spof_review_' });
  const reviews = new Counter({ name: 'spof_review_reviews_total', help: 'Review jobs ended, by check run conclusion (error: failed, check ended neutral)', labelNames: ['conclusion'], registers: [registry] });
  const duration = new Histogram({
    name: 'spof_review_review_duration_seconds',
    help: 'Time from a review job being claimed to its check run completed',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const requests = new Counter({ name: 'spof_review_github_requests_total', help: 'GitHub API requests of review jobs, by response status (0: no response)', labelNames: ['status'], registers: [registry] });
  const rateLimit = new Gauge({ name: 'spof_review_github_rate_limit_remaining', help: 'Requests left in the current rate limit window, per installation, as GitHub last reported', labelNames: ['installation'], registers: [registry] });
  const restarts = new Counter({ name: 'spof_review_workers_thread_restarts_total', help: 'Times the workers\' thread stopped unexpectedly and was started again (its jobs resume at once)', registers: [registry] });
  const ack = new Histogram({
    name: 'spof_review_webhook_ack_seconds',
    help: 'Time from a webhook request arriving to its answer, by status',
    labelNames: ['status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Both queue gauges are collected at once on a scrape: one query serves them.
  let scrape: Promise<QueueStats> | undefined;
  const stats = () => {
    scrape ??= store.queueStats().finally(() => setImmediate(() => (scrape = undefined)));
    return scrape;
  };
  const age = (d: Date | null) => (d === null ? 0 : Math.max(0, (now() - d.getTime()) / 1000));
  new Gauge({
    name: 'spof_review_queue_jobs',
    help: 'Unfinished review jobs in the store (all replicas), by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const s = await stats();
      for (const state of ['queued', 'running'] as const) this.set({ state }, s[state].jobs);
    },
  });
  new Gauge({
    name: 'spof_review_queue_oldest_job_age_seconds',
    help: 'Age of the oldest unfinished job, by state (0: none)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const s = await stats();
      for (const state of ['queued', 'running'] as const) this.set({ state }, age(s[state].oldest));
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    reviewed(conclusion, seconds) {
      reviews.inc({ conclusion });
      duration.observe(seconds);
    },
    requested(installationId, status, rateLimitRemaining) {
      requests.inc({ status: String(status) });
      if (rateLimitRemaining !== undefined) rateLimit.set({ installation: String(installationId) }, rateLimitRemaining);
    },
    workersRestarted() {
      restarts.inc();
    },
    acknowledged(status, seconds) {
      ack.observe({ status: String(status) }, seconds);
    },
    text: () => registry.metrics(),
  };
}
