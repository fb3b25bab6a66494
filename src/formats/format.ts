import type { Checker, ConfigMap } from '../config/parse.js';
import type { Component, DeclaredMove, Dependency, Diagnostic, FileSet, Format } from '../model/index.js';

/** A unit that is reviewed on its own: a Terraform root module, a manifest directory, a compose file, a template. */
export interface Stack {
  format: Format;
  /** The contract `component.stack` value (repo-relative). */
  id: string;
  /** Every file whose content can change this stack's graph (own files, local modules, var files). */
  files: string[];
}

export interface Extraction {
  components: Component[];
  dependencies: Dependency[];
  diagnostics: Diagnostic[];
  /** Renames the files themselves declare (Terraform `moved` blocks), as component ids of this stack. */
  moves?: DeclaredMove[];
}


/**
 * What the formats' stacks and extraction read besides files, one or a few keys per format (prefixed
 * with its name). Empty here on purpose: each format adds its keys from its own folder (`declare module`
 * in its `settings.ts`), so adding a format edits no shared type.
 */
export interface FormatOptions {}

/**
 * The files a format may read, by name alone (like Renovate's `managerFilePatterns`): every reader (a
 * directory, a git tree, the GitHub app) keeps the files some format names here and nothing else. It is
 * wider than `claims`: it also covers files found by content and files a stack only reads (var files, `.env`).
 */
export interface FilePatterns {
  /** Endings of file names, compared case-insensitively; a name must be longer than its ending. */
  suffixes: readonly string[];
  /** Whole file names, compared case-insensitively. */
  names?: readonly string[];
  /** Directories no reader descends into, for any format (a tool's download cache). */
  skipDirs?: readonly string[];
}

/** A format's own section of `.github/spof-review.yml` (`terraform:`), and the options it becomes. */
export interface FormatSettings<Section = unknown> {
  /** The section's top-level key. */
  key: string;
  defaults(): Section;
  /** Validates the section: each invalid setting is reported through `checker` and keeps its default. */
  parse(section: ConfigMap, checker: Checker): Section;
  options(section: Section): FormatOptions;
}

/**
 * One snapshot of a repository as a reader that loads files on demand sees it: every path is listed,
 * `read` gives undefined for the files not loaded yet, and the stacks are this format's, planned over
 * what is loaded.
 */
export interface PartlyLoaded {
  files: FileSet;
  stacks: readonly Stack[];
}

/**
 * One input format. Implementations are pure: they read only through the FileSet they are given
 * and never throw on user content (bad input becomes a Diagnostic).
 */
export interface FormatPlugin {
  name: Format;
  /**
   * The format says who reviews the other formats' files (CODEOWNERS), not what runs: its files are not
   * infrastructure paths, and its components never enter a failure path.
   */
  describesOwnership?: boolean;
  filePatterns: FilePatterns;
  /** Whether a path belongs to this format by name alone. */
  claims(path: string): boolean;
  /** For ambiguous files (generic YAML): decide by content. Called only when no plugin claims the path. */
  sniff?(path: string, text: string): boolean;
  /** Group this format's files into stacks; `paths` are the files this plugin claimed or sniffed. */
  stacks(paths: readonly string[], files: FileSet, options: FormatOptions): Stack[];
  extract(stack: Stack, files: FileSet, options: FormatOptions): Extraction;
  /** The format's section of the repo config, for a format that has settings. */
  settings?: FormatSettings;
  /**
   * For readers that load only what a change needs (the GitHub app), which plan stacks over what they
   * loaded and load the files of the touched stacks until nothing is missing: the files whose content
   * decides which stacks the changed paths belong to, when those stacks cannot tell (Terraform: every
   * configuration that may call a changed directory as a module). `changed` are the changed paths some
   * format claimed or sniffed; `snapshots` are base and head. Asked every round until it names files;
   * they are loaded once, then the stacks are planned again, so it names them all at once.
   */
  relatedFiles?(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[];
  /**
   * The directories the loaded files point at (Terraform: local module sources; kustomize: resources,
   * bases, components), for readers that load a part of a repository: the app's truncated listings,
   * the CLI's sub-directory of a repository.
   */
  referencedDirs?(files: FileSet): string[];
}
