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
}

export function endpointListsCut(base: Side, head: Side, findings: readonly Finding[]): { findings: Finding[]; superseded: Set<Finding> } {
  const pins = new Map<string, Pin[]>();
  for (const [key, client] of head.components) {
    const was = base.components.get(key);
    if (!client.endpoints || !was?.endpoints || client.redundancy.instances === 0) continue;
    for (const after of client.endpoints) {
      if (after.named !== 1 || after.targets.length !== 1) continue;
      const before = was.endpoints.find((u) => u.via === after.via && u.alternatives && u.targets.length >= 2);
      if (!before) continue;
      const serverKey = nodeKey({ format: client.format, stack: client.stack, id: after.targets[0]! });
      if (!head.components.has(serverKey)) continue;
      pins.set(serverKey, [...(pins.get(serverKey) ?? []), { client, before, after }]);
    }
  }
  const reported = new Set(findings.filter((f) => f.kind === 'new-spof').map((f) => nodeKey({ ...f.component })));
  const out: Finding[] = [];
  const superseded = new Set<Finding>();
  for (const [serverKey, list] of pins) {
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
  return pins.map(({ client, before, after }) => `${after.via} of ${client.id} now names only ${server} (it named ${before.targets.join(', ')})`);
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
    if (g.graph.hasNode(key)) for (const n of g.failureClosure(key)) failing.set(g.component(n).id, g.component(n));
  }
  const all = [...failing.values()];
  const blastRadius = { dependents: all.filter(doesWork).map((c) => c.id), entryPoints: all.filter((c) => c.entryPoint).map((c) => c.id) };
  const clauses = clausesOf(server.id, pins);
  const others = [...new Set(pins.flatMap((p) => p.before.targets))].filter((t) => t !== server.id);
  const clients = listIds(pins.map((p) => p.client.id));
  const fix = pins.length === 1 ? `list the other servers again in ${pins[0]!.after.via} (${pins[0]!.before.value})` : 'list the other servers again where each client names them';
  const evidence = listEvidence(pins);
  const first = pins[0]!.after.site;
  const summary = { instances: server.redundancy.instances, zones: server.redundancy.zones?.count ?? null };
  return {
    fingerprint: fingerprint('new-spof', server.stack, server.id, `${server.rule}:endpoints`),
    kind: 'new-spof',
    severity: 'high',
    rule: server.rule,
    title: `New SPOF for ${listIds(pins.map((p) => p.client.id))}: ${what(server)} is the only server named`,
    message: `If ${server.id} fails, ${clients} ${pins.length === 1 ? 'fails' : 'fail'} with it even while ${listIds(others)} ${others.length === 1 ? 'keeps' : 'keep'} serving: ${clauses.join('; ')}, so there is nothing to fall back to; that takes down ${describeBlast({ component: server, blastRadius })}; fix: ${fix}.`,
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
