/**
 * The change as the workspace checkout holds it, read with git the way the CLI's git mode reads
 * refs (`git ls-tree`, `git cat-file --batch`): nothing is checked out, nothing from the PR runs
 * (no hooks, no external diff or textconv drivers). It offers the file listings and blob texts that
 * the app's file planner (`github/fetch/review-files.ts`) reads from GitHub's API, and the patches
 * of the changed files that the app gets from the compare API.
 */
import { catFile, git, parseLsTree } from '../cli/git.js';
import type { ChangedFile } from '../github/fetch/changes.js';
import type { BlobSource, TreeListing } from '../github/fetch/review-files.js';
import type { BlobEntry } from '../github/fetch/trees.js';
import { MAX_FILE_BYTES, ReadBudget } from '../model/index.js';
import { ActionError } from './event.js';

/** A commit's complete listing (git never truncates one). */
export class GitTree implements TreeListing {
  readonly complete = true;
  private constructor(
    readonly files: ReadonlyMap<string, BlobEntry>,
    readonly links: ReadonlySet<string>,
  ) {}

  static async read(repo: string, commit: string): Promise<GitTree> {
    const { stdout } = await git(repo, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]);
    const entries = parseLsTree(stdout);
    // Links are listed to be reported, never read (as the app and the CLI do).
    return new GitTree(new Map(entries.filter((e) => !e.link).map((e) => [e.path, { sha: e.oid, size: e.size }])), new Set(entries.filter((e) => e.link).map((e) => e.path)));
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  async ensureDirs(): Promise<void> {}
}

/** Blob texts read from the object database, each once, within the review's read budget. */
export class GitBlobs implements BlobSource {
  /** sha -> text, or null for binary content. */
  private readonly texts = new Map<string, string | null>();

  constructor(
    private readonly repo: string,
    readonly budget: ReadBudget,
  ) {}

  has(sha: string): boolean {
    return this.texts.has(sha);
  }

  text(sha: string): string | undefined {
    return this.texts.get(sha) ?? undefined;
  }

  isBinary(sha: string): boolean {
    return this.texts.get(sha) === null;
  }

  async load(blobs: readonly (BlobEntry & { path?: string })[]): Promise<void> {
    const fresh = blobs.filter((b) => b.size <= MAX_FILE_BYTES && !this.texts.has(b.sha));
    if (fresh.length === 0) return;
    // Counted before anything is read: what would pass the budget is not read at all.
    for (const b of fresh) if (!this.budget.take(b.sha, b.path ?? b.sha, b.size)) return;
    const wanted = [...new Set(fresh.map((b) => b.sha))];
    const read = await catFile(this.repo, wanted);
    for (const sha of wanted) this.texts.set(sha, read.get(sha) ?? null);
  }
}

/** Whether the checkout has this commit (a shallow clone may not). */
export async function hasCommit(repo: string, sha: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The commits the review needs must be in the checkout: say how to get them when they are not. */
export async function requireCommits(repo: string, shas: readonly string[]): Promise<void> {
  try {
    await git(repo, ['rev-parse', '--git-dir']);
  } catch {
    throw new ActionError(`${repo} is not a git checkout: run actions/checkout (with fetch-depth: 0) before spof-review`);
  }
  for (const sha of shas) {
    if (!(await hasCommit(repo, sha))) {
      throw new ActionError(`commit ${sha} is not in the checkout: use actions/checkout with fetch-depth: 0 (spof-review reads both sides of the change with git)`);
    }
  }
}

/** The merge base of a pull request's base and head: what GitHub diffs a pull request against. */
export async function mergeBase(repo: string, base: string, head: string): Promise<string> {
  try {
    return (await git(repo, ['merge-base', base, head])).stdout.toString('utf8').trim();
  } catch {
    throw new ActionError(`no common ancestor of ${base} and ${head} in the checkout: use actions/checkout with fetch-depth: 0`);
  }
}

/** Git's own settings pinned: nothing external runs, paths come unquoted, the diff is GitHub's shape (3 lines of context, renames). */
const DIFF = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--diff-algorithm=myers', '-M', '--unified=3'];

const STATUS: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' };

/** The files a change touches, each with its patch (hunks only, as GitHub's `patch` field). */
export async function changedFiles(repo: string, base: string, head: string): Promise<ChangedFile[]> {
  const names = (await git(repo, [...DIFF, '--name-status', '-z', base, head, '--'])).stdout.toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < names.length - 1; ) {
    const code = names[i++]!;
    const letter = code[0]!;
    if (letter === 'R' || letter === 'C') {
      const previousPath = names[i++]!;
      files.push({ path: names[i++]!, status: STATUS[letter]!, previousPath });
    } else files.push({ path: names[i++]!, status: STATUS[letter] ?? 'changed' });
  }
  // One `diff --git` section per file, in the same order as the list.
  const text = (await git(repo, [...DIFF, base, head, '--'])).stdout.toString('utf8');
  const sections = text.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
  if (sections.length !== files.length) return files; // no patches: findings go to the summary, never on a wrong line
  return files.map((f, i) => {
    const lines = sections[i]!.split('\n');
    const first = lines.findIndex((l) => l.startsWith('@@ '));
    if (first < 0) return f; // binary, mode-only or a pure rename
    const patch = lines.slice(first).join('\n').replace(/\n$/, '');
    return { ...f, patch };
  });
}
