import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CORE = ['model', 'formats', 'catalog', 'analysis', 'report', 'config'];
/** What the pure core may never import: I/O, processes, network, GitHub, databases. */
const FORBIDDEN = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|tls|worker_threads|cluster)$|^(probot|octokit|@octokit\/.*|better-sqlite3|kysely|pg|nock|undici|express)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

describe('layering', () => {
  it('keeps the core pure: no I/O, GitHub or database imports, and no imports from adapters', () => {
    const violations: string[] = [];
    for (const layer of CORE) {
      for (const file of files(join(ROOT, 'src', layer))) {
        for (const spec of imports(readFileSync(file, 'utf8'))) {
          const rel = relative(ROOT, file);
          if (FORBIDDEN.test(spec)) violations.push(`${rel} imports ${spec}`);
          if (/\.\.\/(cli|github|store|dashboard)\//.test(spec)) violations.push(`${rel} imports adapter ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('sees imports of every form (the check itself can fail)', () => {
    expect(imports("import { x } from 'node:fs';\nexport * from \"./a.js\";\nconst m = await import('probot');")).toEqual(['node:fs', './a.js', 'probot']);
    expect(FORBIDDEN.test('node:fs')).toBe(true);
    expect(FORBIDDEN.test('@octokit/rest')).toBe(true);
    expect(FORBIDDEN.test('yaml')).toBe(false);
  });
});
