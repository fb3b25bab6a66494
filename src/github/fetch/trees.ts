/**
 * The file listing of a commit through the git trees API. One recursive request lists the whole
 * repository; when GitHub truncates it (over 100,000 entries or 7 MB), directories are listed on
 * demand, one non-recursive tree per directory level, so a huge monorepo still works.
 */
import type { GitHub, RepoCoords } from '../types.js';

export interface BlobEntry {
  sha: string;
  size: number;
}

interface TreeItem {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
  size?: number;
}

export class RepoTree {
  /** Every regular file known so far (symlinks and submodules left out, like the CLI). */
  readonly files = new Map<string, BlobEntry>();
  /** Symbolic links (mode 120000): never read, reported where a review looks. */
  readonly links = new Set<string>();
  /** Directory -> its tree SHA, for listing on demand when the recursive listing was truncated. */
  private readonly dirTrees = new Map<string, string>();
  private readonly listed = new Set<string>();

  private constructor(
    private readonly gh: GitHub,
    private readonly coords: RepoCoords,
    readonly commit: string,
    /** False when the recursive listing was truncated: `ensureDirs` lists what is needed. */
    readonly complete: boolean,
  ) {}

  static async read(gh: GitHub, coords: RepoCoords, commit: string): Promise<RepoTree> {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...coords, tree_sha: commit, recursive: '1' });
    const tree = new RepoTree(gh, coords, commit, !data.truncated);
    tree.add('', data.tree);
    return tree;
  }

  /** Sorted paths of the files known. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Lists the given directories (and the directories above them) when the listing was truncated. */
  async ensureDirs(dirs: Iterable<string>): Promise<void> {
    if (this.complete) return;
    for (const dir of [...new Set(dirs)].sort()) await this.listDir(dir === '.' ? '' : dir);
  }

  private async listDir(dir: string): Promise<void> {
    if (this.listed.has(dir)) return;
    let sha: string | undefined;
    if (dir === '') sha = this.commit;
    else {
      const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
      await this.listDir(parent);
      sha = this.dirTrees.get(dir);
    }
    this.listed.add(dir);
    if (sha === undefined) return; // no such directory at this commit
    const { data } = await this.gh.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...this.coords, tree_sha: sha });
    this.add(dir, data.tree);
  }

  private add(prefix: string, items: readonly TreeItem[]): void {
    for (const item of items) {
      if (!item.path || !item.sha) continue;
      const path = prefix ? `${prefix}/${item.path}` : item.path;
      if (item.type === 'tree') this.dirTrees.set(path, item.sha);
      else if (item.type === 'blob' && item.mode === '120000') this.links.add(path);
      else if (item.type === 'blob') this.files.set(path, { sha: item.sha, size: item.size ?? 0 });
    }
  }
}

/** Paths whose content differs between two listings (added, removed or modified). */
export function changedPaths(base: RepoTree, head: RepoTree): string[] {
  const out: string[] = [];
  for (const [path, entry] of head.files) if (base.files.get(path)?.sha !== entry.sha) out.push(path);
  for (const path of base.files.keys()) if (!head.files.has(path)) out.push(path);
  return out.sort();
}
