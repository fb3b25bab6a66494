/**
 * ResourceView over evaluated Terraform blocks: what a catalog entry reads. Keys are the entry's
 * format-neutral keys, mapped to Terraform attribute paths; nested blocks read like objects
 * (repeated blocks like lists); placement resolves referenced subnets to their zones.
 */
import type { AttributeSite, SourceRange, Zones } from '../../model/index.js';
import { MEMBERS_KEY, UNKNOWN, type CatalogEntry, type ResourceView } from '../../catalog/entry.js';
import type { BodyReader, Ctx } from './modules.js';
import { child, equals, type LazyObject, type Site, type Val } from './values.js';
import { UNKNOWN_ITEM } from '../shared/unknown-item.js';

const ABSENT: Val = { t: 'null' };

/** A Terraform attribute path for an entry key. */
export function pathFor(entry: CatalogEntry | undefined, key: string): string {
  return entry?.attributes?.[key]?.terraform ?? key;
}

/** Field names that hold zone names directly (AWS, GCP, Azure). */
const ZONE_FIELD = /(^|_)(availability_zones?|availability_zone_id|zones?|azs|location|node_locations|gce_zone)$/;
/** Field names (inside objects / referenced resources) that place a resource in subnets. */
const PLACEMENT_FIELDS = ['subnet_id', 'subnet_ids', 'subnets', 'vpc_zone_identifier', 'subnet_mapping', 'subnet_group_name', 'db_subnet_group_name'];
/** Fields of a referenced resource that hold its zones; `node_locations`: where a GKE cluster's node pools run by default. */
const ZONE_FIELDS_OF_RESOURCE = ['availability_zone', 'availability_zone_id', 'zone', 'zones', 'node_locations'];
const AWS_ZONE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const AWS_ZONE_ID = /^[a-z]{2,5}\d*-az\d+$/;

export function isZoneField(name: string): boolean {
  return ZONE_FIELD.test(name);
}

/** One decisive read that was unknown, for a diagnostic. */
export interface UnknownRead {
  key: string;
  path: string;
  why: string | undefined;
  site: Site | undefined;
}

export interface ViewSource {
  ctx: Ctx;
  entry: CatalogEntry | undefined;
  type: string;
  id: string;
  location: SourceRange;
  count: number | null;
  /** The block's first line (where a missing attribute would be inserted). */
  header: Site;
  /** Per-instance readers (all evaluated instances, first one is the representative). */
  readers: readonly BodyReader[];
  /** Synthesized keys (`__members`). */
  synthesized?: ReadonlyMap<string, unknown>;
  /** Where a synthesized key is decided, when one place does (the `count` of the only member resource). */
  synthesizedSites?: ReadonlyMap<string, SynthesizedSite>;
}

/** Where a synthesized value is written: `attribute` names it for evidence (`aws_rds_cluster_instance.x.count`). */
export interface SynthesizedSite {
  attribute: string;
  /** The attribute line (`count = 2` in the member's block), named so that a fix can rewrite it. */
  written: Site;
  /** Where its value comes from when that is elsewhere (`count = var.readers`: the variable default). */
  origin?: Site;
}

export class TerraformView implements ResourceView {
  readonly format = 'terraform' as const;
  readonly type: string;
  readonly id: string;
  readonly location: SourceRange;
  readonly count: number | null;
  /** Reads that were unknown, by key. */
  readonly unknownReads = new Map<string, UnknownRead>();
  /** Placement keys that could not be resolved, with why. */
  readonly unresolvedZones = new Map<string, UnknownRead>();

  constructor(private readonly src: ViewSource) {
    this.type = src.type;
    this.id = src.id;
    this.location = src.location;
    this.count = src.count;
  }

  private path(key: string): string {
    return pathFor(this.src.entry, key);
  }

  /** The evaluated value at a path, for one reader; undefined when absent. */
  valueAt(reader: BodyReader, path: string): Val | undefined {
    return valueAtPath(reader, path);
  }

  get(key: string): unknown {
    if (this.src.synthesized?.has(key)) return this.src.synthesized.get(key);
    const reader = this.src.readers[0];
    if (!reader) return undefined;
    const path = this.path(key);
    const v = this.valueAt(reader, path);
    if (v === undefined) return undefined;
    const js = toJs(v);
    if (js === UNKNOWN && !this.unknownReads.has(key)) {
      this.unknownReads.set(key, { key, path, why: firstWhy(v), site: reader.fieldRange(path.split('.')[0]!) });
    }
    return js;
  }

  site(key: string): AttributeSite | undefined {
    const ctx = this.src.ctx;
    const path = this.path(key);
    const header = this.insertionPoint(key) ?? this.src.header;
    const absent = (value: unknown): AttributeSite => ({
      attribute: path,
      value,
      site: { file: header.file, startLine: header.start, endLine: header.start },
      text: ctx.siteText({ ...header, end: header.start }),
    });
    if (this.src.synthesized?.has(key)) {
      const v = this.src.synthesized.get(key);
      const value = v === UNKNOWN ? undefined : v;
      const at = this.src.synthesizedSites?.get(key);
      if (!at) return { ...absent(value), attribute: synthesizedName(this.src.entry, key) };
      const site = at.origin ?? at.written;
      const out: AttributeSite = {
        attribute: at.attribute,
        value,
        site: { file: site.file, startLine: site.start, endLine: site.end },
        text: ctx.siteText(site),
      };
      if (at.origin) {
        out.written = { file: at.written.file, startLine: at.written.start, endLine: at.written.end };
        out.writtenText = ctx.siteText(at.written);
      }
      return out;
    }
    const reader = this.src.readers[0];
    if (!reader) return absent(undefined);
    if (path === 'count') return this.countSite(reader);
    const v = this.valueAt(reader, path);
    if (v === undefined) return absent(undefined);
    const attrSite = writtenAt(reader, path);
    const written = attrSite ?? header;
    const site = v.site && v.site.file ? v.site : written;
    const js = toJs(v);
    const text = ctx.siteText(site);
    const out: AttributeSite = {
      attribute: path,
      value: hasUnknownPart(js) ? (expressionText(text) ?? (js === UNKNOWN ? undefined : jsonSafe(js))) : jsonSafe(js),
      site: { file: site.file, startLine: site.start, endLine: site.end },
      text,
    };
    // The value comes from outside the attribute's own text (a variable default, a tfvars line, a local).
    const inside = attrSite && attrSite.file === site.file && site.start >= attrSite.start && site.end <= attrSite.end;
    if (attrSite && !inside) {
      out.written = { file: attrSite.file, startLine: attrSite.start, endLine: attrSite.end };
      out.writtenText = ctx.siteText(attrSite);
    }
    return out;
  }

  /**
   * The instance count as evidence: its value is the number of instances (1 without `count` /
   * `for_each`, null when unknown), written at `count`, else at `for_each`, else at the block's first line.
   */
  private countSite(reader: BodyReader): AttributeSite {
    const header = this.src.header;
    const attr = writtenAt(reader, 'count') ?? writtenAt(reader, 'for_each');
    const at = attr ?? header;
    // Like any attribute: point at the value's origin (a variable default, a local) when it comes from
    // elsewhere, and keep the attribute line as `written` for when the expression itself changed.
    const v = attr ? this.valueAt(reader, attr.name === 'for_each' ? 'for_each' : 'count') : undefined;
    const origin = v?.site && v.site.file ? v.site : at;
    const inside = origin.file === at.file && origin.start >= at.start && origin.end <= at.end;
    const out: AttributeSite = {
      attribute: at.name === 'for_each' ? 'for_each' : 'count',
      value: this.count ?? undefined,
      site: { file: origin.file, startLine: origin.start, endLine: origin.end },
      text: this.src.ctx.siteText(origin),
    };
    if (attr && !inside) {
      out.written = { file: at.file, startLine: at.start, endLine: at.end };
      out.writtenText = this.src.ctx.siteText(at);
    }
    return out;
  }

  /**
   * Where an absent nested attribute (`default_node_pool.zones`) would be written: the first line of the
   * innermost enclosing block that is written once, plainly (not `dynamic`), in this resource's block.
   * Undefined for top-level keys (the resource block's first line) and when no enclosing block is written.
   */
  insertionPoint(key: string): Site | undefined {
    const reader = this.src.readers[0];
    const segs = this.path(key).split('.');
    if (!reader || segs.length < 2) return undefined;
    let body = reader.body;
    let found: Site | undefined;
    for (const seg of segs.slice(0, -1)) {
      const blocks = body.blocks.filter((b) => b.type === seg || (b.type === 'dynamic' && b.labels[0] === seg));
      if (blocks.length !== 1 || blocks[0]!.type === 'dynamic' || body.attributes.some((a) => a.name === seg)) break;
      const b = blocks[0]!;
      found = { file: reader.file, start: b.range.start.line, end: b.range.start.line };
      body = b.body;
    }
    return found;
  }

  /** Whether the resource's own block writes `name` at its top level in any form (attribute, block, dynamic block). */
  hasBlockOrAttribute(name: string): boolean {
    const body = this.src.readers[0]?.body;
    if (!body) return false;
    return body.attributes.some((a) => a.name === name) || body.blocks.some((b) => b.type === name || (b.type === 'dynamic' && b.labels[0] === name));
  }

  /** Where a path is written in this resource's own block (not where its value came from). */
  writtenSite(key: string): Site | undefined {
    const synth = this.src.synthesizedSites?.get(key);
    if (synth) return synth.written;
    const reader = this.src.readers[0];
    return reader ? writtenAt(reader, this.path(key)) : undefined;
  }

  /** The value's origin site (variable default, tfvars line, the attribute itself), or undefined. */
  valueSite(key: string): { site: Site; value: Val } | undefined {
    const synth = this.src.synthesizedSites?.get(key);
    if (synth) {
      const n = this.src.synthesized?.get(key);
      return { site: synth.origin ?? synth.written, value: typeof n === 'number' ? { t: 'num', v: n } : { t: 'unknown' } };
    }
    const reader = this.src.readers[0];
    if (!reader) return undefined;
    const path = this.path(key);
    const v = this.valueAt(reader, path);
    if (!v) return undefined;
    const site = v.site ?? writtenAt(reader, path);
    return site ? { site, value: v } : undefined;
  }

  /**
   * Indexes of evaluated instances whose values at the given keys differ from the representative's
   * (instances of a for_each over distinct settings). Synthesized keys are the same for all.
   */
  divergentReaders(keys: readonly string[]): number[] {
    const readers = this.src.readers;
    if (readers.length < 2) return [];
    const paths = keys.filter((k) => !this.src.synthesized?.has(k) && k !== 'count').map((k) => this.path(k));
    const out: number[] = [];
    const seen: Val[][] = [paths.map((p) => valueAtPath(readers[0]!, p) ?? ABSENT)];
    for (let i = 1; i < readers.length; i++) {
      const vals = paths.map((p) => valueAtPath(readers[i]!, p) ?? ABSENT);
      if (seen.some((s) => s.every((v, k) => v === vals[k] || equals(v, vals[k]!) === true))) continue;
      seen.push(vals);
      out.push(i);
    }
    return out;
  }

  /** The same component judged through another instance (its values first). */
  withRepresentative(i: number): TerraformView {
    const readers = [...this.src.readers];
    const [r] = readers.splice(i, 1);
    return new TerraformView({ ...this.src, readers: [r!, ...readers] });
  }

  /** Where the zone names resolved by `zones()` were written, by name (for evidence of a zone change). */
  readonly zoneSites = new Map<string, Site | undefined>();

  zones(keys: readonly string[]): Zones | null {
    const z = new ZoneCollector();
    const seen = new Set<Val>();
    for (const reader of this.src.readers) {
      for (const key of keys) {
        const path = this.path(key);
        const v = this.valueAt(reader, path);
        if (v === undefined || seen.has(v)) continue;
        seen.add(v);
        const before = z.unresolved;
        z.add(v, isZoneField(path.split('.').pop()!), 0);
        if (z.unresolved && !before && !this.unresolvedZones.has(key)) {
          this.unresolvedZones.set(key, { key, path, why: z.unresolved, site: reader.fieldRange(path.split('.')[0]!) });
        }
      }
    }
    for (const [name, site] of z.sites) if (!this.zoneSites.has(name)) this.zoneSites.set(name, site);
    return z.result();
  }

  length(key: string): number | null {
    const reader = this.src.readers[0];
    if (!reader) return null;
    const v = this.valueAt(reader, this.path(key));
    if (v === undefined || v.t === 'unknown' || v.t === 'null') return null;
    if (v.t !== 'list') return 1;
    if (v.blocks) return v.items.length;
    const seen = new Set<string>();
    v.items.forEach((it, i) => seen.add(identity(it) ?? `#${i}`));
    return seen.size;
  }
}

/** A readable name for a synthesized key without a single place that decides it: `aws_rds_cluster_instance members`. */
function synthesizedName(entry: CatalogEntry | undefined, key: string): string {
  if (key === MEMBERS_KEY) {
    const types = entry?.members?.terraform?.types;
    if (types?.length) return `${types.join(' / ')} members`;
  }
  return key;
}

/** The evaluated value at a dotted path of a block body (nested blocks read like objects); undefined when absent. */
export function valueAtPath(reader: BodyReader, path: string): Val | undefined {
  const segs = path.split('.');
  let v = reader.field(segs[0]!);
  for (let i = 1; v && i < segs.length; i++) v = navigate(v, segs[i]!);
  return v;
}

/** Step into a value by one path segment; undefined when absent. */
function navigate(v: Val, seg: string): Val | undefined {
  switch (v.t) {
    case 'obj': {
      const f = v.fields.get(seg);
      return f ? child(v, f) : undefined;
    }
    case 'list': {
      if (/^\d+$/.test(seg)) {
        const it = v.items[Number(seg)];
        return it ? child(v, it) : undefined;
      }
      if (v.items.length === 1) return navigate(child(v, v.items[0]!), seg);
      if (v.items.length === 0) return undefined;
      // Repeated blocks: the attribute of each.
      const out: Val[] = [];
      for (const it of v.items) {
        const x = navigate(child(v, it), seg);
        if (x) out.push(x);
      }
      return out.length ? { t: 'list', items: out, n: out.length + 1, refs: v.refs } : undefined;
    }
    case 'lazy':
      return v.obj.has(seg) ? v.obj.get(seg) : undefined;
    case 'unknown':
      return v;
    default:
      return undefined;
  }
}

/** Where a path is written syntactically in a block body. */
function writtenAt(reader: BodyReader, path: string): Site | undefined {
  const segs = path.split('.');
  let body = reader.body;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const a = body.attributes.find((x) => x.name === seg);
    if (a) return { file: reader.file, start: a.range.start.line, end: endLine(a.range), name: a.name };
    const b = body.blocks.find((x) => x.type === seg || (x.type === 'dynamic' && x.labels[0] === seg));
    if (!b) return undefined;
    if (i === segs.length - 1) return { file: reader.file, start: b.range.start.line, end: endLine(b.range) };
    body = b.type === 'dynamic' ? (b.body.blocks.find((x) => x.type === 'content')?.body ?? b.body) : b.body;
  }
  return undefined;
}

function endLine(r: { start: { line: number }; end: { line: number; col: number } }): number {
  return Math.max(r.start.line, r.end.col === 1 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line);
}

/** A value as a catalog entry reads it: JSON-like, UNKNOWN where not evaluable. */
export function toJs(v: Val, depth = 0): unknown {
  if (depth > 64) return UNKNOWN;
  switch (v.t) {
    case 'unknown':
    case 'lazy':
      return UNKNOWN;
    case 'null':
      return null;
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'list':
      if (v.blocks && v.items.length === 1) return toJs(v.items[0]!, depth + 1);
      return v.items.map((i) => toJs(i, depth + 1));
    case 'obj': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of v.fields) o[k] = toJs(f, depth + 1);
      return o;
    }
  }
}


function hasUnknownPart(v: unknown, depth = 0): boolean {
  if (v === UNKNOWN) return true;
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  return Object.values(v as Record<string, unknown>).some((x) => hasUnknownPart(x, depth + 1));
}

/**
 * The expression as written (`aws_subnet.private[*].id`), for evidence about a value that is not known
 * statically: `[aws_subnet.a.id, aws_subnet.b.id] -> [aws_subnet.a.id]` says what changed, a list of
 * unknowns does not. Only for a `name = expr` site; long expressions are cut.
 */
function expressionText(text: string | undefined): string | undefined {
  const m = text ? /^[^=]*?=\s*([\s\S]*)$/.exec(text) : null;
  if (!m) return undefined;
  const expr = withoutComments(m[1]!).replace(/\s+/g, ' ').trim();
  if (!expr) return undefined;
  return expr.length > 160 ? `${expr.slice(0, 157)}...` : expr;
}

/** Source lines without their `#` / `//` comments (outside string literals). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
          if (c === '\\') i++;
          else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === '#' || (c === '/' && line[i + 1] === '/')) return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

/** JSON-compatible copy (UNKNOWN inside becomes `UNKNOWN_ITEM`). */
function jsonSafe(v: unknown, depth = 0): unknown {
  if (v === UNKNOWN) return UNKNOWN_ITEM;
  if (depth > 64 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1));
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = jsonSafe(x, depth + 1);
  return o;
}

function firstWhy(v: Val, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (v.t === 'unknown') return v.why;
  if (v.t === 'lazy') return v.obj.id;
  if (v.t === 'list') for (const i of v.items) {
    const w = firstWhy(i, depth + 1);
    if (w) return w;
  }
  if (v.t === 'obj') for (const i of v.fields.values()) {
    const w = firstWhy(i, depth + 1);
    if (w) return w;
  }
  return undefined;
}

/** Identity of a list element for distinct counting. */
function identity(v: Val): string | undefined {
  switch (v.t) {
    case 'str':
    case 'num':
    case 'bool':
      return `${v.t}:${String(v.v)}`;
    case 'lazy':
      return `lazy:${v.obj.id}`;
    case 'unknown':
      if (v.sym) return `sym:${v.sym}`;
      if (v.inst) return `inst:${v.inst.id}`;
      return undefined;
    default:
      return undefined;
  }
}

/** Collects failure domains from placement values: zone names, or zones of referenced subnets. */
export class ZoneCollector {
  readonly names = new Set<string>();
  /** Where each zone name was written (a variable default, a tfvars line, the attribute), when known. */
  readonly sites = new Map<string, Site | undefined>();
  readonly syms = new Set<string>();
  unresolved: string | undefined;
  private any = false;
  private readonly visiting = new Set<LazyObject>();

  add(v: Val, zoneField: boolean, depth: number): void {
    if (depth > 8) {
      this.unresolved ??= 'a placement nested too deeply';
      return;
    }
    if (!zoneField && v.from && !this.visiting.has(v.from) && v.t !== 'unknown' && v.t !== 'null') {
      // A configured attribute of another resource (`aws_db_subnet_group.x.name`): its placement.
      this.instance(v.from, depth + 1);
      return;
    }
    switch (v.t) {
      case 'null':
      case 'bool':
        return;
      case 'str':
        if (zoneField || AWS_ZONE.test(v.v) || AWS_ZONE_ID.test(v.v)) {
          if (v.v !== '') {
            this.names.add(v.v);
            if (!this.sites.has(v.v)) this.sites.set(v.v, v.site);
            this.any = true;
          }
        } else this.unresolved ??= `a literal ${JSON.stringify(v.v)} whose zone is not in the configuration`;
        return;
      case 'num':
        if (zoneField) {
          this.names.add(String(v.v));
          if (!this.sites.has(String(v.v))) this.sites.set(String(v.v), v.site);
          this.any = true;
        }
        return;
      case 'list':
        for (const it of v.items) this.add(it, zoneField, depth + 1);
        return;
      case 'obj':
        for (const [k, f] of v.fields) {
          if (isZoneField(k)) this.add(f, true, depth + 1);
          else if (PLACEMENT_FIELDS.includes(k)) this.add(f, false, depth + 1);
        }
        return;
      case 'lazy':
        this.instance(v.obj, depth + 1);
        return;
      case 'unknown':
        if (v.inst) this.instance(v.inst, depth + 1);
        else if (zoneField && v.sym) {
          // A fixed element of an unknown list of zones (data.aws_availability_zones.x.names[1]):
          // distinct indexes are distinct zones, names unknown.
          this.syms.add(v.sym);
          this.any = true;
        } else this.unresolved ??= v.why ?? 'a value that could not be evaluated';
        return;
    }
  }

  /** Zones of a referenced resource instance: its own zone, else the subnets it is placed in. */
  private instance(o: LazyObject, depth: number): void {
    if (this.visiting.has(o)) return;
    this.visiting.add(o);
    try {
      for (const f of ZONE_FIELDS_OF_RESOURCE) {
        if (o.has(f)) {
          this.add(o.get(f)!, true, depth);
          return;
        }
      }
      for (const f of PLACEMENT_FIELDS) {
        if (o.has(f)) {
          this.add(o.get(f)!, false, depth);
          return;
        }
      }
      this.unresolved ??= `${o.id}, whose zone is not set in the configuration`;
    } finally {
      this.visiting.delete(o);
    }
  }

  result(): Zones | null {
    if (this.unresolved || !this.any) return null;
    if (this.syms.size === 0) return { count: this.names.size, names: [...this.names].sort() };
    return { count: this.names.size + this.syms.size };
  }
}
