import type { Config } from '../config/types.js';
import type { Component, DeclaredMove, Dependency, Diagnostic, FileSet, Review, Severity } from '../model/index.js';

export interface ReviewInput {
  base: FileSet;
  head: FileSet;
  config?: Partial<Config>;
  /** `owner/name` of the repository, when known: a teaching repository's name rates its findings as non-production. */
  repository?: string;
  /**
   * Review only the stacks with a file under this repo-relative directory: the files of the rest of
   * the repository are there to resolve what those stacks read (modules, bases), not to be reviewed.
   */
  within?: string;
  /**
   * What the reader could not read (a file over the size cap, an unreadable file): reported with the
   * review's own diagnostics, and an error among them decides the conclusion like the engine's own.
   */
  diagnostics?: Diagnostic[];
  /**
   * What is known of the teams CODEOWNERS names, by `org/team` (lower case): a member count, or the
   * members' logins. The app asks GitHub; the config's `teams` fills in what it could not. A team not
   * listed has an unknown size.
   */
  teamMembers?: TeamMembers;
}

export type TeamMembers = Record<string, number | string[]>;

/** `key-person`: infrastructure files only one person may approve changes to (CODEOWNERS). */
export type SpofKind = 'instance' | 'zonal' | 'quorum' | 'key-person';

/** One single point of failure present in a snapshot. */
export interface Spof {
  component: Component;
  kinds: SpofKind[];
  /** Components (ids) and entry points that fail with it, excluding itself. */
  blastRadius: { dependents: string[]; entryPoints: string[] };
  /** What a new SPOF of this shape would be rated (used by scan and the dashboard inventory). */
  severity: Severity;
  /** A scheduler's or ingestion worker's: what its configuration connects it to (ids), for messages. */
  connects?: string[];
}

/** A dependency placed in its stack (format extractors name components by id within a stack). */
export interface StackDependency extends Dependency {
  format: Component['format'];
  stack: string;
  /** Set when the target lives in another stack of the same format. */
  toStack?: string;
}

/** The graph of one snapshot (all stacks that were extracted). */
export interface Snapshot {
  components: Component[];
  dependencies: StackDependency[];
  diagnostics: Diagnostic[];
  files: number;
  /** Renames the head's files declare (Terraform `moved` blocks), placed in their stacks. */
  moves?: StackMove[];
}

export interface StackMove extends DeclaredMove {
  format: Component['format'];
  stack: string;
}

export interface Inventory {
  spofs: Spof[];
  snapshot: Snapshot;
}
