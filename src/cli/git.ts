import { execFile, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isCandidatePath, isClaimedPath } from '../formats/index.js';
import { MAX_FILE_BYTES, binaryContent, decodeText, fileSetFromMap, symbolicLink, tooLarge } from '../model/index.js';
import type { Diagnostic, ReadBudget } from '../model/index.js';
import { InputError } from './files.js';
import type { ReadResult } from './files.js';

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

/** Runs git in `repo` without prompts or locks; a failure is an InputError with git's first line. */
export function git(repo: string, args: string[]): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', repo, ...args], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, env: GIT_ENV }, (err, stdout, stderr) => {
      if (err) {
        const msg = stderr.toString('utf8').trim().split('\n')[0] || err.message;
        reject(new InputError(msg));
      } else resolve({ stdout, stderr: stderr.toString('utf8') });
    });
  });
}

/** The branch checked out in `dir` (`refs/heads/<name>`); a detached HEAD is an input error. */
export async function checkedOutRef(dir: string): Promise<string> {
  try {
    return (await git(dir, ['symbolic-ref', '-q', 'HEAD'])).stdout.toString('utf8').trim();
  } catch {
    throw new InputError('HEAD is detached: give the branch the history is of with --ref refs/heads/<name>');
  }
}

/**
 * `owner/name` of the repository `dir` belongs to, from its `origin` remote (https, ssh or scp-like
 * URL); undefined when `dir` is not in a git repository or has no origin.
 */
export async function originRepository(dir: string): Promise<string | undefined> {
  let url: string;
  try {
    url = (await git(dir, ['config', '--get', 'remote.origin.url'])).stdout.toString('utf8').trim();
  } catch {
    return undefined;
  }
  return repositoryFromUrl(url);
}

export function repositoryFromUrl(url: string): string | undefined {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '').replace(/^[^/:]*@[^:]*:/, '').replace(/\.git\/?$/, '').replace(/\/+$/, '');
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 ? parts.slice(-2).join('/') : parts[0];
}

/** The commit a ref names in `repo`; InputError (exit 2) when the repo or the ref is bad. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    if (!(await stat(repo)).isDirectory()) throw new Error();
  } catch {
    throw new InputError(`cannot read repository ${repo}: no such directory`);
  }
  try {
    await git(repo, ['rev-parse', '--git-dir']);
  } catch (e) {
    throw new InputError(`${repo} is not a git repository (${(e as Error).message})`);
  }
  if (ref === '' || ref.startsWith('-') || /[\u0000-\u001f]/.test(ref)) throw new InputError(`invalid git ref "${ref}"`);
  try {
    const { stdout } = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return stdout.toString('utf8').trim();
  } catch {
    throw new InputError(`unknown git ref "${ref}" in ${repo} (not a branch, tag or commit)`);
  }
}

interface TreeEntry {
  path: string;
  oid: string;
  size: number;
  /** A symbolic link (mode 120000): listed to be reported, never read. */
  link?: true;
}

/** Parses `git ls-tree -r -z --long`: `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL`. */
export function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const rec of out.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = rec.slice(0, tab).split(/ +/);
    const path = rec.slice(tab + 1);
    // Blobs only: no submodules (commit); symlinks (120000) are kept to be reported.
    if (type !== 'blob' || !oid) continue;
    entries.push({ path, oid, size: Number(size), ...(mode === '120000' ? { link: true as const } : {}) });
  }
  return entries;
}

/**
 * Reads blobs through one `git cat-file --batch` process, each decoded as soon as its bytes are in:
 * the output is never held whole, so the texts are about all the memory a read costs.
 */
export function catFile(repo: string, oids: string[]): Promise<Map<string, string | undefined>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const texts = new Map<string, string | undefined>();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let body: { oid: string; size: number } | undefined;
    const keep = (rest: Buffer) => {
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    };
    const drain = () => {
      for (;;) {
        if (body === undefined) {
          if (pendingBytes === 0) return;
          const head = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
          const nl = head.indexOf(0x0a);
          if (nl < 0) return keep(head);
          const header = head.subarray(0, nl).toString('utf8').split(' ');
          keep(head.subarray(nl + 1));
          if (header[1] === 'missing' || header.length < 3) continue;
          body = { oid: header[0]!, size: Number(header[2]) };
        }
        if (pendingBytes < body.size + 1) return; // content, then LF
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        texts.set(body.oid, decodeText(all.subarray(0, body.size)));
        keep(all.subarray(body.size + 1));
        body = undefined;
      }
    };
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      pending.push(c);
      pendingBytes += c.length;
      drain();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e) => reject(new InputError(`cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new InputError(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`));
      resolve(texts);
    });
    child.stdin.on('error', () => undefined); // git exiting early is reported through 'close'
    child.stdin.end(oids.map((o) => `${o}\n`).join(''));
  });
}

/**
 * Decoded blobs by object id, kept across the trees of one history walk (`log`): consecutive
 * commits share almost every file, so each blob is read and decoded once. Bounded by total size;
 * the oldest entries go first.
 */
export class BlobCache {
  private readonly texts = new Map<string, string | undefined>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  has(oid: string): boolean {
    return this.texts.has(oid);
  }

  get(oid: string): string | undefined {
    return this.texts.get(oid);
  }

  set(oid: string, text: string | undefined): void {
    if (this.texts.has(oid)) return;
    this.texts.set(oid, text);
    this.bytes += text?.length ?? 0;
    for (const [old, oldText] of this.texts) {
      if (this.bytes <= this.maxBytes) break;
      this.texts.delete(old);
      this.bytes -= oldText?.length ?? 0;
    }
  }
}

/**
 * Reads a ref's tree into a FileSet without a checkout; paths filtered like `readDirectory`. The
 * listing's sizes are counted against `budget` before any blob is read: a tree that would pass it
 * reads nothing more (the caller refuses the review).
 */
export async function readGitTree(repo: string, ref: string, cache: BlobCache = new BlobCache(), budget?: ReadBudget): Promise<ReadResult & { commit: string }> {
  const commit = await resolveCommit(repo, ref);
  const { stdout } = await git(repo, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]);
  const diagnostics: Diagnostic[] = [];
  const wanted: TreeEntry[] = [];
  for (const e of parseLsTree(stdout)) {
    if (!isCandidatePath(e.path)) continue;
    if (e.link) diagnostics.push(symbolicLink(e.path));
    else if (e.size > MAX_FILE_BYTES) diagnostics.push(tooLarge(e.path, e.size));
    else wanted.push(e);
  }
  if (budget && !wanted.every((e) => budget.take(e.oid, e.path, e.size))) return { files: fileSetFromMap(new Map()), diagnostics, commit };
  // Resolved into a local map first: eviction while caching new blobs must not drop a wanted one.
  const texts = new Map<string, string | undefined>();
  const missing: string[] = [];
  for (const oid of new Set(wanted.map((e) => e.oid))) {
    if (cache.has(oid)) texts.set(oid, cache.get(oid));
    else missing.push(oid);
  }
  if (missing.length > 0) {
    const blobs = await catFile(repo, missing);
    for (const oid of missing) {
      const text = blobs.get(oid);
      texts.set(oid, text);
      cache.set(oid, text);
    }
  }
  const map = new Map<string, string>();
  for (const e of wanted) {
    const text = texts.get(e.oid);
    if (text !== undefined) map.set(e.path, text);
    else diagnostics.push(binaryContent(e.path, isClaimedPath(e.path)));
  }
  return { files: fileSetFromMap(map), diagnostics, commit };
}
