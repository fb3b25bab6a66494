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
import type { BodyReader } from './body-reader.js';
import type { Ctx } from './context.js';
import { TERRAFORM_PLACEMENT } from './placement.js';
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
      text: ctx.lines.text({ ...header, end: header.start }),
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
    const v = this.valueAt(reader, path);
    if (v === undefined) return absent(undefined);
    const attrSite = writtenAt(reader, path);
    const written = attrSite ?? header;
    const site = v.site && v.site.file ? v.site : written;
    const js = toJs(v);
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
      text: this.src.ctx.lines.text(origin),
    };
    if (attr && !inside) {
      out.written = { file: at.file, startLine: at.start, endLine: at.end };
      out.writtenText = this.src.ctx.lines.text(at);
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
    return collector.result();
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
