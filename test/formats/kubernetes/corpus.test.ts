/**
 * Robustness over real manifests: every top-level folder of ../shared/corpus/kubernetes is scanned
 * the way `spof-review scan` does it (read the directory, plan, extract, analyse). Nothing may
 * crash (an internal error is a diagnostic the engine adds when a format throws) or take long, and
 * every diagnostic must point at a file of the folder and a real line.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/analysis/index.js';
import { readDirectory } from '../../../src/cli/files.js';
import { parseDocuments } from '../../../src/formats/kubernetes/documents.js';
import { objectsOf } from '../../../src/formats/kubernetes/objects.js';
import type { Diagnostic } from '../../../src/model/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/kubernetes');
const folders = existsSync(corpusDir) ? readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

describe.skipIf(!folders.length)('kubernetes corpus', () => {
  for (const folder of folders) {
    it(`scans ${folder}`, async () => {
      const { files } = await readDirectory(path.join(corpusDir, folder));
      const started = performance.now();
      const inventory = scan(files);
      const ms = performance.now() - started;
      const snap = inventory.snapshot;
      expect(snap.diagnostics.filter((d) => /internal error/.test(d.message))).toEqual([]);
      for (const d of snap.diagnostics) {
        const text = files.read(d.file);
        expect(text, `${d.file}: ${d.message}`).toBeDefined();
        expect(d.line, `${d.file}: ${d.message}`).toBeGreaterThanOrEqual(1);
        expect(d.line, `${d.file}: ${d.message}`).toBeLessThanOrEqual(text!.split('\n').length);
      }
      for (const c of snap.components.filter((x) => x.format === 'kubernetes')) {
        const text = files.read(c.location.file);
        expect(text, c.id).toBeDefined();
        expect(c.location.startLine, c.id).toBeLessThanOrEqual(text!.split('\n').length);
        for (const a of Object.values(c.attributes)) expect(files.read(a.site.file), `${c.id} ${a.attribute}`).toBeDefined();
      }
      expect(snap.components.some((c) => c.format === 'kubernetes')).toBe(true);
      // Seconds on a loaded CI box; a hang or a quadratic blow-up would be far beyond this.
      expect(ms).toBeLessThan(30_000);
      // Files no stack reads (kustomize components nobody includes, manifests a kustomization leaves
      // out) are still parsed here, one by one: none may throw or take long.
      for (const p of files.paths()) {
        const t = performance.now();
        const parsed = parseDocuments(p, files.read(p)!);
        const diags: Diagnostic[] = [];
        objectsOf(p, parsed.docs, diags);
        expect(performance.now() - t, p).toBeLessThan(5_000);
      }
    });
  }
});
