/**
 * What one service declares for redundancy: how many containers it runs and which line decides it,
 * whether it publishes ports, and the names other services reach it by.
 */
import type { Diagnostic } from '../../model/index.js';
import { listAsMap } from './merge.js';
import type { ServiceDef } from './project.js';
import { entry, get, isMap, items, text, type CNode, type CScalar, type Src } from './tree.js';

export interface ReplicaDecision {
  /** Containers declared; null when not known statically. */
  count: number | null;
  /** The field that decided: `deploy.replicas`, `scale`, `deploy.mode` or `container_name`. */
  attribute: string;
  /** Its value line (the service's line when nothing is set). */
  site: Src;
  /** The deciding scalar, when one is written. */
  node?: CScalar;
  /** Nothing is set: one container. */
  unset: boolean;
  /** Why the count is unknown. */
  why?: string;
  /** `container_name` is set: one container at most, whatever else the service declares. */
  containerName?: Src;
}

/** `deploy.mode: global` runs one container per node: redundant as soon as there are two nodes, counted as 2. */
export const GLOBAL_INSTANCES = 2;

export function replicaDecision(def: ServiceDef, diagnostics: Diagnostic[]): ReplicaDecision {
  const svc = def.node;
  const deploy = get(svc, 'deploy');
  const mode = get(deploy, 'mode');
  const replicas = get(deploy, 'replicas');
  const scale = get(svc, 'scale');
  const containerName = get(svc, 'container_name');
  const id = `services.${def.name}`;
  let decision: ReplicaDecision;
  const modeText = text(mode)?.trim().toLowerCase();
  if (mode?.kind === 'scalar' && mode.unresolved?.length) {
    decision = unknown('deploy.mode', mode, `\${${mode.unresolved[0]!}} is not set in the reviewed files and has no default`);
  } else if (modeText === 'global' || modeText === 'global-job') {
    decision = { count: GLOBAL_INSTANCES, attribute: 'deploy.mode', site: mode!.src, node: mode as CScalar, unset: false };
  } else {
    const r = readCount(replicas, 'deploy.replicas');
    const s = readCount(scale, 'scale');
    if (r && s && r.count !== null && s.count !== null && r.count !== s.count) {
      diagnostics.push({
        file: s.site.file,
        line: s.site.line,
        severity: 'warning',
        message: `${id} sets scale: ${s.count} and deploy.replicas: ${r.count}: docker compose refuses distinct values; deploy.replicas is used`,
      });
    }
    decision = r ?? s ?? { count: 1, attribute: 'deploy.replicas', site: { file: def.header.file, line: def.header.line }, unset: true };
  }
  // A fixed container name allows one container: a second replica cannot be created.
  const name = text(containerName);
  if (name !== undefined && containerName && (decision.count === null || decision.count > 1)) {
    if (decision.count !== null) {
      const declared = decision.attribute === 'deploy.mode' ? 'deploy.mode: global' : `${decision.attribute}: ${decision.count}`;
      diagnostics.push({
        file: containerName.src.file,
        line: containerName.src.line,
        severity: 'warning',
        message: `${id} sets container_name: ${name}, which allows one container: ${declared} cannot run, counted as 1 (remove container_name to run several)`,
      });
    }
    decision = { count: 1, attribute: 'container_name', site: containerName.src, node: containerName as CScalar, unset: false };
  }
  if (name !== undefined && containerName) decision.containerName = containerName.src;
  return decision;
}

function unknown(attribute: string, node: CScalar, why: string): ReplicaDecision {
  return { count: null, attribute, site: node.src, node, unset: false, why };
}

function readCount(n: CNode | undefined, attribute: string): ReplicaDecision | undefined {
  if (n === undefined || (n.kind === 'scalar' && n.value === null)) return undefined;
  if (n.kind !== 'scalar') return { count: null, attribute, site: n.src, unset: false, why: 'it is not a number' };
  if (n.unresolved?.length) return unknown(attribute, n, `\${${n.unresolved[0]!}} is not set in the reviewed files and has no default`);
  const v = typeof n.value === 'number' ? n.value : /^\s*\d+\s*$/.test(String(n.value)) ? Number(n.value) : NaN;
  if (!Number.isInteger(v) || v < 0) return unknown(attribute, n, `${JSON.stringify(n.value)} is not a whole number`);
  return { count: v, attribute, site: n.src, node: n, unset: false };
}

/** Whether the service publishes a port on the host (short `"8080:80"`, `"80"` or long form). */
export function publishedPorts(def: ServiceDef): CNode | undefined {
  const ports = get(def.node, 'ports');
  return items(ports).length > 0 ? ports : undefined;
}

/** The names other containers resolve to this service: its name, container_name, network aliases. */
export function namesOf(def: ServiceDef): string[] {
  const names = [def.name.toLowerCase()];
  const add = (n: string | undefined) => {
    const l = n?.trim().toLowerCase();
    if (l && !names.includes(l)) names.push(l);
  };
  add(text(get(def.node, 'container_name')));
  const networks = get(def.node, 'networks');
  if (networks) {
    const m = listAsMap('networks', networks);
    if (isMap(m)) for (const e of m.entries.values()) for (const a of items(get(e.value, 'aliases'))) add(text(a));
  }
  return names;
}

/** The image, for roles (interpolated); undefined for build-only services. */
export function imageOf(def: ServiceDef): string | undefined {
  return text(get(def.node, 'image'))?.trim() || undefined;
}

export function hasDeployMap(def: ServiceDef): boolean {
  return isMap(entry(def.written, 'deploy')?.value);
}
