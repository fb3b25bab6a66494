import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { readDirectory } from '../../src/cli/files.js';
import { parseConfig } from '../../src/config/parse.js';
import { project, type GoldenView } from './project.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const FORMATS = ['terraform', 'kubernetes', 'compose', 'cloudformation', 'codeowners', 'mixed'];
/** `UPDATE_GOLDEN=1` rewrites expected.json from the engine's output, for authoring; review every diff it makes. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Expected extends GoldenView {
  description: string;
}

function cases(format: string): string[] {
  const dir = join(FIXTURES, format);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort();
}

for (const format of FORMATS) {
  const names = cases(format);
  describe.skipIf(!names.length)(`golden ${format}`, () => {
    for (const name of names) {
      it(name, async () => {
        const dir = join(FIXTURES, format, name);
        const expectedPath = join(dir, 'expected.json');
        const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
        const configPath = join(dir, 'config.yml');
        const config = existsSync(configPath) ? parseConfig(readFileSync(configPath, 'utf8'), 'config.yml').config : undefined;
        const [base, head] = await Promise.all([readDirectory(join(dir, 'base')), readDirectory(join(dir, 'head'))]);
        const actual = project(review({ base: base.files, head: head.files, ...(config ? { config } : {}) }));
        if (UPDATE) {
          writeFileSync(expectedPath, `${JSON.stringify({ description: expected.description, ...actual }, null, 2)}\n`);
          return;
        }
        expect(expected.description, 'every case says what it checks').toMatch(/\w{10,}/);
        expect(actual).toEqual({ conclusion: expected.conclusion, findings: expected.findings, diagnostics: expected.diagnostics });
      });
    }
  });
}
