/**
 * The engine's part of a job, as data in and data out, so it can run on a worker thread: file
 * sets travel as their path list and the texts that were fetched (a path without text reads as
 * undefined, as it did in the job), findings or inventory rows and the diagram come back.
 */
import { inventorySpofRows, review, scan, type TeamMembers } from '../../analysis/index.js';
import type { Config } from '../../config/types.js';
import type { Diagnostic, FileSet, Review } from '../../model/index.js';
import type { InventorySpofRecord } from '../../store/types.js';
import { affectedDiagram, inventoryDiagram } from '../publish/diagram.js';

export interface SentFiles {
  paths: string[];
  texts: [string, string][];
}

export interface ReviewWork {
  base: SentFiles;
  head: SentFiles;
  affectedHead: SentFiles;
  config: Config;
  repository: string;
  diagnostics: Diagnostic[];
  /** The sizes GitHub gave of the teams CODEOWNERS names (DESIGN amendment 48). */
  teamMembers?: TeamMembers;
}

export interface ReviewOutcome {
  review: Review;
  diagram: string | undefined;
}

export interface InventoryWork {
  files: SentFiles;
  config: Config;
  repository: string;
  teamMembers?: TeamMembers;
}

export type InventorySpof = Omit<InventorySpofRecord, 'owners'>;

export interface InventoryOutcome {
  spofs: InventorySpof[];
  /** The SPOFs and what fails with them as mermaid, when small enough to draw (publish/diagram.ts). */
  diagram: string | undefined;
}

export function sendFiles(files: FileSet): SentFiles {
  const paths = [...files.paths()];
  const texts: [string, string][] = [];
  for (const p of paths) {
    const t = files.read(p);
    if (t !== undefined) texts.push([p, t]);
  }
  return { paths, texts };
}

export function receiveFiles(sent: SentFiles): FileSet {
  const map = new Map(sent.texts);
  return { paths: () => sent.paths, read: (p) => map.get(p) };
}

export function doReview(work: ReviewWork): ReviewOutcome {
  const result = review({
    base: receiveFiles(work.base),
    head: receiveFiles(work.head),
    config: work.config,
    repository: work.repository,
    diagnostics: work.diagnostics,
    ...(work.teamMembers ? { teamMembers: work.teamMembers } : {}),
  });
  const diagram = affectedDiagram(result, scan(receiveFiles(work.affectedHead), work.config, work.repository));
  return { review: result, diagram };
}

export function doInventory(work: InventoryWork): InventoryOutcome {
  const inventory = scan(receiveFiles(work.files), work.config, work.repository, undefined, work.teamMembers);
  return { spofs: inventorySpofRows(inventory), diagram: inventoryDiagram(inventory) };
}
