/**
 * For readers that load only what a change needs (the app): a changed CODEOWNERS changes who owns
 * files the change does not touch. Whether those files are infrastructure can take their content
 * (a Kubernetes manifest is known by what it says), so the files whose owners differ between base and
 * head are named to be loaded; the reader loads those some format may read.
 */
import { LastMatch } from '../../model/index.js';
import type { PartlyLoaded } from '../format.js';
import { parseCodeowners, type Rule } from './parse.js';

/** Past this many, none are named: the review then judges what the names alone tell. */
export const MAX_RELATED_OWNED = 2000;

export function relatedOwnedFiles(changed: readonly string[], snapshots: readonly PartlyLoaded[]): string[] {
  const used = snapshots.map((s) => s.stacks[0]?.id);
  if (!used.some((u) => u !== undefined && changed.includes(u))) return [];
  const sides = snapshots.map((s, i) => {
    const file = used[i];
    const text = file === undefined ? undefined : s.files.read(file);
    return new LastMatch(text === undefined ? [] : parseCodeowners(text, file!).rules);
  });
  const out = new Set<string>();
  for (const s of snapshots) {
    for (const path of s.files.paths()) {
      if (out.has(path) || s.files.read(path) !== undefined) continue;
      const owners = sides.map((rules) => ownersOf(rules, path));
      if (owners.some((o) => o !== owners[0])) out.add(path);
      if (out.size > MAX_RELATED_OWNED) return [];
    }
  }
  return [...out];
}

function ownersOf(rules: LastMatch<Rule>, path: string): string | undefined {
  return rules.of(path)?.ownersText;
}
