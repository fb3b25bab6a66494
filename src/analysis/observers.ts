/**
 * Observers (issue 8): a function that only processes logs references what it watches (a database's
 * endpoint, to tag or export its logs) without serving anything through it. It never grows a blast
 * radius nor makes a lone component matter. Recognised only where that is certain: a function (a
 * regional compute service such as Lambda) that a log subscription filter feeds, and that nothing but
 * logging resources (log groups, subscription and metric filters, alarms) and invoke permissions name. A function also
 * reached any other way (an API integration, an event source mapping, a queue subscription, a
 * workload) is not an observer: it may serve.
 */
import type { Component } from '../model/index.js';

/** Resource types whose only link to a function is feeding it log events. */
const LOG_SUBSCRIPTIONS = new Set(['aws_cloudwatch_log_subscription_filter', 'AWS::Logs::SubscriptionFilter']);

/** Catalog rules of logging resources: they name a function (its log group, an alarm on it) without invoking it for users. */
const LOGGING_RULES = new Set(['aws-cloudwatch']);

/** Invoke permissions grant, they do not invoke: whoever invokes names the function too (and is judged by that). */
const PERMISSIONS = new Set(['aws_lambda_permission', 'AWS::Lambda::Permission']);

/** Whether `c`, named by `referrers` (the components with an edge to it), is a log-processing function. */
export function isLogObserver(c: Component, referrers: readonly Component[]): boolean {
  if (c.role !== 'compute' || !c.regional) return false;
  if (!referrers.some((r) => LOG_SUBSCRIPTIONS.has(r.type))) return false;
  return referrers.every((r) => LOGGING_RULES.has(r.rule) || PERMISSIONS.has(r.type));
}
