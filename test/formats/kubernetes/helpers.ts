import type { Extraction, Stack } from '../../../src/formats/format.js';
import { kubernetes } from '../../../src/formats/kubernetes/index.js';
import { fileSetFromRecord, type Component } from '../../../src/model/index.js';

export interface Result {
  stacks: Stack[];
  byStack: Map<string, Extraction>;
}

/** Plan and extract every Kubernetes stack of a file set, the way the engine does (claims, then sniffing). */
export function extractAll(files: Record<string, string>): Result {
  const fs = fileSetFromRecord(files);
  const paths = fs.paths().filter((p) => kubernetes.claims(p) || kubernetes.sniff!(p, fs.read(p)!));
  const stacks = kubernetes.stacks(paths, fs, {});
  const byStack = new Map<string, Extraction>();
  for (const s of stacks) byStack.set(s.id, kubernetes.extract(s, fs, {}));
  return { stacks, byStack };
}

/** Extract the single stack of a file set (the root `.` unless told). */
export function extract(files: Record<string, string>, stack = '.'): Extraction {
  const r = extractAll(files);
  const x = r.byStack.get(stack);
  if (!x) throw new Error(`no stack ${stack}; stacks: ${r.stacks.map((s) => s.id).join(', ')}`);
  return x;
}

export function component(x: Extraction, id: string): Component {
  const c = x.components.find((k) => k.id === id);
  if (!c) throw new Error(`no component ${id}; have ${x.components.map((k) => k.id).join(', ')}`);
  return c;
}

export function ids(x: Extraction): string[] {
  return x.components.map((c) => c.id).sort();
}

/** Dependencies as `from -> to (kind)` strings, with `[k of group]` when grouped, sorted. */
export function edges(x: Extraction): string[] {
  return x.dependencies.map((d) => `${d.from} -> ${d.to} (${d.kind})${d.group ? ` [k=${d.group.k}]` : ''}`).sort();
}

/** A Deployment manifest with the usual shape; `extra` lines are appended to the pod spec. */
export function deployment(name: string, opts: { ns?: string; replicas?: number | string; image?: string; env?: Record<string, string>; podSpec?: string; labels?: string } = {}): string {
  const ns = opts.ns ? `\n  namespace: ${opts.ns}` : '';
  const replicas = opts.replicas === undefined ? '' : `\n  replicas: ${opts.replicas}`;
  const env = opts.env
    ? `\n        env:${Object.entries(opts.env)
        .map(([k, v]) => `\n        - name: ${k}\n          value: "${v}"`)
        .join('')}`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${ns}
spec:${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}${opts.labels ? `\n        ${opts.labels}` : ''}
    spec:${opts.podSpec ? `\n${opts.podSpec.replace(/\n$/, '')}` : ''}
      containers:
      - name: main
        image: ${opts.image ?? `example.com/${name}:1`}${env}
`;
}

export function service(name: string, opts: { ns?: string; selector?: string; type?: string } = {}): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:${opts.type ? `\n  type: ${opts.type}` : ''}
  selector:
    app: ${opts.selector ?? name}
  ports:
  - port: 80
`;
}
