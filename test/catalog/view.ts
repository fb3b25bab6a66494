import type { AttributeSite, Format, Zones } from '../../src/model/index.js';
import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../../src/catalog/entry.js';
import { entryFor } from '../../src/catalog/lookup.js';

export interface FakeViewOptions {
  type: string;
  format?: Format;
  /** Attributes by their path in the format's own syntax (`multi_az`, `MultiAZ`, `cluster_config.instance_count`). */
  attrs?: Record<string, unknown>;
  /** count / for_each size; 1 by default, null = unknown. */
  count?: number | null;
  /** What `zones()` resolves placement to: one answer for any keys, or per key (first key that has one wins). */
  zones?: Zones | null | Record<string, Zones | null>;
}

function isZones(z: unknown): z is Zones {
  return typeof z === 'object' && z !== null && typeof (z as Zones).count === 'number';
}

/** Reads a dotted path: a flat key first, then through objects (a single nested block reads like an object). */
function readPath(attrs: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(attrs, path)) return attrs[path];
  let cur: unknown = attrs;
  for (const part of path.split('.')) {
    if (cur === UNKNOWN) return UNKNOWN;
    if (Array.isArray(cur) && cur.length === 1) cur = cur[0];
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === null ? undefined : cur;
}

/**
 * A ResourceView as a format would build it: catalog keys are mapped through the entry's `attributes`
 * for the format (keys not listed are used verbatim), then read from `attrs`.
 */
export function fakeView(o: FakeViewOptions): ResourceView {
  const format = o.format ?? 'terraform';
  const entry = entryFor(format, o.type);
  const attrs = o.attrs ?? {};
  const pathOf = (k: string): string => entry?.attributes?.[k]?.[format] ?? k;
  const location = { file: 'main.tf', startLine: 1, endLine: 10 };
  return {
    format,
    type: o.type,
    id: `${o.type}.test`,
    location,
    count: o.count === undefined ? 1 : o.count,
    get: (k) => readPath(attrs, pathOf(k)),
    site: (k): AttributeSite | undefined => ({ attribute: pathOf(k), value: readPath(attrs, pathOf(k)), site: location }),
    zones(keys) {
      if (o.zones === undefined) return null;
      if (o.zones === null || isZones(o.zones)) return o.zones;
      for (const k of keys) {
        const z = o.zones[k] ?? o.zones[pathOf(k)];
        if (z !== undefined) return z;
      }
      return null;
    },
    length(k) {
      const v = readPath(attrs, pathOf(k));
      if (!Array.isArray(v)) return null;
      if (v.includes(UNKNOWN)) return null;
      return new Set(v.map((x) => JSON.stringify(x))).size;
    },
  };
}

/** The entry for a type (fails the test when missing). */
export function entry(type: string, format: Format = 'terraform'): CatalogEntry {
  const e = entryFor(format, type);
  if (!e) throw new Error(`no catalog entry for ${format} ${type}`);
  return e;
}

/** Judges a fake view with the entry of its type (asserting the entry applies). */
export function judge(o: FakeViewOptions): Judgement {
  const e = entry(o.type, o.format);
  const r = fakeView(o);
  if (e.applies && !e.applies(r)) throw new Error(`${e.id} does not apply`);
  if (!e.judge) throw new Error(`${e.id} has no judge`);
  return e.judge(r);
}

/** instances / zone count / failover, the part of a redundancy most assertions need. */
export function summary(j: Judgement): { instances: number | null; zones: number | null; failover: boolean | null } {
  return { instances: j.redundancy.instances, zones: j.redundancy.zones?.count ?? null, failover: j.redundancy.failover };
}

export { UNKNOWN };
