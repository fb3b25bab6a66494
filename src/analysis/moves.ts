import { entryFor } from '../catalog/lookup.js';
import { expandHub, type Component, type Hub } from '../model/index.js';
import type { Snapshot, StackDependency, StackMove } from './api.js';
import { nodeKey } from './graph.js';

/**
 * Moves are not changes. A stack directory renamed (`examples/foo` -> `tests/foo`), a manifest moved
 * to another directory, a resource renamed: the SPOFs there existed before. Components of the base
 * that vanished are paired with components of the head that appeared, and the base is renamed to
 * the head's names before the two are compared, so a pair is judged on what changed in it, not on
 * its new name.
 *
 * Pairing, most certain first:
 * 0. What the head declares moved (Terraform `moved` blocks): a vanished component whose id, or
 *    module address, is a `from` pairs with the appeared one at the `to` address.
 * 1. Stacks of one format that vanished and appeared, with most component ids in common (at least
 *    MIN_STACK_OVERLAP of the smaller one): their components pair by id.
 * 2. One vanished and one appeared component of the same format, type and id in different stacks.
 * 3. In one stack, the only vanished and the only appeared component of a type with the same
 *    configuration (role, rule, redundancy and decisive attribute values).
 * 4. In one stack, a vanished and an appeared component of two types the catalog says declare the same
 *    real resource (`sameResourceAs`: a regional disk replaced by a zonal one), with the same name: one
 *    resource reshaped, compared as one, so what it lost is a reduction rather than a removal.
 */
export const MIN_STACK_OVERLAP = 0.6;

export interface Move {
  from: { stack: string; id: string };
  to: { stack: string; id: string };
}

export function findMoves(base: Snapshot, head: Snapshot): Move[] {
  const headKeys = new Set(head.components.map(nodeKey));
  const baseKeys = new Set(base.components.map(nodeKey));
  let vanished = base.components.filter((c) => !headKeys.has(nodeKey(c)));
  let appeared = head.components.filter((c) => !baseKeys.has(nodeKey(c)));
  if (vanished.length === 0 || appeared.length === 0) return [];
  const moves: Move[] = [];
  const take = (from: Component, to: Component) => moves.push({ from: { stack: from.stack, id: from.id }, to: { stack: to.stack, id: to.id } });
  const moved = (list: Component[], side: 'from' | 'to') => {
    const done = new Set(moves.map((m) => `${m[side].stack}\u0000${m[side].id}`));
    return list.filter((c) => !done.has(`${c.stack}\u0000${c.id}`));
  };

  // 0. Declared.
  if (head.moves?.length) {
    const appearedByKey = new Map(appeared.map((c) => [nodeKey(c), c]));
    for (const from of vanished) {
      const to = declaredTarget(head.moves, from);
      const target = to === undefined ? undefined : appearedByKey.get(nodeKey({ ...from, id: to }));
      if (target && target.type === from.type) {
        take(from, target);
        appearedByKey.delete(nodeKey(target));
      }
    }
    vanished = moved(vanished, 'from');
    appeared = moved(appeared, 'to');
  }

  // 1. Renamed stacks.
  const baseStacks = new Set(base.components.map((c) => `${c.format}\u0000${c.stack}`));
  const headStacks = new Set(head.components.map((c) => `${c.format}\u0000${c.stack}`));
  const goneStacks = groupBy(vanished.filter((c) => !headStacks.has(`${c.format}\u0000${c.stack}`)), (c) => `${c.format}\u0000${c.stack}`);
  const newStacks = groupBy(appeared.filter((c) => !baseStacks.has(`${c.format}\u0000${c.stack}`)), (c) => `${c.format}\u0000${c.stack}`);
  const pairedStacks = new Set<string>();
  const candidates: { gone: string; added: string; overlap: number }[] = [];
  for (const [gone, goneComponents] of goneStacks) {
    const goneIds = new Set(goneComponents.map((c) => c.id));
    for (const [added, addedComponents] of newStacks) {
      if (goneComponents[0]!.format !== addedComponents[0]!.format) continue;
      const common = addedComponents.filter((c) => goneIds.has(c.id)).length;
      const overlap = common / Math.min(goneIds.size, addedComponents.length);
      if (overlap >= MIN_STACK_OVERLAP) candidates.push({ gone, added, overlap });
    }
  }
  candidates.sort((a, b) => b.overlap - a.overlap || a.gone.localeCompare(b.gone) || a.added.localeCompare(b.added));
  for (const { gone, added } of candidates) {
    if (pairedStacks.has(gone) || pairedStacks.has(added)) continue;
    pairedStacks.add(gone);
    pairedStacks.add(added);
    const addedById = new Map(newStacks.get(added)!.map((c) => [c.id, c]));
    for (const from of goneStacks.get(gone)!) {
      const to = addedById.get(from.id);
      if (to && to.type === from.type) take(from, to);
    }
  }
  vanished = moved(vanished, 'from');
  appeared = moved(appeared, 'to');

  // 2. The same object in another stack.
  pairUnique(vanished, appeared, (c) => `${c.format}\u0000${c.type}\u0000${c.id}`, take);
  vanished = moved(vanished, 'from');
  appeared = moved(appeared, 'to');

  // 3. Renamed in place, configuration unchanged.
  pairUnique(vanished, appeared, (c) => `${c.format}\u0000${c.stack}\u0000${c.type}\u0000${configuration(c)}`, take);
  vanished = moved(vanished, 'from');
  appeared = moved(appeared, 'to');

  // 4. Reshaped: the same name under a type that declares the same resource.
  pairUnique(vanished, appeared, reshapeKey, take);
  return moves;
}

/** Format, stack, the id without its type, and the family of types that declare the same resource; '' outside a family. */
function reshapeKey(c: Component): string {
  const family = entryFor(c.format, c.type)?.sameResourceAs?.[c.format];
  if (!family?.length || !c.id.includes(c.type)) return '';
  const types = [...new Set([c.type, ...family])].sort();
  return `${c.format}\u0000${c.stack}\u0000${c.id.replace(c.type, '\u0001')}\u0000${types.join(',')}`;
}

/** The base snapshot under the head's names, so that moved components compare with themselves. */
export function applyMoves(base: Snapshot, moves: readonly Move[]): Snapshot {
  if (moves.length === 0) return base;
  const renamed = new Map(moves.map((m) => [`${m.from.stack}\u0000${m.from.id}`, m.to]));
  const rename = (stack: string, id: string) => renamed.get(`${stack}\u0000${id}`) ?? { stack, id };
  const components = base.components.map((c) => {
    const to = rename(c.stack, c.id);
    return to.stack === c.stack && to.id === c.id ? c : { ...c, stack: to.stack, id: to.id };
  });
  const place = (d: StackDependency): StackDependency => {
    const from = rename(d.stack, d.from);
    const to = rename(d.toStack ?? d.stack, d.to);
    const placed: StackDependency = { ...d, from: from.id, to: to.id, stack: from.stack };
    if (to.stack !== from.stack) placed.toStack = to.stack;
    else delete placed.toStack;
    return placed;
  };
  // A hub is renamed once for all its dependents; one whose members moved apart is placed as pairs.
  const hubs = new Map<Hub, { hub: Hub; stack: string | undefined }>();
  const renamedHub = (stack: string, hub: Hub) => {
    let r = hubs.get(hub);
    if (!r) {
      const members = hub.members.map((m) => rename(stack, m));
      const stacks = new Set(members.map((m) => m.stack));
      const to = stacks.size === 1 ? [...stacks][0]! : undefined;
      // Hub ids are unique within a stack: one moved into another stack keeps where it came from in its id.
      r = { hub: { ...hub, id: to === stack ? hub.id : `${hub.id}@${stack}`, members: members.map((m) => m.id) }, stack: to };
      hubs.set(hub, r);
    }
    return r;
  };
  const dependencies = base.dependencies.flatMap((d): StackDependency[] => {
    if (!d.hub) return [place(d)];
    const from = rename(d.stack, d.from);
    const r = renamedHub(d.stack, d.hub);
    if (r.stack !== from.stack) return expandHub(d).map(place);
    return [{ ...d, from: from.id, stack: from.stack, to: r.hub.id, hub: r.hub }];
  });
  return { ...base, components, dependencies };
}

/** The id a component has after the moves its stack declares (chained moves followed, as Terraform does), if any applies. */
function declaredTarget(declared: readonly StackMove[], c: Component): string | undefined {
  let id = c.id;
  let changed = false;
  for (let hops = 0; hops < declared.length; hops++) {
    const step = declared.find((m) => m.format === c.format && m.stack === c.stack && (id === m.from || id.startsWith(`${m.from}.`)));
    if (!step) break;
    id = `${step.to}${id.slice(step.from.length)}`;
    changed = true;
  }
  return changed ? id : undefined;
}

function pairUnique(vanished: Component[], appeared: Component[], key: (c: Component) => string, take: (from: Component, to: Component) => void): void {
  const gone = groupBy(vanished, key);
  const added = groupBy(appeared, key);
  for (const [k, from] of gone) {
    // An empty key pairs nothing (a component outside every family).
    if (k === '') continue;
    const to = added.get(k);
    if (from.length === 1 && to?.length === 1) take(from[0]!, to[0]!);
  }
}

/** What decides a component's redundancy, without its name or place. */
function configuration(c: Component): string {
  const attributes = Object.keys(c.attributes)
    .sort()
    .map((k) => `${k}=${JSON.stringify(c.attributes[k]!.value ?? null)}`);
  const r = c.redundancy;
  return JSON.stringify([c.role, c.rule, r.instances, r.zones?.count ?? null, r.failover, r.quorum, attributes]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
