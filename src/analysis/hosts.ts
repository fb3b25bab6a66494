import { severityRank, type Component } from '../model/index.js';
import type { Spof } from './api.js';
import { doesWork } from './spof.js';

/** The rule id of the one SPOF `scan` reports for a project whose services all run on one host. */
export const SINGLE_HOST_RULE = 'single-host';

/**
 * In an inventory, the services of a one-host project (`Component.failureDomain`) are one SPOF: the
 * host, said once per stack, whose blast radius is every service that does work, rated as the worst
 * of them. The services are not listed one by one.
 */
export function collapseHosts(spofs: readonly Spof[], components: readonly Component[]): Spof[] {
  const out: Spof[] = [];
  const hosts = new Map<string, Spof>();
  for (const spof of spofs) {
    const c = spof.component;
    if (c.failureDomain !== 'single-host') {
      out.push(spof);
      continue;
    }
    let host = hosts.get(c.stack);
    if (!host) {
      host = { component: hostOf(c, components), kinds: ['instance'], blastRadius: { dependents: [], entryPoints: [] }, severity: spof.severity };
      hosts.set(c.stack, host);
      out.push(host);
    }
    if (severityRank(spof.severity) > severityRank(host.severity)) host.severity = spof.severity;
  }
  for (const host of hosts.values()) {
    const members = components.filter((c) => c.stack === host.component.stack && c.failureDomain === 'single-host' && c.format === host.component.format);
    host.blastRadius.dependents = members.filter(doesWork).map((c) => c.id);
    host.blastRadius.entryPoints = members.filter((c) => c.entryPoint).map((c) => c.id);
  }
  return out;
}

function hostOf(member: Component, components: readonly Component[]): Component {
  const first = components
    .filter((c) => c.stack === member.stack && c.format === member.format)
    .reduce((a, b) => (b.location.startLine < a.location.startLine ? b : a), member);
  return {
    id: 'host',
    type: 'host',
    format: member.format,
    stack: member.stack,
    role: 'compute',
    rule: SINGLE_HOST_RULE,
    location: { file: first.location.file, startLine: first.location.startLine, endLine: first.location.startLine },
    redundancy: { instances: 1, zones: null, failover: false, quorum: false },
    attributes: {},
    entryPoint: false,
    regional: false,
    label: `the one host every service of ${member.stack} runs on`,
  };
}
