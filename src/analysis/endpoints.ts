/**
 * A client's list of alternative servers cut to one (issue 9: endpoint lists and load-balancer files).
 * A ZooKeeper connect string `zk1:2181,zk2:2181,zk3:2181` that becomes `zk1:2181`, an nginx upstream
 * that keeps one `server`: the cluster behind it may stay healthy, but this client now fails with that
 * one server. Reported on the remaining server, with evidence on the line that names it now.
 *
 * Only a cut is reported: a list of two or more servers that resolved to components in the base, one
 * name in the head, resolving to a component. A host that was always alone is the ordinary analysis'
 * business; an external name left in the list is an alternative that cannot be judged, so no finding.
 * The one-host rule does not silence it: a list of alternatives is redundancy the project had explicitly.
 *
 * Members of one server named one by one (the pods `zk-0`, `zk-1`, `zk-2` of a StatefulSet, by their DNS
 * names; `EndpointUse.members`) are alternatives within it: such a list cut to one member is a cut to one
 * instance of the server, whatever its replicas, reported on the server and naming the member.
 */
import type { Component, EndpointUse, Evidence, Finding } from '../model/index.js';
import type { Side } from './diff.js';
import { describeBlast, what } from './describe.js';
import { fingerprint } from './fingerprint.js';
import { nodeKey } from './graph.js';
import { doesWork } from './spof.js';

interface Pin {
  client: Component;
  before: EndpointUse;
  after: EndpointUse;
  /** The one member of the server the list now names, when it named several of its members. */
  member?: string;
}

export function endpointListsCut(base: Side, head: Side, findings: readonly Finding[]): { findings: Finding[]; superseded: Set<Finding> } {
  // By server, and by member for members named alone.
  const pins = new Map<string, { serverKey: string; list: Pin[] }>();
  for (const [key, client] of head.components) {
    const was = base.components.get(key);
    if (!client.endpoints || !was?.endpoints || client.redundancy.instances === 0) continue;
    for (const after of client.endpoints) {
      if (after.named !== 1 || after.targets.length !== 1) continue;
      const before = was.endpoints.find((u) => u.via === after.via && u.alternatives && u.targets.length >= 2);
      const member = after.members?.length === 1 ? after.members[0]! : undefined;
      // Several members of the same server, every name resolved (an external one cannot be judged).
      const within = before || member === undefined ? undefined : was.endpoints.find((u) => u.via === after.via && u.targets.length === 1 && u.targets[0] === after.targets[0] && (u.members?.length ?? 0) >= 2 && u.named === u.members!.length);
      if (!before && !within) continue;
      const serverKey = nodeKey({ format: client.format, stack: client.stack, id: after.targets[0]! });
      if (!head.components.has(serverKey)) continue;
      const key = within ? JSON.stringify([serverKey, member]) : serverKey;
      const entry = pins.get(key) ?? { serverKey, list: [] };
      entry.list.push(within ? { client, before: within, after, member: member! } : { client, before: before!, after });
      pins.set(key, entry);
    }
  }
  const reported = new Set(findings.filter((f) => f.kind === 'new-spof').map((f) => nodeKey({ ...f.component })));
  const out: Finding[] = [];
  const superseded = new Set<Finding>();
  for (const { serverKey, list } of pins.values()) {
    // The server became a SPOF in its own right (it has one instance): that finding tells it, with the list.
    if (reported.has(serverKey)) {
      for (const f of findings) if (f.kind === 'new-spof' && nodeKey({ ...f.component }) === serverKey) explain(f, list);
      continue;
    }
    out.push(pinned(head, head.components.get(serverKey)!, list));
    // A lone server that was a SPOF already grew by these clients: the cut list says why, once.
    for (const f of findings) if (f.kind === 'blast-radius-grown' && nodeKey({ ...f.component }) === serverKey) superseded.add(f);
  }
  return { findings: out, superseded };
}

/** A new SPOF finding on the server whose cover was the cut list: name the list, cite its line. */
function explain(f: Finding, pins: Pin[]): void {
  const cited = listEvidence(pins);
  const at = new Set(cited.map((e) => `${e.file}:${e.line}`));
  f.evidence = [...cited, ...f.evidence.filter((e) => !at.has(`${e.file}:${e.line}`))];
  f.message = f.message.replace('an alternative that covered for it is gone', `${clausesOf(f.component.id, pins).join('; ')}`);
}

function clausesOf(server: string, pins: Pin[]): string[] {
  return pins.map(({ client, before, after, member }) =>
    member === undefined
      ? `${after.via} of ${client.id} now names only ${server} (it named ${before.targets.join(', ')})`
      : `${after.via} of ${client.id} now names only ${member}, one of the instances of ${server} (it named ${before.members!.join(', ')})`,
  );
}

function listEvidence(pins: Pin[]): Evidence[] {
  return pins.map(({ before, after }) => ({ file: after.site.file, line: after.site.startLine, attribute: after.via, before: before.value, after: after.value }));
}

function pinned(head: Side, server: Component, pins: Pin[]): Finding {
  const g = head.analysis.graph;
  const failing = new Map<string, Component>();
  for (const { client } of pins) {
    failing.set(client.id, client);
    const key = nodeKey(client);
    if (g.has(key)) for (const n of g.failureClosure(key)) failing.set(g.component(n).id, g.component(n));
  }
  const all = [...failing.values()];
  const blastRadius = { dependents: all.filter(doesWork).map((c) => c.id), entryPoints: all.filter((c) => c.entryPoint).map((c) => c.id) };
  const clauses = clausesOf(server.id, pins);
  // Pins of members are keyed by member: one finding per member named alone.
  const member = pins[0]!.member;
  const others = member === undefined ? [...new Set(pins.flatMap((p) => p.before.targets))].filter((t) => t !== server.id) : [...new Set(pins.flatMap((p) => p.before.members!))].filter((m) => m !== member);
  const alone = member === undefined ? server.id : `${member} (one instance of ${server.id})`;
  const clients = listIds(pins.map((p) => p.client.id));
  const fix = pins.length === 1 ? `list the other servers again in ${pins[0]!.after.via} (${pins[0]!.before.value})` : 'list the other servers again where each client names them';
  const evidence = listEvidence(pins);
  const first = pins[0]!.after.site;
  const summary = { instances: server.redundancy.instances, zones: server.redundancy.zones?.count ?? null };
  return {
    fingerprint: fingerprint('new-spof', server.stack, server.id, member === undefined ? `${server.rule}:endpoints` : `${server.rule}:endpoints:${member}`),
    kind: 'new-spof',
    severity: 'high',
    rule: server.rule,
    title: `New SPOF for ${listIds(pins.map((p) => p.client.id))}: ${member === undefined ? what(server) : `${member} of ${what(server)}`} is the only server named`,
    message: `If ${alone} fails, ${clients} ${pins.length === 1 ? 'fails' : 'fail'} with it even while ${listIds(others)} ${others.length === 1 ? 'keeps' : 'keep'} serving: ${clauses.join('; ')}, so there is nothing to fall back to; that takes down ${describeBlast({ component: server, blastRadius })}; fix: ${fix}.`,
    fix,
    component: { id: server.id, type: server.type, format: server.format, stack: server.stack },
    location: { ...first },
    evidence,
    redundancy: { before: summary, after: summary },
    blastRadius: { before: 0, after: new Set([...blastRadius.dependents, ...blastRadius.entryPoints]).size, ...blastRadius },
  };
}

function listIds(ids: readonly string[]): string {
  return ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`;
}
