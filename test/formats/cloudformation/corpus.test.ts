/**
 * Robustness over real templates: every file of ../shared/corpus/cloudformation (read-only, outside the
 * repo) is claimed or sniffed, parsed and extracted without a crash and in bounded time; the whole
 * folder is then scanned by the engine. Diagnostics are grouped by category so a new kind shows up.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/analysis/review.js';
import { readDirectory } from '../../../src/cli/files.js';
import { cloudformation } from '../../../src/formats/cloudformation/index.js';
import type { Diagnostic } from '../../../src/model/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/cloudformation');

/** What a diagnostic is about, for counting: its message with names and lines taken out. */
function category(d: Diagnostic): string {
  const m = d.message;
  if (m.startsWith('Unresolved tag')) return 'tag that is not an intrinsic function (rain tool tags)';
  if (m.includes('is a Rain module')) return 'Rain module resource (expanded by the rain CLI)';
  if (m.includes('which is neither a parameter nor a resource')) return 'reference to a name the template does not declare';
  if (m.startsWith('zones of')) return 'zones unresolved (subnets from parameters or imports)';
  if (m.includes('could not be evaluated')) return 'decisive value unknown (parameter without default, deploy-time value)';
  if (m.includes('has no Type')) return 'resource without Type';
  return m.replace(/\b[A-Z][A-Za-z0-9:]+\b/g, 'X').slice(0, 60);
}

describe.skipIf(!existsSync(corpusDir))('cloudformation corpus', () => {
  it('reads every file without a crash, in bounded time, and scans the folder', async () => {
    const { files } = await readDirectory(corpusDir);
    const paths = files.paths();
    expect(paths.length).toBeGreaterThan(300);
    const categories = new Map<string, Set<string>>();
    let slowest = { file: '', ms: 0 };
    let components = 0;
    const withDiagnostics = new Set<string>();
    for (const p of paths) {
      const text = files.read(p)!;
      // Every corpus file is a template: the plugin must pick it up by name or content.
      expect(cloudformation.claims(p) || cloudformation.sniff!(p, text), p).toBe(true);
      const started = performance.now();
      for (const stack of cloudformation.stacks([p], files, {})) {
        const x = cloudformation.extract(stack, files, {});
        components += x.components.length;
        for (const d of x.diagnostics) {
          expect(d.severity, `${p}:${d.line} ${d.message}`).toBe('warning');
          expect(d.message, p).not.toContain('internal error');
          withDiagnostics.add(p);
          const c = category(d);
          if (!categories.has(c)) categories.set(c, new Set());
          categories.get(c)!.add(p);
        }
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { file: p, ms };
    }
    expect(slowest.ms, slowest.file).toBeLessThan(5_000);
    expect(components).toBeGreaterThan(2000);

    const started = performance.now();
    const inventory = scan(files);
    const scanMs = performance.now() - started;
    expect(scanMs).toBeLessThan(30_000);
    expect(inventory.snapshot.components.length).toBe(components);

    const summary = [...categories].map(([c, fs]) => `  ${fs.size} files: ${c}`).join('\n');
    console.log(
      `cloudformation corpus: ${paths.length} files, ${components} components, ${inventory.spofs.length} SPOFs, ` +
        `${withDiagnostics.size} files with diagnostics, scan ${Math.round(scanMs)} ms, slowest file ${Math.round(slowest.ms)} ms\n${summary}`,
    );
    // Every category is one we know and explain; a new one means a new kind of input to look at.
    for (const c of categories.keys()) {
      expect([
        'tag that is not an intrinsic function (rain tool tags)',
        'Rain module resource (expanded by the rain CLI)',
        'reference to a name the template does not declare',
        'zones unresolved (subnets from parameters or imports)',
        'decisive value unknown (parameter without default, deploy-time value)',
      ]).toContain(c);
    }
  });
});
