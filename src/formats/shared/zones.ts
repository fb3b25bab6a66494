/**
 * Failure domains from placement values, for the formats that evaluate AWS-style placement (Terraform,
 * CloudFormation): zone names, fixed but unnamed zones of a region, or the zones of referenced resources
 * (subnets, subnet groups) that the stack declares. A format says how to read its values and resources
 * (`PlacementReader`); following them, and what the zones add up to, is the same everywhere.
 */
import type { Zones } from '../../model/index.js';
import type { UnknownRead } from './unevaluated.js';
import type { LineSpan } from './lines.js';

/** AWS zone names (`eu-west-1a`) and zone ids (`euw1-az1`): zones wherever they are written. */
const AWS_ZONE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const AWS_ZONE_ID = /^[a-z]{2,5}\d*-az\d+$/;

/** Lists, objects and referenced resources followed from a placement value before it is called unresolvable. */
export const MAX_PLACEMENT_DEPTH = 8;

/** A placement value as the collector follows it. */
export type Placement<Value, Resource> =
  /** Nothing placed (null, a boolean, a removed property). */
  | { kind: 'none' }
  | { kind: 'string'; text: string; site: LineSpan | undefined }
  | { kind: 'number'; text: string; site: LineSpan | undefined }
  | { kind: 'list'; items: Iterable<Value> }
  | { kind: 'object'; fields: Iterable<[string, Value]> }
  /** Placed where a resource of the stack is; `unlessVisiting`: how to read the value while that resource is being followed. */
  | { kind: 'resource'; resource: Resource; unlessVisiting?: Placement<Value, Resource> }
  /** One fixed zone of the region whose name is unknown (`names[1]` of the region's zones): distinct symbols are distinct zones. */
  | { kind: 'zone symbol'; symbol: string }
  /** Every zone of the region. */
  | { kind: 'all zones' }
  | { kind: 'unknown'; why: string };

/** The value shapes every format shares: nothing, strings, numbers, lists, objects. */
export type PlainValue<Value> =
  | { t: 'null' | 'bool' | 'novalue' }
  | { t: 'str'; v: string; site?: LineSpan | undefined }
  | { t: 'num'; v: number; site?: LineSpan | undefined }
  | { t: 'list'; items: Iterable<Value> }
  | { t: 'obj'; fields: Iterable<[string, Value]> };

export function plainPlacement<Value, Resource>(value: PlainValue<Value>): Placement<Value, Resource> {
  switch (value.t) {
    case 'str':
      return { kind: 'string', text: value.v, site: value.site };
    case 'num':
      return { kind: 'number', text: String(value.v), site: value.site };
    case 'list':
      return { kind: 'list', items: value.items };
    case 'obj':
      return { kind: 'object', fields: value.fields };
    default:
      return { kind: 'none' };
  }
}

export interface PlacementReader<Value, Resource> {
  /** What the stack is called in messages: a zone "is not in the configuration" / "template". */
  readonly source: string;
  /** Field names that hold zone names directly. */
  isZoneField(name: string): boolean;
  /** Field names (inside objects, of referenced resources) that place something in subnets. */
  readonly placementFields: readonly string[];
  /** Fields of a referenced resource that hold its own zone, in the order they are read. */
  readonly zoneFieldsOfResource: readonly string[];
  read(value: Value, zoneField: boolean): Placement<Value, Resource>;
  /** A referenced resource's field reader; undefined when the stack does not declare it. */
  fieldsOf(resource: Resource): ((name: string) => Value | undefined) | undefined;
  idOf(resource: Resource): string;
}

export class ZoneCollector<Value, Resource> {
  private readonly names = new Set<string>();
  /** Where each zone name was written (a variable default, a tfvars line, the attribute), when known. */
  readonly sites = new Map<string, LineSpan | undefined>();
  private readonly symbols = new Set<string>();
  private allZones = false;
  private why: string | undefined;
  private readonly visiting = new Set<Resource>();

  constructor(private readonly reader: PlacementReader<Value, Resource>) {}

  /** Why the placement could not be resolved (the first reason), if it could not. */
  get unresolved(): string | undefined {
    return this.why;
  }

  /**
   * The placement value of an entry key (at `path`); the first key whose value makes the placement
   * unresolvable is recorded in `unresolved`, with where it is written.
   */
  addKey(key: string, path: string, value: Value, written: () => LineSpan | undefined, unresolved: Map<string, UnknownRead>): void {
    const before = this.why;
    this.add(value, this.reader.isZoneField(path.split('.').pop()!), 0);
    if (this.why && !before && !unresolved.has(key)) unresolved.set(key, { key, path, why: this.why, site: written() });
  }

  private add(value: Value, zoneField: boolean, depth: number): void {
    if (depth > MAX_PLACEMENT_DEPTH) {
      this.why ??= 'a placement nested too deeply';
      return;
    }
    this.place(this.reader.read(value, zoneField), zoneField, depth);
  }

  private place(placement: Placement<Value, Resource>, zoneField: boolean, depth: number): void {
    switch (placement.kind) {
      case 'none':
        return;
      case 'string':
        if (zoneField || AWS_ZONE.test(placement.text) || AWS_ZONE_ID.test(placement.text)) {
          if (placement.text !== '') this.name(placement.text, placement.site);
        } else this.why ??= `a literal ${JSON.stringify(placement.text)} whose zone is not in the ${this.reader.source}`;
        return;
      case 'number':
        if (zoneField) this.name(placement.text, placement.site);
        return;
      case 'list':
        for (const item of placement.items) this.add(item, zoneField, depth + 1);
        return;
      case 'object':
        for (const [name, field] of placement.fields) {
          if (this.reader.isZoneField(name)) this.add(field, true, depth + 1);
          else if (this.reader.placementFields.includes(name)) this.add(field, false, depth + 1);
        }
        return;
      case 'resource':
        if (placement.unlessVisiting && this.visiting.has(placement.resource)) this.place(placement.unlessVisiting, zoneField, depth);
        else this.resource(placement.resource, depth + 1);
        return;
      case 'zone symbol':
        this.symbols.add(placement.symbol);
        return;
      case 'all zones':
        this.allZones = true;
        return;
      case 'unknown':
        this.why ??= placement.why;
        return;
    }
  }

  private name(name: string, site: LineSpan | undefined): void {
    this.names.add(name);
    if (!this.sites.has(name)) this.sites.set(name, site);
  }

  /** Zones of a referenced resource: its own zone, else the subnets it is placed in. */
  private resource(resource: Resource, depth: number): void {
    if (this.visiting.has(resource)) return;
    const field = this.reader.fieldsOf(resource);
    if (!field) {
      this.why ??= `${this.reader.idOf(resource)}, whose zone is not in the ${this.reader.source}`;
      return;
    }
    this.visiting.add(resource);
    try {
      for (const name of this.reader.zoneFieldsOfResource) {
        const zone = field(name);
        if (zone) return this.add(zone, true, depth);
      }
      for (const name of this.reader.placementFields) {
        const placement = field(name);
        if (placement) return this.add(placement, false, depth);
      }
      this.why ??= `${this.reader.idOf(resource)}, whose zone is not set in the ${this.reader.source}`;
    } finally {
      this.visiting.delete(resource);
    }
  }

  result(): Zones | null {
    if (this.why) return null;
    const known = this.names.size + this.symbols.size;
    // All zones of a region: every AWS region has at least two, so two never overstates.
    if (this.allZones) return { count: Math.max(2, known) };
    if (known === 0) return null;
    if (this.symbols.size === 0) return { count: this.names.size, names: [...this.names].sort() };
    return { count: known };
  }
}
