/**
 * One-edit fixes in the template's own syntax: rewrite the line where the decisive value is set (the
 * property, the parameter's `Default:`, the parameters file line), keeping its quoting style, or
 * insert the property under `Properties:` when it is absent.
 */
import type { Component } from '../../model/index.js';
import type { CatalogEntry, Judgement } from '../../catalog/entry.js';
import type { ResourceDef } from './template.js';
import type { Site } from './values.js';
import type { SourceLines } from '../shared/lines.js';
import type { CloudFormationView } from './view.js';

type Quote = '' | "'" | '"';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A value in YAML (plain when it reads back as the same type), or undefined when it is not a simple literal. */
export function yamlLiteral(v: unknown, quote: Quote = ''): string | undefined {
  if (typeof v !== 'boolean' && typeof v !== 'number' && typeof v !== 'string') return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return undefined;
  const s = String(v);
  if (quote === "'") return `'${s.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(s);
  if (typeof v !== 'string') return s;
  const plain = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(v) && !/^(true|false|yes|no|on|off|null|~)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

export function jsonLiteral(v: unknown, asString: boolean): string | undefined {
  if (typeof v !== 'boolean' && typeof v !== 'number' && typeof v !== 'string') return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return undefined;
  return asString || typeof v === 'string' ? JSON.stringify(String(v)) : String(v);
}

/** Rewrite the value of a one-line `Key: value` (YAML) or `"Key": value,` (JSON); undefined when the line is not that simple. */
export function rewriteLine(line: string, name: string, value: unknown, json: boolean): string | undefined {
  // A property line is short; a huge one (minified JSON) is not rewritten, which also bounds the regex work.
  if (line.length > 4096) return undefined;
  if (json) {
    // `"Key": value` once on the line: a property line, or a one-line object (`{ "ParameterKey": ..., "ParameterValue": "v" }`).
    const re = new RegExp(`("${escapeRe(name)}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|true|false|null|-?\\d+(?:\\.\\d+)?)(?=\\s*[,}\\]]|\\s*$)`, 'g');
    const all = [...line.matchAll(re)];
    if (all.length !== 1) return undefined;
    const m = all[0]!;
    const literal = jsonLiteral(value, m[2]!.startsWith('"'));
    if (literal === undefined) return undefined;
    const at = m.index + m[1]!.length;
    return `${line.slice(0, at)}${literal}${line.slice(at + m[2]!.length)}`;
  }
  const m = new RegExp(`^(\\s*(?:-\\s+)?["']?${escapeRe(name)}["']?\\s*:\\s+)(.*?)(\\s+#.*)?$`).exec(line);
  if (!m) return undefined;
  const old = m[2]!;
  // Only a whole simple value: not a tag, a flow collection, an anchor or alias, or a block scalar.
  if (old === '' || /^[!&*|>[{]/.test(old)) return undefined;
  const quote: Quote = old.startsWith("'") ? "'" : old.startsWith('"') ? '"' : '';
  if (quote && !old.endsWith(quote)) return undefined;
  const literal = yamlLiteral(value, quote);
  return literal === undefined ? undefined : `${m[1]}${literal}${m[3] ?? ''}`;
}

function display(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Catalog notes name other settings in Terraform syntax (`also set multi_az_enabled = true`): say them the
 * CloudFormation way, through the entry's own attribute mapping (full paths, then their last segments).
 */
export function cloudFormationNote(note: string, entry: CatalogEntry | undefined): string {
  let out = note;
  const pairs: [string, string][] = [];
  for (const paths of Object.values(entry?.attributes ?? {})) {
    if (!paths.terraform || !paths.cloudformation) continue;
    pairs.push([paths.terraform, paths.cloudformation]);
    pairs.push([paths.terraform.split('.').pop()!, paths.cloudformation.split('.').pop()!]);
  }
  // Only snake_case names: a plain word (`subnets`) is prose as often as it is a setting.
  for (const [tf, cfn] of pairs) if (tf.includes('_')) out = out.replace(new RegExp(`(?<![\\w.])${escapeRe(tf)}(?![\\w.])`, 'g'), cfn);
  return out.replace(/\b([A-Z][A-Za-z0-9.]*) = /g, '$1: ');
}

export interface FixContext {
  entry: CatalogEntry | undefined;
  lines: SourceLines;
  def: ResourceDef;
  syntax: 'yaml' | 'json';
  /** Whether a file the value comes from (the template, a parameters file) is JSON. */
  isJson(file: string): boolean;
  /** AllowedValues of the parameter whose `Default:` is written at a site, if any. */
  allowedAt(site: Site): readonly string[] | undefined;
}

export function buildFix(ctx: FixContext, view: CloudFormationView, fix: NonNullable<Judgement['fix']>): Component['fix'] {
  const path = view.path(fix.key);
  const description = `set ${path}: ${display(fix.value)}${fix.note ? ` (${cloudFormationNote(fix.note, ctx.entry)})` : ''}`;
  const out: NonNullable<Component['fix']> = { description };
  const origin = view.valueSite(fix.key);
  if (origin) {
    let site = origin.site;
    if (site.start !== site.end || !site.name) {
      // A value written over several lines or inside a function: rewrite only a plain property line.
      const written = view.writtenSite(fix.key);
      if (!written || written.start !== written.end || !written.name) return out;
      site = written;
    }
    const allowed = ctx.allowedAt(site);
    if (allowed && !allowed.includes(String(fix.value))) {
      out.description += `; the parameter's AllowedValues (${allowed.join(', ')}) must admit it`;
      return out;
    }
    const line = ctx.lines.line(site.file, site.start);
    if (line === undefined) return out;
    const replaced = rewriteLine(line, site.name!, fix.value, ctx.isJson(site.file));
    if (replaced === undefined || replaced === line) return out;
    out.suggestion = { file: site.file, startLine: site.start, endLine: site.start, replacement: replaced };
    return out;
  }
  // Written but evaluating to nothing (`!If [C, true, !Ref AWS::NoValue]`): not a one-line edit.
  if (view.writtenSite(fix.key)) return out;
  // Absent: insert it as the first property (top-level properties only).
  const props = ctx.def.propertiesEntry;
  if (path.includes('.') || !props || props.value.kind !== 'map' || props.value.entries.length === 0) return out;
  const first = props.value.entries[0]!;
  if (first.keyLine === props.keyLine) return out;
  const propsLine = ctx.lines.line(view.location.file, props.keyLine);
  const firstLine = ctx.lines.line(view.location.file, first.keyLine);
  if (propsLine === undefined || firstLine === undefined) return out;
  const indent = /^\s*/.exec(firstLine)![0];
  let inserted: string | undefined;
  if (ctx.syntax === 'json') {
    const literal = jsonLiteral(fix.value, false);
    if (literal !== undefined && /\{\s*$/.test(propsLine)) inserted = `${indent}"${path}": ${literal},`;
  } else {
    const literal = yamlLiteral(fix.value);
    if (literal !== undefined && /:\s*(#.*)?$/.test(propsLine)) inserted = `${indent}${path}: ${literal}`;
  }
  if (inserted === undefined) return out;
  out.suggestion = { file: view.location.file, startLine: props.keyLine, endLine: props.keyLine, replacement: `${propsLine}\n${inserted}` };
  return out;
}
