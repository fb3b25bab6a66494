/**
 * Every input a fuzz campaign ever broke the engine with, kept as it was found (shrunk): each
 * directory here is one case, its files the head of a review (or `base/` and `head/` when the change
 * matters). Each must keep the properties the fuzz targets check: no crash, bounded time, every
 * diagnostic and finding on a line of a real file. A case of a class another issue owns is skipped
 * with that name until it lands.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reviewHolds } from '../harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Why each case broke the engine (a case without an entry fails the suite: say what it was). */
const CASES: Record<string, { found: string; skip?: string }> = {
  'cloudformation-parameter-default-refers-to-itself': {
    found: 'a parameter default written as an intrinsic naming its own parameter (through another one) recursed until the stack overflowed',
  },
  'cloudformation-mapping-looks-itself-up': {
    found: 'Fn::FindInMap values that look the mapping up again, several times each, took exponential time (a cycle, and no memory of a lookup)',
  },
};

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(files, readTree(p, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(p, 'utf8');
  }
  return files;
}

const dirs = readdirSync(here).filter((name) => statSync(path.join(here, name)).isDirectory());

describe('fuzz regressions', () => {
  it('every case says what it found', () => {
    expect(dirs.filter((d) => !CASES[d])).toEqual([]);
    expect(Object.keys(CASES).filter((c) => !dirs.includes(c))).toEqual([]);
  });

  for (const name of dirs) {
    const c = CASES[name];
    const run = c?.skip ? it.skip : it;
    run(`${name}: ${c?.found ?? 'undocumented'}`, () => {
      const dir = path.join(here, name);
      const split = existsSync(path.join(dir, 'head'));
      const head = readTree(split ? path.join(dir, 'head') : dir);
      const base = split && existsSync(path.join(dir, 'base')) ? readTree(path.join(dir, 'base')) : {};
      reviewHolds(base, head);
    });
  }
});
