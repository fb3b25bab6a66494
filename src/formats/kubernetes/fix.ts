/**
 * One-edit fixes in YAML: rewrite the scalar on the line where the decisive value is written
 * (`replicas: 1` -> `replicas: 2`, a kustomization's `count:`, an autoscaler's `minReplicas:`), or,
 * when the field is absent, insert it under its parent block (`spec:`) at the block's indentation.
 */
import type { AttributeSite, Component } from '../../model/index.js';
import type { Judgement } from '../../catalog/entry.js';
import type { SourceLines } from '../shared/lines.js';
import type { K8sView } from './view.js';

/** A value as a YAML flow literal; undefined when it is not a simple one. */
export function yamlLiteral(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return /^[A-Za-z][\w.-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) {
    const parts = v.map(yamlLiteral);
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  return undefined;
}

const SCALAR_LINE = /^(\s*(?:-\s+)?["']?[A-Za-z0-9_.$/-]+["']?\s*:[ \t]*)("[^"]*"|'[^']*'|[^\s#{}[\],"'][^#{}[\],]*?)([ \t]*,?)([ \t]+#.*)?$/;

/** Rewrite the scalar value of a one-line `key: value` (YAML or JSON); undefined when the line is not that simple. */
export function rewriteScalar(line: string, literal: string): string | undefined {
  const m = SCALAR_LINE.exec(line);
  if (!m) return undefined;
  return `${m[1]}${literal}${m[3] ?? ''}${m[4] ?? ''}`;
}

export function describeFix(site: AttributeSite | undefined, fix: NonNullable<Judgement['fix']>, owner?: string, objectFile?: string): string {
  // A value written elsewhere (a kustomization's `replicas`, a patch) is fixed where it is written.
  const where = site && objectFile !== undefined && site.site.file !== objectFile ? ` (set at ${site.site.file}:${site.site.startLine})` : '';
  const attr = `${site?.attribute ?? fix.key}${owner ? ` of ${owner}` : ''}${where}`;
  const literal = yamlLiteral(fix.value) ?? JSON.stringify(fix.value);
  const verb = typeof fix.value === 'number' ? `set ${attr} to ${literal} or more` : `set ${attr} to ${literal}`;
  return fix.note ? `${verb} (${fix.note})` : verb;
}

/** The component's fix: a description, and a suggestion when the edit is one line. */
export function buildFix(view: K8sView, fix: NonNullable<Judgement['fix']>, lines: SourceLines, owner?: string): NonNullable<Component['fix']> {
  const site = view.site(fix.key);
  const out: NonNullable<Component['fix']> = { description: describeFix(site, fix, owner, owner ? undefined : view.obj.file) };
  const literal = yamlLiteral(fix.value);
  if (!site || literal === undefined || Array.isArray(fix.value)) return out;
  const { file, startLine, endLine } = site.site;
  const line = lines.line(file, startLine);
  if (line === undefined) return out;
  if (site.value !== undefined) {
    if (startLine !== endLine) return out;
    const replaced = rewriteScalar(line, literal);
    if (replaced !== undefined && replaced !== line) out.suggestion = { file, startLine, endLine, replacement: replaced };
    return out;
  }
  // Absent: insert under the parent block the site points at (`spec:`), at its children's indentation.
  if (/\.json$/i.test(file) || !/^\s*(-\s+)?["']?[\w./-]+["']?:\s*(#.*)?$/.test(line)) return out;
  const own = /^\s*(-\s+)?/.exec(line)![0].length;
  const next = lines.line(file, startLine + 1);
  const nextIndent = next !== undefined && next.trim() !== '' ? /^\s*/.exec(next)![0] : undefined;
  const indent = nextIndent !== undefined && nextIndent.length > own ? nextIndent : `${' '.repeat(own)}  `;
  const name = site.attribute.split('.').pop()!;
  out.suggestion = { file, startLine, endLine: startLine, replacement: `${line}\n${indent}${name}: ${literal}` };
  return out;
}
