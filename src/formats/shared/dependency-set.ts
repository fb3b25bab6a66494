import type { Dependency } from '../../model/index.js';

/**
 * Deduplicated dependencies between known components. A plain need wins over an alternative, and an
 * alternative group with a member that is needed on its own is moot (the member is required anyway).
 * Groups left with fewer than two members become plain needs.
 */
export class DependencySet {
  private readonly byPair = new Map<string, Dependency>();
  private readonly dissolved = new Set<string>();

  constructor(private readonly ids: ReadonlySet<string>) {}

  add(d: Dependency): void {
    if (d.from === d.to || !this.ids.has(d.from) || !this.ids.has(d.to)) return;
    const key = `${d.from}\u0000${d.to}`;
    const prev = this.byPair.get(key);
    if (!prev) {
      this.byPair.set(key, d);
      return;
    }
    if (prev.group && !d.group) {
      this.dissolved.add(`${prev.from}\u0000${prev.group.id}`);
      this.byPair.set(key, d);
    } else if (!prev.group && d.group) {
      this.dissolved.add(`${d.from}\u0000${d.group.id}`);
    }
  }

  finish(): Dependency[] {
    const out: Dependency[] = [];
    const sizes = new Map<string, number>();
    for (const d of this.byPair.values()) {
      if (!d.group) continue;
      const k = `${d.from}\u0000${d.group.id}`;
      sizes.set(k, (sizes.get(k) ?? 0) + 1);
    }
    for (const d of this.byPair.values()) {
      if (d.group) {
        const k = `${d.from}\u0000${d.group.id}`;
        if (this.dissolved.has(k)) continue;
        if ((sizes.get(k) ?? 0) < 2) {
          const { group: _drop, ...plain } = d;
          out.push(plain);
          continue;
        }
      }
      out.push(d);
    }
    return out;
  }
}
