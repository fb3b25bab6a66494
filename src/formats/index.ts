import { cloudformation } from './cloudformation/index.js';
import { codeowners } from './codeowners/index.js';
import { compose } from './compose/index.js';
import { candidatePathTest, skippedDirs } from './file-patterns.js';
import type { FormatPlugin } from './format.js';
import { kubernetes } from './kubernetes/index.js';
import { terraform } from './terraform/index.js';

/**
 * The one registry of input formats, in claim order. Adding a format means adding its folder
 * and one line here; nothing else in the engine or the readers names a format.
 */
export const FORMATS: readonly FormatPlugin[] = [terraform, compose, kubernetes, cloudformation, codeowners];

/** Directories no reader descends into. */
export const SKIP_DIRS: ReadonlySet<string> = skippedDirs(FORMATS);

/** Whether a repo-relative POSIX path is one some format may read: the readers keep these and nothing else. */
export const isCandidatePath: (path: string) => boolean = candidatePathTest(FORMATS);

/** Whether a format claims the path by its name alone (not by sniffing content). */
export function isClaimedPath(path: string): boolean {
  return FORMATS.some((f) => f.claims(path));
}

/** CODEOWNERS read once, for the app's `accept.by: [codeowners]`: where GitHub looks, and who owns a path. */
export { CODEOWNERS_LOCATIONS, ownerNamesLookup, ownersLookup } from './codeowners/index.js';
export type { FormatPlugin, Stack, Extraction, FormatOptions, FormatSettings, FilePatterns, PartlyLoaded } from './format.js';
