/**
 * Load-balancer configuration a workload mounts from a ConfigMap (issue 9 item 4): a `configMap`
 * volume (or a `projected` one's ConfigMap source) that a main container mounts, whose keys hold an
 * nginx, HAProxy, Envoy or Traefik file. Keys are filtered as the kubelet does (`items`, a mount's
 * `subPath`) and read by the shared parsers; a server's line in the file becomes its line in the
 * manifest when the value is a literal block and that line shows the same text, else the key's line.
 */
import { readLbConfig, type LbConfig } from '../shared/lb-config/index.js';
import type { SourceLines } from '../shared/lines.js';
import type { K8sObject } from './objects.js';
import { at, isMap, mapAt, seqAt, text, textAt, type KNode } from './tree.js';
import { containers, type ConfigMapLookup, type PodWorkload } from './workloads.js';

export interface MountedLbFile {
  configMap: K8sObject;
  /** The key, as the file is named in the container (`nginx.conf`, or an `items` path). */
  name: string;
  config: LbConfig;
  /** The manifest line of a line of the file. */
  lineOf(fileLine: number): number;
}

/** The ConfigMap volumes of the pod spec the main containers mount: name -> the keys mounted (undefined: all). */
function mountedVolumes(w: PodWorkload): Map<string, Set<string> | undefined> {
  const out = new Map<string, Set<string> | undefined>();
  for (const c of containers(w.spec)) {
    for (const m of seqAt(c, ['volumeMounts'])) {
      const name = textAt(m, ['name']);
      if (name === undefined) continue;
      const subPath = textAt(m, ['subPath']);
      if (subPath === undefined) out.set(name, undefined);
      else if (!out.has(name) || out.get(name) !== undefined) out.set(name, new Set([...(out.get(name) ?? []), subPath]));
    }
  }
  return out;
}

/** Keys of a ConfigMap source as mounted: key -> the file name it gets (`items` rename and restrict). */
function keysOf(source: KNode | undefined): { name: string; keys: Map<string, string> | undefined } | undefined {
  const name = textAt(source, ['name']);
  if (name === undefined) return undefined;
  const items = seqAt(source, ['items']);
  if (!items.length) return { name, keys: undefined };
  const keys = new Map<string, string>();
  for (const item of items) {
    const key = textAt(item, ['key']);
    if (key !== undefined) keys.set(key, textAt(item, ['path']) ?? key);
  }
  return { name, keys };
}

export function mountedLbFiles(w: PodWorkload, configMap: ConfigMapLookup, lines: SourceLines): MountedLbFile[] {
  const mounted = mountedVolumes(w);
  const out: MountedLbFile[] = [];
  const seen = new Set<string>();
  for (const v of seqAt(w.spec, ['volumes'])) {
    const volume = textAt(v, ['name']);
    if (volume === undefined || !mounted.has(volume)) continue;
    const subPaths = mounted.get(volume);
    const sources = [at(v, ['configMap']), ...seqAt(v, ['projected', 'sources']).map((s) => at(s, ['configMap']))].filter(isMap);
    for (const source of sources) {
      const ref = keysOf(source);
      const cm = ref && configMap(ref.name);
      const data = mapAt(cm?.root, ['data']);
      if (!cm || !data) continue;
      for (const [key, field] of data.fields) {
        const name = ref.keys ? ref.keys.get(key) : key;
        if (name === undefined || (subPaths && !subPaths.has(name))) continue;
        const body = text(field.value);
        if (body === undefined || seen.has(`${cm.file}\u0000${cm.name}\u0000${key}`)) continue;
        seen.add(`${cm.file}\u0000${cm.name}\u0000${key}`);
        const config = readLbConfig(name, body);
        if (!config || (config.pools.length === 0 && !config.problem)) continue;
        out.push({ configMap: cm, name, config, lineOf: lineMapper(cm.file, field.keyLine, field.value, body, lines) });
      }
    }
  }
  return out;
}

/**
 * A literal block scalar's content starts on the line after its indicator, one file line per manifest
 * line; folded or quoted values join lines, so each mapped line is checked against the manifest's text.
 */
function lineMapper(file: string, keyLine: number, value: KNode, body: string, lines: SourceLines): (fileLine: number) => number {
  const content = body.split('\n');
  return (fileLine) => {
    if (value.endLine <= value.line) return keyLine;
    const candidate = value.line + fileLine;
    const want = content[fileLine - 1]?.trim();
    const got = lines.line(file, candidate)?.trim();
    return want !== undefined && want !== '' && got === want ? candidate : keyLine;
  };
}
