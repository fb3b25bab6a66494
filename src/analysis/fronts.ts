import type { Component, Finding, Severity } from '../model/index.js';
import { severityRank } from '../model/index.js';
import type { Spof } from './api.js';
import type { Side } from './diff.js';
import { rate } from './environment.js';

/**
 * A zonal way in to what is single anyway. A load balancer, gateway or DNS name confined to one zone
 * whose every target is itself a single point of failure (one instance, or one zone) adds a failure
 * that its targets already have: an internal NLB in one subnet in front of a single-instance broker
 * fails the broker's clients when its zone fails, as the broker does. The reviewer's fix is the
 * target's redundancy, not the front's, so the front's finding is rated low and names what it fronts.
 */
export const FRONT_CEILING: Severity = 'low';

/**
 * The components a new zonal way in needs (through listeners, target groups and other connectors),
 * when every one of them is a SPOF of the head; else none. A connector that leads nowhere registers
 * targets this repository does not name (IP addresses from a lookup): it adds no known target.
 */
export function singleTargets(head: Side, key: string, after: Component, spof: Spof): Component[] {
  const isWayIn = after.entryPoint || after.role === 'load-balancer' || after.role === 'gateway' || after.role === 'dns';
  if (!isWayIn || !spof.kinds.every((k) => k === 'zonal')) return [];
  const graph = head.analysis.graph;
  const targets = new Set<string>();
  const seen = new Set([key]);
  const queue = [key];
  for (let i = 0; i < queue.length; i++) {
    for (const w of graph.needs(queue[i]!)) {
      if (seen.has(w)) continue;
      seen.add(w);
      if (head.analysis.graph.component(w).role === 'connector') queue.push(w);
      else targets.add(w);
    }
  }
  if (targets.size === 0 || ![...targets].every((t) => head.analysis.spofs.has(t))) return [];
  return [...targets].map((t) => head.analysis.graph.component(t)).sort((a, b) => a.id.localeCompare(b.id));
}

export function rateAsFront(finding: Finding, targets: readonly Component[]): void {
  if (!targets.length || severityRank(finding.severity) <= severityRank(FRONT_CEILING)) return;
  const names = targets.length > 3 ? `${targets.slice(0, 3).map((t) => t.id).join(', ')} and ${targets.length - 3} more` : targets.map((t) => t.id).join(', ');
  rate(finding, FRONT_CEILING, `it only fronts ${names}, itself a single point of failure: its zone adds little until what it fronts is redundant`);
}
