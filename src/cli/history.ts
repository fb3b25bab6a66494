import { InputError } from './files.js';
import { git } from './git.js';

/** One commit to review against its first parent. */
export interface HistoryCommit {
  commit: string;
  /** First parent; undefined for a root commit. */
  parent: string | undefined;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
}

const FIELD = '\u001f';
const RECORD = '\u001e';

async function gitText(repo: string, args: string[]): Promise<string> {
  return (await git(repo, args)).stdout.toString('utf8');
}

export interface HistorySelection {
  /** `A..B` (or any revision range git accepts that is not an option). */
  range?: string;
  /** The last N commits of the range (or of HEAD). */
  commits?: number;
  /** Follow only first parents (a main branch's merges, one per pull request). */
  firstParent?: boolean;
}

/** The commits of a range, oldest first. */
export async function listHistory(repo: string, selection: HistorySelection): Promise<HistoryCommit[]> {
  const range = selection.range ?? 'HEAD';
  if (range === '' || range.startsWith('-') || /[\u0000-\u001f\s]/.test(range)) throw new InputError(`invalid revision range "${range}"`);
  const args = ['log', '--reverse', `--format=%H${FIELD}%P${FIELD}%aI${FIELD}%s${RECORD}`];
  if (selection.firstParent) args.push('--first-parent');
  // git applies --max-count before --reverse: the newest N, printed oldest first.
  if (selection.commits !== undefined) args.push(`--max-count=${selection.commits}`);
  args.push('--end-of-options', range, '--');
  let out: string;
  try {
    out = await gitText(repo, args);
  } catch (e) {
    throw new InputError(`cannot list commits of "${range}" in ${repo}: ${(e as Error).message}`);
  }
  const commits: HistoryCommit[] = [];
  for (const record of out.split(RECORD)) {
    const trimmed = record.replace(/^\n/, '');
    if (!trimmed) continue;
    const [commit, parents, date, subject] = trimmed.split(FIELD);
    if (!commit) continue;
    commits.push({ commit, parent: parents?.split(' ').find((p) => p !== '') ?? undefined, date: date ?? '', subject: subject ?? '' });
  }
  return commits;
}

/** Paths a commit changed against its first parent (renames as delete + add), NUL-safe. */
export async function changedPaths(repo: string, parent: string, commit: string): Promise<string[]> {
  const out = await gitText(repo, ['diff-tree', '-r', '-z', '--no-commit-id', '--no-renames', '--name-only', parent, commit]);
  return out.split('\0').filter((p) => p !== '');
}
