/**
 * For readers that load only what a change touches (the GitHub App): the files that may hold the Flux
 * `HelmRepository` / `OCIRepository` a touched stack's `HelmRelease` installs from. Sources often live in
 * a directory of their own (`infrastructure/sources/airflow.yaml` beside `apps/airflow/release.yaml`),
 * and without one the release's chart is unknown (`releases.ts`). A listing says nothing of content, so
 * the files are told by their paths: named after the source or the chart (`apache-airflow.yml`, `airflow.yaml`), or
 * under / named like a sources directory (`sources/`, `helm-repositories.yaml`, `repos/`).
 */
import { posix } from 'node:path';
import type { FileSet } from '../../model/index.js';
import type { PartlyLoaded } from '../format.js';
import { isManifestFile } from './files.js';
import { objectsOf } from './objects.js';
import { FLUX_HELM, FLUX_SOURCE } from './releases.js';
import { parsedFile } from './repo.js';
import { at, textAt } from './tree.js';

/** Words of a directory or file name that say it holds sources (split at `-`, `_`, `.`). */
const SOURCE_WORDS = new Set(['source', 'sources', 'repo', 'repos', 'repository', 'repositories', 'helmrepo', 'helmrepos', 'helmrepository', 'helmrepositories', 'ocirepo', 'ocirepos', 'ocirepository', 'ocirepositories']);
/** More would be a guess at the whole repository: the release stays unknown rather than the review reading everything. */
const MAX_FILES = 64;

/**
 * Unloaded manifest files that may declare the sources the touched stacks' HelmReleases name, none
 * until every file of those stacks is loaded (a release may sit in a base the next round loads).
 */
export function releaseSourceFiles(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[] {
  const touched = new Set(changed);
  const wanted = new Set<string>();
  for (const { files, stacks } of snapshots) {
    const listed = new Set(files.paths());
    for (const stack of stacks) {
      if (!stack.files.some((f) => touched.has(f))) continue;
      if (stack.files.some((f) => listed.has(f) && files.read(f) === undefined)) return [];
      const own = declaredSources(files, stack.files);
      for (const { source, chart } of referencedSources(files, stack.files)) {
        if (own.has(source)) continue;
        wanted.add(source);
        // A file named after the chart (`infrastructure/airflow.yaml`) is as likely to declare its source.
        if (chart) wanted.add(`Chart/${chart}`);
      }
    }
  }
  if (wanted.size === 0) return [];
  const out = new Map<string, number>();
  for (const { files } of snapshots) {
    for (const path of files.paths()) {
      if (!isManifestFile(path) || files.read(path) !== undefined) continue;
      const rank = likelySource(path, wanted);
      if (rank !== undefined) out.set(path, Math.min(rank, out.get(path) ?? rank));
    }
  }
  return [...out].sort(([a, ra], [b, rb]) => ra - rb || a.localeCompare(b)).slice(0, MAX_FILES).map(([p]) => p).sort();
}

/** The sources (`Kind/name`) the stack's HelmReleases install from, with their chart names where written. */
function referencedSources(files: FileSet, paths: readonly string[]): { source: string; chart?: string }[] {
  const out: { source: string; chart?: string }[] = [];
  for (const o of objectsIn(files, paths)) {
    if (o.group !== FLUX_HELM || o.kind !== 'HelmRelease') continue;
    const ref = at(o.root, ['spec', 'chart', 'spec', 'sourceRef']) ?? at(o.root, ['spec', 'chartRef']);
    const kind = textAt(ref, ['kind']);
    const name = textAt(ref, ['name']);
    const chart = textAt(o.root, ['spec', 'chart', 'spec', 'chart']);
    if ((kind === 'HelmRepository' || kind === 'OCIRepository') && name) out.push({ source: `${kind}/${name}`, ...(chart ? { chart } : {}) });
  }
  return out;
}

function declaredSources(files: FileSet, paths: readonly string[]): Set<string> {
  return new Set(objectsIn(files, paths).filter((o) => o.group === FLUX_SOURCE).map((o) => `${o.kind}/${o.name}`));
}

function objectsIn(files: FileSet, paths: readonly string[]) {
  return paths.filter(isManifestFile).flatMap((p) => {
    const parsed = parsedFile(files, p);
    return parsed ? objectsOf(p, parsed.docs, []) : [];
  });
}

/** 0: named after a wanted source or chart; 1: in or named like a sources directory; undefined: neither. */
function likelySource(path: string, wanted: ReadonlySet<string>): number | undefined {
  const stem = posix.basename(path).replace(/\.(ya?ml|json)$/i, '').toLowerCase();
  for (const key of wanted) if (stem === key.slice(key.indexOf('/') + 1).toLowerCase()) return 0;
  const names = [...posix.dirname(path).split('/'), stem];
  return names.some((n) => n.toLowerCase().split(/[-_.]+/).some((w) => SOURCE_WORDS.has(w))) ? 1 : undefined;
}
