/**
 * ResourceView over evaluated Terraform blocks: what a catalog entry reads. Keys are the entry's
 * format-neutral keys, mapped to Terraform attribute paths; nested blocks read like objects
 * (repeated blocks like lists); placement resolves referenced subnets to their zones.
 */
import type { AttributeSite, SourceRange, Zones } from '../../model/index.js';
import { MEMBERS_KEY, UNKNOWN, type CatalogEntry } from '../../catalog/entry.js';
import { UNKNOWN_ITEM } from '../shared/unknown-item.js';
import { ReadTrackingView } from '../shared/unevaluated.js';
import { ZoneCollector } from '../shared/zones.js';
import { attr, blockOf, type BodyReader } from './body-reader.js';
import type { Range } from './hcl/ast.js';
import type { Ctx } from './context.js';
import { TERRAFORM_PLACEMENT } from './placement.js';
import { addSinglePlaces, listsSubnetsOrZones } from './single-subnet.js';
import { child, equals, type Site, type Val } from './values.js';

const ABSENT: Val = { t: 'null' };

/** A Terraform attribute path for an entry key. */
export function pathFor(entry: CatalogEntry | undefined, key: string): string {
  return entry?.attributes?.[key]?.terraform ?? key;
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

export class TerraformView extends ReadTrackingView {
  readonly format = 'terraform' as const;

  constructor(private readonly src: ViewSource) {
    super(src.type, src.id, src.location, src.count);
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
    const value = this.valueAt(reader, path);
    if (value === undefined) return undefined;
    const js = toJs(value);
    if (js === UNKNOWN && !this.unknownReads.has(key)) {
      this.unknownReads.set(key, { key, path, why: firstWhy(value), site: reader.fieldRange(path.split('.')[0]!) });
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
      text: ctx.lines.text({ ...header, end: header.start }),
    });
    if (this.src.synthesized?.has(key)) {
      const synthesized = this.src.synthesized.get(key);
      const value = synthesized === UNKNOWN ? undefined : synthesized;
      const at = this.src.synthesizedSites?.get(key);
      if (!at) return { ...absent(value), attribute: synthesizedName(this.src.entry, key) };
      const site = at.origin ?? at.written;
      const out: AttributeSite = {
        attribute: at.attribute,
        value,
        site: { file: site.file, startLine: site.start, endLine: site.end },
        text: ctx.lines.text(site),
      };
      if (at.origin) {
        out.written = { file: at.written.file, startLine: at.written.start, endLine: at.written.end };
        out.writtenText = ctx.lines.text(at.written);
      }
      return out;
    }
    const reader = this.src.readers[0];
    if (!reader) return absent(undefined);
    if (path === 'count') return this.countSite(reader);
    const value = this.valueAt(reader, path);
    if (value === undefined) return absent(undefined);
    const attrSite = writtenAt(reader, path);
    const written = attrSite ?? header;
    const site = value.site && value.site.file ? value.site : written;
    const js = toJs(value);
    const text = ctx.lines.text(site);
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
      out.writtenText = ctx.lines.text(attrSite);
    }
    return withDecider(ctx, out, value);
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
    const value = attr ? this.valueAt(reader, attr.name === 'for_each' ? 'for_each' : 'count') : undefined;
    const origin = value?.site && value.site.file ? value.site : at;
    const inside = origin.file === at.file && origin.start >= at.start && origin.end <= at.end;
    const out: AttributeSite = {
      attribute: at.name === 'for_each' ? 'for_each' : 'count',
      value: this.count ?? undefined,
      site: { file: origin.file, startLine: origin.start, endLine: origin.end },
      text: this.src.ctx.lines.text(origin),
    };
    if (attr && !inside) {
      out.written = { file: at.file, startLine: at.start, endLine: at.end };
      out.writtenText = this.src.ctx.lines.text(at);
    }
    return withDecider(this.src.ctx, out, value);
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
      const blocks = body.blocks.filter((block) => blockOf(block, seg));
      const block = blocks[0];
      if (blocks.length !== 1 || block!.type === 'dynamic' || attr(body, seg)) break;
      found = { file: reader.file, start: block!.range.start.line, end: block!.range.start.line };
      body = block!.body;
    }
    return found;
  }

  /** Whether the resource's own block writes `name` at its top level in any form (attribute, block, dynamic block). */
  hasBlockOrAttribute(name: string): boolean {
    const body = this.src.readers[0]?.body;
    if (!body) return false;
    return attr(body, name) !== undefined || body.blocks.some((block) => blockOf(block, name));
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
      const count = this.src.synthesized?.get(key);
      return { site: synth.origin ?? synth.written, value: typeof count === 'number' ? { t: 'num', v: count } : { t: 'unknown' } };
    }
    const reader = this.src.readers[0];
    if (!reader) return undefined;
    const path = this.path(key);
    const value = this.valueAt(reader, path);
    if (!value) return undefined;
    const site = value.site ?? writtenAt(reader, path);
    return site ? { site, value } : undefined;
  }

  /**
   * Indexes of evaluated instances whose values at the given keys differ from the representative's
   * (instances of a for_each over distinct settings). Synthesized keys are the same for all.
   */
  divergentReaders(keys: readonly string[]): number[] {
    const readers = this.src.readers;
    if (readers.length < 2) return [];
    const paths = keys.filter((key) => !this.src.synthesized?.has(key) && key !== 'count').map((key) => this.path(key));
    const valuesOf = (reader: BodyReader) => paths.map((path) => valueAtPath(reader, path) ?? ABSENT);
    const out: number[] = [];
    const seen: Val[][] = [valuesOf(readers[0]!)];
    for (let index = 1; index < readers.length; index++) {
      const values = valuesOf(readers[index]!);
      if (seen.some((other) => other.every((value, at) => value === values[at] || equals(value, values[at]!) === true))) continue;
      seen.push(values);
      out.push(index);
    }
    return out;
  }

  /** The same component judged through another instance (its values first). */
  withRepresentative(index: number): TerraformView {
    const readers = [...this.src.readers];
    const [representative] = readers.splice(index, 1);
    return new TerraformView({ ...this.src, readers: [representative!, ...readers] });
  }

  /** Where the zone names resolved by `zones()` were written, by name (for evidence of a zone change). */
  readonly zoneSites = new Map<string, Site | undefined>();

  zones(keys: readonly string[]): Zones | null {
    const collector = new ZoneCollector(TERRAFORM_PLACEMENT);
    const seen = new Set<Val>();
    for (const reader of this.src.readers) {
      for (const key of keys) {
        const path = this.path(key);
        const value = this.valueAt(reader, path);
        if (value === undefined || seen.has(value)) continue;
        seen.add(value);
        collector.addKey(key, path, value, () => reader.fieldRange(path.split('.')[0]!), this.unresolvedZones);
      }
    }
    for (const [name, site] of collector.sites) if (!this.zoneSites.has(name)) this.zoneSites.set(name, site);
    const resolved = collector.result();
    if (resolved === null && collector.unresolved && this.inOneSubnet(keys)) {
      for (const key of keys) this.unresolvedZones.delete(key);
      return { count: 1 };
    }
    return resolved;
  }

  /**
   * Whether every instance is placed in the same single subnet (or zone) whose zone is not named: one
   * zone. Needs every instance evaluated (a known count) and every placement field listing single places.
   */
  private inOneSubnet(keys: readonly string[]): boolean {
    if (this.src.count === null || this.src.readers.length !== this.src.count || this.src.count === 0) return false;
    const places = new Set<unknown>();
    let placed = false;
    for (const reader of this.src.readers) {
      for (const key of keys) {
        const path = this.path(key);
        const value = this.valueAt(reader, path);
        if (value === undefined || value.t === 'null') continue;
        if (!listsSubnetsOrZones(path) || !addSinglePlaces(value, places)) return false;
        placed = true;
      }
    }
    return placed && places.size === 1;
  }

  length(key: string): number | null {
    const reader = this.src.readers[0];
    if (!reader) return null;
    const value = this.valueAt(reader, this.path(key));
    if (value === undefined || value.t === 'unknown' || value.t === 'null') return null;
    if (value.t !== 'list') return 1;
    if (value.blocks) return value.items.length;
    const seen = new Set<string>();
    value.items.forEach((item, index) => seen.add(identity(item) ?? `#${index}`));
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
  const [first, ...rest] = path.split('.');
  let value = reader.field(first!);
  for (const seg of rest) {
    if (!value) break;
    value = navigate(value, seg);
  }
  return value;
}

/** Step into a value by one path segment; undefined when absent. */
function navigate(value: Val, seg: string): Val | undefined {
  switch (value.t) {
    case 'obj': {
      const field = value.fields.get(seg);
      return field ? child(value, field) : undefined;
    }
    case 'list': {
      if (/^\d+$/.test(seg)) {
        const item = value.items[Number(seg)];
        return item ? child(value, item) : undefined;
      }
      if (value.items.length === 1) return navigate(child(value, value.items[0]!), seg);
      if (value.items.length === 0) return undefined;
      // Repeated blocks: the attribute of each.
      const out: Val[] = [];
      for (const item of value.items) {
        const inner = navigate(child(value, item), seg);
        if (inner) out.push(inner);
      }
      return out.length ? { t: 'list', items: out, n: out.length + 1, refs: value.refs } : undefined;
    }
    case 'lazy':
      return value.obj.has(seg) ? value.obj.get(seg) : undefined;
    case 'unknown':
      return value;
    default:
      return undefined;
  }
}

/** Where a path is written syntactically in a block body. */
function writtenAt(reader: BodyReader, path: string): Site | undefined {
  const segs = path.split('.');
  let body = reader.body;
  for (const [index, seg] of segs.entries()) {
    const attribute = attr(body, seg);
    if (attribute) return { file: reader.file, start: attribute.range.start.line, end: endLine(attribute.range), name: attribute.name };
    const block = body.blocks.find((inner) => blockOf(inner, seg));
    if (!block) return undefined;
    if (index === segs.length - 1) return { file: reader.file, start: block.range.start.line, end: endLine(block.range) };
    body = block.type === 'dynamic' ? (block.body.blocks.find((inner) => inner.type === 'content')?.body ?? block.body) : block.body;
  }
  return undefined;
}

function endLine(range: Range): number {
  return Math.max(range.start.line, range.end.col === 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line);
}

/** A value as a catalog entry reads it: JSON-like, UNKNOWN where not evaluable. */
export function toJs(value: Val, depth = 0): unknown {
  if (depth > 64) return UNKNOWN;
  switch (value.t) {
    case 'unknown':
    case 'lazy':
      return UNKNOWN;
    case 'null':
      return null;
    case 'str':
    case 'num':
    case 'bool':
      return value.v;
    case 'list':
      if (value.blocks && value.items.length === 1) return toJs(value.items[0]!, depth + 1);
      return value.items.map((item) => toJs(item, depth + 1));
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of value.fields) out[key] = toJs(field, depth + 1);
      return out;
    }
  }
}

function hasUnknownPart(value: unknown, depth = 0): boolean {
  if (value === UNKNOWN) return true;
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((part) => hasUnknownPart(part, depth + 1));
}

/**
 * The expression as written (`aws_subnet.private[*].id`), for evidence about a value that is not known
 * statically: `[aws_subnet.a.id, aws_subnet.b.id] -> [aws_subnet.a.id]` says what changed, a list of
 * unknowns does not. Only for a `name = expr` site; long expressions are cut.
 */
function expressionText(text: string | undefined): string | undefined {
  const match = text ? /^[^=]*?=\s*([\s\S]*)$/.exec(text) : null;
  if (!match) return undefined;
  const expr = withoutComments(match[1]!).replace(/\s+/g, ' ').trim();
  if (!expr) return undefined;
  return expr.length > 160 ? `${expr.slice(0, 157)}...` : expr;
}

/** Source lines without their `#` / `//` comments (outside string literals). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let at = 0; at < line.length; at++) {
        const char = line[at];
        if (quoted) {
          if (char === '\\') at++;
          else if (char === '"') quoted = false;
        } else if (char === '"') quoted = true;
        else if (char === '#' || (char === '/' && line[at + 1] === '/')) return line.slice(0, at);
      }
      return line;
    })
    .join('\n');
}

/** JSON-compatible copy (UNKNOWN inside becomes `UNKNOWN_ITEM`). */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === UNKNOWN) return UNKNOWN_ITEM;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) out[key] = jsonSafe(field, depth + 1);
  return out;
}

function firstWhy(value: Val, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (value.t === 'unknown') return value.why;
  if (value.t === 'lazy') return value.obj.id;
  const parts = value.t === 'list' ? value.items : value.t === 'obj' ? value.fields.values() : [];
  for (const part of parts) {
    const why = firstWhy(part, depth + 1);
    if (why) return why;
  }
  return undefined;
}

/** Identity of a list element for distinct counting. */
function identity(value: Val): string | undefined {
  switch (value.t) {
    case 'str':
    case 'num':
    case 'bool':
      return `${value.t}:${String(value.v)}`;
    case 'lazy':
      return `lazy:${value.obj.id}`;
    case 'unknown':
      if (value.sym) return `sym:${value.sym}`;
      if (value.inst) return `inst:${value.inst.id}`;
      return undefined;
    default:
      return undefined;
  }
}

/** Records the condition that chose the value, when it was written outside the attribute's own lines. */
function withDecider(ctx: Ctx, out: AttributeSite, value: Val | undefined): AttributeSite {
  const d = value?.decided;
  if (!d || !d.site.file) return out;
  const own = out.written ?? out.site;
  if (d.site.file === own.file && d.site.start >= own.startLine && d.site.end <= own.endLine) return out;
  const js = toJs(d.value);
  if (js === UNKNOWN) return out;
  out.decidedBy = { attribute: d.name, value: jsonSafe(js), site: { file: d.site.file, startLine: d.site.start, endLine: d.site.end }, text: ctx.lines.text(d.site) };
  return out;
}
