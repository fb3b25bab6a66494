/**
 * The committed bundle (action/dist/index.js, what action.yml runs) is exactly what the sources build
 * to: rebuilt into a temporary directory and compared byte for byte. It carries no absolute path and
 * none of what the action must not load (native modules, the store, Probot).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ROOT, buildAction } from '../../scripts/action/build.js';

describe('the action bundle', () => {
  it('is in sync with the sources (run `npm run build:action` after changing them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spof-action-build-'));
    try {
      const meta = await buildAction(join(dir, 'index.js'));
      const rebuilt = readFileSync(join(dir, 'index.js'));
      const committed = readFileSync(BUNDLE);
      expect(rebuilt.equals(committed), 'action/dist/index.js differs from a fresh build: run npm run build:action').toBe(true);
      expect(rebuilt.toString('utf8')).not.toContain(ROOT);
      expect(rebuilt.toString('utf8')).not.toContain(dir);
      const inputs = Object.keys(meta.inputs);
      expect(inputs.filter((p) => /node_modules\/(better-sqlite3|pg|kysely|probot|pino)\//.test(p) || /^src\/(store|dashboard)\//.test(p))).toEqual([]);
      expect(inputs.some((p) => p.startsWith('src/analysis/'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
