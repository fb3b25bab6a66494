/**
 * ResourceView over a Kubernetes object: catalog keys map to dotted manifest paths
 * (`replicas` -> `spec.replicas`); keys synthesized from other objects (an autoscaler's floor, a
 * volume's sharers) carry their own sites; zones come from the pod template's placement.
 */
import type { AttributeSite, SourceRange, Zones } from '../../model/index.js';
import type { CatalogEntry, ResourceView } from '../../catalog/entry.js';
import { idOf, type K8sObject } from './objects.js';
import type { SourceLines } from '../shared/lines.js';
import { at, fieldAt, plain, type KField } from './tree.js';

/** A value synthesized from another object, with where it is written. */
export interface Synthesized {
  value: unknown;
  site: AttributeSite;
}

export function pathFor(entry: CatalogEntry | undefined, key: string): string {
  return entry?.attributes?.[key]?.kubernetes ?? key;
}

export class K8sView implements ResourceView {
  readonly format = 'kubernetes' as const;
  readonly type: string;
  readonly id: string;
  readonly location: SourceRange;
  readonly count = 1;

  constructor(
    readonly obj: K8sObject,
    type: string,
    private readonly entry: CatalogEntry | undefined,
    private readonly synthesized: ReadonlyMap<string, Synthesized>,
    private readonly placementZones: Zones | null,
    private readonly lines: SourceLines,
  ) {
    this.type = type;
    this.id = idOf(obj);
    this.location = { file: obj.file, startLine: obj.line, endLine: obj.endLine };
  }

  path(key: string): string {
    return pathFor(this.entry, key);
  }

  /** The field a key is written at in this object, if it is. */
  field(key: string): KField | undefined {
    return fieldAt(this.obj.root, this.path(key).split('.'));
  }

  get(key: string): unknown {
    const synthesized = this.synthesized.get(key);
    if (synthesized) return synthesized.value;
    return plain(at(this.obj.root, this.path(key).split('.')));
  }

  site(key: string): AttributeSite | undefined {
    const synthesized = this.synthesized.get(key);
    if (synthesized) return synthesized.site;
    const path = this.path(key);
    const field = this.field(key);
    // A value set by a kustomize patch or `replicas` entry is written in that file, not the manifest.
    if (field) return this.siteAt(path, plain(field.value), field.keyLine, Math.max(field.keyLine, field.value.endLine), field.value.file);
    const at = this.insertionSite(path);
    return this.siteAt(path, undefined, at.line, at.line, at.file);
  }

  siteAt(attribute: string, value: unknown, startLine: number, endLine: number, file = this.obj.file): AttributeSite {
    const text: string[] = [];
    for (let line = startLine; line <= endLine && text.length < 50; line++) text.push(this.lines.line(file, line) ?? '');
    return { attribute, value: value === undefined ? undefined : value, site: { file, startLine, endLine }, text: text.join('\n') };
  }

  /** Where an absent path would be written: the line of its nearest written parent map, else the object's first line. */
  insertionSite(path: string): { file: string; line: number } {
    const segs = path.split('.');
    for (let depth = segs.length - 1; depth >= 1; depth--) {
      const parent = fieldAt(this.obj.root, segs.slice(0, depth));
      if (parent && parent.value.t === 'map') return { file: parent.value.file, line: parent.keyLine };
    }
    return { file: this.obj.file, line: this.obj.line };
  }

  zones(): Zones | null {
    return this.placementZones;
  }

  length(key: string): number | null {
    const value = at(this.obj.root, this.path(key).split('.'));
    return value?.t === 'seq' ? value.items.length : null;
  }
}
