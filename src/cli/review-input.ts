import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/parse.js';
import { DEFAULT_CONFIG } from '../config/types.js';
import type { Config } from '../config/types.js';
import { fileSetFromMap } from '../model/index.js';
import type { Diagnostic, FileSet, ReadBudget, Review } from '../model/index.js';
import type { ReadResult } from './files.js';
import { terminalSafe } from '../report/text.js';
import { InputError } from './files.js';

/** Where the repo config lives, inside the head directory or the head ref's tree. */
export const CONFIG_PATHS = ['.github/spof-review.yml', '.github/spof-review.yaml'] as const;

/** Where the CLI writes warnings. */
export interface Warnings {
  stderr(text: string): void;
}

/** `--config FILE` (unreadable: exit 2), else the repo config in the head, else defaults. Errors become warnings. */
export async function loadConfig(explicit: string | undefined, head: FileSet, io: Warnings): Promise<Config> {
  let text: string | undefined;
  let file: string | undefined;
  if (explicit !== undefined) {
    try {
      text = await readFile(explicit, 'utf8');
      file = explicit;
    } catch (e) {
      throw new InputError(`cannot read config ${explicit}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  } else {
    for (const p of CONFIG_PATHS) {
      const t = head.read(p);
      if (t !== undefined) {
        text = t;
        file = p;
        break;
      }
    }
  }
  if (text === undefined || file === undefined) return structuredClone(DEFAULT_CONFIG);
  const { config, errors } = parseConfig(text, file);
  for (const e of errors) io.stderr(terminalSafe(`warning: ${e.file}:${e.line}: ${e.message}\n`));
  return config;
}

/** What the readers of both sides skipped, the base's marked as such. */
export function readerDiagnostics(base: readonly Diagnostic[], head: readonly Diagnostic[]): Diagnostic[] {
  return [...head, ...base.map((d) => ({ ...d, message: `${d.message} (base)` }))];
}


/** One review of two reads, with what the readers skipped (base skips marked) among its diagnostics. */
export function reviewReads(
  engine: typeof import('../analysis/index.js'),
  base: ReadResult,
  head: ReadResult,
  config: Config,
  repository?: string,
  within?: string,
): Review {
  return engine.review({
    base: base.files,
    head: head.files,
    config,
    diagnostics: readerDiagnostics(base.diagnostics, head.diagnostics),
    ...(repository !== undefined ? { repository } : {}),
    ...(within !== undefined ? { within } : {}),
  });
}

/**
 * A read past the review's budget is refused whole: no side keeps files (half a tree compared with a
 * whole one would report what is not there), only the budget's error diagnostic and the config.
 */
export function refuseOverBudget<T extends ReadResult>(budget: ReadBudget, read: T, keepConfig = false): T {
  const d = budget.diagnostic();
  if (d === undefined) return read;
  const kept = new Map<string, string>();
  if (keepConfig) {
    for (const p of CONFIG_PATHS) {
      const t = read.files.read(p);
      if (t !== undefined) kept.set(p, t);
    }
  }
  return { ...read, files: fileSetFromMap(kept), diagnostics: keepConfig ? [d] : [] };
}
