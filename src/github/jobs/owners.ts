/**
 * Who owns the file a finding (or an inventory SPOF) points at, by the CODEOWNERS of the commit
 * reviewed, recorded with it for the dashboard's teams: org teams as `org/team`, users as `@login`
 * (an e-mail address names no GitHub account and is left out). Read through the formats registry,
 * the same parser the key-people analysis and the acceptance rules use.
 */
import { CODEOWNERS_LOCATIONS, ownerNamesLookup } from '../../formats/index.js';
import { MAX_FILE_BYTES } from '../../model/index.js';
import type { BlobFetcher } from '../fetch/blobs.js';
import type { RepoTree } from '../fetch/trees.js';

export type OwnersOf = (path: string) => string[];

const NOBODY: OwnersOf = () => [];

/** The owners lookup of the tree's CODEOWNERS (GitHub's first location found), loading that one blob if needed. */
export async function codeownersOf(tree: RepoTree, blobs: BlobFetcher): Promise<OwnersOf> {
  const path = CODEOWNERS_LOCATIONS.find((p) => tree.files.has(p));
  const entry = path === undefined ? undefined : tree.files.get(path);
  if (!entry || entry.size > MAX_FILE_BYTES) return NOBODY;
  if (!blobs.has(entry.sha)) await blobs.load([entry]);
  const text = blobs.text(entry.sha);
  if (text === undefined) return NOBODY;
  return ownerNamesLookup(text);
}

/** Owners by fingerprint for a list of things that point at a file. */
export function ownersByFingerprint(items: readonly { fingerprint: string; file: string }[], ownersOf: OwnersOf): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of items) out[i.fingerprint] = ownersOf(i.file);
  return out;
}
