/** A git repository as GitHub's API shows it: content-addressed blobs, nested trees, commits. */
import { createHash } from 'node:crypto';

export interface TreeItem {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

export interface Commit {
  sha: string;
  tree: string;
  files: Map<string, string>;
  parents: string[];
}

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

export function blobSha(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return sha1(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf]));
}

/** A file value that makes the path a symbolic link to `target` (mode 120000, the blob holds the target). */
export function symlink(target: string): string {
  return `${LINK}${target}`;
}
const LINK = '\u0000symlink:';
const blobText = (text: string) => (text.startsWith(LINK) ? text.slice(LINK.length) : text);

export class FakeRepo {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, TreeItem[]>();
  readonly commits = new Map<string, Commit>();
  /** `.github/spof-review.yml` on the default branch, when set. */
  config: string | undefined;
  defaultBranch = 'main';
  /** Branch heads by name (`GET .../commits/{branch}`). */
  readonly branches = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly id: number,
    readonly installationId = 1,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Records a commit with exactly these files; returns its SHA. */
  commit(files: Record<string, string> | Map<string, string>, parents: string[] = []): string {
    const map = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
    for (const text of map.values()) this.blobs.set(blobSha(blobText(text)), blobText(text));
    const tree = this.buildTree([...map.keys()].sort(), '', map);
    const sha = sha1(`commit ${tree} ${this.counter++} ${this.fullName}`);
    this.commits.set(sha, { sha, tree, files: map, parents });
    return sha;
  }

  /** Records a commit a real git repository made (the GitHub Action's checkout), under its own SHA. */
  adopt(sha: string, files: Record<string, string>, parents: string[] = []): string {
    const map = new Map(Object.entries(files));
    for (const text of map.values()) this.blobs.set(blobSha(text), text);
    this.commits.set(sha, { sha, tree: this.buildTree([...map.keys()].sort(), '', map), files: map, parents });
    return sha;
  }

  /** A commit on top of another that changes some of its files (null deletes). */
  change(from: string, edits: Record<string, string | null>): string {
    const files = new Map(this.get(from).files);
    for (const [p, t] of Object.entries(edits)) {
      if (t === null) files.delete(p);
      else files.set(p, t);
    }
    return this.commit(files, [from]);
  }

  get(commit: string): Commit {
    const c = this.commits.get(commit);
    if (!c) throw new Error(`no commit ${commit}`);
    return c;
  }

  private buildTree(paths: string[], prefix: string, files: Map<string, string>): string {
    const items: TreeItem[] = [];
    const subdirs = new Map<string, string[]>();
    for (const p of paths) {
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        const text = files.get(p)!;
        const content = blobText(text);
        items.push({ path: rest, mode: text === content ? '100644' : '120000', type: 'blob', sha: blobSha(content), size: Buffer.byteLength(content) });
      } else {
        const dir = rest.slice(0, slash);
        (subdirs.get(dir) ?? subdirs.set(dir, []).get(dir)!).push(p);
      }
    }
    for (const [dir, list] of subdirs) items.push({ path: dir, mode: '040000', type: 'tree', sha: this.buildTree(list, `${prefix}${dir}/`, files) });
    items.sort((a, b) => (a.path < b.path ? -1 : 1));
    const sha = sha1(`tree ${items.map((i) => `${i.mode} ${i.path} ${i.sha}`).join('\n')}`);
    this.trees.set(sha, items);
    return sha;
  }

  /** The recursive listing of a tree, paths from its root. */
  recursive(treeSha: string, prefix = ''): TreeItem[] {
    const out: TreeItem[] = [];
    for (const item of this.trees.get(treeSha) ?? []) {
      const path = `${prefix}${item.path}`;
      out.push({ ...item, path });
      if (item.type === 'tree') out.push(...this.recursive(item.sha, `${path}/`));
    }
    return out;
  }
}
