/**
 * What every fuzz target shares: the campaign's size and seed, the real snippets mutations start
 * from, the mutations themselves, and the properties a review of any input must keep (no throw
 * escapes, bounded time, every diagnostic and finding on a file and a line >= 1).
 *
 * The normal suite runs a short campaign with a fixed seed, so it is deterministic; `npm run fuzz`
 * runs a long one with a printed seed (FUZZ_RUNS, FUZZ_SEED). fast-check prints the seed and the
 * shrunk counterexample of a failure; replay it with `FUZZ_SEED=<seed> npx vitest run test/fuzz/<target>`.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import { review, withDefaults } from '../../src/analysis/index.js';
import { formatOptions, planStacks } from '../../src/analysis/stacks.js';
import type { Config } from '../../src/config/types.js';
import { fileSetFromRecord, type Diagnostic, type Review } from '../../src/model/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/** Inputs per property: small in the normal suite, thousands in `npm run fuzz`. */
export const FUZZ_RUNS = positive(process.env.FUZZ_RUNS) ?? 12;
/** Fixed in the normal suite so it cannot flake; the long campaign picks and prints one. */
export const FUZZ_SEED = integer(process.env.FUZZ_SEED) ?? 46;
/**
 * Wall-clock ceiling for one input. Generous on purpose (a shared 2-core machine runs the suite):
 * it catches work that explodes with the input (exponential or unbounded), not slowness.
 */
export const TIME_LIMIT_MS = positive(process.env.FUZZ_TIME_MS) ?? 8000;

function positive(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function integer(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) ? n : undefined;
}

/** fast-check parameters of one property; `share` scales the runs of a costly property down. */
export function campaign(share = 1): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)), seed: FUZZ_SEED };
}

/** A vitest timeout that grows with the campaign. */
export function timeout(share = 1): number {
  return Math.max(60_000, Math.round(FUZZ_RUNS * share) * TIME_LIMIT_MS);
}

// ---------------------------------------------------------------- seeds

/** A few real files that form one reviewable unit (a fixture case's side, or one corpus file). */
export interface Seed {
  name: string;
  files: Record<string, string>;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function readDir(dir: string, maxBytes: number): Record<string, string> | undefined {
  const files: Record<string, string> = {};
  let total = 0;
  for (const p of walk(dir)) {
    const text = readFileSync(p, 'utf8');
    total += text.length;
    if (total > maxBytes) return undefined;
    files[path.relative(dir, p).split(path.sep).join('/')] = text;
  }
  return Object.keys(files).length ? files : undefined;
}

/** Both sides of every golden case of a format under fixtures/. */
export function fixtureSeeds(format: string, maxBytes = 24_000): Seed[] {
  const root = path.join(repoRoot, 'fixtures', format);
  const seeds: Seed[] = [];
  for (const name of readdirSync(root).sort()) {
    for (const side of ['base', 'head']) {
      const dir = path.join(root, name, side);
      if (!existsSync(dir)) continue;
      const files = readDir(dir, maxBytes);
      if (files) seeds.push({ name: `fixtures/${format}/${name}/${side}`, files });
    }
  }
  return seeds;
}

/**
 * Files of ../shared/corpus/<format> (read where they are, never copied in), each alone under its
 * own name; empty when the corpus is absent. `keep` filters by corpus-relative path.
 */
export function corpusSeeds(format: string, keep: (rel: string) => boolean = () => true, maxBytes = 16_000): Seed[] {
  const root = path.join(corpusRoot, format);
  if (!existsSync(root)) return [];
  const seeds: Seed[] = [];
  for (const p of walk(root)) {
    const rel = path.relative(root, p).split(path.sep).join('/');
    if (!keep(rel) || statSync(p).size > maxBytes) continue;
    seeds.push({ name: `corpus/${format}/${rel}`, files: { [path.basename(p)]: readFileSync(p, 'utf8') } });
  }
  return seeds;
}

// ---------------------------------------------------------------- mutations

/**
 * One edit of a text. Positions are fractions of the text (or of its lines), so a mutation stays
 * meaningful whatever text it lands on, and fast-check can shrink it.
 */
export type Mutation =
  | { op: 'insert'; at: number; token: string }
  | { op: 'replaceWord'; at: number; word: string }
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLines'; at: number; count: number; to: number }
  | { op: 'swapLines'; at: number; to: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'truncate'; at: number }
  | { op: 'deleteChars'; at: number; count: number }
  | { op: 'nest'; at: number; open: string; close: string; depth: number };

const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/**
 * Mutations for a format: `tokens` are its syntax (brackets, operators, keywords, intrinsics),
 * `words` what may replace an identifier or a value, `nesting` the pairs that open a deeper level.
 */
export function mutationArb(tokens: readonly string[], words: readonly string[], nesting: readonly (readonly [string, string])[]): fc.Arbitrary<Mutation> {
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...tokens) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme-ascii' }) },
    { weight: 1, arbitrary: fc.constantFrom('\n', '\t', '\r\n', '\u00a0', '\u{1F600}', '\\', '"', "'", '#') },
  );
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e309', '99999999999999999999', '0.5', 'NaN', '""', 'null', 'true', '[]', '{}') },
  );
  const pair = fc.constantFrom(...nesting);
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: frac, token }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('replaceWord' as const), at: frac, word }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), at: frac, count: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLines' as const), at: frac, count: fc.integer({ min: 1, max: 6 }), to: frac }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), at: frac, to: frac }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), at: frac, by: fc.integer({ min: -4, max: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: frac }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteChars' as const), at: frac, count: fc.integer({ min: 1, max: 3 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('nest' as const), at: frac, pair, depth: fc.integer({ min: 1, max: 300 }) }).map(({ at, pair: [open, close], depth }) => ({
        op: 'nest' as const,
        at,
        open,
        close,
        depth,
      })),
    },
  );
}

const WORD = /[A-Za-z_0-9.:-]+/g;

export function mutate(text: string, m: Mutation): string {
  const pos = (f: number) => Math.floor(f * (text.length + 1));
  const lines = text.split('\n');
  const line = (f: number) => Math.floor(f * lines.length);
  switch (m.op) {
    case 'insert': {
      const at = pos(m.at);
      return text.slice(0, at) + m.token + text.slice(at);
    }
    case 'replaceWord': {
      const words = [...text.matchAll(WORD)];
      if (!words.length) return text + m.word;
      const w = words[Math.floor(m.at * words.length)]!;
      return text.slice(0, w.index) + m.word + text.slice(w.index + w[0].length);
    }
    case 'deleteLines': {
      const at = line(m.at);
      lines.splice(at, m.count);
      return lines.join('\n');
    }
    case 'duplicateLines': {
      const at = line(m.at);
      const chunk = lines.slice(at, at + m.count);
      lines.splice(line(m.to), 0, ...chunk);
      return lines.join('\n');
    }
    case 'swapLines': {
      const a = line(m.at);
      const b = line(m.to);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const at = line(m.at);
      const l = lines[at]!;
      lines[at] = m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'deleteChars': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.count);
    }
    case 'nest': {
      // Wrap the word at the position (a value, usually) in `depth` levels.
      const words = [...text.matchAll(WORD)];
      if (!words.length) return m.open.repeat(m.depth) + text + m.close.repeat(m.depth);
      const w = words[Math.floor(m.at * words.length)]!;
      return text.slice(0, w.index) + m.open.repeat(m.depth) + w[0] + m.close.repeat(m.depth) + text.slice(w.index + w[0].length);
    }
  }
}

/** The words of the seeds' texts, to swap one identifier for another (a reference to itself, a cycle). */
export function wordsOf(seeds: readonly Seed[], limit = 400): string[] {
  const words = new Set<string>();
  for (const s of seeds) {
    for (const text of Object.values(s.files)) {
      for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_.-]{1,40}/g)) {
        words.add(m[0]);
        if (words.size >= limit) return [...words];
      }
    }
  }
  return [...words];
}

/** A seed with one or more of its files mutated. */
export interface Mutated {
  seed: Seed;
  files: Record<string, string>;
}

export function mutatedSeedArb(seeds: readonly Seed[], mutation: fc.Arbitrary<Mutation>, maxMutations = 4): fc.Arbitrary<Mutated> {
  if (!seeds.length) throw new Error('no seeds');
  return fc
    .record({
      seed: fc.constantFrom(...seeds),
      edits: fc.array(fc.record({ file: frac, mutation }), { minLength: 1, maxLength: maxMutations }),
    })
    .map(({ seed, edits }) => {
      const files = { ...seed.files };
      const paths = Object.keys(files);
      for (const { file, mutation: m } of edits) {
        const p = paths[Math.floor(file * paths.length)]!;
        files[p] = mutate(files[p]!, m);
      }
      return { seed, files };
    });
}

// ---------------------------------------------------------------- properties

/** The lines of a text as a reader counts them (a last line without a newline counts). */
function lineCount(text: string): number {
  return text.split('\n').length;
}

/** `file:line` must be a line of that file on one of the sides (a finding's evidence cites base and head). */
function checkPlace(what: string, sides: readonly Record<string, string>[], file: unknown, line: unknown): void {
  expect(typeof file === 'string' && file.length > 0, `${what} without a file`).toBe(true);
  expect(Number.isInteger(line) && (line as number) >= 1, `${what} on line ${String(line)} of ${String(file)}`).toBe(true);
  const texts = sides.flatMap((files) => (files[file as string] === undefined ? [] : [files[file as string]!]));
  // A directory or a stack name (a kustomize base that is missing) has no lines to check.
  if (!texts.length) return;
  const most = Math.max(...texts.map(lineCount));
  expect(line as number, `${what} beyond the end of ${String(file)}`).toBeLessThanOrEqual(most);
}

export function checkDiagnostics(diagnostics: readonly Diagnostic[], files: Record<string, string>): void {
  for (const d of diagnostics) {
    checkPlace(`diagnostic "${d.message}"`, [files], d.file, d.line);
    expect(d.message, 'an internal error (a crash caught by the engine)').not.toMatch(/^internal error/);
  }
}

/**
 * Reviews `head` against `base` and checks what any review must keep: it returns within the time
 * limit, nothing throws, no format crashed (a crash is caught as an "internal error" diagnostic,
 * rethrown here with its stack), and every diagnostic and finding sits on a line of a real file.
 */
export function reviewHolds(base: Record<string, string>, head: Record<string, string>, config?: Partial<Config>): Review {
  const started = performance.now();
  const r = review({ base: fileSetFromRecord(base), head: fileSetFromRecord(head), config });
  const elapsed = performance.now() - started;
  // FUZZ_PROFILE=1 prints the slow inputs, to tell a blow-up from a large but legitimate graph.
  if (process.env.FUZZ_PROFILE && elapsed > 500) console.log(`slow input: ${Math.round(elapsed)} ms`, JSON.stringify(head));
  if (r.diagnostics.some((d) => d.message.startsWith('internal error'))) rethrowCrash(head, config);
  checkDiagnostics(r.diagnostics, head);
  for (const f of r.findings) {
    // A removed component's finding points into the base, every other one into the head.
    checkPlace(`finding ${f.kind} ${f.component.id}`, f.kind === 'resolved-spof' ? [base, head] : [head], f.location.file, f.location.startLine);
    expect(f.location.endLine).toBeGreaterThanOrEqual(f.location.startLine);
    for (const e of f.evidence) checkPlace(`evidence of ${f.component.id}`, [base, head], e.file, e.line);
  }
  expect(elapsed, `one input took ${Math.round(elapsed)} ms`).toBeLessThan(TIME_LIMIT_MS);
  return r;
}

/** Extracts again without the engine's guard, so a format's crash fails the property with its own stack. */
function rethrowCrash(files: Record<string, string>, config?: Partial<Config>): void {
  const cfg = withDefaults(config);
  const set = fileSetFromRecord(files);
  for (const planned of planStacks(set, cfg)) planned.plugin.extract(planned.stack, set, formatOptions(cfg));
  throw new Error('a format crashed (internal error diagnostic) but did not crash again when extracted alone');
}
