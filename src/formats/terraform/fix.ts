/**
 * One-edit fixes in Terraform syntax: rewrite the line where the decisive value is set (the
 * attribute, the variable default, the tfvars line), or insert the attribute after the block's
 * first line when it is absent.
 */
import type { Component } from '../../model/index.js';
import { MEMBERS_KEY, type Judgement } from '../../catalog/entry.js';
import type { Ctx } from './context.js';
import { isJson } from './files.js';
import { missingFromPinnedProvider } from './fix-provider-pin.js';
import type { Site } from './values.js';
import type { TerraformView } from './view.js';

/** A value in HCL syntax; undefined when it is not a simple literal. */
export function hclLiteral(v: unknown, json = false): string | undefined {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const parts = v.map((x) => hclLiteral(x, json));
    if (parts.some((p) => p === undefined)) return undefined;
    return `[${parts.join(', ')}]`;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    // A map of simple values (`{ one = {}, two = {} }`); keys that are not identifiers are quoted.
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const val = hclLiteral(x, json);
      if (val === undefined) return undefined;
      parts.push(`${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${val}`);
    }
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrite the value on a single `name = value` (or JSON `"name": value,`) line; undefined when the line is not that simple. */
export function rewriteLine(line: string, name: string, value: string, json: boolean): string | undefined {
  if (json) {
    const m = new RegExp(`^(\\s*"${escapeRe(name)}"\\s*:\\s*)([^{}\\[\\],]*?)(\\s*,?\\s*)$`).exec(line);
    return m ? `${m[1]}${value}${m[3]}` : undefined;
  }
  const m = new RegExp(`^(\\s*"?${escapeRe(name)}"?\\s*=\\s*)(.*?)(\\s*(?:#.*|//.*))?$`).exec(line);
  if (!m) return undefined;
  const old = m[2]!;
  // Only a whole simple value: not an object, a multi-item line or an open bracket.
  if (/[{}]/.test(old) || old.trim() === '' || /[,;]\s*\S/.test(old.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return undefined;
  return `${m[1]}${value}${m[3] ?? ''}`;
}

export function buildFix(ctx: Ctx, view: TerraformView, fix: NonNullable<Judgement['fix']>, header: Site): Component['fix'] {
  const path = view.site(fix.key)?.attribute ?? fix.key;
  const literal = hclLiteral(fix.value);
  const note = fix.note ? ` (${fix.note})` : '';
  if (fix.key === MEMBERS_KEY && !view.writtenSite(fix.key)) {
    // Members declared in several blocks (or none): the fix is another block, not one edit.
    return { description: `declare ${literal ?? JSON.stringify(fix.value)} ${path.replace(/ members$/, '')} members${note}` };
  }
  const description = `set ${path} = ${literal ?? JSON.stringify(fix.value)}${note}`;
  const missing = missingFromPinnedProvider(ctx, view.type, path);
  // No one-click edit to an argument the pinned provider rejects: the same setting under its older name.
  if (missing) return { description: `set ${missing.older} = ${literal ?? JSON.stringify(fix.value)}${note}; ${missing.why}` };
  const out: NonNullable<Component['fix']> = { description };
  if (literal === undefined) return out;
  const origin = view.valueSite(fix.key);
  if (origin) {
    const site = origin.site;
    const perCaller = moduleDefaultFix(ctx, view.id, site, literal, note);
    if (perCaller) return perCaller;
    if (site.start !== site.end || !site.name) {
      // A multi-line value (or one whose key is not known): rewrite only when it is the attribute itself.
      const written = view.writtenSite(fix.key);
      if (!written || written.start !== written.end || !written.name) return out;
      return withSuggestion(ctx, out, written, written.name, literal);
    }
    return withSuggestion(ctx, out, site, site.name, literal);
  }
  // Absent: insert after the first line of the resource block, or of the nested block that holds the
  // attribute when that block is written once (`default_node_pool {`); .tf files only.
  if (isJson(header.file)) return out;
  let at = header;
  let name = path;
  let block: string | undefined;
  const segs = path.split('.');
  if (segs.length > 1) {
    const inner = view.insertionPoint(fix.key);
    const parent = segs.slice(0, -1).join('.');
    name = segs[segs.length - 1]!;
    if (inner && inner.start !== header.start && view.writtenSite(parent)) at = inner;
    else if (segs.length === 2 && !view.writtenSite(parent) && !view.hasBlockOrAttribute(parent)) {
      // A missing one-level block (`high_availability`): insert the whole block after the resource's first line.
      block = parent;
    } else return out;
  }
  const first = ctx.lines.line(at.file, at.start);
  if (first === undefined || !/\{\s*(#.*|\/\/.*)?$/.test(first)) return out;
  const indent = /^\s*/.exec(first)![0];
  const added = block === undefined ? `${indent}  ${name} = ${literal}` : `${indent}  ${block} {\n${indent}    ${name} = ${literal}\n${indent}  }`;
  out.suggestion = {
    file: at.file,
    startLine: at.start,
    endLine: at.start,
    replacement: `${first}\n${added}`,
  };
  return out;
}

/**
 * A value that comes from the default of a variable declared in a module (not in the stack's own
 * directory) is shared by every caller of that module: editing it changes them all, so it is no
 * one-click fix. The fix is to pass the value in this stack's call of the module.
 */
function moduleDefaultFix(ctx: Ctx, id: string, site: Site, literal: string, note: string): Component['fix'] | undefined {
  if (site.name !== 'default') return undefined;
  const dir = site.file.includes('/') ? site.file.slice(0, site.file.lastIndexOf('/')) : '.';
  if (dir === (ctx.rootDir || '.')) return undefined;
  const variable = declaredVariable(ctx, site);
  const call = /^(.*\bmodule\.[^.[]+(?:\[[^\]]*\])?)\./.exec(id)?.[1]?.replace(/\[[^\]]*\]/g, '');
  if (!variable || !call) return undefined;
  return {
    description: `set ${variable} = ${literal} in this stack's ${call} block${note} (not the module's default in ${site.file}, which every caller of the module shares)`,
  };
}

/** The name of the `variable "x" {` block that holds a default line, searched upwards from it. */
function declaredVariable(ctx: Ctx, site: Site): string | undefined {
  for (let n = site.start; n >= 1 && n > site.start - 50; n--) {
    const text = ctx.lines.line(site.file, n);
    const match = text === undefined ? null : /^\s*variable\s+"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*\{/.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

function withSuggestion(ctx: Ctx, out: NonNullable<Component['fix']>, site: Site, name: string, literal: string): Component['fix'] {
  const line = ctx.lines.line(site.file, site.start);
  if (line === undefined) return out;
  const replaced = rewriteLine(line, name, literal, isJson(site.file));
  if (replaced === undefined || replaced === line) return out;
  out.suggestion = { file: site.file, startLine: site.start, endLine: site.start, replacement: replaced };
  return out;
}
