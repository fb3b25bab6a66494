/**
 * Viewers by token, resolved through GitHub and kept briefly (60 s by default) so a page load is
 * not four GitHub round trips: keyed by the token's SHA-256 (the token itself is not kept as a
 * key), at most `max` entries (least recently used dropped). A change of access on GitHub shows
 * within the TTL. Concurrent requests for one token share one resolution. Refusals and errors are
 * not cached.
 */
import { createHash } from 'node:crypto';
import type { Viewer } from './viewer.js';

export interface AccessCacheOptions {
  resolve: (token: string) => Promise<Viewer>;
  ttlMs?: number;
  max?: number;
  now?: () => number;
}

export const ACCESS_TTL_MS = 60_000;
export const ACCESS_CACHE_MAX = 1_000;

export class AccessCache {
  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();
  private readonly pending = new Map<string, Promise<Viewer>>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly options: AccessCacheOptions) {
    this.ttlMs = options.ttlMs ?? ACCESS_TTL_MS;
    this.max = options.max ?? ACCESS_CACHE_MAX;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async viewer(token: string): Promise<Viewer> {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.viewer;
    }
    if (hit) this.entries.delete(key);
    let running = this.pending.get(key);
    if (!running) {
      running = this.options.resolve(token).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
      running.then(
        (viewer) => this.remember(key, viewer),
        () => undefined,
      );
    }
    return running;
  }

  /** Forget a token (signed out, refused). */
  forget(token: string): void {
    this.entries.delete(createHash('sha256').update(token).digest('hex'));
  }

  private remember(key: string, viewer: Viewer): void {
    this.entries.set(key, { viewer, until: this.now() + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
