/**
 * File contents by blob SHA. A blob SHA always names the same bytes, so every text is fetched
 * once and kept in the store's blob cache across reviews: a re-push fetches only the blobs it
 * changed. Misses are fetched in GraphQL batches (up to 100 blobs per request); a blob GraphQL
 * truncates is fetched alone through the REST blob endpoint.
 */
import { MAX_FILE_BYTES, ReadBudget, decodeText } from '../../model/index.js';
import type { Store } from '../../store/types.js';
import type { GitHub, RepoCoords } from '../types.js';

export type BlobCache = Pick<Store, 'blob' | 'putBlob'>;

/** How the app's cap is raised, for the diagnostic. */
export const APP_RAISE = 'the app reads SPOF_REVIEW_MAX_READ_MB';

const BATCH_BLOBS = 100;
const BATCH_BYTES = 4 * 1024 * 1024;
const CACHE_CONCURRENCY = 32;

interface GraphqlBlob {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
}

export class BlobFetcher {
  /** sha -> text, or null for binary content. */
  private readonly texts = new Map<string, string | null>();
  /** Blobs fetched from GitHub by this fetcher (cache misses), for logs and the bench. */
  fetched = 0;

  constructor(
    private readonly gh: GitHub,
    private readonly coords: RepoCoords,
    private readonly cache?: BlobCache,
    /** What one review may read in all (cache hits too: they take the same memory). */
    readonly budget: ReadBudget = new ReadBudget(undefined, APP_RAISE),
  ) {}

  has(sha: string): boolean {
    return this.texts.has(sha);
  }

  /** Whether a loaded blob is binary (a NUL byte; GitHub's `isBinary`). */
  isBinary(sha: string): boolean {
    return this.texts.get(sha) === null;
  }

  /** The text of a blob already loaded; undefined when binary or not loaded. */
  text(sha: string): string | undefined {
    return this.texts.get(sha) ?? undefined;
  }

  /**
   * Loads the given blobs: memory, then the store's cache, then GitHub. Their sizes are counted
   * against the budget first: when they would pass it, nothing of them is loaded (`budget.exceeded`).
   */
  async load(blobs: readonly { sha: string; size: number; path?: string }[]): Promise<void> {
    const wanted = new Map<string, number>();
    for (const b of blobs) if (!this.texts.has(b.sha) && b.size <= MAX_FILE_BYTES) wanted.set(b.sha, b.size);
    if (wanted.size === 0) return;
    for (const b of blobs) if (wanted.has(b.sha) && !this.budget.take(b.sha, b.path ?? b.sha, b.size)) return;
    const misses: { sha: string; size: number }[] = [];
    const shas = [...wanted.keys()];
    for (let i = 0; i < shas.length; i += CACHE_CONCURRENCY) {
      const chunk = shas.slice(i, i + CACHE_CONCURRENCY);
      const hits = await Promise.all(chunk.map((sha) => (this.cache ? this.cache.blob(sha) : Promise.resolve(undefined))));
      chunk.forEach((sha, j) => {
        const hit = hits[j];
        if (hit !== undefined) this.texts.set(sha, hit);
        else misses.push({ sha, size: wanted.get(sha)! });
      });
    }
    for (const batch of batches(misses)) await this.fetchBatch(batch.map((b) => b.sha));
  }

  private async fetchBatch(shas: string[]): Promise<void> {
    const vars: Record<string, string> = { owner: this.coords.owner, name: this.coords.repo };
    const decls = ['$owner: String!', '$name: String!'];
    const fields = shas.map((sha, i) => {
      vars[`o${i}`] = sha;
      decls.push(`$o${i}: GitObjectID!`);
      return `b${i}: object(oid: $o${i}) { ... on Blob { text isBinary isTruncated } }`;
    });
    const query = `query Blobs(${decls.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    const data = await this.gh.graphql<{ repository: Record<string, GraphqlBlob | null> | null }>(query, vars);
    const repo = data.repository ?? {};
    for (const [i, sha] of shas.entries()) {
      const blob = repo[`b${i}`];
      if (!blob) continue; // unknown object: treated as absent
      this.fetched++;
      if (blob.isBinary || (blob.text === null && !blob.isTruncated)) {
        this.texts.set(sha, null);
        continue;
      }
      const text = blob.isTruncated || blob.text === null ? await this.fetchRest(sha) : stripBom(blob.text);
      this.texts.set(sha, text ?? null);
      if (text !== undefined) await this.cache?.putBlob(sha, text);
    }
  }

  private async fetchRest(sha: string): Promise<string | undefined> {
    const { data } = await this.gh.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...this.coords, file_sha: sha });
    const buf = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    return decodeText(buf);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function* batches<T extends { size: number }>(items: readonly T[]): Generator<T[]> {
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (batch.length > 0 && (batch.length >= BATCH_BLOBS || bytes + item.size > BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += item.size;
  }
  if (batch.length > 0) yield batch;
}
