/** Repo-relative POSIX path helpers every format uses (`.` is the repository root). */

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/** Path of `file` relative to `dir` when inside it. */
export function relativeTo(dir: string, file: string): string | undefined {
  if (dir === '.') return file;
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : undefined;
}

/** A repo-relative path from a directory and a relative reference; undefined when it leaves the repository. */
export function resolvePath(dir: string, ref: string): string | undefined {
  if (ref.startsWith('/')) return undefined;
  const parts = dir === '.' ? [] : dir.split('/');
  for (const seg of ref.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : '.';
}
