import type { Extraction, FormatOptions } from '../../../src/formats/format.js';
import { cloudformation } from '../../../src/formats/cloudformation/index.js';
import { fileSetFromRecord, type Component, type Dependency } from '../../../src/model/index.js';

/** Extract every template of a file set (claimed or sniffed), keyed by stack id. */
export function extractAll(files: Record<string, string>, options: FormatOptions = {}): Map<string, Extraction> {
  const fs = fileSetFromRecord(files);
  const paths = fs.paths().filter((p) => cloudformation.claims(p) || cloudformation.sniff!(p, fs.read(p) ?? ''));
  const out = new Map<string, Extraction>();
  for (const s of cloudformation.stacks(paths, fs, options)) out.set(s.id, cloudformation.extract(s, fs, options));
  return out;
}

/** Extract one template (`template.yaml` unless told). */
export function extract(text: string, opts: { file?: string; files?: Record<string, string>; options?: FormatOptions } = {}): Extraction {
  const file = opts.file ?? 'template.yaml';
  const all = extractAll({ [file]: text, ...(opts.files ?? {}) }, opts.options);
  const x = all.get(file);
  if (!x) throw new Error(`${file} is not a stack; stacks: ${[...all.keys()].join(', ')}`);
  return x;
}

export function component(x: Extraction, id: string): Component {
  const c = x.components.find((k) => k.id === id);
  if (!c) throw new Error(`no component ${id}; have ${x.components.map((k) => k.id).join(', ')}`);
  return c;
}

export function ids(x: Extraction): string[] {
  return x.components.map((c) => c.id).sort();
}

/** Dependencies as `from -> to` strings (with `[group k]` when grouped and the kind when not a reference), sorted. */
export function edges(x: Extraction, opts: { groups?: boolean } = {}): string[] {
  return x.dependencies
    .map((d: Dependency) => `${d.from} -> ${d.to}${opts.groups && d.group ? ` [${d.group.id} k=${d.group.k}]` : ''}${d.kind !== 'reference' ? ` (${d.kind})` : ''}`)
    .sort();
}

export function diagnostics(x: Extraction): string[] {
  return x.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity}: ${d.message}`);
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}
