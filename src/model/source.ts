/** A place in a repository file. Lines are 1-based and inclusive. */
export interface SourceRange {
  file: string;
  startLine: number;
  endLine: number;
}

export interface Diagnostic {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A set of files: repo-relative POSIX path -> text. The engine never touches the disk. */
export interface FileSet {
  paths(): readonly string[];
  read(path: string): string | undefined;
}

export function fileSetFromRecord(files: Record<string, string>): FileSet {
  const map = new Map(Object.entries(files));
  return fileSetFromMap(map);
}

export function fileSetFromMap(map: ReadonlyMap<string, string>): FileSet {
  const paths = [...map.keys()].sort();
  return { paths: () => paths, read: (p) => map.get(p) };
}
