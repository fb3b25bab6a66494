import type { Component, Dependency, Diagnostic, FileSet, Format } from '../model/index.js';

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
}

export interface FormatOptions {
  /** Terraform: extra var files (repo-relative globs matched per stack) to evaluate. */
  terraformVarFiles?: { stack: string; files: string[] }[];
  /**
   * CloudFormation: parameters files (repo-relative globs, or relative to the template's directory) per
   * template glob; their values override parameter defaults, later files over earlier ones.
   */
  cloudformationParameterFiles?: { stack: string; files: string[] }[];
}

/**
 * One input format. Implementations are pure: they read only through the FileSet they are given
 * and never throw on user content (bad input becomes a Diagnostic).
 */
export interface FormatPlugin {
  name: Format;
  /** Whether a path belongs to this format by name alone. */
  claims(path: string): boolean;
  /** For ambiguous files (generic YAML): decide by content. Called only when no plugin claims the path. */
  sniff?(path: string, text: string): boolean;
  /** Group this format's files into stacks; `paths` are the files this plugin claimed or sniffed. */
  stacks(paths: readonly string[], files: FileSet, options: FormatOptions): Stack[];
  extract(stack: Stack, files: FileSet, options: FormatOptions): Extraction;
}
