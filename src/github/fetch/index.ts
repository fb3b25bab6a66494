/**
 * Everything a review reads from GitHub, in as few requests as the change allows:
 * 1 compare (merge base + changed files with patches), then, only when an infrastructure file
 * may be among them, the two tree listings (merge base and head, recursive) and the blobs of the
 * touched stacks (GraphQL batches, cache first).
 */
import { includedPaths } from '../../analysis/stacks.js';
import type { Config } from '../../config/types.js';
import { FORMATS, isCandidatePath } from '../../formats/index.js';
import type { GitHub, RepoCoords } from '../types.js';
import type { BlobFetcher } from './blobs.js';
import { compareChanges, touchedPaths, type Changes } from './changes.js';
import { loadReviewFiles, type ReviewFiles } from './review-files.js';
import { RepoTree, changedPaths } from './trees.js';

export interface FetchedChange {
  changes: Changes;
  /** Every changed path (from GitHub's lists, or from the trees past GitHub's caps). */
  changed: string[];
  /** Undefined when no infrastructure file can be among the changes (no tree was read). */
  files?: ReviewFiles;
  head?: RepoTree;
}

/** Whether any changed path could belong to a format, judging by name (and sniffable extensions). */
export function mayTouchIac(paths: readonly string[], config: Config): boolean {
  const candidates = includedPaths({ paths: () => paths.filter(isCandidatePath), read: () => undefined }, config);
  const sniffing = FORMATS.some((f) => f.sniff);
  return candidates.some((p) => sniffing || FORMATS.some((f) => f.claims(p)));
}

export async function fetchChange(
  gh: GitHub,
  coords: RepoCoords,
  opts: { base: string; head: string; pullNumber?: number; config: Config; blobs: BlobFetcher },
): Promise<FetchedChange> {
  const changes = await compareChanges(gh, coords, opts.base, opts.head, opts.pullNumber);
  let changed = touchedPaths(changes.files);
  if (changes.complete && !mayTouchIac(changed, opts.config)) return { changes, changed };
  const [base, head] = await Promise.all([RepoTree.read(gh, coords, changes.mergeBase), RepoTree.read(gh, coords, opts.head)]);
  if (!changes.complete) changed = [...new Set([...changed, ...changedPaths(base, head)])].sort();
  const files = await loadReviewFiles({ base, head, changed, config: opts.config, blobs: opts.blobs });
  return { changes, changed, files, head };
}
