/**
 * A compose project that replicates nothing runs every service on one machine by design: the host
 * is its failure domain. Its services are not single points of failure one by one (a diff reports
 * only explicit cuts of redundancy that existed), and `scan` names the host once.
 */
import type { Component } from '../../model/index.js';
import type { ServiceDef } from './project.js';
import { get } from './tree.js';

export function runsOnOneHost(services: readonly ServiceDef[], components: readonly Component[]): boolean {
  if (components.length === 0) return false;
  // Two containers of anything (replicas, a replica service clustered with its primary, global mode)
  // or swarm placement say the project is meant to survive a failure: judge it service by service.
  if (components.some((c) => c.redundancy.instances === null || c.redundancy.instances > 1)) return false;
  return !services.some((def) => get(get(def.node, 'deploy'), 'placement') !== undefined);
}
