import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hostile shapes for issue 10 ("bounded work per review"): many dependents sharing one set of
 * dependencies, which a naive graph stores as n x m edges.
 *
 * - Kubernetes: `n` Deployments and `n` Services that all select one shared label, so every Service
 *   selects every Deployment.
 * - Terraform: `n` single-AZ `aws_db_instance` gathered in one `local` list that each of `n` `aws_lb`
 *   names, so every load balancer needs every database.
 *
 * The head differs from the base by one thing (a Deployment, or a database, more), so `diff` reviews
 * the whole stack and `scan` lists the same graph.
 */
export interface FanOutCase {
  base: string;
  head: string;
  /** Bytes of the head's configuration. */
  bytes: number;
}

export function kubernetesFanOut(n: number): { base: Map<string, string>; head: Map<string, string> } {
  const manifests = (count: number): string => {
    const docs: string[] = [];
    for (let i = 0; i < count; i++) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  selector:
    matchLabels: { tier: shared }
  template:
    metadata:
      labels: { tier: shared }
    spec:
      containers:
        - { name: app, image: example/app }
`);
    }
    for (let i = 0; i < n; i++) {
      docs.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  selector: { tier: shared }
  ports: [{ port: 80 }]
`);
    }
    return docs.join('---\n');
  };
  return { base: new Map([['apps/all.yaml', manifests(n)]]), head: new Map([['apps/all.yaml', manifests(n + 1)]]) };
}

export function terraformFanOut(n: number): { base: Map<string, string>; head: Map<string, string> } {
  const main = (count: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      parts.push(`resource "aws_db_instance" "db_${i}" {
  engine   = "postgres"
  multi_az = false
}
`);
    }
    parts.push(`locals {
  dbs = [
${Array.from({ length: count }, (_, i) => `    aws_db_instance.db_${i}.address,`).join('\n')}
  ]
}
`);
    for (let i = 0; i < n; i++) {
      parts.push(`resource "aws_lb" "lb_${i}" {
  internal = false
  tags     = { Backends = join(",", local.dbs) }
}
`);
    }
    return parts.join('\n');
  };
  return { base: new Map([['main.tf', main(n)]]), head: new Map([['main.tf', main(n + 1)]]) };
}

/** Writes one of the cases above under `dir` (`base/`, `head/`), replacing what was there. */
export function writeFanOut(dir: string, files: { base: Map<string, string>; head: Map<string, string> }): FanOutCase {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const side of ['base', 'head'] as const) {
    for (const [path, text] of files[side]) {
      const full = join(dir, side, path);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
      if (side === 'head') bytes += Buffer.byteLength(text);
    }
  }
  return { base: join(dir, 'base'), head: join(dir, 'head'), bytes };
}
