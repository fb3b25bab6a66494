import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

/**
 * The layers, bottom to top, and what each may import (DESIGN.md "Layers and the dependency rule"):
 * model <- catalog <- formats <- config <- analysis <- report <- adapters. Adapters import no other
 * adapter, except that the GitHub App composes its own store, the CLI's `log --record` writes into
 * that store, and the GitHub Action composes the CLI's git reader and the app's publishing (no store). A layer not listed may import nothing.
 */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  catalog: ['model'],
  formats: ['model', 'catalog'],
  config: ['model', 'formats'],
  analysis: ['model', 'catalog', 'formats', 'config'],
  report: ['model', 'catalog', 'config', 'analysis'],
  // `log --record` writes replayed inventories into the app's store, loaded only then (DESIGN 56).
  cli: ['model', 'formats', 'config', 'analysis', 'report', 'store'],
  store: ['model', 'config', 'analysis', 'report'],
  // The app's HTTP server serves the dashboard beside the webhook (DESIGN 55).
  github: ['model', 'formats', 'config', 'analysis', 'report', 'store', 'dashboard'],
  dashboard: ['model', 'config', 'analysis', 'report', 'store'],
  // The GitHub Action composes the CLI's git reading and the app's planner and publishing; it has no store.
  action: ['model', 'formats', 'config', 'analysis', 'report', 'cli', 'github'],
};

/**
 * Type-only imports allowed against the order: a format declares its own section of the config
 * (`declare module '../../config/types.js'`) and parses it with the config's Checker.
 */
const TYPE_ONLY_UPWARDS: Record<string, readonly string[]> = { formats: ['config'] };

const CORE = ['model', 'catalog', 'formats', 'config', 'analysis', 'report'];
/** What the pure core may never import: I/O, processes, network, GitHub, databases. */
const FORBIDDEN = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|tls|worker_threads|cluster)$|^(probot|octokit|@octokit\/.*|better-sqlite3|kysely|pg|nock|undici|express)$/;

interface Import {
  spec: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(text: string): Import[] {
  const out: Import[] = [];
  const forms = /(import|export)(\s+type)?\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]|declare module\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(forms)) {
    const spec = (m[3] ?? m[4] ?? m[5] ?? m[6])!;
    out.push({ spec, typeOnly: m[2] !== undefined || m[6] !== undefined });
  }
  return out;
}

/** `src/<layer>/...` -> layer; the format folder too for `src/formats/<x>/...`. */
function placeOf(path: string): { layer: string; format?: string } | undefined {
  const parts = relative(SRC, path).split(/[\\/]/);
  if (parts[0] === '..' || parts.length < 2) return undefined;
  return { layer: parts[0]!, ...(parts[0] === 'formats' && parts.length > 2 ? { format: parts[1] } : {}) };
}

/** Every wrong arrow in the tree, as `file imports spec (why)`. */
function violations(sources: readonly { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const from = placeOf(file);
    if (!from) continue;
    for (const { spec, typeOnly } of imports(text)) {
      const rel = relative(ROOT, file);
      if (CORE.includes(from.layer) && FORBIDDEN.test(spec)) found.push(`${rel} imports ${spec} (the core does no I/O)`);
      if (!spec.startsWith('.')) continue;
      const target = placeOf(resolve(dirname(file), spec));
      if (!target || target.layer === from.layer) {
        // Inside formats: a format folder reaches another only through shared/ or the registry.
        if (target?.format && from.format && target.format !== from.format && target.format !== 'shared') {
          found.push(`${rel} imports ${spec} (format ${from.format} reaches into format ${target.format})`);
        }
        continue;
      }
      const allowed = ALLOWED[from.layer] ?? [];
      const upwardsType = typeOnly && (TYPE_ONLY_UPWARDS[from.layer] ?? []).includes(target.layer);
      if (!allowed.includes(target.layer) && !upwardsType) {
        found.push(`${rel} imports ${spec} (${from.layer} may not import ${target.layer})`);
      }
      // From outside formats, only the registry: formats/index.ts (and the types it re-exports).
      if (target.layer === 'formats' && from.layer !== 'formats' && relative(join(SRC, 'formats'), resolve(dirname(file), spec)) !== 'index.js') {
        found.push(`${rel} imports ${spec} (outside src/formats, only src/formats/index.ts)`);
      }
    }
  }
  return found;
}

const tree = () => files(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('layering', () => {
  it('every import follows the layer table; the core is pure; formats are reached through the registry', () => {
    expect(violations(tree())).toEqual([]);
  });

  it('names the offending import of a planted wrong arrow (the check itself can fail)', () => {
    const plant = (file: string, text: string) => violations([{ file: join(SRC, file), text }]);
    expect(plant('model/x.ts', "import { entryFor } from '../catalog/lookup.js';")).toEqual([
      'src/model/x.ts imports ../catalog/lookup.js (model may not import catalog)',
    ]);
    expect(plant('analysis/x.ts', "import { renderText } from '../report/text.js';")).toEqual([
      'src/analysis/x.ts imports ../report/text.js (analysis may not import report)',
    ]);
    expect(plant('github/x.ts', "import { readDirectory } from '../cli/files.js';")).toEqual(['src/github/x.ts imports ../cli/files.js (github may not import cli)']);
    expect(plant('github/fetch/x.ts', "import { dirOf } from '../../formats/terraform/files.js';")).toEqual([
      'src/github/fetch/x.ts imports ../../formats/terraform/files.js (outside src/formats, only src/formats/index.ts)',
    ]);
    expect(plant('formats/compose/x.ts', "import { parseHcl } from '../terraform/hcl/parse.js';")).toEqual([
      'src/formats/compose/x.ts imports ../terraform/hcl/parse.js (format compose reaches into format terraform)',
    ]);
    expect(plant('catalog/x.ts', "import { readFileSync } from 'node:fs';")).toEqual(['src/catalog/x.ts imports node:fs (the core does no I/O)']);
    expect(plant('formats/format.ts', "import { parseConfig } from '../config/parse.js';")).toEqual([
      'src/formats/format.ts imports ../config/parse.js (formats may not import config)',
    ]);
    expect(plant('action/x.ts', "import { openStore } from '../store/open.js';")).toEqual(['src/action/x.ts imports ../store/open.js (action may not import store)']);
    // Allowed: the registry from an adapter, config types from a format, the shared folder from a format.
    expect(plant('cli/x.ts', "import { FORMATS } from '../formats/index.js';")).toEqual([]);
    expect(plant('formats/format.ts', "import type { Checker } from '../config/parse.js';")).toEqual([]);
    expect(plant('formats/compose/x.ts', "import { SourceLines } from '../shared/lines.js';")).toEqual([]);
  });

  it('sees imports of every form', () => {
    expect(imports("import { x } from 'node:fs';\nexport * from \"./a.js\";\nconst m = await import('probot');\nimport type { T } from './t.js';\ndeclare module '../c.js' {}").map((i) => [i.spec, i.typeOnly])).toEqual([
      ['node:fs', false],
      ['./a.js', false],
      ['probot', false],
      ['./t.js', true],
      ['../c.js', true],
    ]);
  });
});
