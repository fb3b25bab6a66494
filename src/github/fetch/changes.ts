/**
 * What a change touches, with each file's patch (the review comments need the hunks).
 *
 * One compare request (`base...head`, three dots: against the merge base, exactly the PR's diff)
 * gives the merge base and up to 300 files. Larger PRs page through the PR's files (GitHub lists
 * at most 3,000); past that, the changed paths come from comparing the two trees, without patches.
 */
import type { GitHub, RepoCoords } from '../types.js';

export interface ChangedFile {
  path: string;
  status: string;
  /** The old path of a renamed file. */
  previousPath?: string;
  /** Unified diff hunks; absent for binary or very large diffs. */
  patch?: string;
}

export interface Changes {
  /** The commit the diff is taken against: the merge base of base and head. */
  mergeBase: string;
  files: ChangedFile[];
  /** False when GitHub's lists stopped short (over 3,000 files): complete the paths from the trees. */
  complete: boolean;
}

/** The compare endpoint lists at most this many files. */
export const COMPARE_FILE_LIMIT = 300;
/** The PR files endpoint lists at most this many files. */
export const PR_FILE_LIMIT = 3000;

interface DiffEntry {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

function toChanged(e: DiffEntry): ChangedFile {
  return {
    path: e.filename,
    status: e.status,
    ...(e.previous_filename ? { previousPath: e.previous_filename } : {}),
    ...(e.patch !== undefined ? { patch: e.patch } : {}),
  };
}

export async function compareChanges(
  gh: GitHub,
  coords: RepoCoords,
  base: string,
  head: string,
  pullNumber?: number,
): Promise<Changes> {
  // per_page=1: the commit list is not needed, only the merge base and the files.
  const { data } = await gh.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...coords, basehead: `${base}...${head}`, per_page: 1 });
  const mergeBase = data.merge_base_commit.sha;
  const files = (data.files ?? []) as DiffEntry[];
  if (data.files && files.length < COMPARE_FILE_LIMIT) return { mergeBase, files: files.map(toChanged), complete: true };
  if (pullNumber === undefined) return { mergeBase, files: files.map(toChanged), complete: false };
  const all = (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...coords, pull_number: pullNumber, per_page: 100 })) as DiffEntry[];
  return { mergeBase, files: all.map(toChanged), complete: all.length < PR_FILE_LIMIT };
}

/** Every path a change touches: new, old and renamed-from paths. */
export function touchedPaths(files: readonly ChangedFile[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    out.add(f.path);
    if (f.previousPath) out.add(f.previousPath);
  }
  return [...out].sort();
}
