/**
 * Many components needing the same set of others the same way (Services sharing one label selector,
 * load balancers naming one `local` list) are stored once: each dependent points at one hub, and the
 * hub needs its members. n dependents of m members cost n + m edges instead of n x m, which is what
 * keeps a review of such a graph bounded (issue 10). A hub is not a component: it never fails by
 * itself, is never reported, and stands only for "all of these" (no `k`) or "k of these".
 */
export interface Hub {
  /** Unique within its stack among hubs; never a component id. */
  id: string;
  /** Component ids of the stack, distinct. */
  members: readonly string[];
  /** Set when the members are alternatives: the hub fails when fewer than `k` of them survive. */
  k?: number;
}

/** Lists shorter than this stay plain edges: a hub only pays off when it is shared by many and long. */
export const HUB_MIN_MEMBERS = 8;

/**
 * One hub per distinct member list (and `k`) within a stack, so that every dependent naming the same
 * list shares the same object, and the graph one node.
 */
export class HubInterner {
  private readonly byKey = new Map<string, Hub>();

  constructor(private readonly prefix: string) {}

  hub(members: readonly string[], k?: number): Hub {
    const key = `${k ?? 'all'}\u0000${members.join('\u0000')}`;
    let hub = this.byKey.get(key);
    if (!hub) {
      hub = { id: `${this.prefix}#${this.byKey.size + 1}`, members: [...members], ...(k !== undefined ? { k } : {}) };
      this.byKey.set(key, hub);
    }
    return hub;
  }
}
