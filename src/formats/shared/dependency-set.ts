import { append, expandHub, type Dependency, type Hub } from '../../model/index.js';

/**
 * Deduplicated dependencies between known components. A plain need wins over an alternative, and an
 * alternative group with a member that is needed on its own is moot (the member is required anyway).
 * Groups left with fewer than two members become plain needs. A hub dependency (`Dependency.hub`: a
 * list many components name whole) is kept as one, unless its dependent also names a member another
 * way: then it is placed as pairs, so these rules decide as they would without the hub.
 */
export class DependencySet {
  private readonly byPair = new Map<string, Dependency>();
  private readonly dissolved = new Set<string>();
  private readonly hubs: Dependency[] = [];
  /** Each hub with its unknown members left out, made once for all its dependents. */
  private readonly known = new Map<Hub, Hub>();

  constructor(private readonly ids: ReadonlySet<string>) {}

  add(d: Dependency): void {
    if (d.hub) {
      if (!this.ids.has(d.from)) return;
      let known = this.known.get(d.hub);
      if (!known) this.known.set(d.hub, (known = { ...d.hub, members: d.hub.members.filter((m) => this.ids.has(m)) }));
      this.hubs.push({ ...d, to: known.id, hub: known });
      return;
    }
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
    const kept = this.keptHubs();
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
    append(out, kept);
    return out;
  }

  /** The hub dependencies that stay whole; the others are added as pairs. */
  private keptHubs(): Dependency[] {
    if (!this.hubs.length) return [];
    const named = new Map<string, Set<string>>();
    for (const d of this.hubs) named.set(d.from, new Set());
    for (const d of this.byPair.values()) named.get(d.from)?.add(d.to);
    const through = new Map<string, Map<string, number>>();
    const hubsOf = new Map<string, Set<Hub>>();
    for (const d of this.hubs) (hubsOf.get(d.from) ?? hubsOf.set(d.from, new Set()).get(d.from)!).add(d.hub!);
    for (const [from, hubs] of hubsOf) {
      if (hubs.size < 2) continue;
      const count = new Map<string, number>();
      for (const hub of hubs) for (const m of hub.members) count.set(m, (count.get(m) ?? 0) + 1);
      through.set(from, count);
    }
    const kept: Dependency[] = [];
    const seen = new Set<string>();
    for (const d of this.hubs) {
      const pairs = named.get(d.from)!;
      const count = through.get(d.from);
      const overlaps = d.hub!.members.length < 2 || d.hub!.members.some((m) => m === d.from || pairs.has(m) || (count?.get(m) ?? 0) > 1);
      if (overlaps) for (const pair of expandHub(d)) this.add(pair);
      else if (!seen.has(`${d.from}\u0000${d.hub!.id}`)) {
        seen.add(`${d.from}\u0000${d.hub!.id}`);
        kept.push(d);
      }
    }
    return kept;
  }
}
