/**
 * What a stack may read: an index of the file set's directories, and a per-extraction cache of
 * parsed manifest files (each use gets its own copy of the objects, so patches stay local).
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { parseDocuments, type ParsedFile } from './documents.js';
import { dirOf } from './files.js';
import { objectsOf, type K8sObject } from './objects.js';
import { clone } from './tree.js';
import { append } from '../../model/index.js';

export class DirIndex {
  private readonly byDir = new Map<string, string[]>();
  private readonly dirs = new Set<string>();

  constructor(readonly files: FileSet) {
    for (const p of files.paths()) {
      const d = dirOf(p);
      const list = this.byDir.get(d);
      if (list) list.push(p);
      else this.byDir.set(d, [p]);
      for (let a = d; !this.dirs.has(a); a = dirOf(a)) {
        this.dirs.add(a);
        if (a === '.') break;
      }
    }
  }

  exists(path: string): boolean {
    return this.files.read(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** Files directly inside a directory, sorted. */
  filesIn(dir: string): readonly string[] {
    return this.byDir.get(dir) ?? [];
  }
}

const indexes = new WeakMap<FileSet, DirIndex>();

export function dirIndex(files: FileSet): DirIndex {
  let ix = indexes.get(files);
  if (!ix) {
    ix = new DirIndex(files);
    indexes.set(files, ix);
  }
  return ix;
}

interface ParsedEntry {
  file: ParsedFile;
  objects: K8sObject[];
  diagnostics: Diagnostic[];
}

/** Parses of a file set's files, shared by the stacks that read the same file (bases of several overlays). */
const parses = new WeakMap<FileSet, Map<string, ParsedEntry>>();

function sharedParses(files: FileSet): Map<string, ParsedEntry> {
  let shared = parses.get(files);
  if (!shared) parses.set(files, (shared = new Map()));
  return shared;
}

function parseEntry(files: FileSet, path: string): ParsedEntry | undefined {
  const shared = sharedParses(files);
  let e = shared.get(path);
  if (!e) {
    const text = files.read(path);
    if (text === undefined) return undefined;
    const file = parseDocuments(path, text);
    const diagnostics = [...file.diagnostics];
    e = { file, objects: objectsOf(path, file.docs, diagnostics), diagnostics };
    shared.set(path, e);
  }
  return e;
}

/** A file's parsed documents, shared across stacks (kustomization files are read by every overlay). */
export function parsedFile(files: FileSet, path: string): ParsedFile | undefined {
  return parseEntry(files, path)?.file;
}

/**
 * Parsed manifest files of one extraction. Parses are shared across extractions of the same file set;
 * each extraction reports a file's diagnostics itself (it is reviewed on its own) and gets its own
 * copies of the objects.
 */
export class ManifestCache {
  private readonly reported = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly files: FileSet) {}

  /** The file's parsed documents (cached). */
  documents(path: string): ParsedFile | undefined {
    return this.entry(path)?.file;
  }

  /** Fresh copies of the file's objects. */
  objects(path: string): K8sObject[] {
    const e = this.entry(path);
    if (!e) return [];
    return e.objects.map((o) => ({ ...o, root: clone(o.root) }));
  }

  private entry(path: string): ParsedEntry | undefined {
    const e = parseEntry(this.files, path);
    if (!e) return undefined;
    if (!this.reported.has(path)) {
      this.reported.add(path);
      append(this.diagnostics, e.diagnostics);
    }
    return e;
  }
}
