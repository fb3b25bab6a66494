/**
 * ResourceView over an evaluated CloudFormation resource: what a catalog entry reads. Keys are the
 * entry's format-neutral keys mapped through `attributes[key].cloudformation` (dotted property paths);
 * placement resolves referenced subnets to their zones.
 */
import type { AttributeSite, Zones } from '../../model/index.js';
import { UNKNOWN, type CatalogEntry } from '../../catalog/entry.js';
import type { SourceLines } from '../shared/lines.js';
import type { ResourceDef } from './template.js';
import { entryOf, sourceForm, type Node } from './tree.js';
import { displayValue, firstWhy, identity, toJs, valueAtPath, type Site, type Val } from './values.js';
import { ReadTrackingView } from '../shared/unevaluated.js';
import { ZoneCollector } from '../shared/zones.js';
import { cloudFormationPlacement } from './placement.js';

/** The CloudFormation property path of an entry key (keys without a mapping are used verbatim). */
export function pathFor(entry: CatalogEntry | undefined, key: string): string {
  return entry?.attributes?.[key]?.cloudformation ?? key;
}

export interface ViewSource {
  entry: CatalogEntry | undefined;
  def: ResourceDef;
  file: string;
  /** Evaluated `Properties` (undefined when the resource has none). */
  props: Val | undefined;
  count: number | null;
  lines: SourceLines;
  /** Evaluated properties of any resource of the template (for zones of referenced subnets). */
  propsOf: (id: string) => Val | undefined;
  synthesized?: ReadonlyMap<string, unknown>;
}

export class CloudFormationView extends ReadTrackingView {
  readonly format = 'cloudformation' as const;

  constructor(private readonly src: ViewSource) {
    super(src.def.type, src.def.id, { file: src.file, startLine: src.def.line, endLine: src.def.endLine }, src.count);
  }

  path(key: string): string {
    return pathFor(this.src.entry, key);
  }

  /** The resource's first line: where a missing property is reported. */
  get header(): Site {
    return { file: this.src.file, start: this.src.def.line, end: this.src.def.line };
  }

  value(key: string): Val | undefined {
    return valueAtPath(this.src.props, this.path(key));
  }

  get(key: string): unknown {
    if (this.src.synthesized?.has(key)) return this.src.synthesized.get(key);
    const value = this.value(key);
    if (value === undefined) return undefined;
    const js = toJs(value);
    // A zone picked by `Fn::Select` over `Fn::GetAZs` is unnamed but distinct: nothing left to report.
    if (js === UNKNOWN && !(value.t === 'unknown' && (value.sym || value.allZones)) && !this.unknownReads.has(key)) {
      this.unknownReads.set(key, { key, path: this.path(key), why: firstWhy(value), site: this.writtenSite(key) });
    }
    return js;
  }

  site(key: string): AttributeSite | undefined {
    const path = this.path(key);
    const header = this.header;
    const absent = (value: unknown): AttributeSite => ({
      attribute: path,
      value,
      site: { file: header.file, startLine: header.start, endLine: header.start },
      text: this.src.lines.text(header),
    });
    if (this.src.synthesized?.has(key)) {
      const synthesized = this.src.synthesized.get(key);
      return absent(synthesized === UNKNOWN ? undefined : synthesized);
    }
    const value = this.value(key);
    if (value === undefined) {
      // Written but removed by `AWS::NoValue`: point at where it is written.
      const written = this.writtenSite(key);
      if (!written) return absent(undefined);
      return { attribute: path, value: undefined, site: { file: written.file, startLine: written.start, endLine: written.end }, text: this.src.lines.text(written) };
    }
    const site = value.site ?? this.writtenSite(key) ?? header;
    const shown = displayValue(value);
    return {
      attribute: path,
      value: shown === undefined ? this.writtenForm(key) : shown,
      site: { file: site.file, startLine: site.start, endLine: site.end },
      text: this.src.lines.text(site),
    };
  }

  /** Where a property path is written in this resource (not where its value came from). */
  writtenSite(key: string): Site | undefined {
    const segs = this.path(key).split('.');
    let node: Node | undefined = this.src.def.properties;
    let site: Site | undefined;
    for (const seg of segs) {
      const entry = entryOf(node, seg);
      if (!entry) return site;
      site = { file: this.src.file, start: entry.keyLine, end: Math.max(entry.keyLine, entry.value.endLine), name: entry.keyLine === entry.value.line ? entry.key : undefined };
      node = entry.value;
    }
    return site;
  }

  /** The property as written, in long form, when its value is not known statically (`{ "Ref": "Ha" }`). */
  private writtenForm(key: string): unknown {
    let node: Node | undefined = this.src.def.properties;
    for (const seg of this.path(key).split('.')) node = entryOf(node, seg)?.value;
    return node ? sourceForm(node) : undefined;
  }

  /** The value's origin (parameter default, parameters file line, the property itself), or undefined when absent. */
  valueSite(key: string): { site: Site; value: Val } | undefined {
    const value = this.value(key);
    if (!value) return undefined;
    const site = value.site ?? this.writtenSite(key);
    return site ? { site, value } : undefined;
  }

  zones(keys: readonly string[]): Zones | null {
    const collector = new ZoneCollector(cloudFormationPlacement(this.src.propsOf));
    for (const key of keys) {
      const value = this.value(key);
      if (value !== undefined) collector.addKey(key, this.path(key), value, () => this.writtenSite(key), this.unresolvedZones);
    }
    return collector.result();
  }

  length(key: string): number | null {
    const value = this.value(key);
    if (value === undefined || value.t === 'unknown' || value.t === 'null' || value.t === 'novalue') return null;
    if (value.t !== 'list') return 1;
    const seen = new Set<string>();
    value.items.forEach((item, index) => seen.add(identity(item) ?? `#${index}`));
    return seen.size;
  }
}
