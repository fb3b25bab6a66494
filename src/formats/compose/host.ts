/**
 * A compose project that replicates nothing runs every service on one machine by design: the host
 * is its failure domain. Its services are not single points of failure one by one (a diff reports
 * only explicit cuts of redundancy that existed), and `scan` names the host once.
 */
import type { Component } from '../../model/index.js';
import type { Project, ServiceDef } from './project.js';
import { get, text } from './tree.js';

export function runsOnOneHost(services: readonly ServiceDef[], components: readonly Component[]): boolean {
  if (components.length === 0) return false;
  // Two containers of anything (replicas, a replica service clustered with its primary, global mode)
  // or swarm placement say the project is meant to survive a failure: judge it service by service.
  if (components.some((c) => c.redundancy.instances === null || c.redundancy.instances > 1)) return false;
  return !services.some((def) => get(get(def.node, 'deploy'), 'placement') !== undefined);
}

/**
 * Why a project that replicates something still runs on one Docker engine, if it says so: Compose file
 * format 1 or 2 (`docker stack deploy` takes format 3 and later only) or a `container_name` (one such
 * container per engine; swarm ignores it). Swarm placement or global mode say otherwise.
 */
export function oneEngineReason(project: Project, services: readonly ServiceDef[]): string | undefined {
  if (services.some((def) => get(get(def.node, 'deploy'), 'placement') !== undefined || text(get(get(def.node, 'deploy'), 'mode')) === 'global')) return undefined;
  const major = project.version ? /^\s*(\d+)/.exec(project.version.value)?.[1] : undefined;
  if (major === '1' || major === '2') return `its Compose file format ${project.version!.value} (${project.version!.src.file}:${project.version!.src.line}) runs under docker compose only`;
  const named = services.find((def) => get(def.node, 'container_name') !== undefined);
  if (named) return `services.${named.name} sets container_name, which names one container on one engine`;
  return undefined;
}
