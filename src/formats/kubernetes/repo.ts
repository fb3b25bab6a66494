/**
 * What a stack may read: an index of the file set's directories, and a per-extraction cache of
 * parsed manifest files (each use gets its own copy of the objects, so patches stay local).
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { parseDocuments, type ParsedFile } from './documents.js';
import { dirOf } from './files.js';
import { objectsOf, type K8sObject } from './objects.js';
import { clone } from './tree.js';

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

/** Parsed manifest files of one extraction; diagnostics are reported once per file. */
export class ManifestCache {
  private readonly parsed = new Map<string, { file: ParsedFile; objects: K8sObject[] }>();
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

  private entry(path: string): { file: ParsedFile; objects: K8sObject[] } | undefined {
    const hit = this.parsed.get(path);
    if (hit) return hit;
    const text = this.files.read(path);
    if (text === undefined) return undefined;
    const file = parseDocuments(path, text);
    this.diagnostics.push(...file.diagnostics);
    const e = { file, objects: objectsOf(path, file.docs, this.diagnostics) };
    this.parsed.set(path, e);
    return e;
  }
}
