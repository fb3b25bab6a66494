/**
 * Robustness over real compose files: every file of ../shared/corpus/compose is planned into a compose
 * stack and extracted without an internal error, in bounded time, alone and as one repository; cut-off
 * copies of each file (malformed YAML) give diagnostics, never a crash. The counts are printed for the
 * issue's closing note.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/analysis/index.js';
import { compose } from '../../../src/formats/compose/index.js';
import { fileSetFromRecord, type Diagnostic } from '../../../src/model/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/compose');

function list(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) list(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** A diagnostic's category: its message without names, numbers and paths. */
function category(d: Diagnostic): string {
  return d.message
    .replace(/services\.[\w.-]+/g, 'services.<name>')
    .replace(/names [\w.-]+,/g, 'names <service>,')
    .replace(/\d+/g, 'N')
    .replace(/\$\{\w+\}/g, '${VAR}');
}

describe.skipIf(!existsSync(corpusDir))('compose corpus', () => {
  const record: Record<string, string> = {};
  for (const f of existsSync(corpusDir) ? list(corpusDir) : []) record[path.relative(corpusDir, f).split(path.sep).join('/')] = readFileSync(f, 'utf8');

  it('plans every file into a compose stack and reads the folder without an internal error, in bounded time', () => {
    const files = fileSetFromRecord(record);
    const t0 = performance.now();
    const inv = scan(files);
    const ms = performance.now() - t0;
    const read = new Set<string>();
    const paths = files.paths().filter((p) => compose.claims(p) || compose.sniff!(p, files.read(p)!));
    for (const s of compose.stacks(paths, files, {})) for (const f of s.files) read.add(f);
    expect(files.paths().filter((p) => !read.has(p))).toEqual([]);
    expect(inv.snapshot.diagnostics.filter((d) => /internal error/.test(d.message))).toEqual([]);
    expect(inv.snapshot.components.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(20_000);

    const withDiagnostics = new Set(inv.snapshot.diagnostics.map((d) => d.file));
    const categories = new Map<string, number>();
    for (const d of inv.snapshot.diagnostics) categories.set(category(d), (categories.get(category(d)) ?? 0) + 1);
    const byKind = new Map<string, number>();
    for (const s of inv.spofs) for (const k of s.kinds) byKind.set(k, (byKind.get(k) ?? 0) + 1);
    console.log(
      [
        `compose corpus: ${files.paths().length} files, ${inv.snapshot.components.length} components, ${inv.spofs.length} SPOFs ` +
          `(${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}), scanned in ${ms.toFixed(0)} ms`,
        `${withDiagnostics.size} files with diagnostics:`,
        ...[...categories].map(([c, n]) => `  ${n} x ${c}`),
      ].join('\n'),
    );
  }, 60_000);

  it('extracts each file alone, and cut-off copies of it, without throwing', () => {
    const t0 = performance.now();
    for (const [p, text] of Object.entries(record)) {
      for (const cut of [text, text.slice(0, Math.floor(text.length / 3)), text.slice(0, Math.floor((2 * text.length) / 3)), text.replace(/\n {2}/g, '\n ')]) {
        const files = fileSetFromRecord({ [p]: cut });
        for (const s of compose.stacks([p], files, {})) {
          const x = compose.extract(s, files, {});
          for (const d of x.diagnostics) expect(d.line, `${p}: ${d.message}`).toBeGreaterThanOrEqual(1);
          for (const c of x.components) expect(c.location.startLine).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(performance.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
