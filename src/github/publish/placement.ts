/**
 * Where on the diff a finding is commented. Only head lines inside a hunk qualify; the best spot
 * is the suggestion's lines (a one-click fix), then a changed attribute that decided the finding
 * (evidence), then the component's own lines, preferring lines the change added.
 */
import type { Finding } from '../../model/index.js';
import { hunkCovering, type Hunk } from './hunks.js';

export interface Placement {
  path: string;
  /** The (last) head line commented. */
  line: number;
  /** First line of a multi-line comment. */
  startLine?: number;
  /** Replacement text for a ```suggestion block covering startLine..line. */
  suggestion?: string;
}

/** Whether a finding describes something in the head (a removed component's location is in the base). */
export function inHead(f: Finding): boolean {
  return !(f.kind === 'resolved-spof' && f.redundancy.after === null);
}

export function placeFinding(f: Finding, hunks: ReadonlyMap<string, readonly Hunk[]>, suggestions: boolean): Placement | undefined {
  if (f.kind === 'resolved-spof') return undefined; // good news goes to the summary only
  const s = f.suggestion;
  if (suggestions && s) {
    const fileHunks = hunks.get(s.file);
    if (fileHunks && hunkCovering(fileHunks, s.startLine, s.endLine)) {
      return s.startLine === s.endLine
        ? { path: s.file, line: s.startLine, suggestion: s.replacement }
        : { path: s.file, startLine: s.startLine, line: s.endLine, suggestion: s.replacement };
    }
  }
  const candidates: { path: string; line: number; added: boolean }[] = [];
  for (const e of f.evidence) {
    const h = hunks.get(e.file) && hunkCovering(hunks.get(e.file)!, e.line, e.line);
    if (h) candidates.push({ path: e.file, line: e.line, added: h.added.has(e.line) });
  }
  if (candidates.length === 0) {
    const fileHunks = hunks.get(f.location.file) ?? [];
    for (let l = f.location.startLine; l <= f.location.endLine; l++) {
      const h = hunkCovering(fileHunks, l, l);
      if (h) candidates.push({ path: f.location.file, line: l, added: h.added.has(l) });
    }
  }
  const best = candidates.find((c) => c.added) ?? candidates[0];
  return best ? { path: best.path, line: best.line } : undefined;
}
