/**
 * Service hostnames in configuration values: `redis-cart:6379`, `http://api.shop.svc.cluster.local`,
 * `kafka-0.kafka-headless:9092`, or a bare `redis` in a variable named like an address. Patterns are
 * linear (bounded repetitions, no nested quantifiers) and values are length-capped by the caller.
 */

const URL_HOST = /[a-z][a-z0-9+.-]{0,31}:\/\/(?:[^@/\s]{0,256}@)?([a-z0-9][a-z0-9.-]{0,252})/gi;
const HOST_PORT = /(?:^|[\s,;=@"'(/])([a-z0-9][a-z0-9.-]{0,252}):\d{1,5}(?![\d.])/gi;
const CLUSTER_DNS = /(?:^|[^a-z0-9.-])([a-z0-9][a-z0-9.-]{0,200}\.svc(?:\.cluster\.local)?)(?![a-z0-9-])/gi;
const BARE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?){0,4}$/i;
const ADDRESS_NAME = /(HOST|HOSTNAME|ADDR|ADDRESS|SERVER|SERVERS|ENDPOINT|URL|URI|SERVICE|SVC|DSN|BROKER|BROKERS|BOOTSTRAP)(_?\d+)?$/i;

/** Whether a variable's name says it holds addresses, so a bare `redis` in it is a host. */
export function namesAddress(name: string): boolean {
  return ADDRESS_NAME.test(name);
}

/** Hostnames a value names. `name` is the variable's name (a bare value counts when it reads like an address). */
export function hostnamesIn(value: string, name: string | undefined, freeText = false): string[] {
  const out = new Set<string>();
  for (const re of [URL_HOST, HOST_PORT, CLUSTER_DNS]) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) out.add(m[1]!.toLowerCase().replace(/\.$/, ''));
  }
  if (!freeText && name !== undefined && namesAddress(name)) {
    for (const part of value.split(',')) {
      const v = part.trim();
      if (BARE.test(v)) out.add(v.toLowerCase());
    }
  }
  return [...out];
}

/**
 * The Service a hostname resolves to from a namespace: `svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`,
 * and the pod forms `pod.svc` / `pod.svc.ns` of headless Services. `lookup(ns, name)` returns a
 * component id when the stack defines that Service.
 */
export function resolveHost(host: string, namespace: string, lookup: (ns: string, name: string) => string | undefined): string | undefined {
  return resolveAddress(host, namespace, lookup)?.service;
}

/** As `resolveHost`, with the pod a name is one pod's (`zk-0` of `zk-0.zk-hs`) rather than the Service's. */
export function resolveAddress(host: string, namespace: string, lookup: (ns: string, name: string) => string | undefined): { service: string; pod?: string } | undefined {
  let h = host.toLowerCase();
  if (h.endsWith('.cluster.local')) h = h.slice(0, -'.cluster.local'.length);
  if (h.endsWith('.svc')) h = h.slice(0, -'.svc'.length);
  const labels = h.split('.');
  const found = (service: string | undefined, pod?: string) => (service === undefined ? undefined : pod === undefined ? { service } : { service, pod });
  switch (labels.length) {
    case 1:
      return found(lookup(namespace, labels[0]!));
    case 2:
      return found(lookup(labels[1]!, labels[0]!)) ?? found(lookup(namespace, labels[1]!), labels[0]!);
    case 3:
      return found(lookup(labels[2]!, labels[1]!), labels[0]!);
    default:
      return undefined;
  }
}
