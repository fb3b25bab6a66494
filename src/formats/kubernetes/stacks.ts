/**
 * Stacks of Kubernetes files:
 * - a Helm chart directory (Chart.yaml): its values and templates (templates are never rendered);
 * - a kustomization directory: everything its build reads (resources, components, patch files); a
 *   kustomization that another one includes is part of that one, not a stack of its own;
 * - any other directory of manifests not read by a kustomization: its manifest files.
 */
import type { FileSet } from '../../model/index.js';
import type { Stack } from '../format.js';
import { dirOf, isChart, isIgnoredPath, isKustomization, isManifestFile, joinPath, kustomizationIn } from './files.js';
import { readKustomization } from './kustomize.js';
import { dirIndex } from './repo.js';

export type StackKind = 'manifests' | 'kustomize' | 'helm';

/** How a stack is read, from its id and files (the engine hands extract() only the Stack). */
export function stackKind(stack: Stack, files: FileSet): StackKind {
  if (files.read(joinPath(stack.id, 'Chart.yaml')) !== undefined && stack.files.includes(joinPath(stack.id, 'Chart.yaml'))) return 'helm';
  if (stack.files.some((f) => isKustomization(f) && dirOf(f) === stack.id)) return 'kustomize';
  return 'manifests';
}

export function kubernetesStacks(paths: readonly string[], files: FileSet): Stack[] {
  const index = dirIndex(files);
  const stacks: Stack[] = [];
  const own = paths.filter((p) => !isIgnoredPath(p));

  // Helm charts: everything under a chart directory belongs to it (subcharts under charts/ are their own charts).
  const charts = new Set(own.filter(isChart).map(dirOf));
  const chartOf = (p: string): string | undefined => {
    for (let d = dirOf(p); ; d = dirOf(d)) {
      if (charts.has(d)) return d;
      if (d === '.') return undefined;
    }
  };
  const chartFiles = new Map<string, string[]>([...charts].map((c) => [c, []]));
  for (const p of files.paths()) {
    const c = chartOf(p);
    if (c === undefined) continue;
    const rel = c === '.' ? p : p.slice(c.length + 1);
    if (rel === 'Chart.yaml' || /^values\.ya?ml$/.test(rel) || rel.startsWith('templates/')) chartFiles.get(c)!.push(p);
  }
  for (const [c, list] of chartFiles) stacks.push({ format: 'kubernetes', id: c, files: list.sort() });
  const outsideCharts = own.filter((p) => chartOf(p) === undefined);

  // Kustomizations: read each, then keep those no other kustomization includes.
  const kdirs = [...new Set(outsideCharts.filter(isKustomization).map(dirOf))].sort();
  const readings = new Map(kdirs.map((d) => [d, readKustomization(d, files, index)]));
  const included = new Set<string>();
  const consumed = new Set<string>();
  for (const r of readings.values()) {
    for (const d of r.referenced) included.add(d);
    for (const f of r.files) consumed.add(f);
  }
  const usable = (d: string): boolean => readings.get(d)!.tree?.component === false;
  const roots = kdirs.filter((d) => !included.has(d) && usable(d));
  // Kustomizations that only include each other (`sub` lists `..`) have no root: the first of each
  // cycle becomes one, so the cycle is reported (broken at the repeated edge) and nothing vanishes.
  const reached = new Set(roots.flatMap((d) => [d, ...readings.get(d)!.referenced]));
  for (const d of kdirs) {
    if (reached.has(d) || !usable(d)) continue;
    roots.push(d);
    for (const r of [d, ...readings.get(d)!.referenced]) reached.add(r);
  }
  for (const d of roots.sort()) stacks.push({ format: 'kubernetes', id: d, files: readings.get(d)!.files });

  // Plain manifest directories: files no kustomization reads, in directories without a kustomization.
  const byDir = new Map<string, string[]>();
  for (const p of outsideCharts) {
    if (isKustomization(p) || !isManifestFile(p) || consumed.has(p)) continue;
    const d = dirOf(p);
    if (kustomizationIn(d, (x) => index.exists(x))) continue;
    const list = byDir.get(d);
    if (list) list.push(p);
    else byDir.set(d, [p]);
  }
  for (const [d, list] of byDir) stacks.push({ format: 'kubernetes', id: d, files: list.sort() });
  return stacks.sort((a, b) => a.id.localeCompare(b.id));
}
